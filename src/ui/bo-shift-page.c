/* bo-shift-page.c — the cash drawer: the open shift's figures, cash in and out, closing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "domain/bo-money.h"
#include "ui/bo-amount-dialog.h"
#include "ui/bo-format.h"
#include "ui/bo-pin-dialog.h"
#include "ui/bo-shift-page.h"
#include "ui/bo-stack-util.h"
#include "ui/bo-ui-util.h"

struct _BoShiftPage
{
  GtkWidget            parent_instance;

  BoSession           *session;
  BoShift             *closed;
  GCancellable        *cancellable;
  gboolean             busy;

  /* Template widgets */
  GtkStack            *stack;
  AdwPreferencesGroup *open_group;
  GtkLabel            *float_label;
  GtkLabel            *cash_label;
  GtkLabel            *card_label;
  GtkLabel            *voucher_label;
  GtkLabel            *free_label;
  GtkLabel            *cash_in_label;
  GtkLabel            *cash_out_label;
  GtkLabel            *expected_label;
  AdwPreferencesGroup *closed_group;
  GtkLabel            *closed_expected_label;
  GtkLabel            *counted_label;
  GtkLabel            *variance_label;
  GtkLabel            *closed_cash_label;
  GtkLabel            *closed_card_label;
  GtkLabel            *closed_voucher_label;
  GtkLabel            *closed_free_label;
};

G_DEFINE_FINAL_TYPE (BoShiftPage, bo_shift_page, GTK_TYPE_WIDGET)

enum {
  SHIFT_CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_money (GtkLabel   *label,
           gint64      amount,
           const char *currency)
{
  g_autofree char *text = bo_money_format (amount, currency);

  gtk_label_set_text (label, text);
}

static void
show_error (BoShiftPage *self,
            const char  *heading,
            const char  *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_open (BoShiftPage *self,
           BoShift     *shift)
{
  const char *currency = bo_session_get_currency (self->session);
  g_autofree char *opened = bo_format_timestamp (bo_shift_get_opened_at (shift));
  g_autofree char *description = g_strdup_printf (_("Opened %s"), opened);

  adw_preferences_group_set_description (self->open_group, description);
  set_money (self->float_label, bo_shift_get_float (shift), currency);
  set_money (self->cash_label, bo_shift_get_payment_total (shift, "cash"), currency);
  set_money (self->card_label, bo_shift_get_payment_total (shift, "card"), currency);
  set_money (self->voucher_label, bo_shift_get_payment_total (shift, "voucher"), currency);
  set_money (self->free_label, bo_shift_get_payment_total (shift, "free"), currency);
  set_money (self->cash_in_label, bo_shift_get_cash_in (shift), currency);
  set_money (self->cash_out_label, -bo_shift_get_cash_out (shift), currency);
  set_money (self->expected_label, bo_shift_get_cash_expected (shift), currency);
  bo_stack_show_only (self->stack, "open");
}

static void
show_closed (BoShiftPage *self,
             BoShift     *shift)
{
  const char *currency = bo_session_get_currency (self->session);
  g_autofree char *opened = bo_format_timestamp (bo_shift_get_opened_at (shift));
  g_autofree char *closed = bo_format_timestamp (bo_shift_get_closed_at (shift));
  g_autofree char *description = g_strdup_printf (_("From %s to %s"), opened, closed);
  g_autofree char *variance = NULL;
  g_autofree char *amount = NULL;
  gint64 diff = bo_shift_get_variance (shift);

  adw_preferences_group_set_description (self->closed_group, description);
  set_money (self->closed_expected_label, bo_shift_get_cash_expected (shift), currency);
  set_money (self->counted_label, bo_shift_get_cash_counted (shift), currency);
  set_money (self->closed_cash_label, bo_shift_get_payment_total (shift, "cash"), currency);
  set_money (self->closed_card_label, bo_shift_get_payment_total (shift, "card"), currency);
  set_money (self->closed_voucher_label, bo_shift_get_payment_total (shift, "voucher"), currency);
  set_money (self->closed_free_label, bo_shift_get_payment_total (shift, "free"), currency);

  /* The variance says in words which way it goes: colour alone is not enough. */
  amount = bo_money_format (ABS (diff), currency);
  if (diff == 0)
    variance = g_strdup (_("None: the drawer is right"));
  else if (diff < 0)
    variance = g_strdup_printf (_("Short by %s"), amount);
  else
    variance = g_strdup_printf (_("Over by %s"), amount);
  gtk_label_set_text (self->variance_label, variance);
  gtk_widget_remove_css_class (GTK_WIDGET (self->variance_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->variance_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->variance_label), diff == 0 ? "success" : "error");

  bo_stack_show_only (self->stack, "closed");
}

static void
update (BoShiftPage *self)
{
  BoShift *shift;

  if (self->session == NULL)
    return;

  shift = bo_session_get_shift (self->session);
  if (shift != NULL)
    show_open (self, shift);
  else if (self->closed != NULL)
    show_closed (self, self->closed);
  else
    bo_stack_show_only (self->stack, "none");
}

static void
on_shift_notify_cb (BoSession   *session,
                    GParamSpec  *pspec,
                    BoShiftPage *self)
{
  update (self);
}

static void
current_shift_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BoShiftPage) self = user_data;
  g_autoptr(BoShift) shift = NULL;
  g_autoptr(GError) error = NULL;

