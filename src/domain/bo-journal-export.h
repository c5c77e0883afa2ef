/* bo-journal-export.h — the journal as JSON lines for auditors, and its verifier
 *
 * An export is UTF-8 text, one JSON object per line (LF line ends):
 *
 *   line 1   {"format": "bilten-boxoffice-journal", "version": 1, "device_id": 7,
 *             "device_name": "Box office 1" | null, "public_key": "<64 hex>",
 *             "exported_at": "2026-03-01T23:10:00Z", "entries": N, "last_seq": N,
 *             "head": "<64 hex>"}
 *   line 2…  {"seq": 1, "created_at": "…", "kind": "sale", "ref_uuid": "…" | null,
 *             "payload": "<the payload JSON text as one JSON string>",
 *             "prev_hash": "<64 hex>", "hash": "<64 hex>", "signature": "<128 hex>"}
 *   last     {"export_signature": "<128 hex>"}
 *
 * Entries are the whole journal from seq 1, in order, exactly as stored: "payload" is a JSON
 * string whose decoded bytes are the stored payload byte for byte, so the hashes can be
 * recomputed (definition in bo-journal.c and README.md). The last line seals the file:
 * export_signature is the device's Ed25519 signature of BLAKE2b-256 (BO_JOURNAL_EXPORT_SEAL ||
 * every byte of the file before that line), so that no byte of an export, header included,
 * can change unseen. A signature only proves which key made it: the public key must be
 * compared with one obtained another way (the server's /keys list, the key printed on Z
 * reports), and the head with the heads printed on Z reports and sent to the server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "store/bo-store.h"
#include "domain/bo-device.h"
#include "domain/bo-journal.h"

G_BEGIN_DECLS

#define BO_JOURNAL_EXPORT_FORMAT  "bilten-boxoffice-journal"
#define BO_JOURNAL_EXPORT_VERSION 1
/* Prefix of the sealed bytes: keeps the seal's signed hashes apart from entry hashes. */
#define BO_JOURNAL_EXPORT_SEAL    "bilten-boxoffice-journal-export-v1\n"

/* What a verification found: filled as far as it got. */
typedef struct {
  guint32 device_id;
  guint8  public_key[32];
  gint64  entries;        /* entries verified */
  gint64  closings;       /* shift_close entries */
  gint64  closings_with_totals; /* of which carry grand totals that were re-added */
  char    head[65];       /* hash of the last verified entry, "" for none */
  gint64  bad_seq;        /* first bad entry, 0 when none (or the file is bad before any) */
  gint64  bad_line;       /* its line in the file, 0 when none */
  gint64  grand_total_sales;   /* of the last closing with totals */
  gint64  grand_total_refunds;
  gint64  grand_total_net;
} BoJournalAudit;

/* Writes the export of the whole journal up to its current head to @out. */
gboolean  bo_journal_export         (BoStore        *store,
                                     BoDevice       *device,
                                     GOutputStream  *out,
                                     gint64         *out_entries,
                                     char          **out_head,
                                     GCancellable   *cancellable,
                                     GError        **error);

/* Same, into the file @path (replaced atomically). */
gboolean  bo_journal_export_to_file (BoStore    *store,
                                     BoDevice   *device,
                                     const char *path,
                                     gint64     *out_entries,
                                     char      **out_head,
                                     GError    **error);

/* Verifies an export without the store: the seal, header, every line's shape, gapless
 * sequence from 1,
 * chain, hashes, Ed25519 signatures with the header's key — which must equal
 * @expected_public_key when that is given — and, for every shift closing that carries them,
 * its figures against the journal: the shift's sales (sale payments other than "free") and
 * refunds (refund and void amounts) between its shift_open and its shift_close entries, and
 * the grand totals as the previous closing's plus the shift's, net = sales - refunds.
 *
 * BO_JOURNAL_ERROR_BROKEN names the first bad line or entry (also in @audit). */
gboolean  bo_journal_export_verify  (GInputStream   *in,
                                     const guint8   *expected_public_key,
                                     BoJournalAudit *audit,
                                     GCancellable   *cancellable,
                                     GError        **error);

gboolean  bo_journal_export_verify_file (const char     *path,
                                         const guint8   *expected_public_key,
                                         BoJournalAudit *audit,
                                         GError        **error);

G_END_DECLS
