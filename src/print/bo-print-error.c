/* bo-print-error.c — the errors of printing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "print/bo-print-error.h"

G_DEFINE_QUARK (bo-print-error-quark, bo_print_error)

const char *
bo_print_error_code_name (int code)
{
  static const char * const names[] = {
    [BO_PRINT_ERROR_NO_PRINTER] = "no_printer",
    [BO_PRINT_ERROR_NOT_FOUND] = "printer_not_found",
    [BO_PRINT_ERROR_UNPLUGGED] = "printer_unplugged",
    [BO_PRINT_ERROR_PAPER_OUT] = "paper_out",
    [BO_PRINT_ERROR_COVER_OPEN] = "cover_open",
    [BO_PRINT_ERROR_TIMEOUT] = "printer_timeout",
    [BO_PRINT_ERROR_STALLED] = "printer_stalled",
    [BO_PRINT_ERROR_BUSY] = "printer_busy",
    [BO_PRINT_ERROR_CUPS] = "cups",
    [BO_PRINT_ERROR_FORMAT] = "print_format",
    [BO_PRINT_ERROR_INVALID_URI] = "invalid_printer",
    [BO_PRINT_ERROR_FAILED] = "print_failed",
  };

  if (code < 0 || (gsize) code >= G_N_ELEMENTS (names))
    return "print_failed";
  return names[code];
}