  shift = bo_worker_current_shift_finish (BO_WORKER (source), result, &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot read the open shift: %s", error->message);
      return;
    }
  if (self->session != NULL)
    bo_session_set_shift (self->session, shift);
}

static void
on_data_changed_cb (BoSession   *session,
                    guint        changes,
                    BoShiftPage *self)
{
  if (changes & BO_SESSION_CHANGED_SHIFT)
    bo_shift_page_reload (self);
}

/* Opening ---------------------------------------------------------------------------------- */

static void
open_shift_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(BoShiftPage) self = user_data;
  g_autoptr(BoShift) shift = NULL;
  g_autoptr(GError) error = NULL;

  /* The window closed while this ran: nothing left to show it in. */
  if (self->stack == NULL)
    return;

  self->busy = FALSE;
  shift = bo_worker_open_shift_finish (BO_WORKER (source), result, &error);
  if (shift == NULL)
    {
      show_error (self, _("The Shift Was Not Opened"), error->message);
      return;
    }

  g_clear_object (&self->closed);
  bo_session_set_shift (self->session, shift);
  bo_ui_toast (GTK_WIDGET (self), _("Shift opened"));
}

static void
on_float_confirmed_cb (BoAmountDialog *dialog,
                       gint64          amount,
                       const char     *text,
                       BoShiftPage    *self)
{
  BoOperator *operator = bo_session_get_operator (self->session);

  if (operator == NULL || self->busy)
    return;

  self->busy = TRUE;
  bo_worker_open_shift_async (bo_session_get_worker (self->session), operator, amount,
                              NULL, open_shift_cb, g_object_ref (self));
}

/* Cash in and out --------------------------------------------------------------------------- */

static void
move_cash_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(BoShiftPage) self = user_data;
  g_autoptr(BoShift) shift = NULL;
  g_autoptr(GError) error = NULL;

  /* The window closed while this ran: nothing left to show it in. */
  if (self->stack == NULL)
    return;

  self->busy = FALSE;
  shift = bo_worker_move_cash_finish (BO_WORKER (source), result, &error);
  if (shift == NULL && error != NULL)
    {
      show_error (self, _("The Cash Was Not Recorded"), error->message);
      return;
    }

  bo_session_set_shift (self->session, shift);
  bo_ui_toast (GTK_WIDGET (self), _("Cash movement recorded"));
}

static void
on_move_confirmed_cb (BoAmountDialog *dialog,
                      gint64          amount,
                      const char     *reason,
                      BoShiftPage    *self)
{
  BoOperator *operator = bo_session_get_operator (self->session);
  gboolean cash_in = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "bo-cash-in"));

  if (operator == NULL || self->busy)
    return;

  self->busy = TRUE;
  bo_worker_move_cash_async (bo_session_get_worker (self->session), operator,
                             cash_in ? amount : -amount, reason, NULL, move_cash_cb,
                             g_object_ref (self));
}

