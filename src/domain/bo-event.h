/* bo-event.h — an event on sale at this counter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/bo-store.h"

G_BEGIN_DECLS

#define BO_TYPE_EVENT (bo_event_get_type ())
G_DECLARE_FINAL_TYPE (BoEvent, bo_event, BO, EVENT, GObject)

#define BO_CATALOG_ERROR (bo_catalog_error_quark ())

typedef enum {
  BO_CATALOG_ERROR_NOT_FOUND,
} BoCatalogError;

GQuark      bo_catalog_error_quark   (void);

gint64      bo_event_get_id          (BoEvent *self);
const char *bo_event_get_name        (BoEvent *self);
const char *bo_event_get_starts_at   (BoEvent *self);
const char *bo_event_get_ends_at     (BoEvent *self);
const char *bo_event_get_venue_name  (BoEvent *self);
const char *bo_event_get_timezone    (BoEvent *self);
const char *bo_event_get_currency    (BoEvent *self);
const char *bo_event_get_status      (BoEvent *self); /* "on_sale", "off_sale", "cancelled" */

BoEvent    *bo_event_lookup          (BoStore *store,
                                      gint64   id,
                                      GError **error);

/* Every event, soonest first: a GListModel of BoEvent. */
GListModel *bo_event_list            (BoStore *store,
                                      GError **error);

G_END_DECLS
