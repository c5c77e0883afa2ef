#!/usr/bin/env python3
# verify-journal-export.py — check a Bilten Box Office journal export with standard tools only
#
# Usage: python3 verify-journal-export.py EXPORT.jsonl [PUBLIC_KEY_HEX]
#
# Needs Python 3.6+ (hashlib.blake2b) and the openssl command (1.1.1 or newer) for the Ed25519
# signatures; nothing from Bilten. Checks, as README.md ("Journal, closings and audits")
# describes: the seal over the whole file (last line), the header, sequence numbers 1..N without gaps, each prev_hash, each hash
# recomputed from the entry, each signature with the device key, the header's count and
# head, and that every closing's grand totals continue the previous closing's. Prints one line
# per problem and exits 1 on the first; exits 0 with a summary when everything holds.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import base64
import hashlib
import json
import os
import struct
import subprocess
import sys
import tempfile

ED25519_SPKI_PREFIX = bytes.fromhex("302a300506032b6570032100")


def field(b):
    """len (u64 big-endian) || bytes; None (SQL NULL) is 2^64-1 and no bytes."""
    if b is None:
        return struct.pack(">Q", 2**64 - 1)
    return struct.pack(">Q", len(b)) + b


def entry_hash(e, prev):
    text = lambda k: None if e[k] is None else e[k].encode("utf-8")
    data = (field(struct.pack(">Q", e["seq"])) + field(text("created_at")) + field(text("kind"))
            + field(text("ref_uuid")) + field(text("payload")) + field(prev))
    return hashlib.blake2b(data, digest_size=32).digest()


def signature_ok(pem_path, workdir, digest, signature):
    msg = os.path.join(workdir, "hash.bin")
    sig = os.path.join(workdir, "sig.bin")
    with open(msg, "wb") as f:
        f.write(digest)
    with open(sig, "wb") as f:
        f.write(signature)
    r = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", pem_path,
                        "-rawin", "-in", msg, "-sigfile", sig],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return r.returncode == 0


def fail(message):
    print("BROKEN: " + message)
    sys.exit(1)


def main():
    if len(sys.argv) not in (2, 3):
        print(__doc__ or "usage: verify-journal-export.py EXPORT.jsonl [PUBLIC_KEY_HEX]")
        sys.exit(2)
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    if len(lines) < 2:
        fail("empty or cut short")
    # The last line seals every byte before it.
    sealed = data[:len(data) - len(lines[-1]) - (1 if data.endswith(b"\n") else 0)]
    seal = json.loads(lines.pop().decode("utf-8"))

    header = json.loads(lines[0].decode("utf-8"))
    if header.get("format") != "bilten-boxoffice-journal" or header.get("version") != 1:
        fail("not a version 1 Bilten Box Office journal export")
    key = bytes.fromhex(header["public_key"])
    if len(sys.argv) == 3 and bytes.fromhex(sys.argv[2]) != key:
        fail("the export names another device key than the one given")

    workdir = tempfile.mkdtemp()
    pem_path = os.path.join(workdir, "key.pem")
    with open(pem_path, "w") as f:
        f.write("-----BEGIN PUBLIC KEY-----\n%s\n-----END PUBLIC KEY-----\n"
                % base64.b64encode(ED25519_SPKI_PREFIX + key).decode("ascii"))

    digest = hashlib.blake2b(b"bilten-boxoffice-journal-export-v1\n" + sealed,
                             digest_size=32).digest()
    if list(seal) != ["export_signature"] or not signature_ok(
            pem_path, workdir, digest, bytes.fromhex(seal["export_signature"])):
        fail("the export's seal does not match its contents")

    prev = bytes(32)
    seq = 0
    totals = (0, 0)      # grand totals (sales, refunds) of the previous closing
    shift = None         # [uuid, open seq, sales, refunds] of the open shift
    closings = 0
    for number, raw in enumerate(lines[1:], start=2):
        e = json.loads(raw.decode("utf-8"))
        seq += 1
        if e["seq"] != seq:
            fail("line %d: entry %d is missing" % (number, seq))
        if bytes.fromhex(e["prev_hash"]) != prev:
            fail("entry %d: does not follow the entry before it" % seq)
        h = entry_hash(e, prev)
        if h.hex() != e["hash"]:
            fail("entry %d: hash does not match its contents" % seq)
        if not signature_ok(pem_path, workdir, h, bytes.fromhex(e["signature"])):
            fail("entry %d: signature is not valid" % seq)
        prev = h

        # Closings: the shift's own sales and refunds, and grand totals that never reset.
        p = json.loads(e["payload"]) if e["kind"] in (
            "shift_open", "shift_close", "sale", "refund", "void") else None
        if e["kind"] == "shift_open":
            shift = [e["ref_uuid"], seq, 0, 0]
        elif e["kind"] == "sale" and shift:
            shift[2] += sum(x["amount"] for x in p["payments"] if x["method"] != "free")
        elif e["kind"] in ("refund", "void") and shift and p["method"] != "free":
            shift[3] += p["amount"]
        elif e["kind"] == "shift_close":
            if not shift or shift[0] != e["ref_uuid"]:
                fail("entry %d: closes a shift that was not opened" % seq)
            if "grand_total_sales" in p:
                if (p["sales"], p["refunds"], p["first_journal_seq"]) != (shift[2], shift[3], shift[1]):
                    fail("entry %d: the closing's sales or refunds differ from its shift's entries" % seq)
                if closings > 0 and (p["grand_total_sales"], p["grand_total_refunds"]) != (
                        totals[0] + p["sales"], totals[1] + p["refunds"]):
                    fail("entry %d: the grand totals do not continue the previous closing's" % seq)
                if p["grand_total_net"] != p["grand_total_sales"] - p["grand_total_refunds"]:
                    fail("entry %d: grand total net is not sales less refunds" % seq)
                totals = (p["grand_total_sales"], p["grand_total_refunds"])
                closings += 1
            shift = None

    if header["entries"] != seq or header["last_seq"] != seq or header["head"] != (
            prev.hex() if seq else "0" * 64):
        fail("the header announces %d entries up to %s; the file holds %d"
             % (header["entries"], header["head"], seq))
    print("OK: %d entries, head %s, %d closings with grand totals; device %d key %s"
          % (seq, prev.hex(), closings, header["device_id"], key.hex()))


if __name__ == "__main__":
    main()
