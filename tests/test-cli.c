/* test-cli.c — the real bilten-boxoffice-cli binary on real database files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bo-test-util.h"

#include <errno.h>
#include <json-glib/json-glib.h>
#include <stdarg.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "domain/bo-demo.h"
#include "domain/bo-time.h"

typedef struct {
  char *dir;
  char *db;
} CliFixture;

/* What one run of the CLI gave. */
typedef struct {
  int       status;
  char     *out;
  char     *err;
  JsonNode *json; /* stdout parsed on success, stderr parsed on failure (with --json) */
} CliResult;

static void
cli_result_free (CliResult *result)
{
  g_free (result->out);
  g_free (result->err);
  g_clear_pointer (&result->json, json_node_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliResult, cli_result_free)

static void
fixture_setup (CliFixture   *fx,
               gconstpointer data)
{
  fx->dir = bo_test_make_tmpdir ();
  fx->db = g_build_filename (fx->dir, "boxoffice.db", NULL);
}

static void
fixture_teardown (CliFixture   *fx,
                  gconstpointer data)
{
  bo_test_rm_rf (fx->dir);
  g_free (fx->dir);
  g_free (fx->db);
}

/* Parses @text as exactly one JSON object on one line. */
static JsonNode *
parse_one_object (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *trimmed = g_strdup (text);
  JsonNode *node;

  g_strstrip (trimmed);
  g_assert_null (strchr (trimmed, '\n'));
  node = json_from_string (trimmed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return node;
}

/* Runs the CLI with "--db DB [--json]" then the NULL-terminated arguments. */
static CliResult *
run_va (CliFixture *fx,
        gboolean    json,
        const char *first,
        va_list     args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  CliResult *result = g_new0 (CliResult, 1);

  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, fx->db);
  if (json)
    g_ptr_array_add (argv, (gpointer) "--json");
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);

  result->status = bo_test_run_cli ((const char * const *) argv->pdata, &result->out,
                                    &result->err);
  if (json)
    {
      if (result->status == 0)
        {
          g_assert_cmpstr (result->err, ==, "");
          result->json = parse_one_object (result->out);
        }
      else
        {
          /* Errors never leave half a result on stdout. */
          g_assert_cmpstr (result->out, ==, "");
          result->json = parse_one_object (result->err);
          g_assert_true (json_object_has_member (json_node_get_object (result->json), "error"));
        }
    }
  return result;
}

static CliResult *
run_json (CliFixture *fx,
          const char *first,
          ...)
{
  va_list args;
  CliResult *result;

  va_start (args, first);
  result = run_va (fx, TRUE, first, args);
  va_end (args);
  return result;
}

static CliResult *
run_text (CliFixture *fx,
          const char *first,
          ...)
{
  va_list args;
  CliResult *result;

  va_start (args, first);
  result = run_va (fx, FALSE, first, args);
  va_end (args);
  return result;
}

static JsonObject *
obj (CliResult *result)
{
  return json_node_get_object (result->json);
}

static void
assert_ok (CliResult *result)
{
  if (result->status != 0)
    g_error ("CLI failed with %d: %s", result->status, result->err);
}

static void
assert_error (CliResult  *result,
              int         status,
              const char *code)
{
  JsonObject *error;

  g_assert_cmpint (result->status, ==, status);
  error = json_object_get_object_member (obj (result), "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  g_assert_cmpstr (json_object_get_string_member (error, "message"), !=, "");
}

/* Ticket type @id from an `events` result. */
static JsonObject *
find_type (JsonObject *events_result,
           gint64      id,
           gint64     *out_event_id)
{
  JsonArray *events = json_object_get_array_member (events_result, "events");

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      JsonArray *types = json_object_get_array_member (event, "ticket_types");

      for (guint j = 0; j < json_array_get_length (types); j++)
        {
          JsonObject *type = json_array_get_object_element (types, j);

          if (json_object_get_int_member (type, "id") == id)
            {
              if (out_event_id != NULL)
                *out_event_id = json_object_get_int_member (event, "id");
              return type;
            }
        }
    }
  g_error ("ticket type %" G_GINT64_FORMAT " not in events", id);
  return NULL;
}

static gint64
type_sold (CliFixture *fx,
           gint64      type_id)
{
  g_autoptr (CliResult) events = run_json (fx, "events", NULL);

  assert_ok (events);
  return json_object_get_int_member (find_type (obj (events), type_id, NULL), "sold");
}

static gint64
unit_price (JsonObject *type)
{
  return json_object_get_int_member (type, "price") + json_object_get_int_member (type, "fee");
}

/* A demo store with an open shift (float @float_amount) by the cashier. */
static void
setup_demo_shift (CliFixture *fx,
                  const char *float_amount)
{
  g_autoptr (CliResult) demo = run_json (fx, "demo", NULL);
  g_autoptr (CliResult) open = NULL;

  assert_ok (demo);
  open = run_json (fx, "shift", "open", "--pin", BO_DEMO_CASHIER_PIN, "--float", float_amount,
                   NULL);
  assert_ok (open);
  g_assert_true (json_object_get_boolean_member (obj (open), "open"));
}

static BoStore *
open_store (CliFixture *fx)
{
  g_autoptr (GError) error = NULL;
  BoStore *store = bo_store_open (fx->db, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
payments_sum (JsonObject *order)
{
  JsonArray *payments = json_object_get_array_member (order, "payments");
  gint64 sum = 0;

  for (guint i = 0; i < json_array_get_length (payments); i++)
    sum += json_object_get_int_member (json_array_get_object_element (payments, i), "amount");
  return sum;
}

static void
test_usage (CliFixture   *fx,
            gconstpointer data)
{
  g_autoptr (CliResult) r = NULL;
  const char *argv_help[] = { "--help", NULL };
  const char *argv_version[] = { "--version", NULL };
  const char *argv_none[] = { NULL };
  const char *bad_tickets[] = { "11", "11:", ":2", "11:0", "11:x", "x:1", "11:2:3", "11:-1",
                                "11:501", "11: 1" };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = bo_test_run_cli (argv_help, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Commands:"));
  g_assert_nonnull (strstr (out, "checkin"));
  g_assert_nonnull (strstr (out, "minor unit"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = bo_test_run_cli (argv_version, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "bilten-boxoffice-cli "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = bo_test_run_cli (argv_none, &out, &err);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "bilten-boxoffice-cli: "));

  r = run_json (fx, "frobnicate", NULL);
  assert_error (r, 2, "usage");
  g_clear_pointer (&r, cli_result_free);

  /* Command-level --help names the command and its options. */
  r = run_text (fx, "sell", "--help", NULL);
  assert_ok (r);
  g_assert_nonnull (strstr (r->out, "bilten-boxoffice-cli sell"));
  g_assert_nonnull (strstr (r->out, "--ticket"));
  g_assert_nonnull (strstr (r->out, "minor units"));
  g_clear_pointer (&r, cli_result_free);
  r = run_text (fx, "checkin", "--help", NULL);
  assert_ok (r);
  g_assert_nonnull (strstr (r->out, "Exit status"));
  g_clear_pointer (&r, cli_result_free);
  r = run_text (fx, "shift", "--help", NULL);
  assert_ok (r);
  g_assert_nonnull (strstr (r->out, "close"));
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "demo", NULL);
  assert_ok (r);
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "sell", "--pin", BO_DEMO_CASHIER_PIN, "--ticket", "11:1", "--pay", "cash",
                NULL);
  assert_error (r, 2, "usage");
  g_assert_nonnull (strstr (r->err, "--event"));
  g_clear_pointer (&r, cli_result_free);

  for (guint i = 0; i < G_N_ELEMENTS (bad_tickets); i++)
    {
      r = run_json (fx, "sell", "--pin", BO_DEMO_CASHIER_PIN, "--event", "1",
                    "--ticket", bad_tickets[i], "--pay", "cash", NULL);
      assert_error (r, 2, "usage");
      g_clear_pointer (&r, cli_result_free);
    }

  r = run_json (fx, "sell", "--pin", BO_DEMO_CASHIER_PIN, "--event", "one", "--ticket", "11:1",
                "--pay", "cash", NULL);
  assert_error (r, 2, "usage");
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "sell", "--pin", BO_DEMO_CASHIER_PIN, "--event", "1", "--ticket", "11:1",
                "--pay", "iou", NULL);
  assert_error (r, 2, "usage");
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "sell", "--pin", BO_DEMO_CASHIER_PIN, "--event", "1", "--ticket", "11:1",
                "--pay", "voucher", NULL);
  assert_error (r, 2, "usage");
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "sell", "--pin", BO_DEMO_CASHIER_PIN, "--event", "1", "--ticket", "11:1",
                NULL);
  assert_error (r, 2, "usage");
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "sell", "--bogus", NULL);
  assert_error (r, 2, "usage");
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "shift", NULL);
  assert_error (r, 2, "usage");
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "shift", "reopen", NULL);
  assert_error (r, 2, "usage");
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "shift", "open", "--pin", BO_DEMO_CASHIER_PIN, "--float", "12.50", NULL);
  assert_error (r, 2, "usage");
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "events", "extra", NULL);
  assert_error (r, 2, "usage");
  g_clear_pointer (&r, cli_result_free);

  /* A PIN nobody has is not a usage error: the command line was fine. */
  r = run_json (fx, "shift", "open", "--pin", "55555", "--float", "0", NULL);
  assert_error (r, 1, "wrong_pin");
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "sell", "--pin", "55555", "--event", "1", "--ticket", "11:1", "--pay",
                "cash", NULL);
  assert_error (r, 1, "wrong_pin");
  g_clear_pointer (&r, cli_result_free);

  /* Without --json: text on stderr, nothing on stdout, same exit status. */
  r = run_text (fx, "sell", "--pin", BO_DEMO_CASHIER_PIN, "--event", "1", "--ticket", "11;1",
                "--pay", "cash", NULL);
  g_assert_cmpint (r->status, ==, 2);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_true (g_str_has_prefix (r->err, "bilten-boxoffice-cli: "));
  g_clear_pointer (&r, cli_result_free);

  /* --json after the command works too, and still makes errors JSON. */
  r = run_text (fx, "sell", "--json", "--event", "x", NULL);
  g_assert_cmpint (r->status, ==, 2);
  r->json = parse_one_object (r->err);
  assert_error (r, 2, "usage");
}

