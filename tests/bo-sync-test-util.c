/* bo-sync-test-util.c — the reference central server and registered counters, for the sync
 * tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bo-sync-test-util.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "bo-test-util.h"
#include "domain/bo-sale.h"
#include "domain/bo-shift.h"
#include "sync/bo-http-client.h"
#include "sync/bo-registration.h"

/* The server must not outlive a test that failed an assertion: it would keep the test
 * runner's stderr open. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
spawn (BoTestCentral *central,
       guint          port)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;
  const char *server = g_getenv ("BO_CENTRAL");
  g_autofree char *beside = NULL;
  const char *prefix = "bilten-central-dev listening on ";
  g_autoptr (GUri) uri = NULL;

  /* Benchmarks run without the test environment: the server is built next door. */
  if (server == NULL)
    {
      g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
      g_autofree char *here = self != NULL ? g_path_get_dirname (self) : NULL;

      beside = here != NULL ? g_build_filename (here, "..", "central", "bilten-central-dev", NULL)
                            : NULL;
      server = beside;
    }
  g_assert_nonnull (server);
  g_ptr_array_add (argv, g_strdup (server));
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (central->db));
  g_ptr_array_add (argv, g_strdup ("--port"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", port));
  g_ptr_array_add (argv, g_strdup ("--demo"));
  for (guint i = 0; central->extra != NULL && central->extra[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (central->extra[i]));
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  central->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                   &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (central->process));
  line = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, prefix));

  g_free (central->api);
  g_free (central->base);
  central->api = g_strdup (line + strlen (prefix));
  g_assert_true (g_str_has_suffix (central->api, "/api/v1"));
  central->base = g_strndup (central->api, strlen (central->api) - strlen ("/api/v1"));
  uri = g_uri_parse (central->api, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  central->port = (guint) g_uri_get_port (uri);
  g_assert_cmpuint (central->port, >, 0);
}

BoTestCentral *
bo_test_central_start (const char * const *extra_args)
{
  BoTestCentral *central = g_new0 (BoTestCentral, 1);

  central->dir = bo_test_make_tmpdir ();
  central->db = g_build_filename (central->dir, "central.db", NULL);
  central->extra = g_strdupv ((char **) extra_args);
  spawn (central, 0);
  return central;
}

void
bo_test_central_stop (BoTestCentral *central)
{
  g_autoptr (GError) error = NULL;

  if (central->process == NULL)
    return;
  g_subprocess_send_signal (central->process, SIGTERM);
  g_subprocess_wait (central->process, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&central->process);
}

void
bo_test_central_restart (BoTestCentral *central)
{
  bo_test_central_stop (central);
  spawn (central, central->port);
}

void
bo_test_central_free (BoTestCentral *central)
{
  if (central == NULL)
    return;
  bo_test_central_stop (central);
  bo_test_rm_rf (central->dir);
  g_free (central->dir);
  g_free (central->db);
  g_free (central->base);
  g_free (central->api);
  g_strfreev (central->extra);
  g_free (central);
}

JsonNode *
bo_test_central_admin (BoTestCentral *central,
                       const char    *method,
                       const char    *path,
                       const char    *body)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoHttpClient) http = bo_http_client_new (central->base, &error);
  g_autoptr (BoHttpResponse) response = NULL;

  g_assert_no_error (error);
  response = bo_http_client_request (http, method, path, body, body != NULL ? strlen (body) : 0,
                                     NULL, NULL, &error);
  g_assert_no_error (error);
  if (response->status < 200 || response->status >= 300)
    g_error ("%s %s answered %u: %s", method, path, response->status, response->raw);
  return response->body != NULL ? json_node_ref (response->body) : NULL;
}

gint64
bo_test_central_stat (BoTestCentral *central,
                      const char    *name)
{
  g_autoptr (JsonNode) stats = bo_test_central_admin (central, "GET", "/admin/stats", NULL);

  g_assert_nonnull (stats);
  g_assert_true (json_object_has_member (json_node_get_object (stats), name));
  return json_object_get_int_member (json_node_get_object (stats), name);
}

