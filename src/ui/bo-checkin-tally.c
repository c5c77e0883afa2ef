/* bo-checkin-tally.c — "312 in · of 1,000 tickets": attendance at the door
 *
 * A full count reads the event's check-ins and an index over its tickets (bo_checkin_count():
 * some 40 ms for a million tickets) on the window's only database worker, where it holds up
 * the scans queued behind it. So the tally counts in full only when it is shown, when the
 * catalogue changes (a sale, a refund, a sync pull that may bring other doors' check-ins) and
 * every RECOUNT_INTERVAL_S while shown, for scans by other programs on the same database (the
 * command line, a second window) that nothing here hears of; otherwise it follows the scans
 * of its own page: an accepted entry is one more inside, an accepted exit one fewer
 * (bo_checkin_get_inside_change()).
 *
 * That stays exact because the worker runs jobs, and reports them back, in the order they
 * were queued: a count queued before a scan does not include it and its answer arrives
 * first; one queued after includes it and replaces the running figure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ui/bo-checkin-tally.h"

#define RECOUNT_INTERVAL_S 30

struct _BoCheckinTally
{
  AdwBin parent_instance;

  BoWorker     *worker;
  GCancellable *cancellable;
  gint64        event_id;
  gint64        inside;
  gint64        valid;
  guint         recount_id;  /* the periodic count while mapped */
  guint         pending;     /* counts queued and not answered yet */

  /* Template widgets */
  GtkLabel     *inside_label;
  GtkLabel     *valid_label;
};

G_DEFINE_FINAL_TYPE (BoCheckinTally, bo_checkin_tally, ADW_TYPE_BIN)

typedef struct
{
  gint64 event_id;
  gint64 inside;
  gint64 valid;
} Count;

static gboolean
count_in_worker (BoStore         *store,
                 BoDevice        *device,
                 gpointer         job_data,
                 gpointer        *out_result,
                 GDestroyNotify  *out_free,
                 GCancellable    *cancellable,
                 GError         **error)
{
  g_autofree Count *count = g_new0 (Count, 1);

  count->event_id = GPOINTER_TO_SIZE (job_data);
  if (!bo_checkin_count (store, count->event_id, &count->inside, &count->valid, error))
    return FALSE;

  *out_result = g_steal_pointer (&count);
  *out_free = g_free;
  return TRUE;
}

static void
show_counts (BoCheckinTally *self)
{
  g_autofree char *inside_text = NULL;
  g_autofree char *valid_text = NULL;

  /* Translators: people inside the venue now. */
  inside_text = g_strdup_printf (ngettext ("%lld in", "%lld in", (gulong) self->inside),
                                 (long long) self->inside);
  /* Translators: valid tickets of the event that this counter knows, after "… in". */
  valid_text = g_strdup_printf (ngettext ("of %lld ticket", "of %lld tickets",
                                          (gulong) self->valid),
                                (long long) self->valid);
  gtk_label_set_text (self->inside_label, inside_text);
  gtk_label_set_text (self->valid_label, valid_text);
}

static void
on_count_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BoCheckinTally) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree Count *count = NULL;

  self->pending--;
  count = bo_worker_run_finish (BO_WORKER (source), result, bo_checkin_tally_recount, &error);
  if (count == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot count check-ins: %s", error->message);
      return;
    }

  /* The answer for an event or a database no longer shown. */
  if (BO_WORKER (source) != self->worker || count->event_id != self->event_id)
    return;

  self->inside = count->inside;
  self->valid = count->valid;
  show_counts (self);
}

static gboolean
recount_timeout_cb (gpointer user_data)
{
  BoCheckinTally *self = user_data;

  /* A count still waiting behind a busy worker will be as fresh as this one. */
  if (self->pending == 0)
    bo_checkin_tally_recount (self);
  return G_SOURCE_CONTINUE;
}

static void
bo_checkin_tally_map (GtkWidget *widget)
{
  BoCheckinTally *self = BO_CHECKIN_TALLY (widget);

  GTK_WIDGET_CLASS (bo_checkin_tally_parent_class)->map (widget);

  bo_checkin_tally_recount (self);
  g_clear_handle_id (&self->recount_id, g_source_remove);
  self->recount_id = g_timeout_add_seconds (RECOUNT_INTERVAL_S, recount_timeout_cb, self);
}

static void
bo_checkin_tally_unmap (GtkWidget *widget)
{
  BoCheckinTally *self = BO_CHECKIN_TALLY (widget);

  g_clear_handle_id (&self->recount_id, g_source_remove);

  GTK_WIDGET_CLASS (bo_checkin_tally_parent_class)->unmap (widget);
}

static void
bo_checkin_tally_dispose (GObject *object)
{
  BoCheckinTally *self = BO_CHECKIN_TALLY (object);

  g_clear_handle_id (&self->recount_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (bo_checkin_tally_parent_class)->dispose (object);
}

static void
bo_checkin_tally_finalize (GObject *object)
{
  BoCheckinTally *self = BO_CHECKIN_TALLY (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (bo_checkin_tally_parent_class)->finalize (object);
}

static void
bo_checkin_tally_class_init (BoCheckinTallyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bo_checkin_tally_dispose;
  object_class->finalize = bo_checkin_tally_finalize;

  widget_class->map = bo_checkin_tally_map;
  widget_class->unmap = bo_checkin_tally_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/bo-checkin-tally.ui");
  gtk_widget_class_bind_template_child (widget_class, BoCheckinTally, inside_label);
  gtk_widget_class_bind_template_child (widget_class, BoCheckinTally, valid_label);
}

static void
bo_checkin_tally_init (BoCheckinTally *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  show_counts (self);
}

void
bo_checkin_tally_set_worker (BoCheckinTally *self,
                             BoWorker       *worker)
{
  g_return_if_fail (BO_IS_CHECKIN_TALLY (self));
  g_return_if_fail (worker == NULL || BO_IS_WORKER (worker));

  if (!g_set_object (&self->worker, worker))
    return;

  bo_checkin_tally_recount (self);
}

void
bo_checkin_tally_set_event_id (BoCheckinTally *self,
                               gint64          event_id)
{
  g_return_if_fail (BO_IS_CHECKIN_TALLY (self));

  if (self->event_id == event_id)
    return;

  self->event_id = event_id;
  self->inside = 0;
  self->valid = 0;
  show_counts (self);
  bo_checkin_tally_recount (self);
}

void
bo_checkin_tally_recount (BoCheckinTally *self)
{
  g_return_if_fail (BO_IS_CHECKIN_TALLY (self));

  if (self->worker == NULL || self->event_id <= 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  self->pending++;
  bo_worker_run_async (self->worker, bo_checkin_tally_recount, count_in_worker,
                       GSIZE_TO_POINTER (self->event_id), NULL, self->cancellable,
                       on_count_done_cb, g_object_ref (self));
}

void
bo_checkin_tally_add (BoCheckinTally *self,
                      BoCheckin      *checkin)
{
  g_return_if_fail (BO_IS_CHECKIN_TALLY (self));
  g_return_if_fail (BO_IS_CHECKIN (checkin));

  if (bo_checkin_get_event_id (checkin) != self->event_id
      || bo_checkin_get_inside_change (checkin) == 0)
    return;

  /* Never below zero: another program may have let the same people out meanwhile. */
  self->inside = MAX (0, self->inside + bo_checkin_get_inside_change (checkin));
  show_counts (self);
}
