/* bo-lock-page.c — the locked counter: operator login with a PIN
 *
 * PINs are unique per counter, so a PIN alone finds its operator. Choosing one's own tile
 * first is optional; it makes the check cheaper (one hash instead of one per operator) and
 * the message clearer when the PIN is wrong.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ui/bo-lock-page.h"
#include "ui/bo-pin-pad.h"

struct _BoLockPage
{
  GtkWidget     parent_instance;

  BoSession    *session;
  GCancellable *cancellable;
  guint         countdown_id;
  guint         countdown;
  gboolean      busy;

  /* Template widgets */
  GtkLabel     *subtitle_label;
  GtkFlowBox   *operators_box;
  BoPinPad     *pin_pad;
  GtkSpinner   *spinner;
  GtkLabel     *error_label;
};

G_DEFINE_FINAL_TYPE (BoLockPage, bo_lock_page, GTK_TYPE_WIDGET)

enum {
  SIGNED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (BoLockPage *self,
            const char *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_sensitivity (BoLockPage *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->pin_pad), !self->busy && self->countdown == 0);
  gtk_spinner_set_spinning (self->spinner, self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
}

static const char *
selected_name (BoLockPage *self)
{
  g_autoptr(GList) selected = gtk_flow_box_get_selected_children (self->operators_box);

  if (selected == NULL)
    return NULL;
  return g_object_get_data (G_OBJECT (selected->data), "bo-operator-name");
}

static gboolean
countdown_tick_cb (gpointer user_data)
{
  BoLockPage *self = BO_LOCK_PAGE (user_data);
  g_autofree char *message = NULL;

  if (self->countdown > 0)
    self->countdown--;

  if (self->countdown == 0)
    {
      self->countdown_id = 0;
      show_error (self, NULL);
      update_sensitivity (self);
      bo_pin_pad_focus (self->pin_pad);
      return G_SOURCE_REMOVE;
    }

  message = g_strdup_printf (ngettext ("Too many wrong PINs. Try again in %u second.",
                                       "Too many wrong PINs. Try again in %u seconds.",
                                       self->countdown),
                             self->countdown);
  show_error (self, message);
  return G_SOURCE_CONTINUE;
}

static void
start_countdown (BoLockPage *self,
                 guint       seconds)
{
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  if (seconds == 0)
    return;

  /* One more than asked: the first tick comes a second from now and counts down. */
  self->countdown = seconds + 1;
  countdown_tick_cb (self);
  self->countdown_id = g_timeout_add_seconds (1, countdown_tick_cb, self);
  update_sensitivity (self);
}

static void
throttle_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BoLockPage) self = user_data;
  g_autoptr(GError) error = NULL;
  guint seconds;

  seconds = bo_worker_throttle_finish (BO_WORKER (source), result, &error);
  if (error == NULL)
    start_countdown (self, seconds);
}

static void
login_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(BoLockPage) self = user_data;
  g_autoptr(BoOperator) operator = NULL;
  g_autoptr(GError) error = NULL;

  operator = bo_worker_login_finish (BO_WORKER (source), result, &error);
  self->busy = FALSE;
  bo_pin_pad_clear (self->pin_pad);
  update_sensitivity (self);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (operator == NULL)
    {
      show_error (self, error->message);
      if (g_error_matches (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_THROTTLED) ||
          g_error_matches (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_WRONG_PIN))
        bo_worker_throttle_async (BO_WORKER (source), self->cancellable, throttle_cb,
                                  g_object_ref (self));
      bo_pin_pad_focus (self->pin_pad);
      return;
    }

  show_error (self, NULL);
  g_signal_emit (self, signals[SIGNED_IN], 0, operator);
}

static void
on_pin_submitted_cb (BoPinPad   *pad,
                     const char *pin,
                     BoLockPage *self)
{
  if (self->busy || self->countdown > 0 || self->session == NULL)
    return;

  self->busy = TRUE;
  update_sensitivity (self);
  bo_worker_login_async (bo_session_get_worker (self->session), selected_name (self), pin,
                         self->cancellable, login_cb, g_object_ref (self));
}

