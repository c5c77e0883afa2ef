/* bo-report-page-view.c — a BoReport as widgets: titles, facts as rows, tables as grids,
 * charts as BoChartView
 *
 * The report's shape is only known once it is built, so unlike the rest of the window this
 * part is made in code; the widgets are the ones the templates use (preferences groups, action
 * rows, cards) so the page looks like the others.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ui/bo-chart-view.h"
#include "ui/bo-report-page-private.h"

#define LONG_VALUE_CHARS 24

static gboolean
is_number (BoReportValueKind kind)
{
  return kind == BO_REPORT_VALUE_COUNT || kind == BO_REPORT_VALUE_MONEY ||
         kind == BO_REPORT_VALUE_RATE;
}

static GtkWidget *
cell_label (const char *text,
            gboolean    number,
            gboolean    total)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), number ? 1.0 : 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (number)
    gtk_widget_add_css_class (label, "numeric");
  if (total)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
add_facts (BoReport            *report,
           BoReportSection     *section,
           AdwPreferencesGroup *group)
{
  guint n_rows = bo_report_section_get_n_rows (section);

  for (guint r = 0; r < n_rows; r++)
    {
      const BoReportCell *label = bo_report_section_get_cell (section, r, 0);
      const BoReportCell *value = bo_report_section_get_cell (section, r, 1);
      g_autofree char *label_text = bo_report_format_cell (report, label);
      g_autofree char *value_text = bo_report_format_cell (report, value);
      gboolean total = bo_report_section_row_is_total (section, r);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *suffix;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label_text);
      suffix = cell_label (value_text, value != NULL && is_number (value->kind), total);
      /* Hashes and keys are long: they wrap rather than widen the page. A wrapping label
       * asks for no width at all, so it gets the room of a short hash. */
      if (g_utf8_strlen (value_text, -1) > LONG_VALUE_CHARS)
        {
          gtk_label_set_wrap (GTK_LABEL (suffix), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (suffix), PANGO_WRAP_WORD_CHAR);
          gtk_label_set_width_chars (GTK_LABEL (suffix), LONG_VALUE_CHARS);
          gtk_label_set_max_width_chars (GTK_LABEL (suffix), 2 * LONG_VALUE_CHARS);
        }
      gtk_label_set_selectable (GTK_LABEL (suffix), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
      adw_preferences_group_add (group, row);
    }
}

static void
add_table (BoReport            *report,
           BoReportSection     *section,
           AdwPreferencesGroup *group)
{
  guint n_rows = bo_report_section_get_n_rows (section);
  guint n_cols = bo_report_section_get_n_columns (section);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  bo_report_section_get_title (section), -1);

  for (guint c = 0; c < n_cols; c++)
    {
      gboolean number = is_number (bo_report_section_get_column_kind (section, c));
      GtkWidget *header = cell_label (bo_report_section_get_column_title (section, c), number, FALSE);

      gtk_widget_add_css_class (header, "caption-heading");
      gtk_widget_add_css_class (header, "dim-label");
      /* The first column names the row and takes what room is left. */
      gtk_widget_set_hexpand (header, c == 0);
      gtk_grid_attach (GTK_GRID (grid), header, c, 0, 1, 1);
    }

  for (guint r = 0, line = 1; r < n_rows; r++, line++)
    {
      gboolean total = bo_report_section_row_is_total (section, r);

      if (total)
        gtk_grid_attach (GTK_GRID (grid), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL),
                         0, line++, n_cols, 1);
      for (guint c = 0; c < n_cols; c++)
        {
          const BoReportCell *cell = bo_report_section_get_cell (section, r, c);
          g_autofree char *text = bo_report_format_cell (report, cell);
          gboolean number = is_number (cell != NULL && cell->kind != BO_REPORT_VALUE_EMPTY
                                         ? cell->kind
                                         : bo_report_section_get_column_kind (section, c));

          gtk_grid_attach (GTK_GRID (grid), cell_label (text, number, total), c, line, 1, 1);
        }
    }

  if (n_rows == 0)
    gtk_grid_attach (GTK_GRID (grid), cell_label (_("Nothing yet"), FALSE, FALSE), 0, 1, n_cols, 1);

  /* Wide tables (an event's ticket types) scroll sideways inside their card. */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), FALSE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), grid);
  gtk_frame_set_child (GTK_FRAME (frame), scrolled);
  gtk_widget_add_css_class (frame, "view");
  adw_preferences_group_add (group, frame);
}

static void
add_chart (BoChart             *chart,
           AdwPreferencesGroup *group)
{
  GtkWidget *view = bo_chart_view_new (chart);
  GtkWidget *frame = gtk_frame_new (NULL);

  /* The chart paints its own white ground; the card around it matches in the light style. */
  gtk_widget_set_margin_top (frame, 12);
  gtk_widget_set_margin_top (view, 6);
  gtk_widget_set_margin_bottom (view, 6);
  gtk_widget_set_margin_start (view, 6);
  gtk_widget_set_margin_end (view, 6);
  gtk_widget_add_css_class (frame, "view");
  gtk_frame_set_child (GTK_FRAME (frame), view);
  adw_preferences_group_add (group, frame);
}

void
bo_report_page_fill (GtkBox   *box,
                     BoReport *report)
{
  GtkWidget *child;
  GtkWidget *heading;
  GtkWidget *title;
  const char *subtitle = bo_report_get_subtitle (report);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);

  heading = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  title = gtk_label_new (bo_report_get_title (report));
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-1");
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
  gtk_box_append (GTK_BOX (heading), title);
  if (subtitle != NULL)
    {
      GtkWidget *label = gtk_label_new (subtitle);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (heading), label);
    }
  gtk_box_append (box, heading);

  for (guint i = 0; i < bo_report_get_n_sections (report); i++)
    {
      BoReportSection *section = bo_report_get_section (report, i);
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      BoChart *chart = bo_report_section_get_chart (section);

      adw_preferences_group_set_title (group, bo_report_section_get_title (section));
      if (bo_report_section_get_note (section) != NULL)
        adw_preferences_group_set_description (group, bo_report_section_get_note (section));

      if (bo_report_section_get_kind (section) == BO_REPORT_SECTION_FACTS)
        add_facts (report, section, group);
      else
        add_table (report, section, group);
      if (chart != NULL)
        add_chart (chart, group);
      gtk_box_append (box, GTK_WIDGET (group));
    }
}
