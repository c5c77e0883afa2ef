/* bo-print-error.h — the errors of printing, as a cashier or a script can act on them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BO_PRINT_ERROR (bo_print_error_quark ())

typedef enum {
  BO_PRINT_ERROR_NO_PRINTER,  /* no printer is configured for this kind of paper */
  BO_PRINT_ERROR_NOT_FOUND,   /* the printer named is not there (USB device, device file, queue) */
  BO_PRINT_ERROR_UNPLUGGED,   /* the printer went away during the job */
  BO_PRINT_ERROR_PAPER_OUT,
  BO_PRINT_ERROR_COVER_OPEN,
  BO_PRINT_ERROR_TIMEOUT,     /* the printer stopped taking data */
  BO_PRINT_ERROR_STALLED,     /* the printer refused data (USB endpoint halted) */
  BO_PRINT_ERROR_BUSY,        /* another program holds the printer */
  BO_PRINT_ERROR_CUPS,        /* CUPS refused the job, the queue is stopped or the job aborted */
  BO_PRINT_ERROR_FORMAT,      /* the paper cannot be made in the format asked for */
  BO_PRINT_ERROR_INVALID_URI, /* not usb:VID:PID, lp:PATH, cups:QUEUE or file:PATH */
  BO_PRINT_ERROR_FAILED,
} BoPrintError;

GQuark       bo_print_error_quark     (void);

/* A stable snake_case name for @code ("paper_out", …), for JSON and logs. */
const char  *bo_print_error_code_name (int code);

G_END_DECLS
