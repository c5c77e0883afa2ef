/* test-operators.c — operators, roles and rights, PIN login and its throttling
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "bo-test-util.h"
#include "domain/bo-demo.h"
#include "domain/bo-pin.h"

/* A moment to pin the clock at, and offsets from it. */
#define T0_UNIX G_GINT64_CONSTANT (1893499200) /* 2030-01-01T12:00:00Z */

static void
pin_clock (gint64 offset_s)
{
  g_autoptr (GDateTime) when = g_date_time_new_from_unix_utc (T0_UNIX + offset_s);
  g_autofree char *text = g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");

  bo_test_pin_clock (text);
}

static gint64
count_operators (BoStore *store)
{
  return bo_test_query_int (store, "SELECT count(*) FROM operators");
}

static char *
meta (BoStore    *store,
      const char *key)
{
  return bo_store_get_meta (store, key);
}

static void
assert_operator (BoOperator *op,
                 gint64      id,
                 const char *name,
                 BoRole      role)
{
  g_assert_nonnull (op);
  g_assert_true (BO_IS_OPERATOR (op));
  if (id > 0)
    g_assert_cmpint (bo_operator_get_id (op), ==, id);
  g_assert_cmpstr (bo_operator_get_name (op), ==, name);
  g_assert_cmpint (bo_operator_get_role (op), ==, role);
}

static void
test_roles (void)
{
  BoRole role = BO_ROLE_MANAGER;

  g_assert_cmpstr (bo_role_to_string (BO_ROLE_CASHIER), ==, "cashier");
  g_assert_cmpstr (bo_role_to_string (BO_ROLE_MANAGER), ==, "manager");
  g_assert_true (bo_role_from_string ("cashier", &role));
  g_assert_cmpint (role, ==, BO_ROLE_CASHIER);
  g_assert_true (bo_role_from_string ("manager", &role));
  g_assert_cmpint (role, ==, BO_ROLE_MANAGER);
  g_assert_false (bo_role_from_string ("admin", &role));
  g_assert_false (bo_role_from_string ("Manager", &role));
  g_assert_false (bo_role_from_string ("", &role));
  g_assert_false (bo_role_from_string (NULL, &role));
  g_assert_cmpint (role, ==, BO_ROLE_MANAGER);
}

/* An empty store: the first manager is added without an actor; after that a manager is needed. */
static void
test_bootstrap (BoTestFixture *fx,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (BoOperator) boss = NULL;
  g_autoptr (BoOperator) second = NULL;
  g_autoptr (BoOperator) cashier = NULL;

  list = bo_operator_list (fx->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  boss = bo_operator_add (fx->store, NULL, "Amra Hadžić", BO_ROLE_MANAGER, "246810", &error);
  g_assert_no_error (error);
  assert_operator (boss, 0, "Amra Hadžić", BO_ROLE_MANAGER);
  g_assert_cmpint (bo_operator_get_id (boss), >, 0);

  /* Bootstrap is over. */
  second = bo_operator_add (fx->store, NULL, "Intruder", BO_ROLE_MANAGER, "13579", &error);
  g_assert_null (second);
  g_assert_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  cashier = bo_operator_add (fx->store, boss, "Zlatan", BO_ROLE_CASHIER, "1111", &error);
  g_assert_no_error (error);
  assert_operator (cashier, 0, "Zlatan", BO_ROLE_CASHIER);
  g_assert_cmpint (bo_operator_get_id (cashier), !=, bo_operator_get_id (boss));
  g_assert_cmpint (count_operators (fx->store), ==, 2);
}

/* Without an actor only the first manager may be made: not a cashier in a store that has no
 * manager yet (bo-operator.h: "except for the very first manager of an empty store"). */
static void
test_bootstrap_only_manager (BoTestFixture *fx,
                             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOperator) cashier = NULL;

  cashier = bo_operator_add (fx->store, NULL, "Walk-in", BO_ROLE_CASHIER, "4321", &error);
  g_assert_null (cashier);
  g_assert_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_NOT_ALLOWED);
  g_assert_cmpint (count_operators (fx->store), ==, 0);
}

