/* bo-lock-page.c — the locked counter: operator login with a PIN
 *
 * A PIN is checked against the chosen operator's hash: one Argon2id check (tens of MiB, a tenth
 * of a second or more) instead of one per operator. The operator who signed in last on this
 * counter is chosen already, or the only one there is; the PIN pad waits for a choice. Only a
 * counter nobody has signed in to yet, with several operators, takes a PIN alone (PINs are
 * unique per counter, so a PIN still finds its operator), and then the tile is chosen for next
 * time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ui/bo-lock-page.h"
#include "ui/bo-pin-pad.h"
#include "ui/bo-ui-util.h"

struct _BoLockPage
{
  GtkWidget     parent_instance;

  BoSession    *session;
  GCancellable *cancellable;
  guint         countdown_id;
  guint         countdown;
  gboolean      busy;
  gboolean      loaded;       /* the operators are on screen */
  gboolean      pin_alone;    /* nobody to choose beforehand: a PIN alone signs in */
  char         *signing_in;   /* the name the PIN was typed for, or NULL */

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

static const char *
selected_name (BoLockPage *self)
{
  g_autoptr(GList) selected = gtk_flow_box_get_selected_children (self->operators_box);

  if (selected == NULL)
    return NULL;
  return g_object_get_data (G_OBJECT (selected->data), "bo-operator-name");
}

static void
update_sensitivity (BoLockPage *self)
{
  gboolean ready = self->loaded && (self->pin_alone || selected_name (self) != NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self->pin_pad),
                            ready && !self->busy && self->countdown == 0);
  gtk_spinner_set_spinning (self->spinner, self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
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

  operator = bo_worker_sign_in_finish (BO_WORKER (source), result, &error);
  self->busy = FALSE;
  bo_pin_pad_clear (self->pin_pad);
  update_sensitivity (self);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (operator == NULL)
    {
      if (g_error_matches (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_WRONG_PIN) &&
          self->signing_in != NULL && gtk_widget_get_visible (GTK_WIDGET (self->operators_box)))
        {
          g_autofree char *message = NULL;

          /* The tile chosen beforehand may be the last person's, not this one's. */
          message = g_strdup_printf (_("Wrong PIN for %s. Not you? Choose your name first."),
                                     self->signing_in);
          show_error (self, message);
        }
      else
        {
          show_error (self, error->message);
        }
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

  if (!self->loaded || (selected_name (self) == NULL && !self->pin_alone))
    return;

  self->busy = TRUE;
  update_sensitivity (self);
  g_free (self->signing_in);
  self->signing_in = g_strdup (selected_name (self));
  bo_worker_sign_in_async (bo_session_get_worker (self->session), self->signing_in, pin,
                           self->cancellable, login_cb, g_object_ref (self));
}

static void
on_selection_changed_cb (BoLockPage *self)
{
  update_sensitivity (self);
}

static void
on_operator_activated_cb (GtkFlowBox      *box,
                          GtkFlowBoxChild *child,
                          BoLockPage      *self)
{
  bo_pin_pad_focus (self->pin_pad);
}

static GtkWidget *
make_operator_tile (BoOperator *operator,
                    gboolean    chosen)
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
  if (chosen)
    gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    _("Signed in last on this counter"), -1);
  return child;
}

static void
sign_in_choices_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(BoLockPage) self = user_data;
  g_autoptr(BoWorkerSignIn) choices = NULL;
  g_autoptr(GError) error = NULL;
  GtkFlowBoxChild *chosen = NULL;
  GPtrArray *operators;
  GtkWidget *child;

  choices = bo_worker_sign_in_choices_finish (BO_WORKER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loaded = TRUE;
  if (choices == NULL)
    {
      /* The PIN pad stays usable: signing in reports the store's trouble as well. */
      self->pin_alone = TRUE;
      show_error (self, error->message);
      update_sensitivity (self);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->operators_box))) != NULL)
    gtk_flow_box_remove (self->operators_box, child);

  operators = choices->operators;
  for (guint i = 0; i < operators->len; i++)
    {
      BoOperator *operator = g_ptr_array_index (operators, i);
      gboolean last = bo_operator_get_id (operator) == choices->last_sign_in;

      child = make_operator_tile (operator, last);
      gtk_flow_box_append (self->operators_box, child);
      if (last || operators->len == 1)
        chosen = GTK_FLOW_BOX_CHILD (child);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->operators_box), operators->len > 1);
  gtk_flow_box_set_max_children_per_line (self->operators_box, MAX (1, MIN (operators->len, 5)));
  if (chosen != NULL)
    gtk_flow_box_select_child (self->operators_box, chosen);
  /* Nobody has signed in here yet and there is a choice: rather than guess, take a PIN alone
   * this once. */
  self->pin_alone = chosen == NULL;
  update_sensitivity (self);
  bo_pin_pad_focus (self->pin_pad);
}

static void
bo_lock_page_dispose (GObject *object)
{
  BoLockPage *self = BO_LOCK_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  g_clear_object (&self->session);
  g_clear_pointer (&self->signing_in, g_free);

  bo_ui_dispose_template (GTK_WIDGET (object), BO_TYPE_LOCK_PAGE);

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
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed_cb);

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
  /* The PIN pad waits for the operators: a PIN typed before them would go unnamed. */
  self->loaded = FALSE;
  update_sensitivity (self);

  if (self->session != NULL)
    {
      BoWorker *worker = bo_session_get_worker (self->session);

      bo_worker_sign_in_choices_async (worker, self->cancellable, sign_in_choices_cb,
                                       g_object_ref (self));
      /* A counter restarted during a PIN lock-out is still locked out. */
      bo_worker_throttle_async (worker, self->cancellable, throttle_cb, g_object_ref (self));
    }

  bo_pin_pad_focus (self->pin_pad);
}
