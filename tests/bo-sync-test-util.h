/* bo-sync-test-util.h — the reference central server and registered counters, for the sync
 * tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "store/bo-store.h"
#include "domain/bo-device.h"
#include "domain/bo-operator.h"
#include "domain/bo-order.h"
#include "sync/bo-sync-engine.h"

G_BEGIN_DECLS

/* bilten-central-dev ($BO_CENTRAL) running on a free loopback port with its own database. */
typedef struct {
  GSubprocess *process;
  char        *dir;
  char        *db;
  char        *base;  /* http://127.0.0.1:PORT */
  char        *api;   /* base + /api/v1 */
  guint        port;
  GStrv        extra; /* extra arguments, kept for restarts */
} BoTestCentral;

/* Starts it with --demo plus @extra_args (NULL-terminated, may be NULL). */
BoTestCentral *bo_test_central_start   (const char * const *extra_args);
/* SIGTERM and wait; the database stays. */
void           bo_test_central_stop    (BoTestCentral *central);
/* Starts it again on the same port and database. */
void           bo_test_central_restart (BoTestCentral *central);
void           bo_test_central_free    (BoTestCentral *central);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BoTestCentral, bo_test_central_free)

/* An admin request (asserts a 2xx answer); returns the parsed body (may be NULL). */
JsonNode      *bo_test_central_admin   (BoTestCentral *central,
                                        const char    *method,
                                        const char    *path,
                                        const char    *body);
/* A member of GET /admin/stats. */
gint64         bo_test_central_stat    (BoTestCentral *central,
                                        const char    *name);
/* A new one-time token; @out_handshake (may be NULL) gets the handshake JSON. */
char          *bo_test_central_token   (BoTestCentral *central,
                                        char         **out_handshake);

/* A counter: a store in @dir/@name.db with a manager (PIN 9999) and a cashier (1234), and
 * an open shift. */
typedef struct {
  char       *path;
  BoStore    *store;
  BoDevice   *device;
  BoOperator *cashier;
  BoOperator *manager;
} BoTestCounter;

BoTestCounter *bo_test_counter_new      (const char *dir,
                                         const char *name);
void           bo_test_counter_free     (BoTestCounter *counter);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BoTestCounter, bo_test_counter_free)

/* Registers with a fresh token (asserts success) and reloads the device. */
void           bo_test_counter_register (BoTestCounter *counter,
                                         BoTestCentral *central,
                                         const char    *name);
/* One sync cycle with a fresh engine; reloads the device afterwards. */
gboolean       bo_test_counter_sync     (BoTestCounter  *counter,
                                         BoSyncSummary **out_summary,
                                         GError        **error);
/* Sells @quantity tickets of @type_id for cash (no print jobs). */
BoOrder       *bo_test_counter_sell     (BoTestCounter *counter,
                                         gint64         event_id,
                                         gint64         type_id,
                                         guint          quantity,
                                         gboolean       force,
                                         GError       **error);
/* One integer from SQL on the counter's store. */
gint64         bo_test_counter_int      (BoTestCounter *counter,
                                         const char    *sql);

G_END_DECLS
