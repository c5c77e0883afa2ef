/* central-private.h — what the server core shares with the resource handlers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "central-db.h"
#include "central-json.h"
#include "central-server.h"

G_BEGIN_DECLS

#define CENTRAL_API_PREFIX    "/api/v1"
#define CENTRAL_ADMIN_PREFIX  "/admin"
#define CENTRAL_BODY_LIMIT    (8 * 1024 * 1024)
#define CENTRAL_MAX_PARAMS    4
#define CENTRAL_ORGANIZER_ID  1
#define CENTRAL_VENUE_ID      3
#define CENTRAL_ORGANIZER_NAME "Bilten Demo"
#define CENTRAL_VENUE_NAME    "Narodno pozorište Sarajevo"
#define CENTRAL_VENUE_TZ      "Europe/Sarajevo"

struct _CentralServer {
  CentralDb  *db;
  SoupServer *soup;
  char       *base_url;

  /* Fault injection (POST /admin/faults, --fault-*) */
  double      fault_rate;
  guint       fault_modes;
  int         fault_retry_after;
  int         fault_delay_ms;
  char       *fault_prefix;
  GRand      *fault_rand;

  /* Counters for GET /admin/stats (since start) */
  gint64      requests;
  gint64      faults_injected;
  gint64      idempotent_replays;
};

typedef struct {
  CentralServer *server;
  CentralDb     *db;
  const char    *method;
  const char    *path;      /* below /api/v1 or /admin, e.g. "/events/4/tickets" */
  GHashTable    *query;     /* may be NULL */
  const char    *params[CENTRAL_MAX_PARAMS]; /* the '*' segments of the route */
  gint64         ids[CENTRAL_MAX_PARAMS];    /* the same as integers, -1 when not one */
  JsonNode      *body;      /* the parsed request body (POST, PATCH) */
  char          *request_hash;
  gint64         device_id; /* the authenticated device; 0 before initialisation */
  char          *now;       /* RFC 3339, fixed for the whole request */

  /* The answer */
  guint          status;
  char          *response;
  gsize          response_len;
  int            retry_after; /* > 0: sends Retry-After */
} CentralRequest;

typedef void (*CentralHandler) (CentralRequest *req);

/* Answers */
void      central_reply_json       (CentralRequest *req,
                                    guint           status,
                                    CentralJson    *json);
void      central_reply_error      (CentralRequest *req,
                                    guint           status,
                                    const char     *code,
                                    const char     *format,
                                    ...) G_GNUC_PRINTF (4, 5);
/* An error that carries one more integer member (409 sold_out "available": n). */
void      central_reply_error_with (CentralRequest *req,
                                    guint           status,
                                    const char     *code,
                                    const char     *extra_key,
                                    gint64          extra_value,
                                    const char     *format,
                                    ...) G_GNUC_PRINTF (6, 7);
/* 500 from the last database error; always returns FALSE so callers can `return`. */
gboolean  central_reply_db_error   (CentralRequest *req);
void      central_reply_validation (CentralRequest *req,
                                    const char     *field,
                                    const char     *problem);

/* Request bodies: each getter answers 400 validation naming "@prefix@name" and returns
 * FALSE when the member is missing (and @required) or of the wrong kind. */
JsonObject *central_body_object    (CentralRequest *req);
gboolean  central_get_string       (CentralRequest *req,
                                    JsonObject     *obj,
                                    const char     *prefix,
                                    const char     *name,
                                    gboolean        required,
                                    gsize           max_len,
                                    const char    **out);
gboolean  central_get_int          (CentralRequest *req,
                                    JsonObject     *obj,
                                    const char     *prefix,
                                    const char     *name,
                                    gboolean        required,
                                    gint64          min,
                                    gint64          max,
                                    gint64         *out,
                                    gboolean       *out_present);
gboolean  central_get_bool         (CentralRequest *req,
                                    JsonObject     *obj,
                                    const char     *prefix,
                                    const char     *name,
                                    gboolean        default_value,
                                    gboolean       *out);
gboolean  central_get_time         (CentralRequest *req,
                                    JsonObject     *obj,
                                    const char     *prefix,
                                    const char     *name,
                                    gboolean        required,
                                    const char    **out);
gboolean  central_get_uuid         (CentralRequest *req,
                                    JsonObject     *obj,
                                    const char     *prefix,
                                    const char     *name,
                                    const char    **out);
JsonArray *central_get_array       (CentralRequest *req,
                                    JsonObject     *obj,
                                    const char     *prefix,
                                    const char     *name,
                                    guint           min_len,
                                    guint           max_len);

/* Paging: reads ?cursor= and ?limit= (400 on bad values). */
gboolean  central_page_params      (CentralRequest *req,
                                    gint64         *out_after_seq,
                                    gint64         *out_limit);
/* Writes the end of a list ("]", next_cursor, has_more) after the results. */
void      central_page_finish      (CentralJson    *json,
                                    gint64          last_seq,
                                    gboolean        has_more);
