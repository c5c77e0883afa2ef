/* bo-welcome-page.c — first run: demo data, registration, or the first manager
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "domain/bo-pin.h"
#include "ui/bo-welcome-page.h"
#include "ui/bo-stack-util.h"
#include "ui/bo-ui-util.h"

struct _BoWelcomePage
{
  GtkWidget     parent_instance;

  BoSession    *session;
  gboolean      busy;

  /* Template widgets */
  GtkStack     *stack;
  GtkButton    *demo_button;
  AdwEntryRow  *name_row;
  AdwEntryRow  *pin_row;
  AdwEntryRow  *pin_again_row;
  GtkButton    *add_button;
  GtkLabel     *error_label;
  GtkLabel     *demo_error_label;
};

G_DEFINE_FINAL_TYPE (BoWelcomePage, bo_welcome_page, GTK_TYPE_WIDGET)

enum {
  DEMO_READY,
  MANAGER_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_label_error (GtkLabel   *label,
                 const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
update_add_button (BoWelcomePage *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  const char *pin = gtk_editable_get_text (GTK_EDITABLE (self->pin_row));
  const char *again = gtk_editable_get_text (GTK_EDITABLE (self->pin_again_row));

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button),
                            !self->busy && *name != '\0' && *pin != '\0' && *again != '\0');
}

static void
on_field_changed_cb (GtkEditable   *editable,
                     BoWelcomePage *self)
{
  set_label_error (self->error_label, NULL);
  update_add_button (self);
}

static void
populate_demo_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BoWelcomePage) self = user_data;
  g_autoptr(GError) error = NULL;

  /* The window closed while this ran: nothing left to show it in. */
  if (self->stack == NULL)
    return;

  self->busy = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->demo_button), TRUE);

  if (!bo_worker_populate_demo_finish (BO_WORKER (source), result, &error))
    {
      set_label_error (self->demo_error_label, error->message);
      return;
    }

  g_signal_emit (self, signals[DEMO_READY], 0);
}

static void
on_demo_clicked_cb (GtkButton     *button,
                    BoWelcomePage *self)
{
  if (self->busy || self->session == NULL)
    return;

  self->busy = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->demo_button), FALSE);
  set_label_error (self->demo_error_label, NULL);
  bo_worker_populate_demo_async (bo_session_get_worker (self->session), NULL, populate_demo_cb,
                                 g_object_ref (self));
}

static void
add_manager_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BoWelcomePage) self = user_data;
  g_autoptr(BoOperator) manager = NULL;
  g_autoptr(GError) error = NULL;

  /* The window closed while this ran: nothing left to show it in. */
  if (self->stack == NULL)
    return;

  self->busy = FALSE;
  update_add_button (self);

  manager = bo_worker_add_first_manager_finish (BO_WORKER (source), result, &error);
  if (manager == NULL)
    {
      set_label_error (self->error_label, error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->pin_again_row), "");
  g_signal_emit (self, signals[MANAGER_ADDED], 0, manager);
}

static void
on_add_clicked_cb (GtkButton     *button,
                   BoWelcomePage *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  const char *pin = gtk_editable_get_text (GTK_EDITABLE (self->pin_row));
  const char *again = gtk_editable_get_text (GTK_EDITABLE (self->pin_again_row));
  g_autoptr(GError) error = NULL;

  if (self->busy || self->session == NULL)
    return;

  if (!bo_pin_is_valid (pin, &error))
    {
      set_label_error (self->error_label, error->message);
      return;
    }
  if (g_strcmp0 (pin, again) != 0)
    {
      set_label_error (self->error_label, _("The two PINs are not the same."));
      return;
    }

  self->busy = TRUE;
  update_add_button (self);
  bo_worker_add_first_manager_async (bo_session_get_worker (self->session), name, pin, NULL,
                                     add_manager_cb, g_object_ref (self));
}

static void
on_row_activated_cb (AdwEntryRow   *row,
                     BoWelcomePage *self)
{
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->add_button)))
    on_add_clicked_cb (self->add_button, self);
}

static void
bo_welcome_page_dispose (GObject *object)
{
  BoWelcomePage *self = BO_WELCOME_PAGE (object);

  g_clear_object (&self->session);
  bo_ui_dispose_template (GTK_WIDGET (object), BO_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (bo_welcome_page_parent_class)->dispose (object);
}

static void
bo_welcome_page_class_init (BoWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bo_welcome_page_dispose;

  signals[DEMO_READY] =
    g_signal_new ("demo-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[MANAGER_ADDED] =
    g_signal_new ("manager-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, BO_TYPE_OPERATOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/bo-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BoWelcomePage, stack);
  gtk_widget_class_bind_template_child (widget_class, BoWelcomePage, demo_button);
  gtk_widget_class_bind_template_child (widget_class, BoWelcomePage, name_row);
  gtk_widget_class_bind_template_child (widget_class, BoWelcomePage, pin_row);
  gtk_widget_class_bind_template_child (widget_class, BoWelcomePage, pin_again_row);
  gtk_widget_class_bind_template_child (widget_class, BoWelcomePage, add_button);
  gtk_widget_class_bind_template_child (widget_class, BoWelcomePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, BoWelcomePage, demo_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_demo_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
bo_welcome_page_init (BoWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_add_button (self);
}

void
bo_welcome_page_set_session (BoWelcomePage *self,
                             BoSession     *session)
{
  g_return_if_fail (BO_IS_WELCOME_PAGE (self));

  g_set_object (&self->session, session);
}

void
bo_welcome_page_set_mode (BoWelcomePage *self,
                          BoWelcomeMode  mode)
{
  g_return_if_fail (BO_IS_WELCOME_PAGE (self));

  bo_stack_show_only (self->stack,
                                    mode == BO_WELCOME_EMPTY ? "empty" : "no-operators");
  if (mode == BO_WELCOME_NO_OPERATORS)
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->demo_button));
}
