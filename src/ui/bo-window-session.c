/* bo-window-session.c — signing in, locking, locking after inactivity, and the barcode
 * scanner typing into the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ui/bo-window-private.h"
#include "ui/bo-stack-util.h"
#include "ui/bo-ui-util.h"

/* A scanner types a code far faster than a person: keys closer together than this, at least
 * MIN_SCAN_LENGTH of them and then Enter, are a scan. */
#define SCAN_KEY_GAP_US  (50 * G_TIME_SPAN_MILLISECOND)
#define MIN_SCAN_LENGTH  5

/* Dialogs over the window (PIN, amounts, questions): they count as activity, and locking
 * closes them. */
static GPtrArray *
transient_windows (BoWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (window) == GTK_WINDOW (self) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        g_ptr_array_add (found, g_steal_pointer (&window));
    }
  return found;
}

void
bo_window_show_lock (BoWindow   *self,
                     const char *message)
{
  g_autoptr(GPtrArray) dialogs = transient_windows (self);

  /* Whatever was being asked is abandoned: the next person starts from a clean screen. The
   * cart stays; a sale that is committing finishes in the worker regardless. */
  for (guint i = 0; i < dialogs->len; i++)
    gtk_window_close (g_ptr_array_index (dialogs, i));

  bo_session_set_operator (self->session, NULL);
  bo_lock_page_reset (self->lock_page, message);
  bo_stack_show_only (self->stack, "lock");
  bo_window_update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->lock_page));
}

static void
signed_in_shift_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(BoWindow) self = user_data;
  g_autoptr(BoShift) shift = NULL;
  g_autoptr(GError) error = NULL;

  shift = bo_worker_current_shift_finish (BO_WORKER (source), result, &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        bo_ui_toast (GTK_WIDGET (self->toast_overlay), error->message);
      return;
    }

  bo_session_set_shift (self->session, shift);

  /* No shift yet: ask for the float right away, as the first thing of the day. */
  if (shift == NULL && bo_window_is_unlocked (self))
    bo_shift_page_open_shift (self->shift_page, TRUE);
}

void
bo_window_signed_in (BoWindow   *self,
                     BoOperator *operator)
{
  bo_session_set_operator (self->session, operator);
  self->last_input_us = g_get_monotonic_time ();
  bo_stack_show_only (self->stack, "main");
  bo_window_update_actions (self);

  /* No "Signed in as" toast: the header's operator button says who it is, and a toast would
   * sit over the Pay button for its first seconds. */

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "sell") == 0)
    bo_sell_page_focus (self->sell_page);
  else
    adw_view_stack_set_visible_child_name (self->view_stack, "sell");

  bo_worker_current_shift_async (self->worker, self->cancellable, signed_in_shift_cb,
                                 g_object_ref (self));
}

/* Inactivity ------------------------------------------------------------------------------ */

static gboolean
autolock_tick_cb (gpointer user_data)
{
  BoWindow *self = BO_WINDOW (user_data);
  g_autoptr(GPtrArray) dialogs = NULL;
  guint seconds;
  gint64 now;

  if (self->settings == NULL || !bo_window_is_unlocked (self))
    return G_SOURCE_CONTINUE;

  seconds = g_settings_get_uint (self->settings, "auto-lock-seconds");
  if (seconds == 0)
    return G_SOURCE_CONTINUE;

  now = g_get_monotonic_time ();
  /* Someone typing a PIN or an amount in a dialog is using the counter, and a sale being
   * committed is not the moment to lock. */
  dialogs = transient_windows (self);
  if (dialogs->len > 0 || bo_sell_page_get_busy (self->sell_page))
    self->last_input_us = now;

  if (now - self->last_input_us >= (gint64) seconds * G_TIME_SPAN_SECOND)
    {
      g_autofree char *message = NULL;
      BoOperator *operator = bo_session_get_operator (self->session);

      message = g_strdup_printf (_("Locked after a while without use. %s was signed in; the cart is kept."),
                                 bo_operator_get_name (operator));
      bo_window_show_lock (self, message);
    }

  return G_SOURCE_CONTINUE;
}

/* The barcode scanner ---------------------------------------------------------------------- */

static gboolean
focus_is_editable (BoWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  for (; focus != NULL; focus = gtk_widget_get_parent (focus))
    if (GTK_IS_EDITABLE (focus))
      return TRUE;
  return FALSE;
}

static void
handle_scan (BoWindow   *self,
             const char *code)
{
  const char *view = adw_view_stack_get_visible_child_name (self->view_stack);

  /* At the door the check-in page reads its own scans. Elsewhere a code is an order to find:
   * the customer's receipt, or a ticket code typed into the search. */
  if (g_strcmp0 (view, "checkin") == 0)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "orders");
  bo_orders_page_lookup (self->orders_page, code);
}

static gboolean
on_key_pressed (BoWindow        *self,
                GdkEvent        *event)
{
  guint keyval = gdk_key_event_get_keyval (event);
  GdkModifierType state = gdk_event_get_modifier_state (event);
  gint64 now = g_get_monotonic_time ();
  gint64 gap = now - self->scan_last_us;
  gunichar ch;

  self->scan_last_us = now;

  if (!bo_window_is_unlocked (self) || focus_is_editable (self))
    {
      g_string_truncate (self->scan_buffer, 0);
      return FALSE;
    }

  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    {
      gboolean scan = self->scan_buffer->len >= MIN_SCAN_LENGTH && gap < SCAN_KEY_GAP_US;
      g_autofree char *code = g_string_free (g_steal_pointer (&self->scan_buffer), FALSE);

      self->scan_buffer = g_string_new (NULL);
      if (!scan)
        return FALSE;

      /* The Enter ends the scan; it must not also press the focused button. */
      handle_scan (self, code);
      return TRUE;
    }

  ch = gdk_keyval_to_unicode (keyval);
  if (ch == 0 || !g_unichar_isgraph (ch) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    {
      if (keyval != GDK_KEY_Shift_L && keyval != GDK_KEY_Shift_R)
        g_string_truncate (self->scan_buffer, 0);
      return FALSE;
    }

  /* A pause means a person typed the characters so far: start again from this one. */
  if (gap >= SCAN_KEY_GAP_US)
    g_string_truncate (self->scan_buffer, 0);
  g_string_append_unichar (self->scan_buffer, ch);
  return FALSE;
}

static gboolean
on_input_event_cb (GtkEventControllerLegacy *controller,
                   GdkEvent                 *event,
                   BoWindow                 *self)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
      self->last_input_us = g_get_monotonic_time ();
      return on_key_pressed (self, event);
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
    case GDK_SCROLL:
    case GDK_MOTION_NOTIFY:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
      self->last_input_us = g_get_monotonic_time ();
      return FALSE;
    default:
      return FALSE;
    }
}

void
bo_window_session_init (BoWindow *self)
{
  GtkEventController *controller = gtk_event_controller_legacy_new ();

  self->scan_buffer = g_string_new (NULL);
  self->last_input_us = g_get_monotonic_time ();

  /* Capture phase: every input passes here first, whichever widget it is for. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "event", G_CALLBACK (on_input_event_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  self->autolock_id = g_timeout_add_seconds (1, autolock_tick_cb, self);
}

void
bo_window_session_dispose (BoWindow *self)
{
  g_clear_handle_id (&self->autolock_id, g_source_remove);
  if (self->scan_buffer != NULL)
    {
      g_string_free (self->scan_buffer, TRUE);
      self->scan_buffer = NULL;
    }
}
