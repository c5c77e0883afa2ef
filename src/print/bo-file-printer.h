/* bo-file-printer.h — "file:PATH": printer data into a file, for tests and spooling
 *
 * A PATH that is a folder receives one new file per job (named after the job); any other PATH
 * is replaced as a whole by each job, atomically, so it never holds half a job.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "print/bo-printer.h"

G_BEGIN_DECLS

#define BO_TYPE_FILE_PRINTER (bo_file_printer_get_type ())
G_DECLARE_FINAL_TYPE (BoFilePrinter, bo_file_printer, BO, FILE_PRINTER, GObject)

BoFilePrinter *bo_file_printer_new (const char *path);

G_END_DECLS
