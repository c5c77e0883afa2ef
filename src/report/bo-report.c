/* bo-report.c — the report model: sections of facts and tables with raw values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "report/bo-report.h"
#include "report/bo-report-query-private.h" /* bo_report_zone */

#include <glib/gi18n-lib.h>

#include "domain/bo-money.h"
#include "domain/bo-time.h"

typedef struct {
  char              *id;
  char              *title;
  BoReportValueKind  kind;
} Column;

typedef struct {
  char         *id;
  gboolean      is_total;
  GArray       *cells; /* BoReportCell, one per column */
} Row;

struct _BoReportSection
{
  char                *id;
  char                *title;
  char                *note;
  BoReportSectionKind  kind;
  GPtrArray           *columns; /* Column * */
  GPtrArray           *rows;    /* Row * */
  BoChart             *chart;
};

struct _BoReport
{
  GObject       parent_instance;

  BoReportKind  kind;
  char         *title;
  char         *subtitle;
  char         *currency;
  char         *timezone;
  char         *created_at;
  GPtrArray    *sections; /* BoReportSection * */
};

G_DEFINE_FINAL_TYPE (BoReport, bo_report, G_TYPE_OBJECT)
G_DEFINE_QUARK (bo-report-error-quark, bo_report_error)

static void
column_free (gpointer data)
{
  Column *column = data;

  g_free (column->id);
  g_free (column->title);
  g_free (column);
}

static void
cell_clear (gpointer data)
{
  BoReportCell *cell = data;

  g_clear_pointer (&cell->text, g_free);
}

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->id);
  g_array_unref (row->cells);
  g_free (row);
}

static void
section_free (gpointer data)
{
  BoReportSection *section = data;

  g_free (section->id);
  g_free (section->title);
  g_free (section->note);
  g_ptr_array_unref (section->columns);
  g_ptr_array_unref (section->rows);
  g_clear_object (&section->chart);
  g_free (section);
}

static void
bo_report_finalize (GObject *object)
{
  BoReport *self = BO_REPORT (object);

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->currency);
  g_free (self->timezone);
  g_free (self->created_at);
  g_ptr_array_unref (self->sections);
  G_OBJECT_CLASS (bo_report_parent_class)->finalize (object);
}

static void
bo_report_class_init (BoReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bo_report_finalize;
}

static void
bo_report_init (BoReport *self)
{
  self->sections = g_ptr_array_new_with_free_func (section_free);
}

BoReport *
bo_report_new (BoReportKind  kind,
               const char   *title,
               const char   *currency,
               const char   *timezone)
{
  BoReport *self = g_object_new (BO_TYPE_REPORT, NULL);

  self->kind = kind;
  self->title = g_strdup (title);
  self->currency = g_strdup (currency != NULL ? currency : "EUR");
  self->timezone = g_strdup (timezone != NULL && *timezone != '\0' ? timezone : "UTC");
  self->created_at = bo_time_now_iso ();
  return self;
}

BoReportKind
bo_report_get_kind (BoReport *self)
{
  g_return_val_if_fail (BO_IS_REPORT (self), BO_REPORT_DAY);
  return self->kind;
}