static void
test_add_list_lookup (BoTestFixture *fx,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (BoOperator) added = NULL;
  g_autoptr (BoOperator) found = NULL;
  g_autoptr (BoOperator) again = NULL;
  gint64 id;

  /* The fixture's demo operators. */
  assert_operator (fx->cashier, 0, "Cashier", BO_ROLE_CASHIER);
  assert_operator (fx->manager, 0, "Manager", BO_ROLE_MANAGER);

  added = bo_operator_add (fx->store, fx->manager, "Adnan", BO_ROLE_CASHIER, "5678", &error);
  g_assert_no_error (error);
  assert_operator (added, 0, "Adnan", BO_ROLE_CASHIER);
  id = bo_operator_get_id (added);

  /* Listed by name. */
  list = bo_operator_list (fx->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  assert_operator (list->pdata[0], id, "Adnan", BO_ROLE_CASHIER);
  assert_operator (list->pdata[1], bo_operator_get_id (fx->cashier), "Cashier", BO_ROLE_CASHIER);
  assert_operator (list->pdata[2], bo_operator_get_id (fx->manager), "Manager", BO_ROLE_MANAGER);

  found = bo_operator_lookup (fx->store, id, &error);
  g_assert_no_error (error);
  assert_operator (found, id, "Adnan", BO_ROLE_CASHIER);
  g_clear_object (&found);
  found = bo_operator_lookup (fx->store, bo_operator_get_id (fx->manager), &error);
  g_assert_no_error (error);
  assert_operator (found, bo_operator_get_id (fx->manager), "Manager", BO_ROLE_MANAGER);
  g_clear_object (&found);

  found = bo_operator_lookup (fx->store, 424242, &error);
  g_assert_null (found);
  g_assert_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_INVALID);
  g_clear_error (&error);

  /* The new PIN logs the new operator in. */
  again = bo_operator_login (fx->store, "5678", &error);
  g_assert_no_error (error);
  assert_operator (again, id, "Adnan", BO_ROLE_CASHIER);

  /* Stored as given. */
  g_assert_cmpint (bo_test_query_int (fx->store,
                                      "SELECT count(*) FROM operators WHERE name = 'Adnan' "
                                      "AND role = 'cashier' AND active = 1 AND created_at LIKE '20%Z'"),
                   ==, 1);
}

static void
test_name_validation (BoTestFixture *fx,
                      gconstpointer  data)
{
  g_autofree char *len64 = g_strnfill (64, 'a');
  g_autofree char *len65 = g_strnfill (65, 'a');
  g_autoptr (GString) wide64 = g_string_new (NULL);
  g_autoptr (GString) wide65 = g_string_new (NULL);
  const char *invalid[] = {
    "",
    " Ana",
    "Ana ",
    "\tAna",
    "\xc2\xa0" "Ana",   /* no-break space */
    len65,
    NULL,                 /* filled in below: 65 two-byte characters */
    "An\ta",
    "An\na",
    "Ana\r",
    "A\x01na",
    "Ana\x7f",
    "An\xc2\x85" "a",    /* U+0085, a C1 control */
    "An\xc3\x28" "a",    /* not UTF-8 */
  };
  const char *valid[] = { len64, NULL /* 64 two-byte characters */, "Ana Marić", "李", "O'Brien-Šehić" };
  gint64 before = count_operators (fx->store);
  guint pin = 20000;

  for (guint i = 0; i < 64; i++)
    g_string_append (wide64, "š");
  g_string_append (wide65, wide64->str);
  g_string_append (wide65, "š");
  invalid[6] = wide65->str;
  valid[1] = wide64->str;

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *pin_text = g_strdup_printf ("%u", pin++);
      g_autoptr (BoOperator) op = NULL;

      g_test_message ("invalid name %u", i);
      op = bo_operator_add (fx->store, fx->manager, invalid[i], BO_ROLE_CASHIER, pin_text, &error);
      g_assert_null (op);
      g_assert_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_INVALID);
    }
  g_assert_cmpint (count_operators (fx->store), ==, before);

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *pin_text = g_strdup_printf ("%u", pin++);
      g_autoptr (BoOperator) op = NULL;

      g_test_message ("valid name %u", i);
      op = bo_operator_add (fx->store, fx->manager, valid[i], BO_ROLE_CASHIER, pin_text, &error);
      g_assert_no_error (error);
      assert_operator (op, 0, valid[i], BO_ROLE_CASHIER);
    }
  g_assert_cmpint (count_operators (fx->store), ==, before + G_N_ELEMENTS (valid));
}

