/* bo-printer-group.c — one printer role in the preferences: the printers found, or an address
 *
 * A radio list: no printer, each printer the search found (its name, its kind and address),
 * and "Other Address…" with the address entry below it. The entry is bound to the setting,
 * so it always shows the address in use; choosing a printer writes its URI to the setting,
 * and the radio follows the setting, whoever wrote it (the entry, a choice, gsettings).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ui/bo-printer-group.h"

struct _BoPrinterGroup
{
  AdwPreferencesGroup parent_instance;

  GSettings     *settings;
  char          *key;
  BoPrinterList *list;
  GPtrArray     *found_rows;  /* AdwActionRow*, in the list box between none and other */
  char          *test_label;
  gboolean       updating;    /* the radio follows the setting: not a choice */

  /* Template widgets */
  GtkSpinner     *spinner;
  GtkButton      *refresh_button;
  GtkButton      *test_button;
  GtkListBox     *list_box;
  AdwActionRow   *none_row;
  GtkCheckButton *none_check;
  AdwActionRow   *searching_row;
  AdwActionRow   *other_row;
  GtkCheckButton *other_check;
  AdwEntryRow    *address_row;
};

G_DEFINE_FINAL_TYPE (BoPrinterGroup, bo_printer_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_NONE_TITLE,
  PROP_ADDRESS_TITLE,
  PROP_TEST_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  TEST_PRINT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers ------------------------------------------------------------------------------------- */

static GtkCheckButton *
row_check (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "printer-check");
}

/* The address is kept on the check button, which is what "toggled" hands over. */
static const char *
row_uri (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row_check (row)), "printer-uri");
}

/* The radio shows what the setting says. */
static void
update_checks (BoPrinterGroup *self)
{
  const char *address = bo_printer_group_get_address (self);
  GtkCheckButton *active = NULL;

  if (address[0] == '\0')
    active = self->none_check;
  for (guint i = 0; active == NULL && i < self->found_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->found_rows, i);

      if (g_strcmp0 (row_uri (row), address) == 0)
        active = row_check (row);
    }
  if (active == NULL)
    active = self->other_check;

  self->updating = TRUE;
  gtk_check_button_set_active (active, TRUE);
  self->updating = FALSE;
}

static void
update_searching (BoPrinterGroup *self)
{
  gboolean searching = self->list != NULL && bo_printer_list_get_searching (self->list);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), searching);
  gtk_spinner_set_spinning (self->spinner, searching);
  gtk_widget_set_sensitive (GTK_WIDGET (self->refresh_button), self->list != NULL && !searching);

  /* Where the printers go, a word while there are none. */
  gtk_widget_set_visible (GTK_WIDGET (self->searching_row),
                          self->list != NULL && self->found_rows->len == 0);
  if (searching)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->searching_row),
                                     _("Looking for printers…"));
      adw_action_row_set_subtitle (self->searching_row, "");
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->searching_row),
                                     _("No printers found"));
      adw_action_row_set_subtitle (self->searching_row,
                                   _("Plug in a USB receipt printer or add a CUPS queue, then "
                                     "look again."));
    }
}

static void on_found_toggled_cb (GtkCheckButton *check,
                                 BoPrinterGroup *self);

static GtkWidget *
create_found_row (BoPrinterGroup      *self,
                  const BoPrinterInfo *info)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *title = g_markup_escape_text (info->description != NULL ? info->description
                                                                           : info->uri, -1);
  g_autofree char *subtitle = NULL;

  /* Translators: a printer found: its kind ("USB receipt printer", "CUPS queue") and its
   * address ("usb:04b8:0202"). */
  subtitle = g_markup_printf_escaped (_("%s · %s"), bo_printer_list_kind_name (info->uri),
                                      info->uri);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_check_button_set_group (GTK_CHECK_BUTTON (check), self->none_check);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  g_object_set_data (G_OBJECT (row), "printer-check", check);
  g_object_set_data_full (G_OBJECT (check), "printer-uri", g_strdup (info->uri), g_free);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_found_toggled_cb), self, 0);
  return row;
}

