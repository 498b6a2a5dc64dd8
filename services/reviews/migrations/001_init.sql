-- Reviews: one per author per product. Text is stored exactly as written; the UI escapes it.
-- Times are kept to the millisecond so a cursor built from a JavaScript Date finds the same row again.
CREATE TABLE reviews (
  id                text        PRIMARY KEY,
  product_id        text        NOT NULL,
  author_id         text        NOT NULL,
  author_name       text        NOT NULL,
  rating            smallint    NOT NULL CHECK (rating BETWEEN 1 AND 5),
  title             text        NOT NULL,
  body              text        NOT NULL,
  verified_purchase boolean     NOT NULL DEFAULT false,
  hidden            boolean     NOT NULL DEFAULT false,
  created_at        timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  updated_at        timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  UNIQUE (product_id, author_id)
);
CREATE INDEX reviews_product_newest ON reviews (product_id, created_at DESC, id DESC) WHERE NOT hidden;
CREATE INDEX reviews_product_rating ON reviews (product_id, rating DESC, created_at DESC, id DESC) WHERE NOT hidden;
CREATE INDEX reviews_moderation ON reviews (created_at DESC, id DESC);
CREATE INDEX reviews_author ON reviews (author_id, product_id);

-- Pairs (customer, product) whose order was delivered, from `order.delivered` events, so a review
-- written after the delivery event is verified too.
CREATE TABLE delivered_purchases (
  customer_id  text        NOT NULL,
  product_id   text        NOT NULL,
  delivered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (customer_id, product_id)
);
