/* bo-cli-sync.c — register, sync, sync status/release/retry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <stdio.h>

#include "cli/bo-cli.h"
#include "cli/bo-cli-output.h"
#include "sync/bo-registration.h"
#include "sync/bo-sync-engine.h"
#include "sync/bo-sync-status.h"

/* Sync failures reach the JSON error object with their own code through bo-cli-output.c's
 * table ("network", "device_revoked", "rejected", ...). */
static gboolean
fail_with (BoCliContext *ctx,
           GError      **error,
           GError       *sync_error)
{
  g_propagate_error (error, sync_error);
  return FALSE;
}

static char *
db_path (BoCliContext *ctx)
{
  return ctx->db_path != NULL ? g_strdup (ctx->db_path) : bo_store_default_path ();
}

/* --handshake takes the JSON itself, @FILE, or - for standard input. */
static char *
read_handshake (const char *text,
                GError    **error)
{
  char *contents = NULL;

  if (g_str_equal (text, "-"))
    {
      g_autoptr (GString) all = g_string_new (NULL);
      char buffer[4096];
      size_t n;

      while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0 && all->len < 65536)
        g_string_append_len (all, buffer, (gssize) n);
      return g_string_free (g_steal_pointer (&all), FALSE);
    }
  if (text[0] == '@')
    {
      if (!g_file_get_contents (text + 1, &contents, NULL, error))
        return NULL;
      return contents;
    }
  return g_strdup (text);
}

gboolean
bo_cli_cmd_register (BoCliContext *ctx,
                     int           argc,
                     char        **argv,
                     GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (BoSyncStatus) status = NULL;
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  g_autofree char *name = NULL;
  g_autofree char *handshake = NULL;
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &url,
      N_("Base URL of the central platform, e.g. https://central.example.org/api/v1"),
      N_("URL") },
    { "token", 0, 0, G_OPTION_ARG_STRING, &token,
      N_("One-time token from the platform’s onboarding screen"), N_("TOKEN") },
    { "handshake", 0, 0, G_OPTION_ARG_STRING, &handshake,
      N_("The onboarding QR code’s JSON (instead of --url and --token); @FILE reads a file, - "
         "standard input"),
      N_("JSON") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Name of this counter"), N_("NAME") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Register again although the counter is registered (it gets a new device id)"), NULL },
    G_OPTION_ENTRY_NULL
  };

  octx = bo_cli_option_context_new (ctx, argv[0], NULL,
                                    _("Register this counter with the central platform. The "
                                      "API token is stored in the database (a file only its "
                                      "owner can read). The counter keeps its signing key; a "
                                      "registered counter is registered again only with "
                                      "--force, which gives it a new device id and starts its "
                                      "sync from scratch (unsent sales stay queued).\n\n"
                                      "With --json, prints {\"device_id\", \"name\", \"url\", "
                                      "\"registered\": true}."),
                                    entries);
  if (!bo_cli_parse_no_arguments (octx, &argc, &argv, error))
    return FALSE;

  if (handshake != NULL)
    {
      g_autofree char *json = NULL;
      g_autofree char *hs_url = NULL;
      g_autofree char *hs_token = NULL;

      if (url != NULL || token != NULL)
        return bo_cli_usage_error (error, _("Give either --handshake or --url and --token"));
      json = read_handshake (handshake, error);
      if (json == NULL)
        return FALSE;
      if (!bo_registration_parse_handshake (json, &hs_url, &hs_token, &local_error))
        return fail_with (ctx, error, g_steal_pointer (&local_error));
      url = g_steal_pointer (&hs_url);
      token = g_steal_pointer (&hs_token);
    }
  if (url == NULL)
    return bo_cli_usage_error (error, _("%s is required"), "--url");
  if (token == NULL)
    return bo_cli_usage_error (error, _("%s is required"), "--token");
  if (!bo_cli_open_store (ctx, error))
    return FALSE;

  if (!bo_registration_register (ctx->store, url, token, name, force, NULL, &local_error))
    return fail_with (ctx, error, g_steal_pointer (&local_error));

  status = bo_sync_status_read (ctx->store, error);
  if (status == NULL)
    return FALSE;
  if (ctx->json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      bo_cli_add_int (builder, "device_id", status->device_id);
      bo_json_add_string_or_null (builder, "name", status->device_name);
      bo_json_add_string_or_null (builder, "url", status->base_url);
      bo_cli_add_bool (builder, "registered", TRUE);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      bo_cli_print_json (root);
    }
  else
    printf (_("Registered as device %u (“%s”) with %s.\n"), status->device_id,
            status->device_name != NULL ? status->device_name : "", status->base_url);
  return TRUE;
}