static void
test_demo_events (CliFixture   *fx,
                  gconstpointer data)
{
  g_autoptr (CliResult) demo1 = run_json (fx, "demo", NULL);
  g_autoptr (CliResult) events1 = NULL;
  g_autoptr (CliResult) demo2 = NULL;
  g_autoptr (CliResult) events2 = NULL;
  g_autoptr (CliResult) operators = NULL;
  g_autoptr (CliResult) text = NULL;
  g_autoptr (BoStore) store = NULL;
  JsonArray *events;
  gboolean seen_unlimited = FALSE, seen_limited = FALSE;

  assert_ok (demo1);
  g_assert_cmpint (json_object_get_int_member (obj (demo1), "events"), >=, 2);
  g_assert_cmpstr (json_object_get_string_member (obj (demo1), "manager_pin"), ==,
                   BO_DEMO_MANAGER_PIN);
  events1 = run_json (fx, "events", NULL);
  assert_ok (events1);

  demo2 = run_json (fx, "demo", NULL);
  assert_ok (demo2);
  g_assert_cmpint (json_object_get_int_member (obj (demo2), "events"), ==,
                   json_object_get_int_member (obj (demo1), "events"));
  g_assert_cmpint (json_object_get_int_member (obj (demo2), "ticket_types"), ==,
                   json_object_get_int_member (obj (demo1), "ticket_types"));
  events2 = run_json (fx, "events", NULL);
  assert_ok (events2);
  g_assert_cmpstr (events1->out, ==, events2->out);

  operators = run_json (fx, "operator", "list", NULL);
  assert_ok (operators);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (operators),
                                                                         "operators")), ==, 2);

  /* Shape and values, checked against the database itself. */
  store = open_store (fx);
  events = json_object_get_array_member (obj (events1), "events");
  g_assert_cmpuint (json_array_get_length (events), ==,
                    json_object_get_int_member (obj (demo1), "events"));
  g_assert_cmpint (bo_test_query_int (store, "SELECT count(*) FROM events"), ==,
                   json_array_get_length (events));
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      JsonArray *types = json_object_get_array_member (event, "ticket_types");
      g_autoptr (GDateTime) starts = NULL;
      const char *members[] = { "id", "name", "starts_at", "ends_at", "venue_name", "timezone",
                                "currency", "status", "ticket_types" };

      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        g_assert_true (json_object_has_member (event, members[m]));
      g_assert_cmpint (strlen (json_object_get_string_member (event, "currency")), ==, 3);
      starts = bo_time_parse (json_object_get_string_member (event, "starts_at"));
      g_assert_nonnull (starts);
      g_assert_cmpuint (json_array_get_length (types), >, 0);

      for (guint j = 0; j < json_array_get_length (types); j++)
        {
          JsonObject *type = json_array_get_object_element (types, j);
          g_autofree char *sql = NULL;
          gint64 id = json_object_get_int_member (type, "id");
          const char *type_members[] = { "id", "name", "price", "fee", "tax_rate_bp",
                                         "capacity", "sold", "available" };

          for (guint m = 0; m < G_N_ELEMENTS (type_members); m++)
            g_assert_true (json_object_has_member (type, type_members[m]));

          sql = g_strdup_printf ("SELECT price * 1000000 + fee FROM ticket_types WHERE id = %"
                                 G_GINT64_FORMAT, id);
          g_assert_cmpint (bo_test_query_int (store, sql), ==,
                           json_object_get_int_member (type, "price") * 1000000
                           + json_object_get_int_member (type, "fee"));
          g_free (sql);
          sql = g_strdup_printf ("SELECT sold FROM ticket_types WHERE id = %" G_GINT64_FORMAT, id);
          g_assert_cmpint (bo_test_query_int (store, sql), ==,
                           json_object_get_int_member (type, "sold"));
          g_free (sql);
          sql = g_strdup_printf ("SELECT capacity IS NULL FROM ticket_types WHERE id = %"
                                 G_GINT64_FORMAT, id);

          if (json_object_get_null_member (type, "capacity"))
            {
              seen_unlimited = TRUE;
              g_assert_cmpint (bo_test_query_int (store, sql), ==, 1);
              g_assert_true (json_object_get_null_member (type, "available"));
            }
          else
            {
              seen_limited = TRUE;
              g_assert_cmpint (bo_test_query_int (store, sql), ==, 0);
              g_assert_cmpint (json_object_get_int_member (type, "available"), ==,
                               MAX (json_object_get_int_member (type, "capacity")
                                    - json_object_get_int_member (type, "sold"), 0));
            }
        }
    }
  g_assert_true (seen_limited);
  g_assert_true (seen_unlimited);

  text = run_text (fx, "events", NULL);
  assert_ok (text);
  g_assert_nonnull (strstr (text->out, json_object_get_string_member (
                                          json_array_get_object_element (events, 0), "name")));
}