static void
test_pin_validation (BoTestFixture *fx,
                     gconstpointer  data)
{
  const char *invalid[] = {
    "", "1", "123", "1234567890123", "12a4", " 1234", "1234 ", "12 34", "-1234", "+1234",
    "\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93\xef\xbc\x94", /* full-width digits */
    "\xd9\xa1\xd9\xa2\xd9\xa3\xd9\xa4",                 /* Arabic-Indic digits */
  };
  const char *valid[] = { "0000", "0042", "123456789012" };
  gint64 before = count_operators (fx->store);

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (BoOperator) op = NULL;
      g_autofree char *name = g_strdup_printf ("Pin test %u", i);

      g_test_message ("invalid PIN %u", i);
      g_assert_false (bo_pin_is_valid (invalid[i], NULL));
      op = bo_operator_add (fx->store, fx->manager, name, BO_ROLE_CASHIER, invalid[i], &error);
      g_assert_null (op);
      g_assert_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_INVALID);
      g_assert_cmpstr (error->message, !=, "");
    }
  g_assert_cmpint (count_operators (fx->store), ==, before);

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (BoOperator) op = NULL;
      g_autoptr (BoOperator) back = NULL;
      g_autofree char *name = g_strdup_printf ("Valid pin %u", i);

      g_assert_true (bo_pin_is_valid (valid[i], &error));
      g_assert_no_error (error);
      op = bo_operator_add (fx->store, fx->manager, name, BO_ROLE_CASHIER, valid[i], &error);
      g_assert_no_error (error);
      back = bo_operator_login (fx->store, valid[i], &error);
      g_assert_no_error (error);
      assert_operator (back, bo_operator_get_id (op), name, BO_ROLE_CASHIER);
    }
}

static void
test_duplicates (BoTestFixture *fx,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOperator) op = NULL;
  gint64 before = count_operators (fx->store);

  op = bo_operator_add (fx->store, fx->manager, "Cashier", BO_ROLE_CASHIER, "5555", &error);
  g_assert_null (op);
  g_assert_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "Cashier"));
  g_clear_error (&error);

  op = bo_operator_add (fx->store, fx->manager, "Manager", BO_ROLE_MANAGER, "5555", &error);
  g_assert_null (op);
  g_assert_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_EXISTS);
  g_clear_error (&error);

  /* PIN-only login needs every PIN to name one person. */
  op = bo_operator_add (fx->store, fx->manager, "Newcomer", BO_ROLE_CASHIER, BO_DEMO_CASHIER_PIN,
                        &error);
  g_assert_null (op);
  g_assert_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_PIN_TAKEN);
  g_clear_error (&error);

  op = bo_operator_add (fx->store, fx->manager, "Newcomer", BO_ROLE_MANAGER, BO_DEMO_MANAGER_PIN,
                        &error);
  g_assert_null (op);
  g_assert_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_PIN_TAKEN);
  g_clear_error (&error);

  g_assert_cmpint (count_operators (fx->store), ==, before);
  /* Nothing was left half-done: the store takes a write. */
  g_assert_false (bo_store_in_transaction (fx->store));
  op = bo_operator_add (fx->store, fx->manager, "Newcomer", BO_ROLE_CASHIER, "5555", &error);
  g_assert_no_error (error);
  g_assert_nonnull (op);
}