static void
on_operator_activated_cb (GtkFlowBox      *box,
                          GtkFlowBoxChild *child,
                          BoLockPage      *self)
{
  bo_pin_pad_focus (self->pin_pad);
}

static GtkWidget *
make_operator_tile (BoOperator *operator)
{
  const char *name = bo_operator_get_name (operator);
  GtkWidget *child = gtk_flow_box_child_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *avatar = adw_avatar_new (48, name, TRUE);
  GtkWidget *label = gtk_label_new (name);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
  gtk_box_append (GTK_BOX (box), avatar);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), box);
  gtk_widget_add_css_class (child, "operator-tile");
  gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  g_object_set_data_full (G_OBJECT (child), "bo-operator-name", g_strdup (name), g_free);
  return child;
}

static void
list_operators_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BoLockPage) self = user_data;
  g_autoptr(GPtrArray) operators = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  operators = bo_worker_list_operators_finish (BO_WORKER (source), result, &error);
  if (operators == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->operators_box))) != NULL)
    gtk_flow_box_remove (self->operators_box, child);

  for (guint i = 0; i < operators->len; i++)
    gtk_flow_box_append (self->operators_box, make_operator_tile (g_ptr_array_index (operators, i)));

  gtk_widget_set_visible (GTK_WIDGET (self->operators_box), operators->len > 1);
  gtk_flow_box_set_max_children_per_line (self->operators_box, MAX (1, MIN (operators->len, 5)));
}

static void
bo_lock_page_dispose (GObject *object)
{
  GtkWidget *child;
  BoLockPage *self = BO_LOCK_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  g_clear_object (&self->session);

  gtk_widget_dispose_template (GTK_WIDGET (object), BO_TYPE_LOCK_PAGE);
  /* The template's root is an unnamed child of this widget: dispose_template() leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (bo_lock_page_parent_class)->dispose (object);
}

static gboolean
bo_lock_page_grab_focus (GtkWidget *widget)
{
  BoLockPage *self = BO_LOCK_PAGE (widget);

  bo_pin_pad_focus (self->pin_pad);
  return TRUE;
}

static void
bo_lock_page_class_init (BoLockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bo_lock_page_dispose;
  widget_class->grab_focus = bo_lock_page_grab_focus;

  signals[SIGNED_IN] =
    g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, BO_TYPE_OPERATOR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bo-lock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BoLockPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, BoLockPage, operators_box);
  gtk_widget_class_bind_template_child (widget_class, BoLockPage, pin_pad);
  gtk_widget_class_bind_template_child (widget_class, BoLockPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, BoLockPage, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_pin_submitted_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_operator_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
bo_lock_page_init (BoLockPage *self)
{
  g_type_ensure (BO_TYPE_PIN_PAD);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

void
bo_lock_page_set_session (BoLockPage *self,
                          BoSession  *session)
{
  g_return_if_fail (BO_IS_LOCK_PAGE (self));
  g_return_if_fail (BO_IS_SESSION (session));

  g_set_object (&self->session, session);
}

void
bo_lock_page_reset (BoLockPage *self,
                    const char *message)
{
  g_return_if_fail (BO_IS_LOCK_PAGE (self));

  bo_pin_pad_clear (self->pin_pad);
  show_error (self, NULL);
  gtk_label_set_text (self->subtitle_label,
                      message != NULL ? message : _("Enter your PIN to start selling."));
  gtk_flow_box_unselect_all (self->operators_box);

  if (self->session != NULL)
    {
      BoWorker *worker = bo_session_get_worker (self->session);

      bo_worker_list_operators_async (worker, self->cancellable, list_operators_cb,
                                      g_object_ref (self));
      /* A counter restarted during a PIN lock-out is still locked out. */
      bo_worker_throttle_async (worker, self->cancellable, throttle_cb, g_object_ref (self));
    }

  bo_pin_pad_focus (self->pin_pad);
}
