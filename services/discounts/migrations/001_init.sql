-- Discount rules. A rule is active from starts_at (inclusive) to ends_at (exclusive); NULL is an open end.
-- "At most one active rule per product at any instant" is checked by the service under a per-product
-- advisory lock (an exclusion constraint would need btree_gist, which embedded PGlite lacks).
CREATE TABLE discounts (
  id          text PRIMARY KEY,
  product_id  text        NOT NULL,
  percent_bps integer     NOT NULL CHECK (percent_bps BETWEEN 100 AND 9000),
  starts_at   timestamptz,
  ends_at     timestamptz,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  CHECK (starts_at IS NULL OR ends_at IS NULL OR ends_at > starts_at)
);
CREATE INDEX discounts_by_product ON discounts (product_id, created_at, id);
CREATE INDEX discounts_newest ON discounts (created_at, id);
-- The window scheduler looks for starts and ends that passed since its last run.
CREATE INDEX discounts_starts ON discounts (starts_at) WHERE starts_at IS NOT NULL;
CREATE INDEX discounts_ends ON discounts (ends_at) WHERE ends_at IS NOT NULL;

-- When the window scheduler last ran, so a restart picks up every start and end it missed.
-- NULL until its first run, which then looks at every start and end up to that moment.
CREATE TABLE window_scheduler (
  id          boolean PRIMARY KEY DEFAULT true CHECK (id),
  last_run_at timestamptz
);
INSERT INTO window_scheduler (id, last_run_at) VALUES (true, NULL);