char     *central_cursor_encode    (gint64 seq);

/* Objects created with a client uuid: when @uuid already exists in @table, answers as the
 * first time (same request) or 409 uuid_taken and returns TRUE: the caller stops. */
gboolean  central_replay_by_uuid   (CentralRequest *req,
                                    const char     *table,
                                    const char     *uuid,
                                    guint           status,
                                    gboolean       *out_failed);

/* "operator": a name or an id (string or integer); returns it as text, NULL when absent. */
gboolean  central_get_operator     (CentralRequest *req,
                                    JsonObject     *obj,
                                    gboolean        required,
                                    char          **out);

typedef void (*CentralRowWriter) (CentralJson  *json,
                                  sqlite3_stmt *stmt);
/* Answers 200 with one page: @stmt is bound with LIMIT @limit + 1 and its column @seq_col is
 * change_seq. Resets @stmt. */
void      central_reply_page       (CentralRequest   *req,
                                    sqlite3_stmt     *stmt,
                                    gint64            after_seq,
                                    gint64            limit,
                                    int               seq_col,
                                    CentralRowWriter  writer);

char     *central_random_token     (gsize n_bytes);
/* 5 upper-case letters/digits not used by any order or ticket yet; NULL on a db error. */
char     *central_new_order_code   (CentralDb *db);
/* Capacity left for everybody: NULL capacity gives G_MAXINT64. -1 on error / unknown. */
gint64    central_type_available   (CentralDb *db,
                                    gint64     ticket_type_id);
/* Bumps the change_seq (and sold/held deltas) of a ticket type. */
gboolean  central_type_adjust      (CentralDb  *db,
                                    gint64      ticket_type_id,
                                    gint64      sold_delta,
                                    gint64      held_delta,
                                    const char *now);
/* Records a check-in; returns the result text (static string) or NULL on a db error. */
const char *central_checkin_record (CentralDb  *db,
                                    const char *uuid,
                                    gint64      device_id,
                                    gint64      event_id,
                                    const char *secret,
                                    const char *scanned_at,
                                    const char *gate,
                                    const char *direction,
                                    gboolean    offline,
                                    const char *now);
/* Links scans of a signed secret that came before its order to the new ticket. */
gboolean  central_checkin_link_pending (CentralDb  *db,
                                        gint64      ticket_id,
                                        const char *secret,
                                        const char *now);

/* Resource handlers (one file per group) */
void central_device_initialize   (CentralRequest *req);
void central_device_info         (CentralRequest *req);
void central_keys_list           (CentralRequest *req);
void central_events_list         (CentralRequest *req);
void central_ticket_types_list   (CentralRequest *req);
void central_tickets_list        (CentralRequest *req);
void central_allocations_create  (CentralRequest *req);
void central_allocations_list    (CentralRequest *req);
void central_allocations_release (CentralRequest *req);
void central_orders_create       (CentralRequest *req);
void central_refunds_create      (CentralRequest *req);
void central_checkins_create     (CentralRequest *req);
void central_closings_create     (CentralRequest *req);

void central_admin_tokens        (CentralRequest *req);
void central_admin_faults        (CentralRequest *req);
void central_admin_revoke        (CentralRequest *req);
void central_admin_online_sale   (CentralRequest *req);
void central_admin_cancel_ticket (CentralRequest *req);
void central_admin_checkin       (CentralRequest *req);
void central_admin_patch_type    (CentralRequest *req);
void central_admin_patch_event   (CentralRequest *req);
void central_admin_stats         (CentralRequest *req);
void central_admin_orders        (CentralRequest *req);

/* Serialisers shared by lists and admin answers (the current row of the resource's query) */
void central_write_event         (CentralJson *json, sqlite3_stmt *stmt);
void central_write_ticket_type   (CentralJson *json, sqlite3_stmt *stmt);
void central_write_ticket        (CentralJson *json, sqlite3_stmt *stmt);
void central_write_allocation    (CentralJson *json, sqlite3_stmt *stmt);

#define CENTRAL_EVENT_COLUMNS \
  "id, name, starts_at, ends_at, venue_name, timezone, currency, status, updated_at, change_seq"
#define CENTRAL_TICKET_TYPE_COLUMNS \
  "id, event_id, name, price, fee, tax_rate_bp, capacity, sold + held, active, sales_start, " \
  "sales_end, updated_at, change_seq"
#define CENTRAL_ALLOCATION_COLUMNS \
  "id, uuid, event_id, ticket_type_id, granted - released, used, released, expires_at, " \
  "updated_at, change_seq"
#define CENTRAL_TICKET_COLUMNS \
  "id, uuid, secret, ticket_type_id, order_code, attendee_name, status, checked_in_at, " \
  "updated_at, change_seq"

/* Demo data (central-demo.c) */
gboolean central_demo_populate   (CentralDb *db,
                                  gboolean   catalogue,
                                  guint      demo_tickets,
                                  GError   **error);

G_END_DECLS
