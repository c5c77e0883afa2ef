/* bo-report-query-private.h — what the report queries share: the scope of a report, the
 * totals its sections carry over, the time buckets and the helpers of bo-report-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "report/bo-report.h"

G_BEGIN_DECLS

/* Which rows a report covers. */
typedef struct {
  gint64  shift_id; /* 0 = any */
  gint64  event_id; /* 0 = any */
  char   *from;     /* UTC RFC 3339, inclusive; NULL = open */
  char   *to;       /* exclusive */
} Scope;

/* Scoped queries use ?1..?4 for the scope; their own parameters start at ?5. */
#define ORDER_SCOPE \
  " (?1 = 0 OR o.shift_id = ?1) AND (?2 = 0 OR o.event_id = ?2)" \
  " AND (?3 IS NULL OR o.created_at >= ?3) AND (?4 IS NULL OR o.created_at < ?4) "
#define REFUND_SCOPE \
  " (?1 = 0 OR r.shift_id = ?1) AND (?2 = 0 OR o.event_id = ?2)" \
  " AND (?3 IS NULL OR r.created_at >= ?3) AND (?4 IS NULL OR r.created_at < ?4) "

/* The payment methods a report lists (bo-report-sales.c): cash first, complimentary last. */
#define BO_REPORT_N_METHODS 4

/* Totals a report states once and reuses (summary, cash, journal). */
typedef struct {
  gint64 orders;
  gint64 tickets;
  gint64 gross;
  gint64 fees;
  gint64 paid[BO_REPORT_N_METHODS];     /* payments by method */
  gint64 refunded[BO_REPORT_N_METHODS]; /* refunds and voids by method */
  gint64 refunds;                       /* kind "refund" */
  gint64 voids;                         /* kind "void" */
  gint64 tickets_refunded;
} Totals;

/* One period of a table over time (sales over time, arrivals). */
typedef struct {
  GDateTime *start;
  char      *label;
  gint64     orders;
  gint64     tickets;
  gint64     gross;
} Bucket;

/* bo-report-query.c */
gboolean   bo_report_finish_query      (BoStore      *store,
                                        sqlite3_stmt *stmt,
                                        int           rc,
                                        const char   *what,
                                        GError      **error);
void       bo_report_bind_scope        (sqlite3_stmt *stmt,
                                        const Scope  *scope);

typedef void (*BoReportRowFunc) (sqlite3_stmt *stmt,
                                 gpointer      user_data);

/* Runs @sql within @scope (?1..?4) and hands every row to @func. */
gboolean   bo_report_query_rows        (BoStore         *store,
                                        const Scope     *scope,
                                        const char      *sql,
                                        const char      *what,
                                        BoReportRowFunc  func,
                                        gpointer         user_data,
                                        GError         **error);
/* A table row per result row: the first result column is the row's id, the next ones fill the
 * section's columns named in @columns, in order (NULL skips one), each as its column's kind. */
gboolean   bo_report_fill_rows         (BoReportSection    *section,
                                        BoStore            *store,
                                        const Scope        *scope,
                                        const char         *sql,
                                        const char         *what,
                                        const char * const *columns,
                                        guint               n_columns,
                                        GError            **error);
char      *bo_report_text_at           (sqlite3_stmt *stmt,
                                        int           column);
char      *bo_report_id_string         (gint64        id);
char      *bo_report_default_currency  (BoStore      *store);
char      *bo_report_venue_timezone    (BoStore      *store);
GTimeZone *bo_report_zone              (BoReport     *report);
void       bo_report_add_device_facts  (BoReportSection *section,
                                        BoDevice        *device);

GPtrArray *bo_report_make_buckets      (GPtrArray    *times,
                                        const int    *sizes,
                                        guint         n_sizes,
                                        guint         max_buckets);
Bucket    *bo_report_find_bucket       (GPtrArray    *buckets,
                                        GDateTime    *when);

/* bo-report-sales.c */
gboolean   bo_report_add_sales_sections  (BoReport    *report,
                                          BoStore     *store,
                                          const Scope *scope,
                                          gboolean     with_event,
                                          Totals      *totals,
                                          GError     **error);
gboolean   bo_report_add_sales_over_time (BoReport    *report,
                                          BoStore     *store,
                                          const Scope *scope,
                                          GError     **error);

/* bo-report-shift.c, bo-report-event.c */
BoReport  *bo_report_build_shift       (BoStore      *store,
                                        BoDevice     *device,
                                        gint64        shift_id,
                                        GError      **error);
BoReport  *bo_report_build_day         (BoStore      *store,
                                        BoDevice     *device,
                                        const char   *date,
                                        GError      **error);
BoReport  *bo_report_build_event       (BoStore      *store,
                                        BoDevice     *device,
                                        gint64        event_id,
                                        GError      **error);

G_END_DECLS
