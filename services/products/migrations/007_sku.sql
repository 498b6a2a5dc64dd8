-- A product's stock-keeping unit: the shop's own code for it, the key imports match rows by.
-- Unique among listed products only, so a deleted product's code can be given to its successor.
ALTER TABLE products ADD COLUMN sku text;
CREATE UNIQUE INDEX products_sku ON products (sku) WHERE deleted_at IS NULL;
