/* bo-event-row.c — one event in the event picker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ui/bo-event-row.h"
#include "ui/bo-format.h"

struct _BoEventRow
{
  GtkListBoxRow parent_instance;

  BoEvent      *event;

  /* Template widgets */
  GtkLabel     *name_label;
  GtkLabel     *when_label;
  GtkLabel     *venue_label;
  GtkLabel     *badge_label;
};

G_DEFINE_FINAL_TYPE (BoEventRow, bo_event_row, GTK_TYPE_LIST_BOX_ROW)

static void
bo_event_row_dispose (GObject *object)
{
  BoEventRow *self = BO_EVENT_ROW (object);

  g_clear_object (&self->event);
  gtk_widget_dispose_template (GTK_WIDGET (object), BO_TYPE_EVENT_ROW);

  G_OBJECT_CLASS (bo_event_row_parent_class)->dispose (object);
}

static void
bo_event_row_class_init (BoEventRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bo_event_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bo-event-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BoEventRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, BoEventRow, when_label);
  gtk_widget_class_bind_template_child (widget_class, BoEventRow, venue_label);
  gtk_widget_class_bind_template_child (widget_class, BoEventRow, badge_label);
}

static void
bo_event_row_init (BoEventRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
bo_event_row_new (BoEvent *event)
{
  BoEventRow *self;
  g_autofree char *when = NULL;
  g_autofree char *description = NULL;
  const char *status;
  const char *badge = NULL;

  g_return_val_if_fail (BO_IS_EVENT (event), NULL);

  self = g_object_new (BO_TYPE_EVENT_ROW, NULL);
  self->event = g_object_ref (event);

  when = bo_format_event_when (event);
  gtk_label_set_text (self->name_label, bo_event_get_name (event));
  gtk_label_set_text (self->when_label, when);
  gtk_label_set_text (self->venue_label, bo_event_get_venue_name (event) != NULL
                                         ? bo_event_get_venue_name (event) : "");

  status = bo_event_get_status (event);
  if (g_strcmp0 (status, "cancelled") == 0)
    badge = _("Cancelled");
  else if (g_strcmp0 (status, "off_sale") == 0)
    badge = _("Not on sale");
  else if (bo_format_event_day (event) == BO_EVENT_DAY_PAST)
    badge = _("Ended");

  gtk_label_set_text (self->badge_label, badge != NULL ? badge : "");
  gtk_widget_set_visible (GTK_WIDGET (self->badge_label), badge != NULL);
  if (badge != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "dim-label");

  description = badge != NULL ? g_strdup_printf ("%s, %s", when, badge) : g_strdup (when);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, bo_event_get_name (event),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  return GTK_WIDGET (self);
}

BoEvent *
bo_event_row_get_event (BoEventRow *self)
{
  g_return_val_if_fail (BO_IS_EVENT_ROW (self), NULL);

  return self->event;
}
