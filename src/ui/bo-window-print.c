/* bo-window-print.c — printing after a sale, reprints, closings, and the printer banner
 *
 * The sale queued its paper in its own transaction; here the queued jobs are printed in the
 * print queue's thread. A failure never touches the sale: the jobs stay in the queue, the
 * banner says what went wrong and "Retry Printing" prints whatever is still waiting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "print/bo-print-error.h"
#include "print/bo-print-queue.h"
#include "ui/bo-sale-result.h"
#include "ui/bo-ui-util.h"
#include "ui/bo-window-private.h"

typedef struct {
  BoWindow      *self;
  BoPrintConfig *config;
  GArray        *job_ids;
  guint          next;
  gint64         operator_id;
  gboolean       for_sale;   /* report to the sale result */
  GError        *error;      /* the first failure */
} PrintRun;

static void
print_run_free (PrintRun *run)
{
  g_clear_object (&run->self);
  g_clear_object (&run->config);
  g_clear_pointer (&run->job_ids, g_array_unref);
  g_clear_error (&run->error);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrintRun, print_run_free)

/* The printers chosen in Preferences (GSettings) win over those saved in the store by the
 * command line; a setting left at its default keeps the store's value. */
static void
apply_settings (BoWindow      *self,
                BoPrintConfig *config)
{
  static const char *keys[] = { "receipt-printer", "ticket-printer", "paper-width-mm",
                                "print-qr-as-image" };

  if (self->settings == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(GVariant) value = g_settings_get_user_value (self->settings, keys[i]);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;

      if (value == NULL)
        continue;

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        text = g_variant_dup_string (value, NULL);
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
        text = g_strdup (g_variant_get_boolean (value) ? "true" : "false");
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
        text = g_strdup_printf ("%u", g_variant_get_uint32 (value));

      if (text != NULL && !bo_print_config_set_from_string (config, keys[i], text, &error))
        g_message ("Ignoring the setting %s: %s", keys[i], error->message);
    }
}

static gint64
operator_id (BoWindow *self)
{
  BoOperator *operator = bo_session_get_operator (self->session);

  return operator != NULL ? bo_operator_get_id (operator) : 0;
}

static void
show_banner (BoWindow     *self,
             const GError *error)
{
  g_autofree char *text = NULL;

  /* In words, with what to do, and that nothing is lost. */
  text = g_strdup_printf (_("Printing failed: %s. The sale is saved and its tickets wait in the print queue."),
                          error->message);
  gtk_label_set_text (self->print_banner_label, text);
  gtk_revealer_set_reveal_child (self->print_banner, TRUE);
  self->print_failed = TRUE;
  bo_window_update_actions (self);
}

static void run_next (PrintRun *run);

static void
run_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  PrintRun *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!bo_print_queue_run_finish (result, &error) && run->error == NULL)
    run->error = g_steal_pointer (&error);
  run_next (run);
}

static void
run_next (PrintRun *run)
{
  g_autoptr(PrintRun) done = NULL;
  BoWindow *self = run->self;

  if (run->next < run->job_ids->len &&
      !g_cancellable_is_cancelled (self->print_cancellable))
    {
      gint64 id = g_array_index (run->job_ids, gint64, run->next++);

      bo_print_queue_run_async (bo_worker_get_db_path (self->worker), run->config, id, NULL,
                                run->operator_id, self->print_cancellable, run_cb, run);
      return;
    }

  done = run;
  if (g_cancellable_is_cancelled (self->print_cancellable))
    return;

  if (run->error == NULL)
    {
      if (run->for_sale)
        bo_sell_page_set_print_state (self->sell_page, BO_PRINT_STATE_DONE, NULL);
      if (self->print_failed)
        bo_window_dismiss_print_error (self);
    }
  else if (g_error_matches (run->error, BO_PRINT_ERROR, BO_PRINT_ERROR_NO_PRINTER))
    {
      /* Not a failure of a printer: there is none yet. The paper waits for one. */
      if (run->for_sale)
        bo_sell_page_set_print_state (self->sell_page, BO_PRINT_STATE_QUEUED,
                                      _("No printer is set up: the tickets wait in the print queue until one is (Preferences)."));
      else
        bo_ui_toast (GTK_WIDGET (self->toast_overlay),
                     _("No printer is set up: the paper waits in the print queue"));
    }
  else
    {
      if (run->for_sale)
        bo_sell_page_set_print_state (self->sell_page, BO_PRINT_STATE_FAILED, run->error->message);
      show_banner (self, run->error);
    }

  /* Printing counts prints and reprints on the tickets. */
  bo_session_data_changed (self->session, BO_SESSION_CHANGED_ORDERS);
}

