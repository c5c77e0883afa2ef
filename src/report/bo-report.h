/* bo-report.h — what a manager reads: shift closings (X/Z), day and event reports
 *
 * A report is built once from the store (bo-report-query.c) into plain figures: a title, and
 * sections that are either facts (label: value lines) or tables (columns and rows, with total
 * rows), each optionally with a chart. Every cell keeps its raw value (counts, money in minor
 * units, tax rates in basis points) beside its kind, so the renderers (text, CSV, PDF, the GTK
 * view) format it their own way and tests read the numbers back by section, row and column id.
 *
 * Ids are stable and meant for programs (CSV, tests, the UI); titles are translated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/bo-store.h"
#include "domain/bo-device.h"
#include "report/bo-chart.h"

G_BEGIN_DECLS

#define BO_TYPE_REPORT (bo_report_get_type ())
G_DECLARE_FINAL_TYPE (BoReport, bo_report, BO, REPORT, GObject)

#define BO_REPORT_ERROR (bo_report_error_quark ())

typedef enum {
  BO_REPORT_ERROR_NOT_FOUND, /* no such shift or event, or no shift at all */
  BO_REPORT_ERROR_INVALID,   /* a date that is not YYYY-MM-DD, an unknown paper */
} BoReportError;

typedef enum {
  BO_REPORT_SHIFT_X, /* the open shift so far: nothing is closed or journaled */
  BO_REPORT_SHIFT_Z, /* a closed shift, from its closing */
  BO_REPORT_DAY,
  BO_REPORT_EVENT,
} BoReportKind;

typedef enum {
  BO_REPORT_SECTION_FACTS,
  BO_REPORT_SECTION_TABLE,
} BoReportSectionKind;

typedef enum {
  BO_REPORT_VALUE_EMPTY,
  BO_REPORT_VALUE_TEXT,
  BO_REPORT_VALUE_COUNT,
  BO_REPORT_VALUE_MONEY, /* minor units of the report's currency */
  BO_REPORT_VALUE_RATE,  /* basis points: 1700 = 17 % */
  BO_REPORT_VALUE_TIME,  /* RFC 3339 UTC text, shown in the report's time zone */
} BoReportValueKind;

typedef struct {
  BoReportValueKind  kind;
  gint64             number; /* COUNT, MONEY, RATE */
  char              *text;   /* TEXT, TIME */
} BoReportCell;

typedef struct _BoReportSection BoReportSection;

GQuark            bo_report_error_quark       (void);

BoReport         *bo_report_new               (BoReportKind  kind,
                                               const char   *title,
                                               const char   *currency,
                                               const char   *timezone);

BoReportKind      bo_report_get_kind          (BoReport *self);
/* The stable id scripts see in CSV and JSON: "shift_x", "shift_z", "day", "event". */
const char       *bo_report_kind_to_string    (BoReportKind kind);
const char       *bo_report_get_title         (BoReport *self);
/* "Z report — shift closing", "X report — shift so far", ... short, one line. */
const char       *bo_report_get_subtitle      (BoReport *self);
void              bo_report_set_subtitle      (BoReport   *self,
                                               const char *subtitle);
const char       *bo_report_get_currency      (BoReport *self);
/* IANA zone the times are shown in ("UTC" when unknown). */
const char       *bo_report_get_timezone      (BoReport *self);
const char       *bo_report_get_created_at    (BoReport *self);

guint             bo_report_get_n_sections    (BoReport *self);
BoReportSection  *bo_report_get_section       (BoReport *self,
                                               guint     index);
BoReportSection  *bo_report_find_section      (BoReport   *self,
                                               const char *id);

/* Building (the query code; owned by the report). */
BoReportSection  *bo_report_add_section       (BoReport            *self,
                                               const char          *id,
                                               const char          *title,
                                               BoReportSectionKind  kind);

const char       *bo_report_section_get_id    (BoReportSection *section);
const char       *bo_report_section_get_title (BoReportSection *section);
BoReportSectionKind bo_report_section_get_kind (BoReportSection *section);
/* A line of text under the section title (what the figures mean), or NULL. */
const char       *bo_report_section_get_note  (BoReportSection *section);
void              bo_report_section_set_note  (BoReportSection *section,
                                               const char      *note);
BoChart          *bo_report_section_get_chart (BoReportSection *section);
void              bo_report_section_set_chart (BoReportSection *section,
                                               BoChart         *chart);

/* Columns (tables). A facts section has two implicit columns: "label" and "value". */
void              bo_report_section_add_column (BoReportSection   *section,
                                                const char        *id,
                                                const char        *title,
                                                BoReportValueKind  kind);
