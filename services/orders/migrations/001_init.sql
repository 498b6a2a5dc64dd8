-- Orders keep a snapshot of every line (name, image, prices) so a later price or name change never
-- rewrites what the customer bought. `seq` orders lists newest first and keys the cursor.
CREATE TABLE orders (
  id                 text PRIMARY KEY,
  seq                bigserial NOT NULL UNIQUE,
  customer_id        text NOT NULL,
  status             text NOT NULL CHECK (status IN ('pending', 'shipped', 'out_for_delivery', 'delivered', 'cancelled')),
  currency           text NOT NULL,
  total_amount       bigint NOT NULL CHECK (total_amount >= 0),
  shipping_address   jsonb NOT NULL,
  estimated_delivery timestamptz NOT NULL,
  carrier            text,
  tracking_number    text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_by_customer ON orders (customer_id, seq DESC);
CREATE INDEX orders_by_status ON orders (status, seq DESC);

CREATE TABLE order_lines (
  order_id              text NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  position              integer NOT NULL,
  product_id            text NOT NULL,
  name                  text NOT NULL,
  image                 text,
  quantity              integer NOT NULL CHECK (quantity BETWEEN 1 AND 99),
  unit_price            bigint NOT NULL CHECK (unit_price >= 0),
  discount_bps          integer NOT NULL CHECK (discount_bps BETWEEN 0 AND 10000),
  unit_discounted_price bigint NOT NULL CHECK (unit_discounted_price >= 0),
  line_total            bigint NOT NULL CHECK (line_total >= 0),
  PRIMARY KEY (order_id, position),
  UNIQUE (order_id, product_id)
);
CREATE INDEX order_lines_by_product ON order_lines (product_id);

CREATE TABLE order_history (
  order_id text NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  position integer NOT NULL,
  status   text NOT NULL,
  at       timestamptz NOT NULL DEFAULT now(),
  note     text,
  PRIMARY KEY (order_id, position)
);

-- One row per (customer, Idempotency-Key). `in_flight` while the first request runs; `done` holds
-- the stored response. `order_id` is also the reservation id at products, so a claim left behind
-- by a crashed process tells the sweeper which reservation to release.
CREATE TABLE idempotency_keys (
  customer_id     text NOT NULL,
  key             text NOT NULL,
  fingerprint     text NOT NULL,
  order_id        text NOT NULL,
  state           text NOT NULL CHECK (state IN ('in_flight', 'done')),
  response_status integer,
  response_body   text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  completed_at    timestamptz,
  PRIMARY KEY (customer_id, key)
);
CREATE INDEX idempotency_keys_in_flight ON idempotency_keys (created_at) WHERE state = 'in_flight';
CREATE INDEX idempotency_keys_done ON idempotency_keys (completed_at) WHERE state = 'done';

-- Reservations at products that must be released (a cancelled order, a failed placement). Written in
-- the same transaction as the decision, released right after, retried by the sweeper until products answers.
CREATE TABLE pending_releases (
  reservation_id  text PRIMARY KEY,
  reason          text NOT NULL,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  created_at      timestamptz NOT NULL DEFAULT now()
);
