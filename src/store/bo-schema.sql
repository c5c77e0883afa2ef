-- Schema version 1 of the box-office store.
-- Money is INTEGER in the currency's minor unit; timestamps are RFC 3339 UTC text;
-- uuids are client-made identities that never change (../shared/central-api.md).

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- This counter's identity. The Ed25519 key pair is made on first open; server_device_id and
-- api_token arrive with registration (sync issue). The database file is 0600.
CREATE TABLE device (
  id               INTEGER PRIMARY KEY CHECK (id = 1),
  server_device_id INTEGER NOT NULL DEFAULT 0 CHECK (server_device_id BETWEEN 0 AND 4294967295),
  name             TEXT,
  base_url         TEXT,
  api_token        TEXT,
  public_key       BLOB NOT NULL CHECK (length (public_key) = 32),
  secret_key       BLOB NOT NULL CHECK (length (secret_key) = 64),
  next_serial      INTEGER NOT NULL DEFAULT 1 CHECK (next_serial BETWEEN 1 AND 4294967296),
  organizer_name   TEXT,
  venue_name       TEXT,
  venue_timezone   TEXT,
  created_at       TEXT NOT NULL
);

-- Public keys of every device of the organizer (from GET /keys), this one included.
CREATE TABLE device_keys (
  device_id  INTEGER PRIMARY KEY CHECK (device_id BETWEEN 0 AND 4294967295),
  public_key BLOB NOT NULL CHECK (length (public_key) = 32),
  revoked_at TEXT
);

CREATE TABLE events (
  id          INTEGER PRIMARY KEY CHECK (id BETWEEN 1 AND 4294967295),
  name        TEXT NOT NULL,
  starts_at   TEXT NOT NULL,
  ends_at     TEXT,
  venue_name  TEXT,
  timezone    TEXT,
  currency    TEXT NOT NULL CHECK (length (currency) = 3),
  status      TEXT NOT NULL DEFAULT 'on_sale' CHECK (status IN ('on_sale', 'off_sale', 'cancelled')),
  updated_at  TEXT
);

-- sold counts every channel: what the server last reported plus this counter's sales since.
CREATE TABLE ticket_types (
  id          INTEGER PRIMARY KEY CHECK (id BETWEEN 1 AND 4294967295),
  event_id    INTEGER NOT NULL REFERENCES events (id),
  name        TEXT NOT NULL,
  price       INTEGER NOT NULL CHECK (price >= 0),
  fee         INTEGER NOT NULL DEFAULT 0 CHECK (fee >= 0),
  tax_rate_bp INTEGER NOT NULL DEFAULT 0 CHECK (tax_rate_bp BETWEEN 0 AND 10000),
  capacity    INTEGER CHECK (capacity IS NULL OR capacity >= 0),
  sold        INTEGER NOT NULL DEFAULT 0 CHECK (sold >= 0),
  active      INTEGER NOT NULL DEFAULT 1,
  sales_start TEXT,
  sales_end   TEXT,
  position    INTEGER NOT NULL DEFAULT 0,
  updated_at  TEXT
);
CREATE INDEX ticket_types_event ON ticket_types (event_id, position);

-- Blocks of capacity granted to this counter (sync issue); a sale draws on them.
CREATE TABLE allocations (
  id             INTEGER PRIMARY KEY,
  uuid           TEXT NOT NULL UNIQUE,
  server_id      INTEGER UNIQUE,
  event_id       INTEGER NOT NULL REFERENCES events (id),
  ticket_type_id INTEGER NOT NULL REFERENCES ticket_types (id),
  quantity       INTEGER NOT NULL CHECK (quantity >= 0),
  used           INTEGER NOT NULL DEFAULT 0 CHECK (used >= 0 AND used <= quantity),
  expires_at     TEXT,
  released_at    TEXT,
  created_at     TEXT NOT NULL
);
CREATE INDEX allocations_type ON allocations (ticket_type_id) WHERE released_at IS NULL;

