/* bo-event-picker.c — which event the counter sells for: today's first, searchable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ui/bo-event-picker.h"
#include "ui/bo-event-row.h"
#include "ui/bo-format.h"
#include "ui/bo-ui-util.h"

struct _BoEventPicker
{
  GtkWidget           parent_instance;

  BoEvent            *event;
  GtkSortListModel   *sorted;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;

  /* Template widgets */
  GtkMenuButton      *button;
  GtkLabel           *title_label;
  GtkLabel           *subtitle_label;
  GtkPopover         *popover;
  GtkSearchEntry     *search_entry;
  GtkListBox         *list;
  GtkWidget          *empty_label;
};

G_DEFINE_FINAL_TYPE (BoEventPicker, bo_event_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EVENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Today's events first, then what is coming soonest, then what has ended (latest first);
 * cancelled and off-sale events after those on sale within each group. */
static int
compare_events (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  BoEvent *ea = (BoEvent *) a, *eb = (BoEvent *) b;
  BoEventDay da = bo_format_event_day (ea), db = bo_format_event_day (eb);
  gboolean sa = g_strcmp0 (bo_event_get_status (ea), "on_sale") == 0;
  gboolean sb = g_strcmp0 (bo_event_get_status (eb), "on_sale") == 0;
  int order;

  if (da != db)
    return da < db ? -1 : 1;
  if (sa != sb)
    return sa ? -1 : 1;
  order = g_strcmp0 (bo_event_get_starts_at (ea), bo_event_get_starts_at (eb));
  return da == BO_EVENT_DAY_PAST ? -order : order;
}

static gboolean
matches_search (gpointer item,
                gpointer user_data)
{
  BoEventPicker *self = BO_EVENT_PICKER (user_data);
  BoEvent *event = BO_EVENT (item);
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (query == NULL || *query == '\0')
    return TRUE;

  /* g_str_match_string() folds case and accents and matches word starts: "jazz" and "sara"
   * both find "Sarajevo Jazz Trio". */
  return g_str_match_string (query, bo_event_get_name (event), TRUE) ||
         (bo_event_get_venue_name (event) != NULL &&
          g_str_match_string (query, bo_event_get_venue_name (event), TRUE));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  return bo_event_row_new (BO_EVENT (item));
}

static void
update_button (BoEventPicker *self)
{
  g_autofree char *when = NULL;
  g_autofree char *label = NULL;

  if (self->event == NULL)
    {
      gtk_label_set_text (self->title_label, _("Choose an Event"));
      gtk_label_set_text (self->subtitle_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose an Event"),
                                      -1);
      return;
    }

  when = bo_format_event_when (self->event);
  gtk_label_set_text (self->title_label, bo_event_get_name (self->event));
  gtk_label_set_text (self->subtitle_label, when);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), TRUE);

  /* Translators: accessible name of the event picker button: "Event: <name>, <when>". */
  label = g_strdup_printf (_("Event: %s, %s"), bo_event_get_name (self->event), when);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
set_event (BoEventPicker *self,
           BoEvent       *event)
{
  if (self->event == event)
    return;

  g_set_object (&self->event, event);
  update_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT]);
}

static void
update_empty (BoEventPicker *self)
{
  gtk_widget_set_visible (self->empty_label,
                          g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0);
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      BoEventPicker  *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_empty (self);
}

static void
on_search_activate_cb (GtkSearchEntry *entry,
                       BoEventPicker  *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, 0);

  if (row != NULL)
    g_signal_emit_by_name (self->list, "row-activated", row);
}

static void
on_search_stop_cb (GtkSearchEntry *entry,
                   BoEventPicker  *self)
{
  gtk_popover_popdown (self->popover);
}

static void
on_row_activated_cb (GtkListBox    *list,
                     GtkListBoxRow *row,
                     BoEventPicker *self)
{
  set_event (self, bo_event_row_get_event (BO_EVENT_ROW (row)));
  gtk_popover_popdown (self->popover);
}