char *
bo_test_central_token (BoTestCentral *central,
                       char         **out_handshake)
{
  g_autoptr (JsonNode) answer = bo_test_central_admin (central, "POST", "/admin/tokens", "{}");
  JsonObject *object = json_node_get_object (answer);

  if (out_handshake != NULL)
    {
      g_autoptr (JsonGenerator) generator = json_generator_new ();

      json_generator_set_root (generator, json_object_get_member (object, "handshake"));
      *out_handshake = json_generator_to_data (generator, NULL);
    }
  return g_strdup (json_object_get_string_member (object, "token"));
}

BoTestCounter *
bo_test_counter_new (const char *dir,
                     const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BoShift) shift = NULL;
  g_autofree char *file = g_strconcat (name, ".db", NULL);
  BoTestCounter *counter = g_new0 (BoTestCounter, 1);

  counter->path = g_build_filename (dir, file, NULL);
  counter->store = bo_store_open (counter->path, &error);
  g_assert_no_error (error);
  counter->device = bo_device_load (counter->store, &error);
  g_assert_no_error (error);
  counter->manager = bo_operator_add (counter->store, NULL, "Manager", BO_ROLE_MANAGER, "9999",
                                      &error);
  g_assert_no_error (error);
  counter->cashier = bo_operator_add (counter->store, counter->manager, "Cashier",
                                      BO_ROLE_CASHIER, "1234", &error);
  g_assert_no_error (error);
  shift = bo_shift_open (counter->store, counter->device, counter->cashier, 0, &error);
  g_assert_no_error (error);
  return counter;
}

void
bo_test_counter_free (BoTestCounter *counter)
{
  if (counter == NULL)
    return;
  g_clear_object (&counter->cashier);
  g_clear_object (&counter->manager);
  g_clear_object (&counter->device);
  g_clear_object (&counter->store);
  g_free (counter->path);
  g_free (counter);
}

static void
reload_device (BoTestCounter *counter)
{
  g_autoptr (GError) error = NULL;

  g_clear_object (&counter->device);
  counter->device = bo_device_load (counter->store, &error);
  g_assert_no_error (error);
}

void
bo_test_counter_register (BoTestCounter *counter,
                          BoTestCentral *central,
                          const char    *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *token = bo_test_central_token (central, NULL);

  bo_registration_register (counter->store, central->api, token, name, FALSE, NULL, &error);
  g_assert_no_error (error);
  reload_device (counter);
  g_assert_cmpuint (bo_device_get_id (counter->device), >, 0);
}

gboolean
bo_test_counter_sync (BoTestCounter  *counter,
                      BoSyncSummary **out_summary,
                      GError        **error)
{
  g_autoptr (BoSyncEngine) engine = bo_sync_engine_new (counter->path);
  gboolean ok = bo_sync_engine_run_once (engine, NULL, out_summary, error);

  reload_device (counter);
  return ok;
}

BoOrder *
bo_test_counter_sell (BoTestCounter *counter,
                      gint64         event_id,
                      gint64         type_id,
                      guint          quantity,
                      gboolean       force,
                      GError       **error)
{
  g_autoptr (BoSale) sale = bo_sale_new (event_id);

  if (!bo_sale_add_tickets (sale, type_id, quantity, error))
    return NULL;
  bo_sale_add_payment (sale, BO_PAYMENT_CASH, BO_PAYMENT_REST, -1, NULL);
  bo_sale_set_force (sale, force);
  bo_sale_set_print (sale, FALSE, FALSE);
  return bo_sale_commit (sale, counter->store, counter->device,
                         force ? counter->manager : counter->cashier, error);
}

gint64
bo_test_counter_int (BoTestCounter *counter,
                     const char    *sql)
{
  return bo_test_query_int (counter->store, sql);
}
