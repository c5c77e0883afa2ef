/* bo-printer-group.h — one printer role in the preferences: the printers found, or an address
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ui/bo-printer-list.h"

G_BEGIN_DECLS

#define BO_TYPE_PRINTER_GROUP (bo_printer_group_get_type ())
G_DECLARE_FINAL_TYPE (BoPrinterGroup, bo_printer_group, BO, PRINTER_GROUP, AdwPreferencesGroup)

/* The setting (a string key holding a printer URI, "" for none) the group shows and writes;
 * @settings NULL makes the group insensitive. */
void        bo_printer_group_bind        (BoPrinterGroup *self,
                                          GSettings      *settings,
                                          const char     *key);

/* The printers to offer; "Refresh" searches this list again. */
void        bo_printer_group_set_list    (BoPrinterGroup *self,
                                          BoPrinterList  *list);

/* The address chosen or typed, "" for none. */
const char *bo_printer_group_get_address (BoPrinterGroup *self);

/* Properties (for the .ui): "none-title" (the row for no printer), "address-title" (the
 * address entry), "test-label" (the accessible name of its Test Print button).
 *
 * Signals:
 *   "test-print" () — Test Print was pressed. */

G_END_DECLS