static void
test_operators (CliFixture   *fx,
                gconstpointer data)
{
  g_autoptr (CliResult) r = NULL;
  JsonArray *list;
  gboolean found = FALSE;

  /* Bootstrap: the first manager of an empty store needs nobody's permission, the second does. */
  r = run_json (fx, "operator", "add", "--name", "Ana", "--role", "manager", "--pin", "4711",
                NULL);
  assert_ok (r);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (obj (r),
                                                                                 "operator"),
                                                  "role"), ==, "manager");
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "operator", "add", "--name", "Boris", "--role", "cashier", "--pin", "2468",
                NULL);
  assert_error (r, 1, "not_allowed");
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "operator", "add", "--name", "Boris", "--role", "cashier", "--pin", "2468",
                "--manager-pin", "4711", NULL);
  assert_ok (r);
  g_clear_pointer (&r, cli_result_free);

  /* A cashier cannot add anyone. */
  r = run_json (fx, "operator", "add", "--name", "Cvijeta", "--role", "cashier", "--pin",
                "1357", "--manager-pin", "2468", NULL);
  assert_error (r, 1, "not_allowed");
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "operator", "add", "--name", "Boris", "--role", "cashier", "--pin", "8642",
                "--manager-pin", "4711", NULL);
  assert_error (r, 1, "operator_exists");
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "operator", "add", "--name", "Dino", "--role", "janitor", "--pin", "8642",
                "--manager-pin", "4711", NULL);
  assert_error (r, 2, "usage");
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "operator", "list", NULL);
  assert_ok (r);
  list = json_object_get_array_member (obj (r), "operators");
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *op = json_array_get_object_element (list, i);

      if (g_str_equal (json_object_get_string_member (op, "name"), "Boris"))
        {
          found = TRUE;
          g_assert_cmpstr (json_object_get_string_member (op, "role"), ==, "cashier");
        }
    }
  g_assert_true (found);
  g_clear_pointer (&r, cli_result_free);

  /* Roles hold in every command: the cashier opens a shift but cannot close it. */
  r = run_json (fx, "shift", "open", "--pin", "2468", "--float", "1000", NULL);
  assert_ok (r);
  g_clear_pointer (&r, cli_result_free);
  r = run_json (fx, "shift", "close", "--pin", "2468", "--counted", "1000", NULL);
  assert_error (r, 1, "not_allowed");
  g_clear_pointer (&r, cli_result_free);
  r = run_json (fx, "shift", "close", "--pin", "4711", "--counted", "1000", NULL);
  assert_ok (r);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (obj (r), "shift"),
                                               "variance"), ==, 0);
}

/* Checks a `sell` result against the catalogue: @quantities maps type id -> quantity. */
static void
check_sale (JsonObject *sale,
            JsonObject *events,
            gint64      event_id,
            GHashTable *quantities)
{
  JsonArray *tickets = json_object_get_array_member (sale, "tickets");
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) per_type = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer key, value;
  gint64 total = 0;
  guint n = 0;
  gint64 type_event = 0;

  g_hash_table_iter_init (&iter, quantities);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      JsonObject *type = find_type (events, *(gint64 *) key, &type_event);

      g_assert_cmpint (type_event, ==, event_id);
      total += unit_price (type) * GPOINTER_TO_UINT (value);
      n += GPOINTER_TO_UINT (value);
    }

  g_assert_cmpint (json_object_get_int_member (sale, "event_id"), ==, event_id);
  g_assert_cmpint (json_object_get_int_member (sale, "total"), ==, total);
  g_assert_cmpstr (json_object_get_string_member (sale, "status"), ==, "paid");
  g_assert_cmpint (strlen (json_object_get_string_member (sale, "order_uuid")), ==, 36);
  g_assert_cmpint (json_object_get_int_member (sale, "journal_seq"), >, 0);
  g_assert_cmpint (payments_sum (sale), ==, total);
  g_assert_cmpuint (json_array_get_length (tickets), ==, n);
  for (guint i = 0; i < json_array_get_length (tickets); i++)
    {
      JsonObject *ticket = json_array_get_object_element (tickets, i);
      const char *secret = json_object_get_string_member (ticket, "secret");
      gint64 type_id = json_object_get_int_member (ticket, "ticket_type_id");
      gint64 *stored_key = NULL;
      guint count;

      g_assert_true (g_str_has_prefix (secret, "BT1"));
      g_assert_cmpint (strlen (secret), ==, 139);
      g_assert_true (g_hash_table_add (seen, (gpointer) secret));
      g_assert_true (g_hash_table_add (seen, (gpointer) json_object_get_string_member (ticket,
                                                                                       "uuid")));
      g_assert_true (g_hash_table_contains (quantities, &type_id));
      g_hash_table_lookup_extended (quantities, &type_id, (gpointer *) &stored_key, NULL);
      count = GPOINTER_TO_UINT (g_hash_table_lookup (per_type, stored_key));
      g_hash_table_insert (per_type, stored_key, GUINT_TO_POINTER (count + 1));
    }
  g_hash_table_iter_init (&iter, quantities);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (per_type, key)), ==,
                      GPOINTER_TO_UINT (value));
}

static GHashTable *
quantities_new (gint64 *ids,
                guint  *qty,
                guint   n)
{
  GHashTable *table = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < n; i++)
    g_hash_table_insert (table, &ids[i], GUINT_TO_POINTER (qty[i]));
  return table;
}

/* The first event with two types that have at least @min seats left. */
static void
pick_event (JsonObject *events_result,
            gint64     *out_event_id,
            gint64     *out_a,
            gint64     *out_b,
            gint64      min)
{
  JsonArray *events = json_object_get_array_member (events_result, "events");

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      JsonArray *types = json_object_get_array_member (event, "ticket_types");
      gint64 found[2];
      guint n = 0;

      for (guint j = 0; j < json_array_get_length (types) && n < 2; j++)
        {
          JsonObject *type = json_array_get_object_element (types, j);

          if (json_object_get_null_member (type, "available")
              || json_object_get_int_member (type, "available") >= min)
            found[n++] = json_object_get_int_member (type, "id");
        }
      if (n == 2)
        {
          *out_event_id = json_object_get_int_member (event, "id");
          *out_a = found[0];
          *out_b = found[1];
          return;
        }
    }
  g_error ("no demo event with two roomy ticket types");
}

