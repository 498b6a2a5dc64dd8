-- A relay's lease on the rows it is sending is its own column: leasing used to move next_attempt_at,
-- which is indexed, so every lease wrote a new index entry and a new row version, and the due index
-- filled with entries of rows long delivered, which each relay round stepped over again (a round cost
-- 10 ms of database time after a minute of orders, until a vacuum). Now a lease rewrites no indexed
-- column (a HOT update when the page has room), and rounds walk the due index in its own order: a
-- walk marks the entries of delivered rows dead as it passes them, and later walks skip them.
-- The planner would rather read the whole range with a bitmap scan and sort it (it never marks
-- anything dead), so the round runs in a function that turns bitmap and sequential scans off.
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS leased_until timestamptz;
DROP INDEX IF EXISTS outbox_pending;
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (next_attempt_at, seq) WHERE delivered_at IS NULL;

CREATE OR REPLACE FUNCTION outbox_lease(p_limit integer, p_lease_seconds integer)
RETURNS SETOF outbox
LANGUAGE sql
SET enable_bitmapscan = off
SET enable_seqscan = off
AS $$
  UPDATE outbox SET leased_until = now() + make_interval(secs => p_lease_seconds), attempts = attempts + 1
   WHERE seq IN (SELECT seq FROM outbox
                  WHERE delivered_at IS NULL AND next_attempt_at <= now() AND (leased_until IS NULL OR leased_until <= now())
                  ORDER BY next_attempt_at, seq LIMIT p_limit FOR UPDATE SKIP LOCKED)
  RETURNING *;
$$;