CREATE TABLE operators (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  role       TEXT NOT NULL CHECK (role IN ('cashier', 'manager')),
  pin_hash   TEXT NOT NULL,
  active     INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);

CREATE TABLE shifts (
  id               INTEGER PRIMARY KEY,
  uuid             TEXT NOT NULL UNIQUE,
  operator_id      INTEGER NOT NULL REFERENCES operators (id),
  opened_at        TEXT NOT NULL,
  float            INTEGER NOT NULL CHECK (float >= 0),
  closed_at        TEXT,
  closed_by        INTEGER REFERENCES operators (id),
  cash_expected    INTEGER,
  cash_counted     INTEGER,
  variance         INTEGER,
  first_journal_seq INTEGER,
  last_journal_seq INTEGER,
  journal_head     TEXT
);
-- A counter has at most one open shift.
CREATE UNIQUE INDEX shifts_one_open ON shifts ((closed_at IS NULL)) WHERE closed_at IS NULL;

CREATE TABLE cash_movements (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  shift_id    INTEGER NOT NULL REFERENCES shifts (id),
  operator_id INTEGER NOT NULL REFERENCES operators (id),
  amount      INTEGER NOT NULL CHECK (amount <> 0), -- > 0 cash in, < 0 cash out
  reason      TEXT,
  created_at  TEXT NOT NULL
);

CREATE TABLE orders (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE,
  event_id     INTEGER NOT NULL REFERENCES events (id),
  shift_id     INTEGER REFERENCES shifts (id),
  operator_id  INTEGER NOT NULL REFERENCES operators (id),
  created_at   TEXT NOT NULL,
  currency     TEXT NOT NULL,
  total        INTEGER NOT NULL CHECK (total >= 0),
  status       TEXT NOT NULL DEFAULT 'paid'
               CHECK (status IN ('paid', 'partially_refunded', 'refunded', 'voided')),
  forced       INTEGER NOT NULL DEFAULT 0,
  code         TEXT,            -- order code the server gives
  server_id    INTEGER,
  journal_seq  INTEGER
);
CREATE INDEX orders_created ON orders (created_at);
CREATE INDEX orders_code ON orders (code) WHERE code IS NOT NULL;

CREATE TABLE order_lines (
  id             INTEGER PRIMARY KEY,
  order_id       INTEGER NOT NULL REFERENCES orders (id),
  ticket_type_id INTEGER NOT NULL REFERENCES ticket_types (id),
  quantity       INTEGER NOT NULL CHECK (quantity > 0),
  unit_price     INTEGER NOT NULL CHECK (unit_price >= 0),
  unit_fee       INTEGER NOT NULL CHECK (unit_fee >= 0),
  tax_rate_bp    INTEGER NOT NULL,
  allocation_id  INTEGER REFERENCES allocations (id)
);
CREATE INDEX order_lines_order ON order_lines (order_id);

CREATE TABLE payments (
  id        INTEGER PRIMARY KEY,
  order_id  INTEGER NOT NULL REFERENCES orders (id),
  method    TEXT NOT NULL CHECK (method IN ('cash', 'card', 'voucher', 'free')),
  amount    INTEGER NOT NULL CHECK (amount >= 0), -- what this payment covers of the total
  tendered  INTEGER,                              -- cash handed over
  change    INTEGER NOT NULL DEFAULT 0,           -- cash given back
  reference TEXT
);
CREATE INDEX payments_order ON payments (order_id);