static void
fill_found (BoPrinterGroup *self)
{
  GPtrArray *printers = self->list != NULL ? bo_printer_list_get_printers (self->list) : NULL;

  for (guint i = 0; i < self->found_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->found_rows, i);

      /* Out of the radio group first: a removed active check would leave none active. */
      gtk_check_button_set_group (row_check (row), NULL);
      gtk_list_box_remove (self->list_box, row);
    }
  g_ptr_array_set_size (self->found_rows, 0);

  for (guint i = 0; printers != NULL && i < printers->len; i++)
    {
      GtkWidget *row = create_found_row (self, g_ptr_array_index (printers, i));

      /* After "none" and the searching row. */
      gtk_list_box_insert (self->list_box, row, (int) i + 2);
      g_ptr_array_add (self->found_rows, row);
    }

  update_searching (self);
  update_checks (self);
}

static void
set_address (BoPrinterGroup *self,
             const char     *uri)
{
  if (self->settings != NULL)
    g_settings_set_string (self->settings, self->key, uri);
  else
    gtk_editable_set_text (GTK_EDITABLE (self->address_row), uri);
}

/* Callbacks ----------------------------------------------------------------------------------- */

static void
on_found_toggled_cb (GtkCheckButton *check,
                     BoPrinterGroup *self)
{
  if (self->updating || !gtk_check_button_get_active (check))
    return;
  set_address (self, g_object_get_data (G_OBJECT (check), "printer-uri"));
}

static void
on_none_toggled_cb (BoPrinterGroup *self)
{
  if (self->updating || !gtk_check_button_get_active (self->none_check))
    return;
  set_address (self, "");
}

static void
on_other_toggled_cb (BoPrinterGroup *self)
{
  if (self->updating || !gtk_check_button_get_active (self->other_check))
    return;
  /* The address stays until one is typed. */
  gtk_widget_grab_focus (GTK_WIDGET (self->address_row));
}

static void
on_address_changed_cb (BoPrinterGroup *self)
{
  update_checks (self);
}

static void
on_refresh_clicked_cb (BoPrinterGroup *self)
{
  if (self->list != NULL)
    bo_printer_list_refresh (self->list);
}

static void
on_test_clicked_cb (BoPrinterGroup *self)
{
  g_signal_emit (self, signals[TEST_PRINT], 0);
}

static void
on_list_changed_cb (BoPrinterGroup *self)
{
  fill_found (self);
}

static void
on_list_searching_cb (BoPrinterGroup *self)
{
  update_searching (self);
}

/* Overrides ----------------------------------------------------------------------------------- */

static void
bo_printer_group_dispose (GObject *object)
{
  BoPrinterGroup *self = BO_PRINTER_GROUP (object);

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->list);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bo_printer_group_parent_class)->dispose (object);
}

static void
bo_printer_group_finalize (GObject *object)
{
  BoPrinterGroup *self = BO_PRINTER_GROUP (object);

  g_clear_pointer (&self->found_rows, g_ptr_array_unref);
  g_free (self->key);
  g_free (self->test_label);

  G_OBJECT_CLASS (bo_printer_group_parent_class)->finalize (object);
}

static void
bo_printer_group_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BoPrinterGroup *self = BO_PRINTER_GROUP (object);

  switch (prop_id)
    {
    case PROP_NONE_TITLE:
      g_value_set_string (value,
                          adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->none_row)));
      break;

    case PROP_ADDRESS_TITLE:
      g_value_set_string (value,
                          adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->address_row)));
      break;

    case PROP_TEST_LABEL:
      g_value_set_string (value, self->test_label);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bo_printer_group_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BoPrinterGroup *self = BO_PRINTER_GROUP (object);
  const char *text = g_value_get_string (value);

  switch (prop_id)
    {
    case PROP_NONE_TITLE:
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->none_row), text);
      break;

    case PROP_ADDRESS_TITLE:
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->address_row), text);
      break;

    case PROP_TEST_LABEL:
      g_free (self->test_label);
      self->test_label = g_strdup (text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->test_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_object_notify_by_pspec (object, pspec);
}