static void
test_shift_sell_close (CliFixture   *fx,
                       gconstpointer data)
{
  g_autoptr (CliResult) events = NULL;
  g_autoptr (CliResult) r = NULL;
  g_autoptr (CliResult) events_after = NULL;
  g_autofree char *event_text = NULL;
  g_autofree char *spec1 = NULL;
  g_autofree char *spec2 = NULL;
  g_autofree char *spec3 = NULL;
  g_autofree char *spec4 = NULL;
  g_autofree char *spec5 = NULL;
  g_autofree char *tendered = NULL;
  g_autofree char *counted = NULL;
  gint64 event_id, a, b, ua, ub, sold_a, sold_b;
  gint64 cash_takings = 0, card_takings = 0, total, last_seq = 0, expected;
  const gint64 float_amount = 5000;
  JsonObject *shift;
  JsonArray *payments;
  JsonObject *payment;

  r = run_json (fx, "demo", NULL);
  assert_ok (r);
  g_clear_pointer (&r, cli_result_free);
  events = run_json (fx, "events", NULL);
  assert_ok (events);
  pick_event (obj (events), &event_id, &a, &b, 10);
  ua = unit_price (find_type (obj (events), a, NULL));
  ub = unit_price (find_type (obj (events), b, NULL));
  sold_a = json_object_get_int_member (find_type (obj (events), a, NULL), "sold");
  sold_b = json_object_get_int_member (find_type (obj (events), b, NULL), "sold");
  event_text = g_strdup_printf ("%" G_GINT64_FORMAT, event_id);

  /* No shift, no sale. */
  spec1 = g_strdup_printf ("%" G_GINT64_FORMAT ":2", a);
  r = run_json (fx, "sell", "--pin", BO_DEMO_CASHIER_PIN, "--event", event_text, "--ticket",
                spec1, "--pay", "cash", NULL);
  assert_error (r, 1, "no_shift");
  g_clear_pointer (&r, cli_result_free);
  g_assert_cmpint (type_sold (fx, a), ==, sold_a);

  r = run_json (fx, "shift", "open", "--pin", BO_DEMO_CASHIER_PIN, "--float", "5000", NULL);
  assert_ok (r);
  shift = json_object_get_object_member (obj (r), "shift");
  g_assert_cmpint (json_object_get_int_member (shift, "float"), ==, float_amount);
  g_assert_cmpint (json_object_get_int_member (shift, "cash_expected"), ==, float_amount);
  g_assert_true (json_object_get_null_member (shift, "closed_at"));
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "shift", "open", "--pin", BO_DEMO_CASHIER_PIN, "--float", "100", NULL);
  assert_error (r, 1, "shift_already_open");
  g_clear_pointer (&r, cli_result_free);

  /* 1: two of A and one of B, cash exact. */
  {
    gint64 ids[] = { a, b };
    guint qty[] = { 2, 1 };
    g_autoptr (GHashTable) q = quantities_new (ids, qty, 2);

    spec2 = g_strdup_printf ("%" G_GINT64_FORMAT ":1", b);
    r = run_json (fx, "sell", "--pin", BO_DEMO_CASHIER_PIN, "--event", event_text,
                  "--ticket", spec1, "--ticket", spec2, "--pay", "cash", NULL);
    assert_ok (r);
    check_sale (obj (r), obj (events), event_id, q);
    total = json_object_get_int_member (obj (r), "total");
    g_assert_cmpint (total, ==, 2 * ua + ub);
    g_assert_cmpint (json_object_get_int_member (obj (r), "change"), ==, 0);
    g_assert_false (json_object_get_boolean_member (obj (r), "forced"));
    cash_takings += total;
    last_seq = json_object_get_int_member (obj (r), "journal_seq");
    g_clear_pointer (&r, cli_result_free);
  }

  /* 2: one of A, cash handed over with change to give. */
  {
    gint64 ids[] = { a };
    guint qty[] = { 1 };
    g_autoptr (GHashTable) q = quantities_new (ids, qty, 1);

    spec3 = g_strdup_printf ("%" G_GINT64_FORMAT ":1", a);
    tendered = g_strdup_printf ("cash:%" G_GINT64_FORMAT, ua + 1234);
    r = run_json (fx, "sell", "--pin", BO_DEMO_CASHIER_PIN, "--event", event_text,
                  "--ticket", spec3, "--pay", tendered, NULL);
    assert_ok (r);
    check_sale (obj (r), obj (events), event_id, q);
    g_assert_cmpint (json_object_get_int_member (obj (r), "change"), ==, 1234);
    payments = json_object_get_array_member (obj (r), "payments");
    g_assert_cmpuint (json_array_get_length (payments), ==, 1);
    payment = json_array_get_object_element (payments, 0);
    g_assert_cmpstr (json_object_get_string_member (payment, "method"), ==, "cash");
    g_assert_cmpint (json_object_get_int_member (payment, "amount"), ==, ua);
    g_assert_cmpint (json_object_get_int_member (payment, "tendered"), ==, ua + 1234);
    g_assert_cmpint (json_object_get_int_member (payment, "change"), ==, 1234);
    g_assert_cmpint (json_object_get_int_member (obj (r), "journal_seq"), >, last_seq);
    last_seq = json_object_get_int_member (obj (r), "journal_seq");
    cash_takings += ua;
    g_clear_pointer (&r, cli_result_free);
  }

  /* 3: two of B by card with a terminal reference. */
  {
    gint64 ids[] = { b };
    guint qty[] = { 2 };
    g_autoptr (GHashTable) q = quantities_new (ids, qty, 1);

    spec4 = g_strdup_printf ("%" G_GINT64_FORMAT ":2", b);
    r = run_json (fx, "sell", "--pin", BO_DEMO_CASHIER_PIN, "--event", event_text,
                  "--ticket", spec4, "--pay", "card:TERM-42", NULL);
    assert_ok (r);
    check_sale (obj (r), obj (events), event_id, q);
    payment = json_array_get_object_element (json_object_get_array_member (obj (r), "payments"),
                                             0);
    g_assert_cmpstr (json_object_get_string_member (payment, "method"), ==, "card");
    g_assert_cmpstr (json_object_get_string_member (payment, "reference"), ==, "TERM-42");
    g_assert_true (json_object_get_null_member (payment, "tendered"));
    g_assert_cmpint (json_object_get_int_member (obj (r), "journal_seq"), >, last_seq);
    card_takings += 2 * ub;
    g_clear_pointer (&r, cli_result_free);
  }

  /* 4: one of each, split: 10.00 cash, the rest by card. */
  {
    gint64 ids[] = { a, b };
    guint qty[] = { 1, 1 };
    g_autoptr (GHashTable) q = quantities_new (ids, qty, 2);

    g_assert_cmpint (ua + ub, >, 1000);
    r = run_json (fx, "sell", "--pin", BO_DEMO_CASHIER_PIN, "--event", event_text,
                  "--ticket", spec3, "--ticket", spec2, "--pay", "cash:1000", "--pay", "card",
                  NULL);
    assert_ok (r);
    check_sale (obj (r), obj (events), event_id, q);
    payments = json_object_get_array_member (obj (r), "payments");
    g_assert_cmpuint (json_array_get_length (payments), ==, 2);
    payment = json_array_get_object_element (payments, 0);
    g_assert_cmpstr (json_object_get_string_member (payment, "method"), ==, "cash");
    g_assert_cmpint (json_object_get_int_member (payment, "amount"), ==, 1000);
    payment = json_array_get_object_element (payments, 1);
    g_assert_cmpstr (json_object_get_string_member (payment, "method"), ==, "card");
    g_assert_cmpint (json_object_get_int_member (payment, "amount"), ==, ua + ub - 1000);
    g_assert_cmpint (json_object_get_int_member (obj (r), "change"), ==, 0);
    cash_takings += 1000;
    card_takings += ua + ub - 1000;
    g_clear_pointer (&r, cli_result_free);
  }

  /* Too little cash is refused and leaves nothing behind. */
  spec5 = g_strdup_printf ("cash:%" G_GINT64_FORMAT, ua - 1);
  r = run_json (fx, "sell", "--pin", BO_DEMO_CASHIER_PIN, "--event", event_text,
                "--ticket", spec3, "--pay", spec5, NULL);
  assert_error (r, 1, "payment");
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "shift", "cash", "--pin", BO_DEMO_CASHIER_PIN, "--amount", "+300",
                "--reason", "change from the bank", NULL);
  assert_ok (r);
  g_assert_cmpint (json_object_get_int_member (obj (r), "amount"), ==, 300);
  g_clear_pointer (&r, cli_result_free);
  r = run_json (fx, "shift", "cash", "--pin", BO_DEMO_CASHIER_PIN, "--amount", "-200", NULL);
  assert_ok (r);
  g_clear_pointer (&r, cli_result_free);
  r = run_json (fx, "shift", "cash", "--pin", BO_DEMO_CASHIER_PIN, "--amount", "0", NULL);
  assert_error (r, 1, "invalid_amount");
  g_clear_pointer (&r, cli_result_free);

  expected = float_amount + cash_takings + 300 - 200;

  r = run_json (fx, "shift", "status", NULL);
  assert_ok (r);
  g_assert_true (json_object_get_boolean_member (obj (r), "open"));
  shift = json_object_get_object_member (obj (r), "shift");
  g_assert_cmpint (json_object_get_int_member (shift, "cash_expected"), ==, expected);
  g_assert_cmpint (json_object_get_int_member (shift, "cash_in"), ==, 300);
  g_assert_cmpint (json_object_get_int_member (shift, "cash_out"), ==, 200);
  g_clear_pointer (&r, cli_result_free);

  counted = g_strdup_printf ("%" G_GINT64_FORMAT, expected - 150);
  r = run_json (fx, "shift", "close", "--pin", BO_DEMO_CASHIER_PIN, "--counted", counted, NULL);
  assert_error (r, 1, "not_allowed");
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "shift", "close", "--pin", BO_DEMO_MANAGER_PIN, "--counted", counted, NULL);
  assert_ok (r);
  g_assert_false (json_object_get_boolean_member (obj (r), "open"));
  shift = json_object_get_object_member (obj (r), "shift");
  g_assert_nonnull (json_object_get_string_member (shift, "closed_at"));
  g_assert_cmpint (json_object_get_int_member (shift, "cash_expected"), ==, expected);
  g_assert_cmpint (json_object_get_int_member (shift, "cash_counted"), ==, expected - 150);
  g_assert_cmpint (json_object_get_int_member (shift, "variance"), ==, -150);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (shift,
                                                                              "payment_totals"),
                                               "cash"), ==, cash_takings);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (shift,
                                                                              "payment_totals"),
                                               "card"), ==, card_takings);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (shift,
                                                                              "payment_totals"),
                                               "voucher"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (shift, "last_journal_seq"), >, last_seq);
  g_assert_cmpint (strlen (json_object_get_string_member (shift, "journal_head")), ==, 64);
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "shift", "status", NULL);
  assert_ok (r);
  g_assert_false (json_object_get_boolean_member (obj (r), "open"));
  g_assert_true (json_object_get_null_member (obj (r), "shift"));
  g_clear_pointer (&r, cli_result_free);

  /* The human text says the same figures. */
  r = run_text (fx, "shift", "status", NULL);
  assert_ok (r);
  g_assert_cmpstr (r->out, !=, "");

  events_after = run_json (fx, "events", NULL);
  assert_ok (events_after);
  g_assert_cmpint (json_object_get_int_member (find_type (obj (events_after), a, NULL), "sold"),
                   ==, sold_a + 4);
  g_assert_cmpint (json_object_get_int_member (find_type (obj (events_after), b, NULL), "sold"),
                   ==, sold_b + 4);
}