static void
test_add_needs_manager (BoTestFixture *fx,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOperator) op = NULL;
  gint64 before = count_operators (fx->store);

  op = bo_operator_add (fx->store, fx->cashier, "Friend", BO_ROLE_CASHIER, "5555", &error);
  g_assert_null (op);
  g_assert_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  op = bo_operator_add (fx->store, fx->cashier, "Boss", BO_ROLE_MANAGER, "5556", &error);
  g_assert_null (op);
  g_assert_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  /* No actor once a manager exists. */
  op = bo_operator_add (fx->store, NULL, "Boss", BO_ROLE_MANAGER, "5557", &error);
  g_assert_null (op);
  g_assert_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  op = bo_operator_add (fx->store, NULL, "Friend", BO_ROLE_CASHIER, "5558", &error);
  g_assert_null (op);
  g_assert_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  g_assert_cmpint (count_operators (fx->store), ==, before);
  g_assert_false (bo_store_in_transaction (fx->store));
}

static void
test_login (BoTestFixture *fx,
            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOperator) op = NULL;
  const char *wrong[] = { "0000", "12345", "4321", "12", "abcd", "" };

  op = bo_operator_login (fx->store, BO_DEMO_CASHIER_PIN, &error);
  g_assert_no_error (error);
  assert_operator (op, bo_operator_get_id (fx->cashier), "Cashier", BO_ROLE_CASHIER);
  g_clear_object (&op);

  op = bo_operator_login (fx->store, BO_DEMO_MANAGER_PIN, &error);
  g_assert_no_error (error);
  assert_operator (op, bo_operator_get_id (fx->manager), "Manager", BO_ROLE_MANAGER);
  g_clear_object (&op);

  op = bo_operator_login_named (fx->store, "Manager", BO_DEMO_MANAGER_PIN, &error);
  g_assert_no_error (error);
  assert_operator (op, bo_operator_get_id (fx->manager), "Manager", BO_ROLE_MANAGER);
  g_clear_object (&op);

  op = bo_operator_login_named (fx->store, "Cashier", BO_DEMO_CASHIER_PIN, &error);
  g_assert_no_error (error);
  assert_operator (op, bo_operator_get_id (fx->cashier), "Cashier", BO_ROLE_CASHIER);
  g_clear_object (&op);

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      op = bo_operator_login (fx->store, wrong[i], &error);
      g_assert_null (op);
      g_assert_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_WRONG_PIN);
      g_clear_error (&error);
      /* A success in between keeps the count from ever reaching the lock. */
      op = bo_operator_login (fx->store, BO_DEMO_CASHIER_PIN, &error);
      g_assert_no_error (error);
      g_clear_object (&op);
    }

  /* Somebody else's PIN on a named tile is wrong, as is an unknown name. */
  op = bo_operator_login_named (fx->store, "Cashier", BO_DEMO_MANAGER_PIN, &error);
  g_assert_null (op);
  g_assert_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_WRONG_PIN);
  g_clear_error (&error);
  op = bo_operator_login_named (fx->store, "Nobody", BO_DEMO_CASHIER_PIN, &error);
  g_assert_null (op);
  g_assert_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_WRONG_PIN);
  g_clear_error (&error);
  g_assert_cmpint (bo_operator_throttle_remaining (fx->store), ==, 0);
}

/* An approval tries the managers' hashes first. Shown with two operators sharing one hash (the
 * core never lets that happen; written here by hand): a plain login finds the older cashier,
 * an approval the manager. */
