-- Products, with copies of the discount in force and the rating aggregate (applied from events),
-- so that listing, filtering and sorting by discounted price or rating is plain indexed SQL.
CREATE TABLE products (
  id                text PRIMARY KEY,
  -- Insertion order: the keyset tie-breaker of every sort (unique, never changes).
  seq               bigserial NOT NULL UNIQUE,
  name              text        NOT NULL,
  description       text        NOT NULL,
  category          text        NOT NULL,
  images            jsonb       NOT NULL DEFAULT '[]',
  links             jsonb       NOT NULL DEFAULT '[]',
  price_amount      bigint      NOT NULL CHECK (price_amount >= 0),
  currency          text        NOT NULL,
  -- Units orderable now: held and committed reservations are already subtracted.
  stock             integer     NOT NULL CHECK (stock >= 0),
  discount_id       text,
  discount_bps      integer,
  discount_ends_at  timestamptz,
  discounted_amount bigint      NOT NULL CHECK (discounted_amount >= 0),
  rating_average    numeric(3,1) NOT NULL DEFAULT 0,
  rating_count      integer     NOT NULL DEFAULT 0,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  deleted_at        timestamptz
);

-- One index per sort, over listed (non-deleted) products only.
CREATE INDEX products_newest ON products (seq) WHERE deleted_at IS NULL;
CREATE INDEX products_by_price ON products (discounted_amount, seq) WHERE deleted_at IS NULL;
CREATE INDEX products_by_rating ON products (rating_average, rating_count, seq) WHERE deleted_at IS NULL;
CREATE INDEX products_by_name ON products (lower(name), seq) WHERE deleted_at IS NULL;
CREATE INDEX products_by_category ON products (category, seq) WHERE deleted_at IS NULL;

-- Stock reservations: a hold takes units out of products.stock at once; release puts them back once.
CREATE TABLE reservations (
  id         text PRIMARY KEY,
  status     text        NOT NULL CHECK (status IN ('held', 'committed', 'released')),
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reservations_expiring ON reservations (expires_at) WHERE status = 'held';

CREATE TABLE reservation_lines (
  reservation_id text    NOT NULL REFERENCES reservations (id),
  product_id     text    NOT NULL REFERENCES products (id),
  quantity       integer NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (reservation_id, product_id)
);