static void
test_split_payment (CliFixture   *fx,
                    gconstpointer data)
{
  g_autoptr (CliResult) events = NULL;
  g_autoptr (CliResult) r = NULL;
  g_autofree char *event_text = NULL;
  g_autofree char *spec = NULL;
  gint64 event_id, a, b, ua;
  JsonArray *payments;
  JsonObject *p;

  setup_demo_shift (fx, "0");
  events = run_json (fx, "events", NULL);
  assert_ok (events);
  pick_event (obj (events), &event_id, &a, &b, 10);
  ua = unit_price (find_type (obj (events), a, NULL));
  g_assert_cmpint (ua, >, 1000);
  event_text = g_strdup_printf ("%" G_GINT64_FORMAT, event_id);
  spec = g_strdup_printf ("%" G_GINT64_FORMAT ":3", a);

  r = run_json (fx, "sell", "--pin", BO_DEMO_CASHIER_PIN, "--event", event_text, "--ticket", spec,
                "--pay", "voucher@1000:GIFT-7", "--pay", "card:TERM-1", NULL);
  assert_ok (r);
  g_assert_cmpint (json_object_get_int_member (obj (r), "total"), ==, 3 * ua);
  payments = json_object_get_array_member (obj (r), "payments");
  g_assert_cmpuint (json_array_get_length (payments), ==, 2);
  p = json_array_get_object_element (payments, 0);
  g_assert_cmpstr (json_object_get_string_member (p, "method"), ==, "voucher");
  g_assert_cmpstr (json_object_get_string_member (p, "reference"), ==, "GIFT-7");
  g_assert_cmpint (json_object_get_int_member (p, "amount"), ==, 1000);
  p = json_array_get_object_element (payments, 1);
  g_assert_cmpstr (json_object_get_string_member (p, "method"), ==, "card");
  g_assert_cmpstr (json_object_get_string_member (p, "reference"), ==, "TERM-1");
  g_assert_cmpint (json_object_get_int_member (p, "amount"), ==, 3 * ua - 1000);
  g_clear_pointer (&r, cli_result_free);

  /* Three ways: voucher, some cash, the rest with change from a big note. */
  {
    g_autofree char *last = g_strdup_printf ("cash:%" G_GINT64_FORMAT, 3 * ua);

    r = run_json (fx, "sell", "--pin", BO_DEMO_CASHIER_PIN, "--event", event_text, "--ticket",
                  spec, "--pay", "voucher@500:V1", "--pay", "card@700", "--pay", last, NULL);
    assert_ok (r);
    payments = json_object_get_array_member (obj (r), "payments");
    g_assert_cmpuint (json_array_get_length (payments), ==, 3);
    g_assert_cmpint (payments_sum (obj (r)), ==, 3 * ua);
    p = json_array_get_object_element (payments, 2);
    g_assert_cmpint (json_object_get_int_member (p, "amount"), ==, 3 * ua - 1200);
    g_assert_cmpint (json_object_get_int_member (obj (r), "change"), ==, 1200);
    g_clear_pointer (&r, cli_result_free);
  }

  /* Complimentary tickets need a manager. */
  r = run_json (fx, "sell", "--pin", BO_DEMO_CASHIER_PIN, "--event", event_text, "--ticket", spec,
                "--pay", "free", NULL);
  assert_error (r, 1, "not_allowed");
  g_clear_pointer (&r, cli_result_free);
  r = run_json (fx, "sell", "--pin", BO_DEMO_MANAGER_PIN, "--event", event_text, "--ticket", spec,
                "--pay", "free", NULL);
  assert_ok (r);
  p = json_array_get_object_element (json_object_get_array_member (obj (r), "payments"), 0);
  g_assert_cmpstr (json_object_get_string_member (p, "method"), ==, "free");
}

static void
test_sold_out_force (CliFixture   *fx,
                     gconstpointer data)
{
  g_autoptr (CliResult) events = NULL;
  g_autoptr (CliResult) after = NULL;
  g_autoptr (CliResult) r = NULL;
  g_autofree char *event_text = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *one = NULL;
  JsonArray *list;
  JsonObject *tight = NULL;
  gint64 event_id = 0, type_id, available, sold;

  setup_demo_shift (fx, "0");
  events = run_json (fx, "events", NULL);
  assert_ok (events);

  /* The demo has a nearly sold-out type: the one with the fewest seats left. */
  list = json_object_get_array_member (obj (events), "events");
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *event = json_array_get_object_element (list, i);
      JsonArray *types = json_object_get_array_member (event, "ticket_types");

      for (guint j = 0; j < json_array_get_length (types); j++)
        {
          JsonObject *type = json_array_get_object_element (types, j);

          if (json_object_get_null_member (type, "available")
              || json_object_get_int_member (type, "available") == 0)
            continue;
          if (tight == NULL || json_object_get_int_member (type, "available")
                               < json_object_get_int_member (tight, "available"))
            {
              tight = type;
              event_id = json_object_get_int_member (event, "id");
            }
        }
    }
  g_assert_nonnull (tight);
  type_id = json_object_get_int_member (tight, "id");
  available = json_object_get_int_member (tight, "available");
  sold = json_object_get_int_member (tight, "sold");
  g_assert_cmpint (available, <=, 5);
  event_text = g_strdup_printf ("%" G_GINT64_FORMAT, event_id);
  spec = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, type_id, available + 1);

  r = run_json (fx, "sell", "--pin", BO_DEMO_CASHIER_PIN, "--event", event_text, "--ticket", spec,
                "--pay", "card", NULL);
  assert_error (r, 1, "sold_out");
  g_clear_pointer (&r, cli_result_free);
  g_assert_cmpint (type_sold (fx, type_id), ==, sold);

  r = run_json (fx, "sell", "--pin", BO_DEMO_CASHIER_PIN, "--event", event_text, "--ticket", spec,
                "--pay", "card", "--force", NULL);
  assert_error (r, 1, "not_allowed");
  g_clear_pointer (&r, cli_result_free);
  g_assert_cmpint (type_sold (fx, type_id), ==, sold);

  r = run_json (fx, "sell", "--pin", BO_DEMO_MANAGER_PIN, "--event", event_text, "--ticket", spec,
                "--pay", "card", "--force", NULL);
  assert_ok (r);
  g_assert_true (json_object_get_boolean_member (obj (r), "forced"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (r), "tickets")), ==,
                    available + 1);
  g_clear_pointer (&r, cli_result_free);

  after = run_json (fx, "events", NULL);
  assert_ok (after);
  tight = find_type (obj (after), type_id, NULL);
  g_assert_cmpint (json_object_get_int_member (tight, "sold"), ==, sold + available + 1);
  g_assert_cmpint (json_object_get_int_member (tight, "available"), ==, 0);

  one = g_strdup_printf ("%" G_GINT64_FORMAT ":1", type_id);
  r = run_json (fx, "sell", "--pin", BO_DEMO_MANAGER_PIN, "--event", event_text, "--ticket", one,
                "--pay", "card", NULL);
  assert_error (r, 1, "sold_out");
}