static void
test_login_approver (BoTestFixture *fx,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOperator) late = NULL;
  g_autoptr (BoOperator) op = NULL;

  late = bo_operator_add (fx->store, fx->manager, "Late Manager", BO_ROLE_MANAGER, "97531",
                          &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_operator_get_id (late), >, bo_operator_get_id (fx->cashier));

  op = bo_operator_login_approver (fx->store, BO_DEMO_CASHIER_PIN, &error);
  g_assert_no_error (error);
  assert_operator (op, bo_operator_get_id (fx->cashier), "Cashier", BO_ROLE_CASHIER);
  g_clear_object (&op);
  op = bo_operator_login_approver (fx->store, "97531", &error);
  g_assert_no_error (error);
  assert_operator (op, bo_operator_get_id (late), "Late Manager", BO_ROLE_MANAGER);
  g_clear_object (&op);

  bo_store_exec (fx->store,
                 "UPDATE operators SET pin_hash ="
                 " (SELECT pin_hash FROM operators WHERE name = 'Late Manager')"
                 " WHERE name = 'Cashier'", &error);
  g_assert_no_error (error);
  op = bo_operator_login (fx->store, "97531", &error);
  g_assert_no_error (error);
  assert_operator (op, bo_operator_get_id (fx->cashier), "Cashier", BO_ROLE_CASHIER);
  g_clear_object (&op);
  op = bo_operator_login_approver (fx->store, "97531", &error);
  g_assert_no_error (error);
  assert_operator (op, bo_operator_get_id (late), "Late Manager", BO_ROLE_MANAGER);
  g_clear_object (&op);

  /* A wrong PIN is wrong, and counts toward the lock like any other. */
  for (guint i = 0; i < 5; i++)
    {
      op = bo_operator_login_approver (fx->store, "00000", &error);
      g_assert_null (op);
      g_assert_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_WRONG_PIN);
      g_clear_error (&error);
    }
  g_assert_cmpuint (bo_operator_throttle_remaining (fx->store), >, 0);
  op = bo_operator_login_approver (fx->store, BO_DEMO_MANAGER_PIN, &error);
  g_assert_null (op);
  g_assert_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_THROTTLED);
}

static void
assert_login_fails (BoTestFixture *fx,
                    const char    *pin,
                    int            code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOperator) op = bo_operator_login (fx->store, pin, &error);

  g_assert_null (op);
  g_assert_error (error, BO_OPERATOR_ERROR, code);
}

static void
assert_login_works (BoTestFixture *fx,
                    const char    *pin)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOperator) op = bo_operator_login (fx->store, pin, &error);

  g_assert_no_error (error);
  g_assert_nonnull (op);
}

static void
test_throttle (BoTestFixture *fx,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *value = NULL;
  gint64 t = 0;

  pin_clock (t);

  for (guint i = 1; i < BO_PIN_FREE_ATTEMPTS; i++)
    {
      assert_login_fails (fx, "0000", BO_OPERATOR_ERROR_WRONG_PIN);
      g_assert_cmpuint (bo_operator_throttle_remaining (fx->store), ==, 0);
    }
  /* The last free attempt is still judged (wrong), and locks. */
  assert_login_fails (fx, "0000", BO_OPERATOR_ERROR_WRONG_PIN);
  g_assert_cmpuint (bo_operator_throttle_remaining (fx->store), ==, BO_PIN_BASE_DELAY_S);

  /* Now even the right PIN is refused, by name too, and the refusal says how long to wait. */
  {
    g_autoptr (BoOperator) op = bo_operator_login (fx->store, BO_DEMO_CASHIER_PIN, &error);

    g_assert_null (op);
    g_assert_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_THROTTLED);
    g_assert_nonnull (strstr (error->message, "30 seconds"));
    g_clear_error (&error);
    op = bo_operator_login_named (fx->store, "Cashier", BO_DEMO_CASHIER_PIN, &error);
    g_assert_null (op);
    g_assert_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_THROTTLED);
    g_clear_error (&error);
  }
  g_assert_cmpuint (bo_operator_throttle_remaining (fx->store), >, 0);

  t += BO_PIN_BASE_DELAY_S - 1;
  pin_clock (t);
  g_assert_cmpuint (bo_operator_throttle_remaining (fx->store), ==, 1);
  assert_login_fails (fx, BO_DEMO_CASHIER_PIN, BO_OPERATOR_ERROR_THROTTLED);

  /* After the wait, one more wrong PIN doubles the next wait. */
  t += 1;
  pin_clock (t);
  g_assert_cmpuint (bo_operator_throttle_remaining (fx->store), ==, 0);
  assert_login_fails (fx, "0000", BO_OPERATOR_ERROR_WRONG_PIN);
  g_assert_cmpuint (bo_operator_throttle_remaining (fx->store), ==, 2 * BO_PIN_BASE_DELAY_S);

  /* ... and so on, up to the cap. */
  for (guint delay = 2 * BO_PIN_BASE_DELAY_S; delay < BO_PIN_MAX_DELAY_S; )
    {
      t += delay;
      pin_clock (t);
      assert_login_fails (fx, "0000", BO_OPERATOR_ERROR_WRONG_PIN);
      delay = MIN (delay * 2, BO_PIN_MAX_DELAY_S);
      g_assert_cmpuint (bo_operator_throttle_remaining (fx->store), ==, delay);
    }
  t += BO_PIN_MAX_DELAY_S;
  pin_clock (t);
  assert_login_fails (fx, "0000", BO_OPERATOR_ERROR_WRONG_PIN);
  g_assert_cmpuint (bo_operator_throttle_remaining (fx->store), ==, BO_PIN_MAX_DELAY_S);

  /* Past the lock the right PIN works and the count starts again from zero. */
  t += BO_PIN_MAX_DELAY_S + 1;
  pin_clock (t);
  assert_login_works (fx, BO_DEMO_CASHIER_PIN);
  value = meta (fx->store, "pin_failures");
  g_assert_cmpstr (value, ==, "0");
  g_clear_pointer (&value, g_free);
  value = meta (fx->store, "pin_locked_until");
  g_assert_null (value);

  for (guint i = 1; i < BO_PIN_FREE_ATTEMPTS; i++)
    assert_login_fails (fx, "0000", BO_OPERATOR_ERROR_WRONG_PIN);
  g_assert_cmpuint (bo_operator_throttle_remaining (fx->store), ==, 0);
  assert_login_works (fx, BO_DEMO_MANAGER_PIN);

  bo_test_pin_clock (NULL);
}

