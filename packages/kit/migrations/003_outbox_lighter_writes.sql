-- Each outbox row is inserted, leased, then marked delivered: three row versions. Two changes make that cheaper.
-- 1. No unique index on (event_id, destination): rows are only written by outboxInsertFrom, one per
--    destination of a new event id, so it guarded nothing, and each version of each row added an entry
--    to it (random UUIDs, scattered over the whole index).
-- 2. Pages are left half empty, so that the lease (leased_until and attempts, neither indexed) can write
--    its new version beside the old one: a HOT update, which touches no index. Full pages made every
--    lease a new entry in every index.
ALTER TABLE outbox DROP CONSTRAINT IF EXISTS outbox_event_id_destination_key;
ALTER TABLE outbox SET (fillfactor = 50);