static void
test_refund_void (CliFixture   *fx,
                  gconstpointer data)
{
  g_autoptr (CliResult) events = NULL;
  g_autoptr (CliResult) sale = NULL;
  g_autoptr (CliResult) r = NULL;
  g_autofree char *event_text = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *order = NULL;
  gint64 event_id, a, b, ua, sold_a;
  JsonArray *tickets;
  const char *t0;

  setup_demo_shift (fx, "2000");
  events = run_json (fx, "events", NULL);
  assert_ok (events);
  pick_event (obj (events), &event_id, &a, &b, 10);
  ua = unit_price (find_type (obj (events), a, NULL));
  sold_a = json_object_get_int_member (find_type (obj (events), a, NULL), "sold");
  event_text = g_strdup_printf ("%" G_GINT64_FORMAT, event_id);
  spec = g_strdup_printf ("%" G_GINT64_FORMAT ":3", a);

  sale = run_json (fx, "sell", "--pin", BO_DEMO_CASHIER_PIN, "--event", event_text, "--ticket",
                   spec, "--pay", "card", NULL);
  assert_ok (sale);
  order = g_strdup (json_object_get_string_member (obj (sale), "order_uuid"));
  tickets = json_object_get_array_member (obj (sale), "tickets");
  t0 = json_object_get_string_member (json_array_get_object_element (tickets, 0), "uuid");

  /* Cashiers cannot refund, whatever they ask for. */
  r = run_json (fx, "refund", "--pin", BO_DEMO_CASHIER_PIN, "--order", order, NULL);
  assert_error (r, 1, "not_allowed");
  g_clear_pointer (&r, cli_result_free);
  g_assert_cmpint (type_sold (fx, a), ==, sold_a + 3);

  r = run_json (fx, "refund", "--pin", BO_DEMO_MANAGER_PIN, "--order", order, "--ticket",
                "00000000-0000-4000-8000-000000000000", NULL);
  assert_error (r, 1, "unknown_ticket");
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "refund", "--pin", BO_DEMO_MANAGER_PIN, "--order", order, "--ticket", t0,
                "--reason", "cannot come", NULL);
  assert_ok (r);
  g_assert_cmpstr (json_object_get_string_member (obj (r), "kind"), ==, "refund");
  g_assert_cmpstr (json_object_get_string_member (obj (r), "order_uuid"), ==, order);
  g_assert_cmpint (json_object_get_int_member (obj (r), "amount"), ==, ua);
  g_assert_cmpstr (json_object_get_string_member (obj (r), "method"), ==, "card");
  g_assert_cmpstr (json_object_get_string_member (obj (r), "order_status"), ==,
                   "partially_refunded");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (r), "tickets")), ==,
                    1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (obj (r),
                                                                                "tickets"), 0),
                   ==, t0);
  g_assert_cmpint (strlen (json_object_get_string_member (obj (r), "uuid")), ==, 36);
  g_clear_pointer (&r, cli_result_free);
  g_assert_cmpint (type_sold (fx, a), ==, sold_a + 2);

  r = run_json (fx, "refund", "--pin", BO_DEMO_MANAGER_PIN, "--order", order, NULL);
  assert_ok (r);
  g_assert_cmpint (json_object_get_int_member (obj (r), "amount"), ==, 2 * ua);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (r), "tickets")), ==,
                    2);
  g_assert_cmpstr (json_object_get_string_member (obj (r), "order_status"), ==, "refunded");
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "refund", "--pin", BO_DEMO_MANAGER_PIN, "--order", order, NULL);
  assert_error (r, 1, "nothing_to_refund");
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "order", "show", order, NULL);
  assert_ok (r);
  tickets = json_object_get_array_member (obj (r), "tickets");
  g_assert_cmpuint (json_array_get_length (tickets), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tickets, i),
                                                    "status"), ==, "cancelled");
  g_assert_cmpint (json_object_get_int_member (obj (r), "refunded"), ==, 3 * ua);
  g_clear_pointer (&r, cli_result_free);
  g_assert_cmpint (type_sold (fx, a), ==, sold_a);

  /* Void: a whole cash sale, in the same shift. */
  g_clear_pointer (&sale, cli_result_free);
  g_clear_pointer (&order, g_free);
  sale = run_json (fx, "sell", "--pin", BO_DEMO_CASHIER_PIN, "--event", event_text, "--ticket",
                   spec, "--pay", "cash", NULL);
  assert_ok (sale);
  order = g_strdup (json_object_get_string_member (obj (sale), "order_uuid"));

  r = run_json (fx, "void", "--pin", BO_DEMO_CASHIER_PIN, "--order", order, NULL);
  assert_error (r, 1, "not_allowed");
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "void", "--pin", BO_DEMO_MANAGER_PIN, "--order", order, "--reason", "typo",
                NULL);
  assert_ok (r);
  g_assert_cmpstr (json_object_get_string_member (obj (r), "kind"), ==, "void");
  g_assert_cmpint (json_object_get_int_member (obj (r), "amount"), ==,
                   json_object_get_int_member (obj (sale), "total"));
  g_assert_cmpstr (json_object_get_string_member (obj (r), "method"), ==, "cash");
  g_assert_cmpstr (json_object_get_string_member (obj (r), "order_status"), ==, "voided");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (r), "tickets")), ==,
                    3);
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "void", "--pin", BO_DEMO_MANAGER_PIN, "--order", order, NULL);
  g_assert_cmpint (r->status, ==, 1);
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "shift", "status", NULL);
  assert_ok (r);
  /* The voided cash went back out of the drawer. */
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (obj (r), "shift"),
                                               "cash_expected"), ==, 2000);
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "refund", "--pin", BO_DEMO_MANAGER_PIN, "--order",
                "00000000-0000-4000-8000-000000000000", NULL);
  assert_error (r, 1, "order_not_found");
}

static char *
run_stdin (CliFixture *fx,
           const char *input,
           int        *out_status,
           const char *first,
           ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  va_list args;
  char *out = NULL;

  g_ptr_array_add (argv, (gpointer) bo_test_cli_path ());
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, fx->db);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                            | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input, NULL, &out, &err, &error);
  g_assert_no_error (error);
  *out_status = g_subprocess_get_exit_status (proc);
  if (*out_status != 0)
    g_test_message ("stderr: %s", err);
  return out;
}