static void
print_summary (BoCliContext        *ctx,
               const BoSyncSummary *summary)
{
  if (ctx->json)
    {
      g_autofree char *text = bo_sync_summary_to_json (summary);

      printf ("%s\n", text);
    }
  else
    {
      printf (ngettext ("Pulled %llu (%llu ticket), pushed %u, failed %u, parked %u, %u still "
                        "to send; %.1f s\n",
                        "Pulled %llu (%llu tickets), pushed %u, failed %u, parked %u, %u still "
                        "to send; %.1f s\n",
                        (gulong) summary->pulled_tickets),
              (unsigned long long) summary->pulled, (unsigned long long) summary->pulled_tickets,
              summary->pushed, summary->failed, summary->parked, summary->remaining,
              summary->duration);
      if (summary->allocations_granted > 0 || summary->allocations_released > 0)
        printf (_("Allocations: %u granted, %u released\n"), summary->allocations_granted,
                summary->allocations_released);
    }
  fflush (stdout);
}

typedef struct {
  BoCliContext *ctx;
  BoSyncEngine *engine;
  GMainLoop    *loop;
  GCancellable *cancellable;
  guint         interval;
  guint         timeout_id;
  gboolean      stopping;
  GError       *fatal;
} Loop;

static void run_next (Loop *loop);

static gboolean
on_timeout_cb (gpointer data)
{
  Loop *loop = data;

  loop->timeout_id = 0;
  run_next (loop);
  return G_SOURCE_REMOVE;
}

static void
on_cycle_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Loop *loop = user_data;
  g_autoptr (BoSyncSummary) summary = NULL;
  g_autoptr (GError) error = NULL;

  bo_sync_engine_run_finish (loop->engine, result, &summary, &error);
  if (summary != NULL)
    print_summary (loop->ctx, summary);
  if (error != NULL && !g_error_matches (error, BO_SYNC_ERROR, BO_SYNC_ERROR_CANCELLED))
    {
      /* A counter that is not registered, revoked or refused stops; the network comes back. */
      if (g_error_matches (error, BO_SYNC_ERROR, BO_SYNC_ERROR_REVOKED) ||
          g_error_matches (error, BO_SYNC_ERROR, BO_SYNC_ERROR_UNAUTHORIZED) ||
          g_error_matches (error, BO_SYNC_ERROR, BO_SYNC_ERROR_NOT_REGISTERED) ||
          g_error_matches (error, BO_SYNC_ERROR, BO_SYNC_ERROR_TLS) ||
          error->domain != BO_SYNC_ERROR)
        {
          loop->fatal = g_steal_pointer (&error);
          g_main_loop_quit (loop->loop);
          return;
        }
      g_printerr ("%s: %s\n", BO_CLI_PROGRAM, error->message);
    }
  if (loop->stopping)
    {
      g_main_loop_quit (loop->loop);
      return;
    }
  loop->timeout_id = g_timeout_add_seconds (loop->interval, on_timeout_cb, loop);
}

static void
run_next (Loop *loop)
{
  bo_sync_engine_run_async (loop->engine, loop->cancellable, on_cycle_done_cb, loop);
}

