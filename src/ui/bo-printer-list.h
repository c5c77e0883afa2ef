/* bo-printer-list.h — the printers this computer can reach, found off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "print/bo-printer.h"

G_BEGIN_DECLS

#define BO_TYPE_PRINTER_LIST (bo_printer_list_get_type ())
G_DECLARE_FINAL_TYPE (BoPrinterList, bo_printer_list, BO, PRINTER_LIST, GObject)

/* An empty list that follows USB receipt printers coming and going (when libusb can watch
 * for them): call bo_printer_list_refresh() for the first search. */
BoPrinterList *bo_printer_list_new           (void);

/* Looks for printers again (bo_printer_discover() in a thread: CUPS may take a while). A
 * refresh asked for during a search runs once that one is done. */
void           bo_printer_list_refresh       (BoPrinterList *self);

/* Whether a search runs now ("searching" property). */
gboolean       bo_printer_list_get_searching (BoPrinterList *self);

/* The printers the last search found (BoPrinterInfo*, in the order found); never NULL. */
GPtrArray     *bo_printer_list_get_printers  (BoPrinterList *self);

/* What kind of printer @uri names, for people: "USB receipt printer", "CUPS queue", … */
const char    *bo_printer_list_kind_name     (const char *uri);

/* Signals:
 *   "changed" () — a search ended: the printers may be others. */

G_END_DECLS