static void
test_checkin (CliFixture   *fx,
              gconstpointer data)
{
  g_autoptr (CliResult) events = NULL;
  g_autoptr (CliResult) sale = NULL;
  g_autoptr (CliResult) first = NULL;
  g_autoptr (CliResult) r = NULL;
  g_autoptr (BoStore) store = NULL;
  g_autofree char *event_text = NULL;
  g_autofree char *other_event = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *input = NULL;
  g_autofree char *out = NULL;
  g_auto (GStrv) lines = NULL;
  gint64 event_id, a, b;
  JsonArray *tickets;
  JsonArray *all_events;
  const char *s0, *s1, *t0, *t1;
  int status;

  setup_demo_shift (fx, "0");
  events = run_json (fx, "events", NULL);
  assert_ok (events);
  pick_event (obj (events), &event_id, &a, &b, 10);
  event_text = g_strdup_printf ("%" G_GINT64_FORMAT, event_id);
  all_events = json_object_get_array_member (obj (events), "events");
  for (guint i = 0; i < json_array_get_length (all_events); i++)
    {
      gint64 id = json_object_get_int_member (json_array_get_object_element (all_events, i), "id");

      if (id != event_id)
        {
          other_event = g_strdup_printf ("%" G_GINT64_FORMAT, id);
          break;
        }
    }
  g_assert_nonnull (other_event);
  spec = g_strdup_printf ("%" G_GINT64_FORMAT ":2", a);
  sale = run_json (fx, "sell", "--pin", BO_DEMO_CASHIER_PIN, "--event", event_text, "--ticket",
                   spec, "--pay", "card", NULL);
  assert_ok (sale);
  tickets = json_object_get_array_member (obj (sale), "tickets");
  s0 = json_object_get_string_member (json_array_get_object_element (tickets, 0), "secret");
  t0 = json_object_get_string_member (json_array_get_object_element (tickets, 0), "uuid");
  s1 = json_object_get_string_member (json_array_get_object_element (tickets, 1), "secret");
  t1 = json_object_get_string_member (json_array_get_object_element (tickets, 1), "uuid");

  first = run_json (fx, "checkin", "--event", event_text, "--gate", "North door", s0, NULL);
  assert_ok (first);
  g_assert_cmpstr (json_object_get_string_member (obj (first), "status"), ==, "accepted");
  g_assert_cmpstr (json_object_get_string_member (obj (first), "ticket_uuid"), ==, t0);
  g_assert_cmpstr (json_object_get_string_member (obj (first), "gate"), ==, "North door");
  g_assert_cmpstr (json_object_get_string_member (obj (first), "direction"), ==, "entry");
  g_assert_cmpint (strlen (json_object_get_string_member (obj (first), "uuid")), ==, 36);

  r = run_json (fx, "checkin", "--event", event_text, "--gate", "South door", "--pin",
                BO_DEMO_CASHIER_PIN, s0, NULL);
  assert_ok (r);
  g_assert_cmpstr (json_object_get_string_member (obj (r), "status"), ==, "duplicate");
  g_assert_cmpstr (json_object_get_string_member (obj (r), "ticket_uuid"), ==, t0);
  g_assert_cmpstr (json_object_get_string_member (obj (r), "first_scanned_at"), ==,
                   json_object_get_string_member (obj (first), "scanned_at"));
  g_assert_cmpstr (json_object_get_string_member (obj (r), "first_gate"), ==, "North door");
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "checkin", "--event", event_text, "NOT-A-TICKET-123", NULL);
  assert_ok (r);
  g_assert_cmpstr (json_object_get_string_member (obj (r), "status"), ==, "unknown");
  g_assert_true (json_object_get_null_member (obj (r), "ticket_uuid"));
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "checkin", "--event", other_event, s1, NULL);
  assert_ok (r);
  g_assert_cmpstr (json_object_get_string_member (obj (r), "status"), ==, "wrong_event");
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "checkin", "--event", event_text, "BAD\x01" "CODE", NULL);
  assert_error (r, 1, "malformed");
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "checkin", "--gate", "North", s0, NULL);
  assert_error (r, 2, "usage");
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "checkin", "--event", event_text, "--exit", s0, NULL);
  assert_ok (r);
  g_assert_cmpstr (json_object_get_string_member (obj (r), "direction"), ==, "exit");
  g_clear_pointer (&r, cli_result_free);

  /* A scanner piping codes in: one JSON line per non-blank line, malformed ones included. */
  input = g_strdup_printf ("%s\n\n  NOPE-42  \nBT1\x02X\n%s\n", s1, s1);
  out = run_stdin (fx, input, &status, "--json", "checkin", "--event", event_text, "--gate",
                   "Scanner 2", "-", NULL);
  g_assert_cmpint (status, ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5); /* 4 lines and the empty tail */
  g_assert_cmpstr (lines[4], ==, "");
  {
    g_autoptr (JsonNode) l0 = parse_one_object (lines[0]);
    g_autoptr (JsonNode) l1 = parse_one_object (lines[1]);
    g_autoptr (JsonNode) l2 = parse_one_object (lines[2]);
    g_autoptr (JsonNode) l3 = parse_one_object (lines[3]);
    JsonObject *o;

    o = json_node_get_object (l0);
    g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "accepted");
    g_assert_cmpstr (json_object_get_string_member (o, "ticket_uuid"), ==, t1);
    g_assert_cmpstr (json_object_get_string_member (o, "gate"), ==, "Scanner 2");
    o = json_node_get_object (l1);
    g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "unknown");
    g_assert_cmpstr (json_object_get_string_member (o, "secret"), ==, "NOPE-42");
    o = json_node_get_object (l2);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "error"),
                                                    "code"), ==, "malformed");
    g_assert_cmpint (json_object_get_int_member (o, "line"), ==, 4);
    o = json_node_get_object (l3);
    g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "duplicate");
    g_assert_cmpstr (json_object_get_string_member (o, "first_gate"), ==, "Scanner 2");
  }

  /* Every verdict was recorded (8 scans), the malformed ones were not. */
  store = open_store (fx);
  g_assert_cmpint (bo_test_query_int (store, "SELECT count(*) FROM checkins"), ==, 8);
  g_assert_cmpint (bo_test_query_int (store, "SELECT count(*) FROM checkins WHERE verdict = "
                                             "'accepted'"), ==, 3);
}

/* Sells one ticket of the first roomy type by card; asserts it worked. */
static void
sell_one (CliFixture *fx)
{
  g_autoptr (CliResult) events = run_json (fx, "events", NULL);
  g_autoptr (CliResult) r = NULL;
  g_autofree char *event_text = NULL;
  g_autofree char *spec = NULL;
  gint64 event_id, a, b;

  assert_ok (events);
  pick_event (obj (events), &event_id, &a, &b, 1);
  event_text = g_strdup_printf ("%" G_GINT64_FORMAT, event_id);
  spec = g_strdup_printf ("%" G_GINT64_FORMAT ":1", a);
  r = run_json (fx, "sell", "--pin", BO_DEMO_CASHIER_PIN, "--event", event_text, "--ticket", spec,
                "--pay", "card", NULL);
  assert_ok (r);
}

static void
test_journal (CliFixture   *fx,
              gconstpointer data)
{
  g_autoptr (CliResult) r = NULL;
  g_autoptr (BoStore) store = NULL;
  sqlite3 *db = NULL;
  gint64 entries;
  int rc;

  setup_demo_shift (fx, "100");
  sell_one (fx);
  r = run_json (fx, "shift", "cash", "--pin", BO_DEMO_CASHIER_PIN, "--amount", "50", NULL);
  assert_ok (r);
  g_clear_pointer (&r, cli_result_free);

  store = open_store (fx);
  entries = bo_test_query_int (store, "SELECT count(*) FROM journal");
  g_clear_object (&store);
  g_assert_cmpint (entries, >=, 3);

  r = run_json (fx, "journal", "verify", NULL);
  assert_ok (r);
  g_assert_true (json_object_get_boolean_member (obj (r), "ok"));
  g_assert_cmpint (json_object_get_int_member (obj (r), "entries"), ==, entries);
  g_clear_pointer (&r, cli_result_free);

  /* Someone with sqlite3 and bad intentions edits entry 2. */
  rc = sqlite3_open (fx->db, &db);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  rc = sqlite3_exec (db, "DROP TRIGGER journal_no_update;"
                         "UPDATE journal SET payload = replace (payload, '}', ',\"x\":1}') "
                         "WHERE seq = 2;", NULL, NULL, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);

  r = run_json (fx, "journal", "verify", NULL);
  assert_error (r, 1, "journal_broken");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (obj (r), "error"),
                                               "seq"), ==, 2);
  g_clear_pointer (&r, cli_result_free);

  r = run_text (fx, "journal", "verify", NULL);
  g_assert_cmpint (r->status, ==, 1);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_nonnull (strstr (r->err, "2"));
}

