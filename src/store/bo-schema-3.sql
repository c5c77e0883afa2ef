-- Schema version 3: what the sync engine keeps per outbox item.
-- batch_uuid: consecutive check-ins go to POST /checkins together; the batch gets a uuid (its
-- Idempotency-Key) the first time it is sent and keeps it, with the same members, for every
-- retry, so that the server answers a retried batch as it did the first time.
-- error_code: the server's snake_case code of the last refusal or failure ("total_mismatch",
-- "http_503", "network"), beside last_error's human message.

ALTER TABLE outbox ADD COLUMN batch_uuid TEXT;
ALTER TABLE outbox ADD COLUMN error_code TEXT;
CREATE INDEX outbox_batch ON outbox (batch_uuid) WHERE batch_uuid IS NOT NULL;
-- Allocation blocks still being asked for (server_id not yet known) are found quickly.
CREATE INDEX allocations_pending ON allocations (id) WHERE server_id IS NULL;
