/* bo-pin-dialog.c — "a manager, please": approval by PIN on the spot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ui/bo-pin-dialog.h"
#include "ui/bo-pin-pad.h"

struct _BoPinDialog
{
  AdwWindow  parent_instance;

  BoSession *session;
  BoRight    right;
  GTask     *task;
  gboolean   busy;

  /* Template widgets */
  GtkLabel  *heading_label;
  GtkLabel  *body_label;
  BoPinPad  *pin_pad;
  GtkLabel  *error_label;
  GtkSpinner *spinner;
};

G_DEFINE_FINAL_TYPE (BoPinDialog, bo_pin_dialog, ADW_TYPE_WINDOW)

static void
finish_task (BoPinDialog *self,
             BoOperator  *operator,
             GError      *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  if (task == NULL)
    return;

  if (operator != NULL)
    g_task_return_pointer (task, g_object_ref (operator), g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
show_error (BoPinDialog *self,
            const char  *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_busy (BoPinDialog *self,
          gboolean     busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->pin_pad), !busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
}

static void
login_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(BoPinDialog) self = user_data;
  g_autoptr(BoOperator) operator = NULL;
  g_autoptr(GError) error = NULL;

  /* The window closed while this ran: nothing left to show it in. */
  if (self->pin_pad == NULL)
    return;

  operator = bo_worker_login_finish (BO_WORKER (source), result, &error);
  set_busy (self, FALSE);
  bo_pin_pad_clear (self->pin_pad);

  if (self->task == NULL)
    return;

  if (operator == NULL)
    {
      show_error (self, error->message);
      bo_pin_pad_focus (self->pin_pad);
      return;
    }

  if (!bo_operator_can (operator, self->right))
    {
      g_autofree char *message =
        g_strdup_printf (_("%s cannot approve this. Ask a manager to enter their PIN."),
                         bo_operator_get_name (operator));

      show_error (self, message);
      bo_pin_pad_focus (self->pin_pad);
      return;
    }

  finish_task (self, operator, NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_pin_submitted_cb (BoPinPad    *pad,
                     const char  *pin,
                     BoPinDialog *self)
{
  if (self->busy)
    return;

  show_error (self, NULL);
  set_busy (self, TRUE);
  bo_worker_login_async (bo_session_get_worker (self->session), NULL, pin, NULL, login_cb,
                         g_object_ref (self));
}

static void
on_cancel_clicked_cb (GtkButton   *button,
                      BoPinDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
bo_pin_dialog_close_request (GtkWindow *window)
{
  BoPinDialog *self = BO_PIN_DIALOG (window);

  finish_task (self, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                _("Approval was cancelled")));

  return GTK_WINDOW_CLASS (bo_pin_dialog_parent_class)->close_request (window);
}

static void
bo_pin_dialog_dispose (GObject *object)
{
  BoPinDialog *self = BO_PIN_DIALOG (object);

  finish_task (self, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                _("Approval was cancelled")));
  g_clear_object (&self->session);

  gtk_widget_dispose_template (GTK_WIDGET (object), BO_TYPE_PIN_DIALOG);

  G_OBJECT_CLASS (bo_pin_dialog_parent_class)->dispose (object);
}

static void
bo_pin_dialog_class_init (BoPinDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = bo_pin_dialog_dispose;
  window_class->close_request = bo_pin_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bo-pin-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BoPinDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, BoPinDialog, body_label);
  gtk_widget_class_bind_template_child (widget_class, BoPinDialog, pin_pad);
  gtk_widget_class_bind_template_child (widget_class, BoPinDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, BoPinDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_pin_submitted_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bo_pin_dialog_init (BoPinDialog *self)
{
  g_type_ensure (BO_TYPE_PIN_PAD);

  gtk_widget_init_template (GTK_WIDGET (self));
}

void
bo_pin_dialog_authorize_async (GtkWidget           *parent,
                               BoSession           *session,
                               BoRight              right,
                               const char          *heading,
                               const char          *body,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BoPinDialog *self;
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (BO_IS_SESSION (session));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bo_pin_dialog_authorize_async);

  /* A manager at the counter approves by doing it: asking again for the PIN they just typed
   * would only slow the queue down. */
  if (bo_session_can (session, right))
    {
      g_task_return_pointer (task, g_object_ref (bo_session_get_operator (session)),
                             g_object_unref);
      return;
    }

  root = gtk_widget_get_root (parent);
  self = g_object_new (BO_TYPE_PIN_DIALOG,
                       "transient-for", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                       "modal", TRUE,
                       NULL);
  self->session = g_object_ref (session);
  self->right = right;
  self->task = g_steal_pointer (&task);

  gtk_label_set_text (self->heading_label, heading);
  gtk_label_set_text (self->body_label, body);
  gtk_widget_set_visible (GTK_WIDGET (self->body_label), body != NULL && *body != '\0');
  gtk_window_set_title (GTK_WINDOW (self), heading);

  gtk_window_present (GTK_WINDOW (self));
  bo_pin_pad_focus (self->pin_pad);
}

BoOperator *
bo_pin_dialog_authorize_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bo_pin_dialog_authorize_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