/* The count is in the store, not in memory: closing the app (or a second program) does not
 * reset it. */
static void
test_throttle_survives_reopen (BoTestFixture *fx,
                               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoStore) other = NULL;
  guint i;

  pin_clock (0);
  for (i = 0; i < 3; i++)
    assert_login_fails (fx, "0000", BO_OPERATOR_ERROR_WRONG_PIN);

  g_clear_object (&fx->device);
  g_clear_object (&fx->store);
  fx->store = bo_store_open (fx->path, &error);
  g_assert_no_error (error);

  for (; i < BO_PIN_FREE_ATTEMPTS - 1; i++)
    assert_login_fails (fx, "0000", BO_OPERATOR_ERROR_WRONG_PIN);
  g_assert_cmpuint (bo_operator_throttle_remaining (fx->store), ==, 0);

  /* A second program on the same file shares the count. */
  other = bo_store_open (fx->path, &error);
  g_assert_no_error (error);
  {
    g_autoptr (BoOperator) op = bo_operator_login (other, "0000", &error);

    g_assert_null (op);
    g_assert_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_WRONG_PIN);
    g_clear_error (&error);
  }
  g_assert_cmpuint (bo_operator_throttle_remaining (other), ==, BO_PIN_BASE_DELAY_S);

  g_clear_object (&other);
  g_clear_object (&fx->store);
  fx->store = bo_store_open (fx->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bo_operator_throttle_remaining (fx->store), ==, BO_PIN_BASE_DELAY_S);
  assert_login_fails (fx, BO_DEMO_CASHIER_PIN, BO_OPERATOR_ERROR_THROTTLED);

  bo_test_pin_clock (NULL);
}

