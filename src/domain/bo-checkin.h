/* bo-checkin.h — the verdict for a scanned ticket code, recorded and journaled
 *
 * Scanner input is untrusted: it is trimmed, length-limited and refused when it holds control
 * characters or invalid UTF-8 (BO_CHECKIN_ERROR_MALFORMED, nothing recorded). Everything else is
 * recorded with its verdict. A ticket known to the store is judged from its row; a signed secret
 * ("BT1…") not yet known is judged from its signature and the selling device's public key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/bo-store.h"
#include "domain/bo-device.h"
#include "domain/bo-operator.h"

G_BEGIN_DECLS

#define BO_TYPE_CHECKIN (bo_checkin_get_type ())
G_DECLARE_FINAL_TYPE (BoCheckin, bo_checkin, BO, CHECKIN, GObject)

#define BO_CHECKIN_ERROR (bo_checkin_error_quark ())

typedef enum {
  BO_CHECKIN_ERROR_MALFORMED, /* empty, too long, control characters, not UTF-8 */
} BoCheckinError;

typedef enum {
  BO_VERDICT_ACCEPTED,
  BO_VERDICT_DUPLICATE,
  BO_VERDICT_UNKNOWN,
  BO_VERDICT_CANCELLED,
  BO_VERDICT_WRONG_EVENT,
  BO_VERDICT_INVALID_SIGNATURE,
} BoVerdict;

typedef enum {
  BO_DIRECTION_ENTRY,
  BO_DIRECTION_EXIT,
} BoDirection;

/* Longest scan we look at (a signed secret is 139 characters, online secrets at most 64). */
#define BO_CHECKIN_MAX_INPUT 256

GQuark      bo_checkin_error_quark         (void);

const char *bo_verdict_to_string           (BoVerdict verdict);   /* "accepted", ... */
const char *bo_verdict_describe            (BoVerdict verdict);   /* translated, for people */

/* Trims white space and validates; returns the clean code or NULL with @error. */
char       *bo_checkin_clean_input         (const char *raw,
                                            GError    **error);

BoVerdict   bo_checkin_get_verdict         (BoCheckin *self);
const char *bo_checkin_get_uuid            (BoCheckin *self);
const char *bo_checkin_get_secret          (BoCheckin *self);
gint64      bo_checkin_get_event_id        (BoCheckin *self);
const char *bo_checkin_get_scanned_at      (BoCheckin *self);
const char *bo_checkin_get_gate            (BoCheckin *self);
BoDirection bo_checkin_get_direction       (BoCheckin *self);
const char *bo_checkin_get_ticket_uuid     (BoCheckin *self); /* NULL when unknown */
const char *bo_checkin_get_ticket_type_name (BoCheckin *self);
const char *bo_checkin_get_attendee_name   (BoCheckin *self);
const char *bo_checkin_get_order_code      (BoCheckin *self);
/* For a duplicate: when and at which gate the ticket first came in. */
const char *bo_checkin_get_first_scanned_at (BoCheckin *self);
const char *bo_checkin_get_first_gate      (BoCheckin *self);
/* Why a ticket is judged as it is, for people (translated): e.g. "signed by device 7". */
const char *bo_checkin_get_detail          (BoCheckin *self);

/* Judges @raw for @event_id, records the scan (checkins table, journal, outbox) in one
 * transaction and returns it. @operator may be NULL (an unattended gate). Fails with
 * BO_OPERATOR_ERROR_NOT_ALLOWED when @operator lacks BO_RIGHT_CHECK_IN and with
 * BO_CHECKIN_ERROR_MALFORMED for unusable input (nothing is recorded for either), and with a
 * BO_STORE_ERROR when the store cannot be written. Exit scans: a ticket inside is "accepted"
 * (and counts as out); one not inside is recorded as "duplicate" with the detail "Not inside". */
BoCheckin  *bo_checkin_scan                (BoStore     *store,
                                            BoDevice    *device,
                                            BoOperator  *operator,
                                            gint64       event_id,
                                            const char  *raw,
                                            const char  *gate,
                                            BoDirection  direction,
                                            GError     **error);

/* The read-only half of bo_checkin_scan(): judges @secret (already cleaned by
 * bo_checkin_clean_input()) for @event_id and returns the verdict without recording anything;
 * uuid and scanned_at are NULL. For previews and benchmarks: a real scan goes through
 * bo_checkin_scan(), which judges again inside its write transaction. */
BoCheckin  *bo_checkin_judge               (BoStore     *store,
                                            gint64       event_id,
                                            const char  *secret,
                                            BoDirection  direction,
                                            GError     **error);

/* How this recorded scan moved its event's "inside" count (bo_checkin_count()): +1 for an
 * accepted entry, -1 for an accepted exit, 0 for everything else. A screen that counts once
 * and then follows its own scans stays exact until the catalogue changes (a sale, a refund, a
 * sync pull) or another program scans. */
int         bo_checkin_get_inside_change   (BoCheckin *self);

/* Attendance of an event: tickets in now, and valid tickets known. Reads the event's
 * check-ins and an index over its tickets (some 30 ms for 1,000,000 tickets): count once,
 * then follow with bo_checkin_get_inside_change(). */
gboolean    bo_checkin_count               (BoStore *store,
                                            gint64   event_id,
                                            gint64  *out_inside,
                                            gint64  *out_valid,
                                            GError **error);

G_END_DECLS