-- Every ticket of every event this counter knows: sold here (order_id set, secret signed
-- here) or pulled from the server's tickets feed (server_id set).
CREATE TABLE tickets (
  id             INTEGER PRIMARY KEY,
  uuid           TEXT UNIQUE,
  server_id      INTEGER UNIQUE,
  event_id       INTEGER NOT NULL REFERENCES events (id),
  ticket_type_id INTEGER NOT NULL REFERENCES ticket_types (id),
  order_id       INTEGER REFERENCES orders (id),
  order_code     TEXT,
  secret         TEXT NOT NULL UNIQUE,
  serial         INTEGER,
  attendee_name  TEXT,
  status         TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'cancelled')),
  checked_in_at  TEXT,          -- as the server last reported (any device)
  print_count    INTEGER NOT NULL DEFAULT 0,
  reprint_requested INTEGER NOT NULL DEFAULT 0,
  updated_at     TEXT
);
CREATE INDEX tickets_order ON tickets (order_id) WHERE order_id IS NOT NULL;
CREATE INDEX tickets_event_name ON tickets (event_id, attendee_name);
-- Attendance counts (inside / valid) per event without reading every ticket.
CREATE INDEX tickets_event_status ON tickets (event_id, status, checked_in_at);

CREATE TABLE refunds (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  order_id    INTEGER NOT NULL REFERENCES orders (id),
  shift_id    INTEGER REFERENCES shifts (id),
  operator_id INTEGER NOT NULL REFERENCES operators (id),
  kind        TEXT NOT NULL DEFAULT 'refund' CHECK (kind IN ('refund', 'void')),
  amount      INTEGER NOT NULL CHECK (amount >= 0),
  method      TEXT NOT NULL,
  reason      TEXT,
  created_at  TEXT NOT NULL,
  journal_seq INTEGER
);
CREATE INDEX refunds_order ON refunds (order_id);

CREATE TABLE refund_tickets (
  refund_id INTEGER NOT NULL REFERENCES refunds (id),
  ticket_id INTEGER NOT NULL UNIQUE REFERENCES tickets (id), -- a ticket is refunded once
  PRIMARY KEY (refund_id, ticket_id)
) WITHOUT ROWID;

-- Every scan, whatever the verdict.
CREATE TABLE checkins (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  event_id    INTEGER NOT NULL,
  ticket_id   INTEGER REFERENCES tickets (id),
  secret      TEXT NOT NULL,
  scanned_at  TEXT NOT NULL,
  gate        TEXT,
  direction   TEXT NOT NULL DEFAULT 'entry' CHECK (direction IN ('entry', 'exit')),
  offline     INTEGER NOT NULL DEFAULT 1,
  verdict     TEXT NOT NULL CHECK (verdict IN ('accepted', 'duplicate', 'unknown', 'cancelled',
                                               'wrong_event', 'invalid_signature')),
  operator_id INTEGER REFERENCES operators (id),
  journal_seq INTEGER
);
CREATE INDEX checkins_secret ON checkins (secret, event_id);

-- What must reach the server, in order, exactly once (sync issue sends it).
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('order', 'refund', 'checkin', 'closing', 'allocation_release')),
  uuid            TEXT NOT NULL UNIQUE,   -- also the Idempotency-Key
  method          TEXT NOT NULL DEFAULT 'POST',
  path            TEXT NOT NULL,
  body            TEXT NOT NULL,
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'parked')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_error      TEXT,
  response        TEXT,
  created_at      TEXT NOT NULL,
  sent_at         TEXT
);
CREATE INDEX outbox_pending ON outbox (state, id);

-- Tamper-evident, append-only journal: gapless seq, each row hash-chained to the previous
-- one and signed with the device key. Corrections only by reversal entries.
CREATE TABLE journal (
  seq        INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL,
  kind       TEXT NOT NULL,
  ref_uuid   TEXT,
  payload    TEXT NOT NULL,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL,
  signature  TEXT NOT NULL
);
-- INSERT OR REPLACE would delete silently (delete triggers only fire for REPLACE with
-- recursive_triggers on), so inserts themselves must name the next sequence: append only, no gaps.
CREATE TRIGGER journal_append_only BEFORE INSERT ON journal
WHEN NEW.seq IS NOT coalesce ((SELECT max (seq) FROM journal), 0) + 1
BEGIN
  SELECT RAISE (ABORT, 'journal entries can only be appended');
END;
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN
  SELECT RAISE (ABORT, 'journal entries cannot be changed');
END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN
  SELECT RAISE (ABORT, 'journal entries cannot be deleted');
END;
