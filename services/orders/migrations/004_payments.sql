-- Orders are paid through the payments service: `paid` joins the statuses (pending -> paid -> shipped ...),
-- and each payment's latest state, as payments tells it (payment.updated events), is kept to show the
-- order's payment and to know which unpaid orders wait for a bank transfer rather than expire.
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check
  CHECK (status IN ('pending', 'paid', 'shipped', 'out_for_delivery', 'delivered', 'cancelled'));

CREATE TABLE order_payments (
  payment_id      text PRIMARY KEY,
  order_id        text NOT NULL,
  provider        text NOT NULL,
  status          text NOT NULL,
  currency        text NOT NULL,
  amount          bigint NOT NULL,
  refunded_amount bigint NOT NULL,
  paid_at         timestamptz,
  created_at      timestamptz NOT NULL
);
CREATE INDEX order_payments_by_order ON order_payments (order_id, created_at DESC);

-- The expiry of unpaid orders looks for old pending ones.
CREATE INDEX orders_pending_by_age ON orders (created_at) WHERE status = 'pending';
