/* bo-sync-popover.h — the sync indicator's details: server, counter, waiting and refused items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ui/bo-sync-driver.h"

G_BEGIN_DECLS

#define BO_TYPE_SYNC_POPOVER (bo_sync_popover_get_type ())
G_DECLARE_FINAL_TYPE (BoSyncPopover, bo_sync_popover, BO, SYNC_POPOVER, GtkPopover)

BoSyncPopover *bo_sync_popover_new        (void);

/* The driver whose state is shown and whose cycles "Sync Now" and "Send Again" start. */
void           bo_sync_popover_set_driver (BoSyncPopover *self,
                                           BoSyncDriver  *driver);

/* Shows the driver's state again, under @title (the indicator's explanation). */
void           bo_sync_popover_update     (BoSyncPopover *self,
                                           const char    *title);

G_END_DECLS
