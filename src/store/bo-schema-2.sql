-- Schema version 2: print jobs.
-- A sale queues its paper in the sale's own transaction, so that a ticket is never lost to a
-- printer: a failed or interrupted job stays here with its error until it is printed, retried
-- elsewhere or cancelled by hand.

CREATE TABLE print_jobs (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('tickets', 'receipt', 'closing', 'report', 'test')),
  order_id    INTEGER REFERENCES orders (id),
  ticket_id   INTEGER REFERENCES tickets (id),  -- one ticket of the order (a reprint), else all
  shift_id    INTEGER REFERENCES shifts (id),   -- closings
  target      TEXT,            -- printer URI (usb:VID:PID, lp:/dev/usb/lp0, cups:QUEUE, file:PATH);
                               -- NULL = the printer configured for this kind of paper
  format      TEXT CHECK (format IS NULL OR format IN ('escpos', 'pdf')),
  reprint     INTEGER NOT NULL DEFAULT 0,
  state       TEXT NOT NULL DEFAULT 'queued'
              CHECK (state IN ('queued', 'printing', 'done', 'failed', 'cancelled')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  last_error  TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT,
  printed_at  TEXT
);
CREATE INDEX print_jobs_open ON print_jobs (state, id) WHERE state IN ('queued', 'printing', 'failed');
CREATE INDEX print_jobs_order ON print_jobs (order_id);
