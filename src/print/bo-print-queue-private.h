/* bo-print-queue-private.h — what the files of BoPrintQueue share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "print/bo-print-queue.h"

G_BEGIN_DECLS

struct _BoPrintQueue
{
  GObject        parent_instance;

  BoStore       *store;
  BoDevice      *device;
  BoPrintConfig *config;
  BoOperator    *operator;
};

BoPrintJob *bo_print_job_from_row    (sqlite3_stmt *stmt);

/* One UPDATE of a job row: @sql binds ?1 = id, ?2 = now, ?3 = @text. Returns the rows
 * changed, or -1 with @error. */
int         bo_print_queue_update_job (BoPrintQueue *self,
                                       const char   *sql,
                                       gint64        id,
                                       const char   *text,
                                       GError      **error);

#define JOB_SELECT \
  "SELECT j.id, j.kind, coalesce (j.order_id, 0), o.uuid, coalesce (j.ticket_id, 0), " \
  "       coalesce (j.shift_id, 0), j.target, j.format, j.reprint, j.state, j.attempts, " \
  "       j.last_error, j.created_at, j.updated_at, j.printed_at " \
  "  FROM print_jobs j LEFT JOIN orders o ON o.id = j.order_id "

G_END_DECLS
