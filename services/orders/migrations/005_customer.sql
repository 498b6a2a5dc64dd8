-- Who placed the order, as their account said at that moment ({name, email}): staff lists and searches
-- orders by it without asking users. Orders placed before: the shipping address's name, no email.
ALTER TABLE orders ADD COLUMN customer jsonb;
UPDATE orders SET customer = jsonb_build_object('name', shipping_address->>'name', 'email', NULL);
ALTER TABLE orders ALTER COLUMN customer SET NOT NULL;
-- Staff search: by an order number's first characters, by email, and by the day it was placed.
CREATE INDEX orders_id_prefix ON orders (id text_pattern_ops);
CREATE INDEX orders_by_email ON orders (lower(customer->>'email'), seq DESC);
CREATE INDEX orders_by_created ON orders (created_at);
