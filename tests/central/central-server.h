/* central-server.h — the reference central server (bilten-central-dev)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CentralServer CentralServer;

typedef enum {
  CENTRAL_FAULT_500   = 1 << 0,
  CENTRAL_FAULT_429   = 1 << 1,
  CENTRAL_FAULT_DELAY = 1 << 2,
  CENTRAL_FAULT_DROP  = 1 << 3,
} CentralFaultMode;

CentralServer *central_server_new        (const char *db_path,
                                          GError    **error);
void           central_server_free       (CentralServer *self);

/* Fills the demo catalogue (once per database) and, for @demo_tickets > 0, the big event. */
gboolean       central_server_populate_demo (CentralServer *self,
                                             gboolean       catalogue,
                                             guint          demo_tickets,
                                             GError       **error);

/* Listens on @host (loopback only) and @port (0 = any free port). */
gboolean       central_server_listen     (CentralServer *self,
                                          const char    *host,
                                          guint          port,
                                          GError       **error);
/* "http://127.0.0.1:PORT/api/v1" once listening. */
const char    *central_server_get_base_url (CentralServer *self);

/* "500,429,delay,drop" → mode bits; FALSE for an unknown mode. */
gboolean       central_fault_modes_parse (const char *text,
                                          guint      *out_modes);
void           central_server_set_faults (CentralServer *self,
                                          double         rate,
                                          guint          modes,
                                          int            retry_after,
                                          int            delay_ms,
                                          gint64         seed,
                                          const char    *path_prefix);

/* Creates a one-time device token; returns {"token", "handshake"} as JSON text. */
char          *central_server_issue_token (CentralServer *self,
                                           const char    *base_url,
                                           const char    *name,
                                           GError       **error);

G_END_DECLS