static void
bo_printer_group_class_init (BoPrinterGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = bo_printer_group_dispose;
  object_class->finalize = bo_printer_group_finalize;
  object_class->get_property = bo_printer_group_get_property;
  object_class->set_property = bo_printer_group_set_property;

  properties[PROP_NONE_TITLE] = g_param_spec_string ("none-title", NULL, NULL, NULL, flags);
  properties[PROP_ADDRESS_TITLE] = g_param_spec_string ("address-title", NULL, NULL, NULL, flags);
  properties[PROP_TEST_LABEL] = g_param_spec_string ("test-label", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[TEST_PRINT] =
    g_signal_new ("test-print", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/bo-printer-group.ui");
  gtk_widget_class_bind_template_child (widget_class, BoPrinterGroup, spinner);
  gtk_widget_class_bind_template_child (widget_class, BoPrinterGroup, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, BoPrinterGroup, test_button);
  gtk_widget_class_bind_template_child (widget_class, BoPrinterGroup, list_box);
  gtk_widget_class_bind_template_child (widget_class, BoPrinterGroup, none_row);
  gtk_widget_class_bind_template_child (widget_class, BoPrinterGroup, none_check);
  gtk_widget_class_bind_template_child (widget_class, BoPrinterGroup, searching_row);
  gtk_widget_class_bind_template_child (widget_class, BoPrinterGroup, other_row);
  gtk_widget_class_bind_template_child (widget_class, BoPrinterGroup, other_check);
  gtk_widget_class_bind_template_child (widget_class, BoPrinterGroup, address_row);
  gtk_widget_class_bind_template_callback (widget_class, on_none_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_other_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_refresh_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_test_clicked_cb);
}

static void
bo_printer_group_init (BoPrinterGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->found_rows = g_ptr_array_new ();
  g_signal_connect_swapped (self->address_row, "changed", G_CALLBACK (on_address_changed_cb),
                            self);
  update_searching (self);
  update_checks (self);
}

/* Public API ---------------------------------------------------------------------------------- */

void
bo_printer_group_bind (BoPrinterGroup *self,
                       GSettings      *settings,
                       const char     *key)
{
  g_return_if_fail (BO_IS_PRINTER_GROUP (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));
  g_return_if_fail (key != NULL);
  g_return_if_fail (self->settings == NULL);

  g_free (self->key);
  self->key = g_strdup (key);
  /* The list is named after its group ("Receipt Printer"), as a group's own list is. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (self)),
                                  -1);
  if (settings == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->list_box), FALSE);
      return;
    }

  self->settings = g_object_ref (settings);
  /* As typed: the address goes to the setting on every change, as before the list. */
  g_settings_bind (settings, key, self->address_row, "text", G_SETTINGS_BIND_DEFAULT);
  update_checks (self);
}

void
bo_printer_group_set_list (BoPrinterGroup *self,
                           BoPrinterList  *list)
{
  g_return_if_fail (BO_IS_PRINTER_GROUP (self));
  g_return_if_fail (list == NULL || BO_IS_PRINTER_LIST (list));

  /* Before disconnecting: the same list again must keep its handlers. */
  if (self->list == list)
    return;

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_set_object (&self->list, list);

  if (list != NULL)
    {
      g_signal_connect_swapped (list, "changed", G_CALLBACK (on_list_changed_cb), self);
      g_signal_connect_swapped (list, "notify::searching", G_CALLBACK (on_list_searching_cb),
                                self);
    }
  fill_found (self);
}

const char *
bo_printer_group_get_address (BoPrinterGroup *self)
{
  g_return_val_if_fail (BO_IS_PRINTER_GROUP (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->address_row));
}
