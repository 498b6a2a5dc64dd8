-- Every attempt to pay an order is a row, failed ones too. The amount is the order's total as orders
-- answered it when the attempt began. Card numbers and CVCs are never stored: only brand and last four.
CREATE TABLE payments (
  id              text PRIMARY KEY,
  seq             bigserial NOT NULL UNIQUE,
  order_id        text NOT NULL,
  customer_id     text NOT NULL,
  provider        text NOT NULL,
  status          text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  -- True while the provider is being asked (between claiming the order and saving the answer).
  charging        boolean NOT NULL DEFAULT false,
  currency        text NOT NULL,
  amount          bigint NOT NULL CHECK (amount >= 0),
  refunded_amount bigint NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
  failure_code    text,
  card_brand      text,
  card_last4      text CHECK (card_last4 ~ '^[0-9]{4}$'),
  -- The provider's own id for it (a Stripe PaymentIntent), and the secret Stripe.js confirms it with.
  provider_ref    text,
  client_secret   text,
  paid_at         timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payments_by_order ON payments (order_id, seq);
CREATE UNIQUE INDEX payments_by_provider_ref ON payments (provider, provider_ref) WHERE provider_ref IS NOT NULL;
-- The rule "at most one succeeded payment per order, and no charge while another is under way" as the
-- database keeps it: two attempts racing for one order cannot both get here, whatever the code does.
CREATE UNIQUE INDEX payments_one_active_per_order ON payments (order_id) WHERE charging OR status = 'succeeded';
CREATE INDEX payments_charging ON payments (updated_at) WHERE charging;

-- Refunds are recorded first (under the payment's row lock, so their sum never passes the amount) and
-- then sent to the provider by the refund sender, retried until the provider answers.
CREATE TABLE refunds (
  id              text PRIMARY KEY,
  payment_id      text NOT NULL REFERENCES payments (id),
  amount          bigint NOT NULL CHECK (amount > 0),
  reason          text,
  sent_at         timestamptz,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refunds_by_payment ON refunds (payment_id, created_at);
CREATE INDEX refunds_unsent ON refunds (next_attempt_at) WHERE sent_at IS NULL;

-- One row per (customer, Idempotency-Key), as in orders: `in_flight` while the first request runs,
-- `done` with the stored response to replay.
CREATE TABLE idempotency_keys (
  customer_id     text NOT NULL,
  key             text NOT NULL,
  fingerprint     text NOT NULL,
  payment_id      text NOT NULL,
  state           text NOT NULL CHECK (state IN ('in_flight', 'done')),
  response_status integer,
  response_body   text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  completed_at    timestamptz,
  PRIMARY KEY (customer_id, key)
);
CREATE INDEX idempotency_keys_in_flight ON idempotency_keys (created_at) WHERE state = 'in_flight';
CREATE INDEX idempotency_keys_done ON idempotency_keys (completed_at) WHERE state = 'done';

-- Orders cancelled (order.cancelled from orders): a payment of one that succeeds later is refunded at once.
CREATE TABLE cancelled_orders (
  order_id     text PRIMARY KEY,
  cancelled_at timestamptz NOT NULL DEFAULT now()
);

-- Provider notifications already applied (Stripe webhook events), so each is applied once.
CREATE TABLE provider_events (
  provider    text NOT NULL,
  event_id    text NOT NULL,
  applied_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, event_id)
);