static gboolean
on_signal_cb (gpointer data)
{
  Loop *loop = data;

  loop->stopping = TRUE;
  g_cancellable_cancel (loop->cancellable);
  if (loop->timeout_id != 0)
    {
      g_clear_handle_id (&loop->timeout_id, g_source_remove);
      g_main_loop_quit (loop->loop);
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
cmd_sync_status (BoCliContext *ctx,
                 int           argc,
                 char        **argv,
                 GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (BoSyncStatus) status = NULL;

  octx = bo_cli_option_context_new (ctx, argv[0], NULL,
                                    _("Show the sync state: registration, outbox depth, oldest "
                                      "unsent item, last success and the items that need "
                                      "attention. With --json, prints {\"registered\", "
                                      "\"revoked\", \"device_id\", \"device_name\", \"url\", "
                                      "\"pending\", \"parked\", \"oldest_pending_at\", "
                                      "\"last_success_at\", \"last_attempt_at\", \"last_error\", "
                                      "\"parked_items\": [{\"id\", \"kind\", \"uuid\", \"path\", "
                                      "\"code\", \"message\", \"created_at\", \"attempts\"}]}."),
                                    NULL);
  if (!bo_cli_parse_no_arguments (octx, &argc, &argv, error))
    return FALSE;
  if (!bo_cli_open_store (ctx, error))
    return FALSE;
  status = bo_sync_status_read (ctx->store, error);
  if (status == NULL)
    return FALSE;

  if (ctx->json)
    {
      g_autofree char *text = bo_sync_status_to_json (status);

      printf ("%s\n", text);
      return TRUE;
    }

  if (!status->registered)
    printf (_("Not registered with a central platform.\n"));
  else if (status->revoked)
    printf (_("Registered as device %u (“%s”) with %s — REVOKED: this counter no longer "
              "syncs\n"),
            status->device_id, status->device_name != NULL ? status->device_name : "",
            status->base_url);
  else
    printf (_("Registered as device %u (“%s”) with %s\n"), status->device_id,
            status->device_name != NULL ? status->device_name : "", status->base_url);
  if (status->oldest_pending_at != NULL)
    printf (_("Unsent: %lld (oldest from %s)\n"), (long long) status->pending,
            status->oldest_pending_at);
  else
    printf (_("Unsent: %lld\n"), (long long) status->pending);
  printf (_("Last success: %s\n"),
          status->last_success_at != NULL ? status->last_success_at : _("never"));
  if (status->last_error != NULL)
    printf (_("Last error: %s\n"), status->last_error);
  printf (_("Needing attention: %lld\n"), (long long) status->parked);
  for (guint i = 0; i < status->parked_items->len; i++)
    {
      BoSyncParkedItem *item = g_ptr_array_index (status->parked_items, i);

      printf ("  #%" G_GINT64_FORMAT " %s %s (%s): %s\n", item->id, item->kind, item->uuid,
              item->error_code != NULL ? item->error_code : "?",
              item->message != NULL ? item->message : "");
    }
  return TRUE;
}

static gboolean
cmd_sync_release (BoCliContext *ctx,
                  int           argc,
                  char        **argv,
                  GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (BoSyncEngine) engine = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *path = NULL;

  octx = bo_cli_option_context_new (ctx, argv[0], NULL,
                                    _("Give this counter’s unsold allocated seats back to the "
                                      "server (the counter closes). Sales of limited ticket "
                                      "types then need a new allocation. When the server "
                                      "cannot be reached, the release is queued and sent by the "
                                      "next sync."),
                                    NULL);
  if (!bo_cli_parse_no_arguments (octx, &argc, &argv, error))
    return FALSE;
  path = db_path (ctx);
  engine = bo_sync_engine_new (path);
  if (!bo_sync_engine_release_all (engine, NULL, &local_error))
    return fail_with (ctx, error, g_steal_pointer (&local_error));
  if (ctx->json)
    printf ("{\"released\":true}\n");
  else
    printf (_("Allocations released.\n"));
  return TRUE;
}

static gboolean
cmd_sync_retry (BoCliContext *ctx,
                int           argc,
                char        **argv,
                GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (GError) local_error = NULL;
  g_auto (GStrv) rest = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, NULL },
    G_OPTION_ENTRY_NULL
  };

  octx = bo_cli_option_context_new (ctx, argv[0], _("ID"),
                                    _("Put an item that needs attention back in the queue (its "
                                      "id from “sync status”), once its cause is fixed on the "
                                      "server."),
                                    entries);
  if (!bo_cli_parse_options (octx, &argc, &argv, error))
    return FALSE;
  if (rest == NULL || rest[0] == NULL || rest[1] != NULL)
    return bo_cli_usage_error (error, _("Give the id of one item from “sync status”"));
  if (!bo_cli_parse_int (rest[0], "ID", 1, G_MAXINT64, &id, error))
    return FALSE;
  if (!bo_cli_open_store (ctx, error))
    return FALSE;
  if (!bo_sync_retry_parked (ctx->store, id, &local_error))
    return fail_with (ctx, error, g_steal_pointer (&local_error));
  if (ctx->json)
    printf ("{\"id\":%" G_GINT64_FORMAT ",\"state\":\"pending\"}\n", id);
  else
    printf (_("Item %lld is queued again.\n"), (long long) id);
  return TRUE;
}