static void
test_pin_hash (BoTestFixture *fx,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoOperator) op = NULL;
  sqlite3_stmt *stmt = NULL;
  const char *pin = "80716253";
  g_autofree char *first = NULL;
  guint rows = 0;

  op = bo_operator_add (fx->store, fx->manager, "Hashed", BO_ROLE_CASHIER, pin, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_prepare_v2 (bo_store_get_db (fx->store),
                                       "SELECT name, pin_hash FROM operators ORDER BY id", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *hash = (const char *) sqlite3_column_text (stmt, 1);
      const char *plain = g_str_equal (name, "Hashed") ? pin
                          : g_str_equal (name, "Cashier") ? BO_DEMO_CASHIER_PIN
                          : BO_DEMO_MANAGER_PIN;

      g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
      g_assert_null (strstr (hash, plain));
      g_assert_true (bo_pin_verify (hash, plain));
      g_assert_false (bo_pin_verify (hash, "00000000"));
      if (first == NULL)
        first = g_strdup (hash);
      else
        g_assert_cmpstr (hash, !=, first);
      rows++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (rows, ==, 3);

  /* Salted: the same PIN hashes differently each time. */
  {
    g_autofree char *a = bo_pin_hash (pin, &error);
    g_autofree char *b = bo_pin_hash (pin, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (a, !=, b);
    g_assert_true (bo_pin_verify (a, pin));
    g_assert_true (bo_pin_verify (b, pin));
  }
  /* A damaged hash never verifies. */
  g_assert_false (bo_pin_verify ("$argon2id$garbage", pin));
  g_assert_false (bo_pin_verify ("", pin));
}

typedef struct {
  BoRight  right;
  gboolean cashier;
  gboolean manager;
} RightCase;

static const RightCase right_cases[] = {
  { BO_RIGHT_SELL, TRUE, TRUE },
  { BO_RIGHT_CHECK_IN, TRUE, TRUE },
  { BO_RIGHT_OPEN_SHIFT, TRUE, TRUE },
  { BO_RIGHT_CASH_MOVEMENT, TRUE, TRUE },
  { BO_RIGHT_CLOSE_SHIFT, FALSE, TRUE },
  { BO_RIGHT_REFUND, FALSE, TRUE },
  { BO_RIGHT_VOID, FALSE, TRUE },
  { BO_RIGHT_OVERRIDE_CAPACITY, FALSE, TRUE },
  { BO_RIGHT_COMPLIMENTARY, FALSE, TRUE },
  { BO_RIGHT_MANAGE_OPERATORS, FALSE, TRUE },
};
/* Every right is in the table (the enum ends with MANAGE_OPERATORS). */
G_STATIC_ASSERT (G_N_ELEMENTS (right_cases) == BO_RIGHT_MANAGE_OPERATORS + 1);

static void
test_rights (BoTestFixture *fx,
             gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (right_cases); i++)
    {
      const RightCase *c = &right_cases[i];
      g_autoptr (GError) error = NULL;

      g_assert_cmpint (c->right, ==, i);
      g_assert_cmpint (bo_operator_can (fx->cashier, c->right), ==, c->cashier);
      g_assert_cmpint (bo_operator_can (fx->manager, c->right), ==, c->manager);

      g_assert_cmpint (bo_operator_require (fx->manager, c->right, &error), ==, c->manager);
      g_assert_no_error (error);

      g_assert_cmpint (bo_operator_require (fx->cashier, c->right, &error), ==, c->cashier);
      if (c->cashier)
        g_assert_no_error (error);
      else
        {
          g_assert_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_NOT_ALLOWED);
          /* Says who is signed in, in a sentence. */
          g_assert_nonnull (strstr (error->message, "Cashier"));
          g_assert_nonnull (strstr (error->message, "manager"));
        }
    }
}

/* Who signed in last is the counter's, kept in its file: a restart (or a second program)
 * preselects the same operator. Logging in does not change it by itself (the CLI and a
 * manager's approval are not sign-ins at the counter), and neither does a failed PIN. */
