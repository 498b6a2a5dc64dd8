-- Promotion codes. `code` is kept upper-cased, so the unique index makes codes unique case-insensitively.
-- The value is one of: percent_bps (type percent), amount (type fixed, minor units of the shop currency),
-- neither (free_shipping). `times_used` counts the redemptions not given back; it is changed only in the
-- transaction that adds or releases a redemption, under the promotion's row lock.
CREATE TABLE promotions (
  id                 text PRIMARY KEY,
  code               text        NOT NULL UNIQUE CHECK (code = upper(code)),
  type               text        NOT NULL CHECK (type IN ('percent', 'fixed', 'free_shipping')),
  percent_bps        integer     CHECK (percent_bps BETWEEN 100 AND 9000),
  amount             bigint      CHECK (amount >= 0),
  min_subtotal       bigint      CHECK (min_subtotal >= 0),
  starts_at          timestamptz,
  ends_at            timestamptz,
  usage_limit        integer     CHECK (usage_limit >= 1),
  per_customer_limit integer     CHECK (per_customer_limit >= 1),
  times_used         integer     NOT NULL DEFAULT 0 CHECK (times_used >= 0),
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  CHECK ((type = 'percent') = (percent_bps IS NOT NULL) AND (type = 'fixed') = (amount IS NOT NULL)),
  CHECK (starts_at IS NULL OR ends_at IS NULL OR ends_at > starts_at)
);
CREATE INDEX promotions_newest ON promotions (created_at, id);

-- One row per order that used a code (the id is the order's). A cancelled order's use is given back by
-- setting released_at; the row stays so a repeated redeem or release of the same order changes nothing.
CREATE TABLE promotion_redemptions (
  id           text PRIMARY KEY,
  promotion_id text        NOT NULL REFERENCES promotions (id) ON DELETE CASCADE,
  customer_id  text        NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  released_at  timestamptz
);
CREATE INDEX promotion_redemptions_in_use ON promotion_redemptions (promotion_id, customer_id) WHERE released_at IS NULL;