static const BoCliCommand sync_commands[] = {
  { "status", cmd_sync_status, N_("Show queue depth, last success and items needing attention") },
  { "release", cmd_sync_release, N_("Give unsold allocated seats back (counter closes)") },
  { "retry", cmd_sync_retry, N_("Queue an item that needs attention again: ID") },
  { NULL, NULL, NULL },
};

gboolean
bo_cli_cmd_sync (BoCliContext *ctx,
                 int           argc,
                 char        **argv,
                 GError      **error)
{
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (BoSyncEngine) engine = NULL;
  g_autoptr (BoSyncSummary) summary = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *target_text = NULL;
  g_autofree char *interval_text = NULL;
  gboolean once = FALSE, push_only = FALSE;
  gint64 target = 0, interval = 60;
  const GOptionEntry entries[] = {
    { "once", 0, 0, G_OPTION_ARG_NONE, &once, N_("Run one cycle and exit"), NULL },
    { "push-only", 0, 0, G_OPTION_ARG_NONE, &push_only,
      N_("Only send the outbox (no pull, no allocations)"), NULL },
    { "allocation-target", 0, 0, G_OPTION_ARG_STRING, &target_text,
      /* xgettext:no-c-format */
      N_("Seats per allocation block (default: 20, or 10 % of what is left when less)"),
      N_("N") },
    { "interval", 0, 0, G_OPTION_ARG_STRING, &interval_text,
      N_("Seconds between cycles without --once (default 60)"), N_("SECONDS") },
    G_OPTION_ENTRY_NULL
  };

  if (argc >= 2 && argv[1][0] != '-')
    return bo_cli_run_subcommand (ctx, "sync", sync_commands, argc, argv, error);

  octx = bo_cli_option_context_new (ctx, argv[0], _("[status|release|retry ID]"),
                                    _("Sync with the central platform: send the outbox (sales, "
                                      "refunds, check-ins, shift closings), pull keys, events, "
                                      "ticket types and tickets, keep allocation blocks for "
                                      "offline sales. Without --once, runs a cycle every "
                                      "--interval seconds until interrupted.\n\n"
                                      "With --json, prints one line per cycle: {\"pulled\", "
                                      "\"pushed\", \"failed\", \"parked\", \"remaining\", "
                                      "\"duration\", \"pulled_tickets\", …, \"error\"}. Exit "
                                      "status 1 when the (last) cycle failed; the error object "
                                      "then carries \"sync_error\": network, timeout, tls, "
                                      "server_error, rate_limited, rejected, unauthorized, "
                                      "device_revoked, bad_response, not_registered."),
                                    entries);
  if (!bo_cli_parse_no_arguments (octx, &argc, &argv, error))
    return FALSE;
  if (target_text != NULL &&
      !bo_cli_parse_int (target_text, "--allocation-target", 1, 100000, &target, error))
    return FALSE;
  if (interval_text != NULL &&
      !bo_cli_parse_int (interval_text, "--interval", 1, 86400, &interval, error))
    return FALSE;

  path = db_path (ctx);
  engine = bo_sync_engine_new (path);
  bo_sync_engine_set_allocation_target (engine, (guint) target);
  bo_sync_engine_set_push_only (engine, push_only);

  if (once)
    {
      gboolean ok = bo_sync_engine_run_once (engine, NULL, &summary, &local_error);

      if (summary != NULL && (ok || !g_error_matches (local_error, BO_SYNC_ERROR,
                                                      BO_SYNC_ERROR_NOT_REGISTERED)))
        print_summary (ctx, summary);
      if (!ok)
        return fail_with (ctx, error, g_steal_pointer (&local_error));
      return TRUE;
    }
  else
    {
      g_autoptr (GMainLoop) main_loop = g_main_loop_new (NULL, FALSE);
      g_autoptr (GCancellable) cancellable = g_cancellable_new ();
      Loop loop = { ctx, engine, main_loop, cancellable, (guint) interval, 0, FALSE, NULL };
      guint sigint = g_unix_signal_add (SIGINT, on_signal_cb, &loop);
      guint sigterm = g_unix_signal_add (SIGTERM, on_signal_cb, &loop);

      run_next (&loop);
      g_main_loop_run (main_loop);
      g_source_remove (sigint);
      g_source_remove (sigterm);
      g_clear_handle_id (&loop.timeout_id, g_source_remove);
      if (loop.fatal != NULL)
        return fail_with (ctx, error, loop.fatal);
      return TRUE;
    }
}
