/* bo-demo.h — a demo catalogue and operators for trying the app without a server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/bo-store.h"
#include "domain/bo-device.h"

G_BEGIN_DECLS

#define BO_DEMO_CASHIER_PIN "1234"
#define BO_DEMO_MANAGER_PIN "9999"

/* Creates or refreshes the demo events (dated from today), ticket types and the operators
 * "Cashier" (PIN 1234) and "Manager" (PIN 9999). Idempotent: running it again updates the
 * catalogue in place and never duplicates anything or touches sales. */
gboolean bo_demo_populate (BoStore  *store,
                           BoDevice *device,
                           GError  **error);

G_END_DECLS