/* Closing ----------------------------------------------------------------------------------- */

static void
close_shift_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BoShiftPage) self = user_data;
  g_autoptr(BoShift) closed = NULL;
  g_autoptr(GError) error = NULL;

  /* The window closed while this ran: nothing left to show it in. */
  if (self->stack == NULL)
    return;

  self->busy = FALSE;
  closed = bo_worker_close_shift_finish (BO_WORKER (source), result, &error);
  if (closed == NULL)
    {
      show_error (self, _("The Shift Was Not Closed"), error->message);
      return;
    }

  g_set_object (&self->closed, closed);
  bo_session_set_shift (self->session, NULL);
  show_closed (self, closed);
  g_signal_emit (self, signals[SHIFT_CLOSED], 0, closed);
}

static void
on_counted_confirmed_cb (BoAmountDialog *dialog,
                         gint64          counted,
                         const char     *text,
                         BoShiftPage    *self)
{
  BoOperator *manager = g_object_get_data (G_OBJECT (dialog), "bo-manager");

  if (manager == NULL || self->busy)
    return;

  self->busy = TRUE;
  bo_worker_close_shift_async (bo_session_get_worker (self->session), manager, counted, NULL,
                               close_shift_cb, g_object_ref (self));
}

static void
approve_close_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BoShiftPage) self = user_data;
  g_autoptr(BoOperator) manager = NULL;
  g_autoptr(GError) error = NULL;
  BoAmountDialog *dialog;

  /* The window closed while this ran: nothing left to show it in. */
  if (self->stack == NULL)
    return;

  manager = bo_pin_dialog_authorize_finish (result, &error);
  if (manager == NULL || self->session == NULL || bo_session_get_shift (self->session) == NULL)
    return;

  /* The expected amount is not shown: the count is honest when nobody knows the answer. */
  dialog = bo_amount_dialog_new (GTK_WIDGET (self), _("Count the Cash"),
                                 _("Count every note and coin in the drawer, the float included, and enter the total."),
                                 _("Close Shift"));
  bo_amount_dialog_set_amount (dialog, _("Cash counted"), bo_session_get_currency (self->session),
                               TRUE, -1);
  bo_amount_dialog_set_destructive (dialog, TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "bo-manager", g_object_ref (manager), g_object_unref);
  g_signal_connect_object (dialog, "confirmed", G_CALLBACK (on_counted_confirmed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------------------------------- */

static void
bo_shift_page_dispose (GObject *object)
{
  BoShiftPage *self = BO_SHIFT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  bo_ui_dispose_template (GTK_WIDGET (object), BO_TYPE_SHIFT_PAGE);
  g_clear_object (&self->session);
  g_clear_object (&self->closed);

  G_OBJECT_CLASS (bo_shift_page_parent_class)->dispose (object);
}

static void
bo_shift_page_class_init (BoShiftPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bo_shift_page_dispose;

  signals[SHIFT_CLOSED] =
    g_signal_new ("shift-closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, BO_TYPE_SHIFT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bo-shift-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BoShiftPage, stack);
  gtk_widget_class_bind_template_child (widget_class, BoShiftPage, open_group);
  gtk_widget_class_bind_template_child (widget_class, BoShiftPage, float_label);
  gtk_widget_class_bind_template_child (widget_class, BoShiftPage, cash_label);
  gtk_widget_class_bind_template_child (widget_class, BoShiftPage, card_label);
  gtk_widget_class_bind_template_child (widget_class, BoShiftPage, voucher_label);
  gtk_widget_class_bind_template_child (widget_class, BoShiftPage, free_label);
  gtk_widget_class_bind_template_child (widget_class, BoShiftPage, cash_in_label);
  gtk_widget_class_bind_template_child (widget_class, BoShiftPage, cash_out_label);
  gtk_widget_class_bind_template_child (widget_class, BoShiftPage, expected_label);
  gtk_widget_class_bind_template_child (widget_class, BoShiftPage, closed_group);
  gtk_widget_class_bind_template_child (widget_class, BoShiftPage, closed_expected_label);
  gtk_widget_class_bind_template_child (widget_class, BoShiftPage, counted_label);
  gtk_widget_class_bind_template_child (widget_class, BoShiftPage, variance_label);
  gtk_widget_class_bind_template_child (widget_class, BoShiftPage, closed_cash_label);
  gtk_widget_class_bind_template_child (widget_class, BoShiftPage, closed_card_label);
  gtk_widget_class_bind_template_child (widget_class, BoShiftPage, closed_voucher_label);
  gtk_widget_class_bind_template_child (widget_class, BoShiftPage, closed_free_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
bo_shift_page_init (BoShiftPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

void
bo_shift_page_set_session (BoShiftPage *self,
                           BoSession   *session)
{
  g_return_if_fail (BO_IS_SHIFT_PAGE (self));
  g_return_if_fail (BO_IS_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  g_signal_connect (session, "notify::shift", G_CALLBACK (on_shift_notify_cb), self);
  g_signal_connect (session, "notify::currency", G_CALLBACK (on_shift_notify_cb), self);
  g_signal_connect (session, "data-changed", G_CALLBACK (on_data_changed_cb), self);
  update (self);
}

void
bo_shift_page_reload (BoShiftPage *self)
{
  g_return_if_fail (BO_IS_SHIFT_PAGE (self));

  if (self->session == NULL)
    return;

  bo_worker_current_shift_async (bo_session_get_worker (self->session), self->cancellable,
                                 current_shift_cb, g_object_ref (self));
}

void
bo_shift_page_open_shift (BoShiftPage *self,
                          gboolean     prompt)
{
  BoAmountDialog *dialog;

  g_return_if_fail (BO_IS_SHIFT_PAGE (self));

  if (self->session == NULL || bo_session_get_shift (self->session) != NULL ||
      !bo_session_can (self->session, BO_RIGHT_OPEN_SHIFT))
    return;

  dialog = bo_amount_dialog_new (GTK_WIDGET (self), _("Open a Shift"),
                                 _("Count the cash in the drawer before the first sale: that is the float."),
                                 _("Open Shift"));
  bo_amount_dialog_set_amount (dialog, _("Cash float"), bo_session_get_currency (self->session),
                               TRUE, -1);
  if (prompt)
    adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (dialog), "cancel", _("Not Now"));
  g_signal_connect_object (dialog, "confirmed", G_CALLBACK (on_float_confirmed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
bo_shift_page_move_cash (BoShiftPage *self,
                         gboolean     cash_in)
{
  BoAmountDialog *dialog;

  g_return_if_fail (BO_IS_SHIFT_PAGE (self));

  if (self->session == NULL || bo_session_get_shift (self->session) == NULL)
    return;

  dialog = bo_amount_dialog_new (GTK_WIDGET (self),
                                 cash_in ? _("Put Cash In") : _("Take Cash Out"),
                                 cash_in ? _("Cash added to the drawer, for example change from the bank.")
                                         : _("Cash taken from the drawer, for example to the safe."),
                                 cash_in ? _("Put In") : _("Take Out"));
  bo_amount_dialog_set_amount (dialog, _("Amount"), bo_session_get_currency (self->session),
                               FALSE, -1);
  bo_amount_dialog_set_text (dialog, _("Reason"), !cash_in);
  g_object_set_data (G_OBJECT (dialog), "bo-cash-in", GINT_TO_POINTER (cash_in));
  g_signal_connect_object (dialog, "confirmed", G_CALLBACK (on_move_confirmed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
bo_shift_page_close_shift (BoShiftPage *self)
{
  g_return_if_fail (BO_IS_SHIFT_PAGE (self));

  if (self->session == NULL || bo_session_get_shift (self->session) == NULL || self->busy)
    return;

  bo_pin_dialog_authorize_async (GTK_WIDGET (self), self->session, BO_RIGHT_CLOSE_SHIFT,
                                 _("Approve Closing the Shift"),
                                 _("A manager closes the shift with their PIN."),
                                 NULL, approve_close_cb, g_object_ref (self));
}

BoShift *
bo_shift_page_get_closed (BoShiftPage *self)
{
  g_return_val_if_fail (BO_IS_SHIFT_PAGE (self), NULL);

  return self->closed;
}