guint             bo_report_section_get_n_columns (BoReportSection *section);
const char       *bo_report_section_get_column_id (BoReportSection *section,
                                                   guint            column);
const char       *bo_report_section_get_column_title (BoReportSection *section,
                                                      guint            column);
BoReportValueKind bo_report_section_get_column_kind (BoReportSection *section,
                                                     guint            column);
/* The index of the column @column_id, or -1 when the section has none. */
int               bo_report_section_find_column (BoReportSection *section,
                                                 const char      *column_id);

/* Rows: returns the row index. A total row is drawn apart (a rule above it, bold). */
guint             bo_report_section_add_row   (BoReportSection *section,
                                               const char      *id,
                                               gboolean         is_total);
guint             bo_report_section_get_n_rows (BoReportSection *section);
const char       *bo_report_section_get_row_id (BoReportSection *section,
                                                guint            row);
gboolean          bo_report_section_row_is_total (BoReportSection *section,
                                                  guint            row);
/* Cell setters by column id; the cell takes the column's kind unless set with another. */
void              bo_report_section_set_text  (BoReportSection *section,
                                               guint            row,
                                               const char      *column_id,
                                               const char      *text);
void              bo_report_section_set_number (BoReportSection   *section,
                                                guint              row,
                                                const char        *column_id,
                                                BoReportValueKind  kind,
                                                gint64             number);
void              bo_report_section_set_time  (BoReportSection *section,
                                               guint            row,
                                               const char      *column_id,
                                               const char      *iso);
const BoReportCell *bo_report_section_get_cell (BoReportSection *section,
                                                guint            row,
                                                guint            column);

/* Facts: one row "@id" with label and value. */
void              bo_report_section_add_fact_text   (BoReportSection *section,
                                                     const char      *id,
                                                     const char      *label,
                                                     const char      *text);
void              bo_report_section_add_fact_number (BoReportSection   *section,
                                                     const char        *id,
                                                     const char        *label,
                                                     BoReportValueKind  kind,
                                                     gint64             number);

void              bo_report_section_add_fact_time   (BoReportSection *section,
                                                     const char      *id,
                                                     const char      *label,
                                                     const char      *iso);

/* Looks a number up: section @section_id, row @row_id, column @column_id ("value" for
 * facts). FALSE when any of them is missing or the cell holds no number. */
gboolean          bo_report_lookup_number     (BoReport   *self,
                                               const char *section_id,
                                               const char *row_id,
                                               const char *column_id,
                                               gint64     *out_number);
/* The same for text (TEXT and TIME cells); NULL when missing. */
const char       *bo_report_lookup_text       (BoReport   *self,
                                               const char *section_id,
                                               const char *row_id,
                                               const char *column_id);

/* A cell as people read it: money with bo_money_format(), rates as "17 %", times in the
 * report's zone as "2026-03-01 19:30". */
char             *bo_report_format_cell       (BoReport           *self,
                                               const BoReportCell *cell);
/* The same, locale-independent, for CSV: "12.50", "17.00", "2026-03-01T19:30:00Z". */
char             *bo_report_format_cell_plain (BoReport           *self,
                                               const BoReportCell *cell);

/* Builders (bo-report-query.c). */

/* The shift @shift_id, or the open shift when @shift_id is 0, else the last closed one: an X
 * report while it is open, a Z report once closed. */
BoReport         *bo_report_new_shift         (BoStore  *store,
                                               BoDevice *device,
                                               gint64    shift_id,
                                               GError  **error);
/* Sales of the day @date ("YYYY-MM-DD", NULL = today) in the venue's time zone (the device's,
 * else the first event's, else local time), and attendance of the events starting that day. */
BoReport         *bo_report_new_day           (BoStore    *store,
                                               BoDevice   *device,
                                               const char *date,
                                               GError    **error);
/* Everything about one event, every day, in the event's time zone. */
BoReport         *bo_report_new_event         (BoStore  *store,
                                               BoDevice *device,
                                               gint64    event_id,
                                               GError  **error);

/* The same off the main thread (GUI): a worker opens its own connection to the store at
 * @db_path and builds the report named by @kind (BO_REPORT_SHIFT_X and _Z both mean "the shift
 * @id", 0 = the open or last one; BO_REPORT_DAY uses @date; BO_REPORT_EVENT the event @id). */
void              bo_report_new_async         (const char          *db_path,
                                               BoReportKind         kind,
                                               gint64               id,
                                               const char          *date,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
BoReport         *bo_report_new_finish        (GAsyncResult  *result,
                                               GError       **error);

G_END_DECLS