static void
prepared_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PrintRun) run = user_data;
  g_autoptr(BoWorkerPrint) print = NULL;
  g_autoptr(GError) error = NULL;
  BoWindow *self = run->self;

  print = bo_worker_print_finish (BO_WORKER (source), result, &error);
  if (print == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (run->for_sale)
        bo_sell_page_set_print_state (self->sell_page, BO_PRINT_STATE_FAILED, error->message);
      show_banner (self, error);
      return;
    }

  run->config = g_steal_pointer (&print->config);
  run->job_ids = g_steal_pointer (&print->job_ids);
  apply_settings (self, run->config);

  if (run->for_sale)
    bo_sell_page_set_print_state (self->sell_page, BO_PRINT_STATE_PRINTING, NULL);
  run_next (g_steal_pointer (&run));
}

static PrintRun *
print_run_new (BoWindow *self,
               gboolean  for_sale)
{
  PrintRun *run = g_new0 (PrintRun, 1);

  run->self = g_object_ref (self);
  run->for_sale = for_sale;
  run->operator_id = operator_id (self);
  return run;
}

void
bo_window_print_order (BoWindow           *self,
                       BoOrder            *order,
                       const char * const *kinds,
                       gboolean            for_sale)
{
  g_return_if_fail (BO_IS_WINDOW (self));
  g_return_if_fail (BO_IS_ORDER (order));

  bo_worker_print_order_async (self->worker, bo_order_get_uuid (order), kinds,
                               self->print_cancellable, prepared_cb,
                               print_run_new (self, for_sale));
}

void
bo_window_print_closing (BoWindow *self,
                         BoShift  *shift)
{
  g_return_if_fail (BO_IS_WINDOW (self));
  g_return_if_fail (BO_IS_SHIFT (shift));

  bo_worker_print_closing_async (self->worker, bo_shift_get_id (shift), self->print_cancellable,
                                 prepared_cb, print_run_new (self, FALSE));
}

static void
retry_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(BoWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  guint failed = 0;
  guint printed;

  printed = bo_print_queue_run_pending_finish (result, &failed, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      show_banner (self, error);
      return;
    }

  if (failed > 0)
    {
      g_autoptr(GError) still = g_error_new (BO_PRINT_ERROR, BO_PRINT_ERROR_FAILED,
                                             ngettext ("%u job still does not print",
                                                       "%u jobs still do not print", failed),
                                             failed);

      show_banner (self, still);
      return;
    }

  bo_window_dismiss_print_error (self);
  if (printed > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("Printed %u waiting job",
                                                         "Printed %u waiting jobs", printed),
                                               printed);

      bo_ui_toast (GTK_WIDGET (self->toast_overlay), text);
    }
  if (bo_sell_page_get_step (self->sell_page) == BO_SELL_STEP_RESULT)
    bo_sell_page_set_print_state (self->sell_page, BO_PRINT_STATE_DONE, NULL);
  bo_session_data_changed (self->session, BO_SESSION_CHANGED_ORDERS);
}

static void
retry_prepared_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BoWindow) self = user_data;
  g_autoptr(BoWorkerPrint) print = NULL;
  g_autoptr(GError) error = NULL;

  print = bo_worker_print_finish (BO_WORKER (source), result, &error);
  if (print == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_banner (self, error);
      return;
    }

  apply_settings (self, print->config);
  gtk_label_set_text (self->print_banner_label, _("Printing what is waiting…"));
  bo_print_queue_run_pending_async (bo_worker_get_db_path (self->worker), print->config, TRUE,
                                    self->print_cancellable, retry_cb, g_object_ref (self));
}

void
bo_window_retry_printing (BoWindow *self)
{
  g_return_if_fail (BO_IS_WINDOW (self));

  /* No jobs to add: only the printer settings, then everything still waiting. */
  bo_worker_print_order_async (self->worker, NULL, NULL, self->print_cancellable,
                               retry_prepared_cb, g_object_ref (self));
}

void
bo_window_dismiss_print_error (BoWindow *self)
{
  g_return_if_fail (BO_IS_WINDOW (self));

  gtk_revealer_set_reveal_child (self->print_banner, FALSE);
  self->print_failed = FALSE;
  bo_window_update_actions (self);
}