static void
test_orders (CliFixture   *fx,
             gconstpointer data)
{
  g_autoptr (CliResult) r = NULL;
  g_autoptr (CliResult) text = NULL;
  g_autoptr (CliResult) events = NULL;
  char *uuids[3] = { NULL, };
  JsonArray *list;
  JsonArray *taxes;
  JsonArray *lines;
  gint64 taxed = 0, total;
  gint64 event_id, a, b;
  g_autofree char *event_text = NULL;
  g_autofree char *spec_a = NULL;
  g_autofree char *spec_b = NULL;

  setup_demo_shift (fx, "0");
  events = run_json (fx, "events", NULL);
  assert_ok (events);
  pick_event (obj (events), &event_id, &a, &b, 10);
  event_text = g_strdup_printf ("%" G_GINT64_FORMAT, event_id);
  spec_a = g_strdup_printf ("%" G_GINT64_FORMAT ":1", a);
  spec_b = g_strdup_printf ("%" G_GINT64_FORMAT ":2", b);

  for (guint i = 0; i < 3; i++)
    {
      r = run_json (fx, "sell", "--pin", BO_DEMO_CASHIER_PIN, "--event", event_text, "--ticket",
                    spec_a, "--ticket", spec_b, "--pay", i == 1 ? "card" : "cash", NULL);
      assert_ok (r);
      uuids[i] = g_strdup (json_object_get_string_member (obj (r), "order_uuid"));
      g_clear_pointer (&r, cli_result_free);
    }

  r = run_json (fx, "orders", "--limit", "2", NULL);
  assert_ok (r);
  list = json_object_get_array_member (obj (r), "orders");
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0),
                                                  "uuid"), ==, uuids[2]);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 1),
                                                  "uuid"), ==, uuids[1]);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (list, 0),
                                               "tickets"), ==, 3);
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "order", "show", uuids[1], NULL);
  assert_ok (r);
  total = json_object_get_int_member (obj (r), "total");
  g_assert_cmpint (total, ==, unit_price (find_type (obj (events), a, NULL))
                              + 2 * unit_price (find_type (obj (events), b, NULL)));
  lines = json_object_get_array_member (obj (r), "lines");
  g_assert_cmpuint (json_array_get_length (lines), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (r), "tickets")), ==,
                    3);
  g_assert_cmpint (payments_sum (obj (r)), ==, total);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (obj (r), "payments"), 0), "method"), ==, "card");
  taxes = json_object_get_array_member (obj (r), "taxes");
  g_assert_cmpuint (json_array_get_length (taxes), >=, 1);
  for (guint i = 0; i < json_array_get_length (taxes); i++)
    {
      JsonObject *tax = json_array_get_object_element (taxes, i);

      taxed += json_object_get_int_member (tax, "gross");
      g_assert_cmpint (json_object_get_int_member (tax, "net")
                       + json_object_get_int_member (tax, "tax"), ==,
                       json_object_get_int_member (tax, "gross"));
    }
  g_assert_cmpint (taxed, ==, total);
  g_clear_pointer (&r, cli_result_free);

  text = run_text (fx, "order", "show", uuids[1], NULL);
  assert_ok (text);
  g_assert_nonnull (strstr (text->out, uuids[1]));

  r = run_json (fx, "order", "show", "NO-SUCH-ORDER", NULL);
  assert_error (r, 1, "order_not_found");
  g_clear_pointer (&r, cli_result_free);

  r = run_json (fx, "order", "show", NULL);
  assert_error (r, 2, "usage");

  for (guint i = 0; i < G_N_ELEMENTS (uuids); i++)
    g_free (uuids[i]);
}

static void
test_status (CliFixture   *fx,
             gconstpointer data)
{
  g_autoptr (CliResult) r = NULL;
  const char *argv[] = { bo_test_cli_path (), "--json", "status", NULL };
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonObject *status;

  setup_demo_shift (fx, "700");
  sell_one (fx);

  /* No --db: the environment names the database. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "BILTEN_BOXOFFICE_DB", fx->db, TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  node = parse_one_object (out);
  status = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (status, "db_path"), ==, fx->db);
  g_assert_cmpint (json_object_get_int_member (status, "schema_version"), ==,
                   BO_STORE_SCHEMA_VERSION);
  g_assert_cmpint (json_object_get_int_member (status, "device_id"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (status, "events"), >=, 2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (status, "outbox"),
                                               "pending"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (status, "outbox"),
                                               "parked"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (status, "shift"),
                                               "cash_expected"), ==, 700);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (status, "journal"),
                                               "seq"), >=, 2);

  r = run_text (fx, "status", NULL);
  assert_ok (r);
  g_assert_nonnull (strstr (r->out, fx->db));
}

/* K seats left, eight counters' worth of CLI processes selling 1 or 2 of them at once. */
static void
test_concurrency (CliFixture   *fx,
                  gconstpointer data)
{
  const gint64 K = 5;
  const guint N = 8;
  g_autoptr (CliResult) events = NULL;
  g_autoptr (BoStore) store = NULL;
  g_autoptr (GPtrArray) procs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *event_text = NULL;
  g_autofree char *sql = NULL;
  gint64 event_id, a, b, capacity, sold_before;
  gint64 sum_ok = 0, n_ok = 0;
  gboolean single_failed = FALSE;

  setup_demo_shift (fx, "0");
  events = run_json (fx, "events", NULL);
  assert_ok (events);
  pick_event (obj (events), &event_id, &a, &b, K);
  event_text = g_strdup_printf ("%" G_GINT64_FORMAT, event_id);

  store = open_store (fx);
  sql = g_strdup_printf ("UPDATE ticket_types SET capacity = sold + %" G_GINT64_FORMAT
                         " WHERE id = %" G_GINT64_FORMAT, K, a);
  bo_test_exec (store, sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT sold FROM ticket_types WHERE id = %" G_GINT64_FORMAT, a);
  sold_before = bo_test_query_int (store, sql);
  g_free (sql);
  capacity = sold_before + K;
  g_clear_object (&store);

  for (guint i = 0; i < N; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *spec = g_strdup_printf ("%" G_GINT64_FORMAT ":%u", a, 1 + i % 2);
      const char *argv[] = { bo_test_cli_path (), "--db", fx->db, "--json", "sell", "--pin",
                             BO_DEMO_CASHIER_PIN, "--event", event_text, "--ticket", spec,
                             "--pay", "card", NULL };
      GSubprocess *proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                   | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);

      g_assert_no_error (error);
      g_ptr_array_add (procs, proc);
    }

  for (guint i = 0; i < N; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr (JsonNode) node = NULL;
      guint qty = 1 + i % 2;
      GSubprocess *proc = g_ptr_array_index (procs, i);

      g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
      g_assert_no_error (error);
      if (g_subprocess_get_exit_status (proc) == 0)
        {
          node = parse_one_object (out);
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                              json_node_get_object (node), "tickets")), ==, qty);
          sum_ok += qty;
          n_ok++;
        }
      else
        {
          JsonObject *error_object;

          g_test_message ("process %u (%u seats): %s", i, qty, err);
          g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 1);
          node = parse_one_object (err);
          error_object = json_object_get_object_member (json_node_get_object (node), "error");
          g_assert_cmpstr (json_object_get_string_member (error_object, "code"), ==, "sold_out");
          if (qty == 1)
            single_failed = TRUE;
        }
    }

  g_test_message ("%" G_GINT64_FORMAT " sales made, %" G_GINT64_FORMAT " seats of %"
                  G_GINT64_FORMAT, n_ok, sum_ok, K);
  g_assert_cmpint (n_ok, >, 0);
  g_assert_cmpint (sum_ok, <=, K);
  /* Four single seats were asked for: the only way one fails is that none was left. */
  g_assert_cmpint (sum_ok, >=, K - 1);
  if (single_failed)
    g_assert_cmpint (sum_ok, ==, K);

  store = open_store (fx);
  sql = g_strdup_printf ("SELECT sold FROM ticket_types WHERE id = %" G_GINT64_FORMAT, a);
  g_assert_cmpint (bo_test_query_int (store, sql), ==, sold_before + sum_ok);
  g_assert_cmpint (bo_test_query_int (store, sql), <=, capacity);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM tickets WHERE ticket_type_id = %" G_GINT64_FORMAT,
                         a);
  g_assert_cmpint (bo_test_query_int (store, sql), ==, sum_ok);
  g_assert_cmpint (bo_test_query_int (store, "SELECT count(*) FROM orders"), ==, n_ok);
  g_assert_cmpint (bo_test_query_int (store, "SELECT count(*) FROM outbox WHERE kind = 'order'"),
                   ==, n_ok);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/bo/cli/" path, CliFixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("usage", test_usage);
  ADD ("demo-events", test_demo_events);
  ADD ("operators", test_operators);
  ADD ("shift-sell-close", test_shift_sell_close);
  ADD ("split-payment", test_split_payment);
  ADD ("sold-out-force", test_sold_out_force);
  ADD ("refund-void", test_refund_void);
  ADD ("checkin", test_checkin);
  ADD ("journal", test_journal);
  ADD ("orders", test_orders);
  ADD ("status", test_status);
  ADD ("concurrency", test_concurrency);

#undef ADD

  return g_test_run ();
}