const char *
bo_report_kind_to_string (BoReportKind kind)
{
  switch (kind)
    {
    case BO_REPORT_SHIFT_X:
      return "shift_x";
    case BO_REPORT_SHIFT_Z:
      return "shift_z";
    case BO_REPORT_DAY:
      return "day";
    case BO_REPORT_EVENT:
      return "event";
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

const char *
bo_report_get_title (BoReport *self)
{
  g_return_val_if_fail (BO_IS_REPORT (self), NULL);
  return self->title;
}

const char *
bo_report_get_subtitle (BoReport *self)
{
  g_return_val_if_fail (BO_IS_REPORT (self), NULL);
  return self->subtitle;
}

void
bo_report_set_subtitle (BoReport   *self,
                        const char *subtitle)
{
  g_return_if_fail (BO_IS_REPORT (self));
  g_free (self->subtitle);
  self->subtitle = g_strdup (subtitle);
}

const char *
bo_report_get_currency (BoReport *self)
{
  g_return_val_if_fail (BO_IS_REPORT (self), NULL);
  return self->currency;
}

const char *
bo_report_get_timezone (BoReport *self)
{
  g_return_val_if_fail (BO_IS_REPORT (self), NULL);
  return self->timezone;
}

const char *
bo_report_get_created_at (BoReport *self)
{
  g_return_val_if_fail (BO_IS_REPORT (self), NULL);
  return self->created_at;
}

guint
bo_report_get_n_sections (BoReport *self)
{
  g_return_val_if_fail (BO_IS_REPORT (self), 0);
  return self->sections->len;
}

BoReportSection *
bo_report_get_section (BoReport *self,
                       guint     index)
{
  g_return_val_if_fail (BO_IS_REPORT (self), NULL);
  g_return_val_if_fail (index < self->sections->len, NULL);
  return self->sections->pdata[index];
}

BoReportSection *
bo_report_find_section (BoReport   *self,
                        const char *id)
{
  g_return_val_if_fail (BO_IS_REPORT (self), NULL);

  for (guint i = 0; i < self->sections->len; i++)
    {
      BoReportSection *section = self->sections->pdata[i];

      if (g_strcmp0 (section->id, id) == 0)
        return section;
    }
  return NULL;
}

BoReportSection *
bo_report_add_section (BoReport            *self,
                       const char          *id,
                       const char          *title,
                       BoReportSectionKind  kind)
{
  BoReportSection *section;

  g_return_val_if_fail (BO_IS_REPORT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  section = g_new0 (BoReportSection, 1);
  section->id = g_strdup (id);
  section->title = g_strdup (title);
  section->kind = kind;
  section->columns = g_ptr_array_new_with_free_func (column_free);
  section->rows = g_ptr_array_new_with_free_func (row_free);
  g_ptr_array_add (self->sections, section);

  if (kind == BO_REPORT_SECTION_FACTS)
    {
      bo_report_section_add_column (section, "label", _("Item"), BO_REPORT_VALUE_TEXT);
      bo_report_section_add_column (section, "value", _("Value"), BO_REPORT_VALUE_TEXT);
    }
  return section;
}

const char *
bo_report_section_get_id (BoReportSection *section)
{
  g_return_val_if_fail (section != NULL, NULL);
  return section->id;
}

const char *
bo_report_section_get_title (BoReportSection *section)
{
  g_return_val_if_fail (section != NULL, NULL);
  return section->title;
}

BoReportSectionKind
bo_report_section_get_kind (BoReportSection *section)
{
  g_return_val_if_fail (section != NULL, BO_REPORT_SECTION_FACTS);
  return section->kind;
}

const char *
bo_report_section_get_note (BoReportSection *section)
{
  g_return_val_if_fail (section != NULL, NULL);
  return section->note;
}

void
bo_report_section_set_note (BoReportSection *section,
                            const char      *note)
{
  g_return_if_fail (section != NULL);
  g_free (section->note);
  section->note = g_strdup (note);
}

BoChart *
bo_report_section_get_chart (BoReportSection *section)
{
  g_return_val_if_fail (section != NULL, NULL);
  return section->chart;
}

void
bo_report_section_set_chart (BoReportSection *section,
                             BoChart         *chart)
{
  g_return_if_fail (section != NULL);
  g_set_object (&section->chart, chart);
}

void
bo_report_section_add_column (BoReportSection   *section,
                              const char        *id,
                              const char        *title,
                              BoReportValueKind  kind)
{
  Column *column;

  g_return_if_fail (section != NULL);
  g_return_if_fail (section->rows->len == 0);

  column = g_new0 (Column, 1);
  column->id = g_strdup (id);
  column->title = g_strdup (title);
  column->kind = kind;
  g_ptr_array_add (section->columns, column);
}

guint
bo_report_section_get_n_columns (BoReportSection *section)
{
  g_return_val_if_fail (section != NULL, 0);
  return section->columns->len;
}

const char *
bo_report_section_get_column_id (BoReportSection *section,
                                 guint            column)
{
  g_return_val_if_fail (section != NULL && column < section->columns->len, NULL);
  return ((Column *) section->columns->pdata[column])->id;
}

const char *
bo_report_section_get_column_title (BoReportSection *section,
                                    guint            column)
{
  g_return_val_if_fail (section != NULL && column < section->columns->len, NULL);
  return ((Column *) section->columns->pdata[column])->title;
}

BoReportValueKind
bo_report_section_get_column_kind (BoReportSection *section,
                                   guint            column)
{
  g_return_val_if_fail (section != NULL && column < section->columns->len,
                        BO_REPORT_VALUE_EMPTY);
  return ((Column *) section->columns->pdata[column])->kind;
}

guint
bo_report_section_add_row (BoReportSection *section,
                           const char      *id,
                           gboolean         is_total)
{
  Row *row;

  g_return_val_if_fail (section != NULL, 0);

  row = g_new0 (Row, 1);
  row->id = g_strdup (id);
  row->is_total = is_total;
  row->cells = g_array_sized_new (FALSE, TRUE, sizeof (BoReportCell), section->columns->len);
  g_array_set_clear_func (row->cells, cell_clear);
  g_array_set_size (row->cells, section->columns->len);
  g_ptr_array_add (section->rows, row);
  return section->rows->len - 1;
}

guint
bo_report_section_get_n_rows (BoReportSection *section)
{
  g_return_val_if_fail (section != NULL, 0);
  return section->rows->len;
}

const char *
bo_report_section_get_row_id (BoReportSection *section,
                              guint            row)
{
  g_return_val_if_fail (section != NULL && row < section->rows->len, NULL);
  return ((Row *) section->rows->pdata[row])->id;
}

gboolean
bo_report_section_row_is_total (BoReportSection *section,
                                guint            row)
{
  g_return_val_if_fail (section != NULL && row < section->rows->len, FALSE);
  return ((Row *) section->rows->pdata[row])->is_total;
}

int
bo_report_section_find_column (BoReportSection *section,
                               const char      *column_id)
{
  g_return_val_if_fail (section != NULL, -1);

  for (guint i = 0; i < section->columns->len; i++)
    if (g_strcmp0 (((Column *) section->columns->pdata[i])->id, column_id) == 0)
      return (int) i;
  return -1;
}

static int
row_index (BoReportSection *section,
           const char      *row_id)
{
  for (guint i = 0; i < section->rows->len; i++)
    if (g_strcmp0 (((Row *) section->rows->pdata[i])->id, row_id) == 0)
      return (int) i;
  return -1;
}

static BoReportCell *
cell_at (BoReportSection *section,
         guint            row,
         const char      *column_id)
{
  int column = bo_report_section_find_column (section, column_id);

  g_return_val_if_fail (row < section->rows->len, NULL);
  g_return_val_if_fail (column >= 0, NULL);
  return &g_array_index (((Row *) section->rows->pdata[row])->cells, BoReportCell, column);
}

void
bo_report_section_set_text (BoReportSection *section,
                            guint            row,
                            const char      *column_id,
                            const char      *text)
{
  BoReportCell *cell;

  g_return_if_fail (section != NULL);

  cell = cell_at (section, row, column_id);
  if (cell == NULL)
    return;
  g_free (cell->text);
  cell->text = g_strdup (text);
  cell->kind = text != NULL ? BO_REPORT_VALUE_TEXT : BO_REPORT_VALUE_EMPTY;
}

void
bo_report_section_set_number (BoReportSection   *section,
                              guint              row,
                              const char        *column_id,
                              BoReportValueKind  kind,
                              gint64             number)
{
  BoReportCell *cell;

  g_return_if_fail (section != NULL);

  cell = cell_at (section, row, column_id);
  if (cell == NULL)
    return;
  g_clear_pointer (&cell->text, g_free);
  cell->kind = kind;
  cell->number = number;
}

void
bo_report_section_set_time (BoReportSection *section,
                            guint            row,
                            const char      *column_id,
                            const char      *iso)
{
  BoReportCell *cell;

  g_return_if_fail (section != NULL);

  cell = cell_at (section, row, column_id);
  if (cell == NULL)
    return;
  g_free (cell->text);
  cell->text = g_strdup (iso);
  cell->kind = iso != NULL ? BO_REPORT_VALUE_TIME : BO_REPORT_VALUE_EMPTY;
}

const BoReportCell *
bo_report_section_get_cell (BoReportSection *section,
                            guint            row,
                            guint            column)
{
  g_return_val_if_fail (section != NULL && row < section->rows->len, NULL);
  g_return_val_if_fail (column < section->columns->len, NULL);
  return &g_array_index (((Row *) section->rows->pdata[row])->cells, BoReportCell, column);
}

void
bo_report_section_add_fact_text (BoReportSection *section,
                                 const char      *id,
                                 const char      *label,
                                 const char      *text)
{
  guint row;

  g_return_if_fail (section != NULL && section->kind == BO_REPORT_SECTION_FACTS);

  row = bo_report_section_add_row (section, id, FALSE);
  bo_report_section_set_text (section, row, "label", label);
  bo_report_section_set_text (section, row, "value", text);
}

void
bo_report_section_add_fact_number (BoReportSection   *section,
                                   const char        *id,
                                   const char        *label,
                                   BoReportValueKind  kind,
                                   gint64             number)
{
  guint row;

  g_return_if_fail (section != NULL && section->kind == BO_REPORT_SECTION_FACTS);

  row = bo_report_section_add_row (section, id, FALSE);
  bo_report_section_set_text (section, row, "label", label);
  bo_report_section_set_number (section, row, "value", kind, number);
}

void
bo_report_section_add_fact_time (BoReportSection *section,
                                 const char      *id,
                                 const char      *label,
                                 const char      *iso)
{
  guint row;

  g_return_if_fail (section != NULL && section->kind == BO_REPORT_SECTION_FACTS);

  row = bo_report_section_add_row (section, id, FALSE);
  bo_report_section_set_text (section, row, "label", label);
  bo_report_section_set_time (section, row, "value", iso);
}

static const BoReportCell *
lookup_cell (BoReport   *self,
             const char *section_id,
             const char *row_id,
             const char *column_id)
{
  BoReportSection *section = bo_report_find_section (self, section_id);
  int row, column;

  if (section == NULL)
    return NULL;
  row = row_index (section, row_id);
  column = bo_report_section_find_column (section, column_id);
  if (row < 0 || column < 0)
    return NULL;
  return bo_report_section_get_cell (section, row, column);
}

gboolean
bo_report_lookup_number (BoReport   *self,
                         const char *section_id,
                         const char *row_id,
                         const char *column_id,
                         gint64     *out_number)
{
  const BoReportCell *cell;

  g_return_val_if_fail (BO_IS_REPORT (self), FALSE);

  cell = lookup_cell (self, section_id, row_id, column_id);
  if (cell == NULL || (cell->kind != BO_REPORT_VALUE_COUNT && cell->kind != BO_REPORT_VALUE_MONEY
                       && cell->kind != BO_REPORT_VALUE_RATE))
    return FALSE;
  if (out_number != NULL)
    *out_number = cell->number;
  return TRUE;
}

const char *
bo_report_lookup_text (BoReport   *self,
                       const char *section_id,
                       const char *row_id,
                       const char *column_id)
{
  const BoReportCell *cell;

  g_return_val_if_fail (BO_IS_REPORT (self), NULL);

  cell = lookup_cell (self, section_id, row_id, column_id);
  if (cell == NULL || (cell->kind != BO_REPORT_VALUE_TEXT && cell->kind != BO_REPORT_VALUE_TIME))
    return NULL;
  return cell->text;
}

/* "17" for 1700 bp, "9.5" for 950, "5.25" for 525. */
static char *
format_rate (gint64 bp)
{
  gint64 whole = bp / 100, frac = ABS (bp % 100);

  if (frac == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, whole);
  if (frac % 10 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT, whole, frac / 10);
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT, whole, frac);
}

char *
bo_report_format_cell (BoReport           *self,
                       const BoReportCell *cell)
{
  g_return_val_if_fail (BO_IS_REPORT (self), NULL);
  g_return_val_if_fail (cell != NULL, NULL);

  switch (cell->kind)
    {
    case BO_REPORT_VALUE_EMPTY:
      return g_strdup ("");
    case BO_REPORT_VALUE_TEXT:
      return g_strdup (cell->text);
    case BO_REPORT_VALUE_COUNT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, cell->number);
    case BO_REPORT_VALUE_MONEY:
      return bo_money_format (cell->number, self->currency);
    case BO_REPORT_VALUE_RATE:
      {
        g_autofree char *rate = format_rate (cell->number);

        /* TRANSLATORS: a tax rate, e.g. "17 %" */
        return g_strdup_printf (_("%s %%"), rate);
      }
    case BO_REPORT_VALUE_TIME:
      {
        g_autoptr (GDateTime) utc = bo_time_parse (cell->text);
        g_autoptr (GTimeZone) tz = NULL;
        g_autoptr (GDateTime) local = NULL;

        if (utc == NULL)
          return g_strdup (cell->text);
        tz = bo_report_zone (self);
        local = g_date_time_to_timezone (utc, tz);
        return g_date_time_format (local, "%Y-%m-%d %H:%M");
      }
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

char *
bo_report_format_cell_plain (BoReport           *self,
                             const BoReportCell *cell)
{
  g_return_val_if_fail (BO_IS_REPORT (self), NULL);
  g_return_val_if_fail (cell != NULL, NULL);

  switch (cell->kind)
    {
    case BO_REPORT_VALUE_EMPTY:
      return g_strdup ("");
    case BO_REPORT_VALUE_TEXT:
    case BO_REPORT_VALUE_TIME:
      return g_strdup (cell->text);
    case BO_REPORT_VALUE_COUNT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, cell->number);
    case BO_REPORT_VALUE_MONEY:
      return bo_money_format_plain (cell->number, self->currency);
    case BO_REPORT_VALUE_RATE:
      return g_strdup_printf ("%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT,
                              cell->number / 100, ABS (cell->number % 100));
    default:
      g_assert_not_reached ();
    }
  return NULL;
}