static void
test_last_sign_in (BoTestFixture *fx,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoStore) other = NULL;
  g_autoptr (BoOperator) op = NULL;

  g_assert_cmpint (bo_operator_get_last_sign_in (fx->store), ==, 0);

  g_assert_true (bo_operator_remember_sign_in (fx->store, fx->cashier, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bo_operator_get_last_sign_in (fx->store), ==, bo_operator_get_id (fx->cashier));

  op = bo_operator_login_named (fx->store, "Manager", BO_DEMO_MANAGER_PIN, &error);
  g_assert_no_error (error);
  g_assert_nonnull (op);
  g_assert_cmpint (bo_operator_get_last_sign_in (fx->store), ==, bo_operator_get_id (fx->cashier));
  g_clear_object (&op);
  op = bo_operator_login_named (fx->store, "Manager", "00000", &error);
  g_assert_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_WRONG_PIN);
  g_assert_null (op);
  g_clear_error (&error);
  g_assert_cmpint (bo_operator_get_last_sign_in (fx->store), ==, bo_operator_get_id (fx->cashier));

  g_assert_true (bo_operator_remember_sign_in (fx->store, fx->manager, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bo_operator_get_last_sign_in (fx->store), ==, bo_operator_get_id (fx->manager));
  g_assert_cmpint (bo_operator_get_id (fx->manager), !=, bo_operator_get_id (fx->cashier));

  other = bo_store_open (fx->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bo_operator_get_last_sign_in (other), ==, bo_operator_get_id (fx->manager));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bo/operators/roles", test_roles);
  g_test_add ("/bo/operators/bootstrap", BoTestFixture, GINT_TO_POINTER (FALSE),
              bo_test_fixture_setup, test_bootstrap, bo_test_fixture_teardown);
  g_test_add ("/bo/operators/bootstrap-only-manager", BoTestFixture, GINT_TO_POINTER (FALSE),
              bo_test_fixture_setup, test_bootstrap_only_manager, bo_test_fixture_teardown);
  g_test_add ("/bo/operators/add-list-lookup", BoTestFixture, GINT_TO_POINTER (TRUE),
              bo_test_fixture_setup, test_add_list_lookup, bo_test_fixture_teardown);
  g_test_add ("/bo/operators/name-validation", BoTestFixture, GINT_TO_POINTER (TRUE),
              bo_test_fixture_setup, test_name_validation, bo_test_fixture_teardown);
  g_test_add ("/bo/operators/pin-validation", BoTestFixture, GINT_TO_POINTER (TRUE),
              bo_test_fixture_setup, test_pin_validation, bo_test_fixture_teardown);
  g_test_add ("/bo/operators/duplicates", BoTestFixture, GINT_TO_POINTER (TRUE),
              bo_test_fixture_setup, test_duplicates, bo_test_fixture_teardown);
  g_test_add ("/bo/operators/add-needs-manager", BoTestFixture, GINT_TO_POINTER (TRUE),
              bo_test_fixture_setup, test_add_needs_manager, bo_test_fixture_teardown);
  g_test_add ("/bo/operators/login", BoTestFixture, GINT_TO_POINTER (TRUE),
              bo_test_fixture_setup, test_login, bo_test_fixture_teardown);
  g_test_add ("/bo/operators/login-approver", BoTestFixture, GINT_TO_POINTER (TRUE),
              bo_test_fixture_setup, test_login_approver, bo_test_fixture_teardown);
  g_test_add ("/bo/operators/throttle", BoTestFixture, GINT_TO_POINTER (TRUE),
              bo_test_fixture_setup, test_throttle, bo_test_fixture_teardown);
  g_test_add ("/bo/operators/throttle-survives-reopen", BoTestFixture, GINT_TO_POINTER (TRUE),
              bo_test_fixture_setup, test_throttle_survives_reopen, bo_test_fixture_teardown);
  g_test_add ("/bo/operators/last-sign-in", BoTestFixture, GINT_TO_POINTER (TRUE),
              bo_test_fixture_setup, test_last_sign_in, bo_test_fixture_teardown);
  g_test_add ("/bo/operators/pin-hash", BoTestFixture, GINT_TO_POINTER (TRUE),
              bo_test_fixture_setup, test_pin_hash, bo_test_fixture_teardown);
  g_test_add ("/bo/operators/rights", BoTestFixture, GINT_TO_POINTER (TRUE),
              bo_test_fixture_setup, test_rights, bo_test_fixture_teardown);

  return g_test_run ();
}