static void
on_popover_show_cb (GtkPopover    *popover,
                    BoEventPicker *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
bo_event_picker_dispose (GObject *object)
{
  BoEventPicker *self = BO_EVENT_PICKER (object);

  g_clear_object (&self->event);
  bo_ui_dispose_template (GTK_WIDGET (object), BO_TYPE_EVENT_PICKER);
  g_clear_object (&self->filtered);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (bo_event_picker_parent_class)->dispose (object);
}

static void
bo_event_picker_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BoEventPicker *self = BO_EVENT_PICKER (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      g_value_set_object (value, self->event);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
bo_event_picker_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (BO_EVENT_PICKER (widget)->button));
}

static void
bo_event_picker_class_init (BoEventPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bo_event_picker_dispose;
  object_class->get_property = bo_event_picker_get_property;
  widget_class->grab_focus = bo_event_picker_grab_focus;

  properties[PROP_EVENT] =
    g_param_spec_object ("event", NULL, NULL, BO_TYPE_EVENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/bo-event-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, BoEventPicker, button);
  gtk_widget_class_bind_template_child (widget_class, BoEventPicker, title_label);
  gtk_widget_class_bind_template_child (widget_class, BoEventPicker, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, BoEventPicker, popover);
  gtk_widget_class_bind_template_child (widget_class, BoEventPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BoEventPicker, list);
  gtk_widget_class_bind_template_child (widget_class, BoEventPicker, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
bo_event_picker_init (BoEventPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (matches_search, self, NULL);
  self->sorted = gtk_sort_list_model_new (NULL, GTK_SORTER (gtk_custom_sorter_new (compare_events,
                                                                                   NULL, NULL)));
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->sorted)),
                                              GTK_FILTER (g_object_ref (self->filter)));
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->filtered), create_row, self, NULL);
  update_button (self);
  update_empty (self);
}

static BoEvent *
find_event (GListModel *model,
            gint64      id)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BoEvent) event = g_list_model_get_item (model, i);

      if (bo_event_get_id (event) == id)
        return g_steal_pointer (&event);
    }
  return NULL;
}

void
bo_event_picker_set_events (BoEventPicker *self,
                            GListModel    *events,
                            gint64         preferred_id)
{
  g_autoptr(BoEvent) chosen = NULL;
  GListModel *sorted;

  g_return_if_fail (BO_IS_EVENT_PICKER (self));
  g_return_if_fail (G_IS_LIST_MODEL (events));

  gtk_sort_list_model_set_model (self->sorted, events);
  sorted = G_LIST_MODEL (self->sorted);

  if (self->event != NULL)
    chosen = find_event (sorted, bo_event_get_id (self->event));
  if (chosen == NULL && preferred_id > 0)
    chosen = find_event (sorted, preferred_id);
  if (chosen == NULL)
    {
      guint n = g_list_model_get_n_items (sorted);

      for (guint i = 0; i < n && chosen == NULL; i++)
        {
          g_autoptr(BoEvent) event = g_list_model_get_item (sorted, i);

          if (bo_format_event_day (event) != BO_EVENT_DAY_PAST &&
              g_strcmp0 (bo_event_get_status (event), "on_sale") == 0)
            chosen = g_steal_pointer (&event);
        }
    }

  /* The objects are new after every reload: notify even for the same id, so that the sell
   * page picks up a changed status or currency. */
  g_set_object (&self->event, NULL);
  set_event (self, chosen);
  update_empty (self);
}

BoEvent *
bo_event_picker_get_event (BoEventPicker *self)
{
  g_return_val_if_fail (BO_IS_EVENT_PICKER (self), NULL);

  return self->event;
}

void
bo_event_picker_popup (BoEventPicker *self)
{
  g_return_if_fail (BO_IS_EVENT_PICKER (self));

  gtk_menu_button_popup (self->button);
}

void
bo_event_picker_set_event (BoEventPicker *self,
                           BoEvent       *event)
{
  g_return_if_fail (BO_IS_EVENT_PICKER (self));
  g_return_if_fail (event == NULL || BO_IS_EVENT (event));

  set_event (self, event);
}
