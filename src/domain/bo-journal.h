/* bo-journal.h — append-only, hash-chained, signed journal of everything that moves money or
 * tickets
 *
 * Entry n: hash_n = BLAKE2b-256 (seq | created_at | kind | ref_uuid | payload | hash_{n-1})
 * (fields length-prefixed, see bo-journal.c), hash_0 = 64 '0's, and signature_n =
 * Ed25519 (device key, hash_n). Hashes and signatures are stored as lower-case hex.
 * Sequences start at 1 and have no gaps; SQL triggers refuse UPDATE and DELETE.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/bo-store.h"
#include "domain/bo-device.h"

G_BEGIN_DECLS

#define BO_JOURNAL_ERROR (bo_journal_error_quark ())

typedef enum {
  BO_JOURNAL_ERROR_BROKEN, /* verification found a missing, changed or badly signed entry */
  BO_JOURNAL_ERROR_FAILED,
} BoJournalError;

/* Entry kinds. */
#define BO_JOURNAL_SALE          "sale"
#define BO_JOURNAL_REFUND        "refund"
#define BO_JOURNAL_VOID          "void"
#define BO_JOURNAL_CHECKIN       "checkin"
#define BO_JOURNAL_CASH_MOVEMENT "cash_movement"
#define BO_JOURNAL_SHIFT_OPEN    "shift_open"
#define BO_JOURNAL_SHIFT_CLOSE   "shift_close"
#define BO_JOURNAL_REPRINT       "reprint"
#define BO_JOURNAL_OPERATOR      "operator"
#define BO_JOURNAL_REVERSAL      "reversal"

GQuark    bo_journal_error_quark (void);

/* Appends one entry. Must run inside a store transaction (so the entry commits or rolls
 * back with the business change it records). @payload_json is a compact JSON object. */
gboolean  bo_journal_append      (BoStore    *store,
                                  BoDevice   *device,
                                  const char *kind,
                                  const char *ref_uuid,
                                  const char *payload_json,
                                  gint64     *out_seq,
                                  GError    **error);

/* Last sequence and hash ("000…0" and 0 for an empty journal). Returns the hash. */
char     *bo_journal_head        (BoStore *store,
                                  gint64  *out_seq,
                                  GError **error);

/* Walks the whole journal checking sequence, chain, hashes and signatures against the 32-byte
 * @public_key. TRUE with the entry count; otherwise BO_JOURNAL_ERROR_BROKEN whose message names
 * the first bad sequence, which is also put in @out_bad_seq (for a gap: the missing one).
 * Removing the newest entries cannot be seen from the rows alone: compare the head with one
 * recorded elsewhere (shift closings, the server). */
gboolean  bo_journal_verify      (BoStore      *store,
                                  const guint8 *public_key,
                                  gint64       *out_count,
                                  gint64       *out_bad_seq,
                                  GError      **error);

G_END_DECLS
