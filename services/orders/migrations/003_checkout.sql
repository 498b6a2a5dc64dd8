-- Shipping methods and tax rates, and the priced breakdown every order keeps as a snapshot: a later
-- change to a method, a rate or a promotion never changes a placed order.
CREATE TABLE shipping_methods (
  id         text PRIMARY KEY,
  name       text        NOT NULL,
  carrier    text        NOT NULL,
  price      bigint      NOT NULL CHECK (price >= 0),
  free_over  bigint      CHECK (free_over >= 0),
  min_days   integer     NOT NULL CHECK (min_days BETWEEN 0 AND 60),
  max_days   integer     NOT NULL CHECK (max_days BETWEEN 0 AND 60),
  countries  text[]      NOT NULL CHECK (cardinality(countries) >= 1),
  active     boolean     NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (min_days <= max_days)
);

-- percent_milli: the percent in thousandths (8.25% is 8250), so three decimals stay exact integers.
CREATE TABLE tax_rates (
  country       text PRIMARY KEY CHECK (country ~ '^[A-Z]{2}$'),
  percent_milli integer     NOT NULL CHECK (percent_milli BETWEEN 0 AND 50000),
  tax_shipping  boolean     NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- promotion:       {code, type, amount} or null
-- shipping_method: {id, name, carrier, minDays, maxDays} or null (orders placed before methods existed)
-- Orders placed before this change had no promotion, shipping or tax: their subtotal is their total.
ALTER TABLE orders
  ADD COLUMN subtotal_amount bigint CHECK (subtotal_amount >= 0),
  ADD COLUMN promotion       jsonb,
  ADD COLUMN shipping_method jsonb,
  ADD COLUMN shipping_amount bigint  NOT NULL DEFAULT 0 CHECK (shipping_amount >= 0),
  ADD COLUMN tax_amount      bigint  NOT NULL DEFAULT 0 CHECK (tax_amount >= 0),
  ADD COLUMN tax_included    boolean NOT NULL DEFAULT false;
UPDATE orders SET subtotal_amount = total_amount;
ALTER TABLE orders ALTER COLUMN subtotal_amount SET NOT NULL;
