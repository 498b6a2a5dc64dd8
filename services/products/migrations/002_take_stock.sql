-- Holding stock in one round trip: the product rows stay locked only while this function runs
-- (and until the surrounding COMMIT), not across several client round trips. Under a burst of
-- orders for the same products, that lock time is what limits throughput.
-- Locks are taken in id order, so two reservations of overlapping products cannot deadlock.
-- It takes the stock only when every line can be served, and reports each product as it is then.
CREATE FUNCTION take_stock(p_reservation text, p_ids text[], p_quantities integer[])
RETURNS TABLE (product_id text, product_name text, product_stock integer, product_deleted boolean, taken boolean)
LANGUAGE plpgsql AS $$
DECLARE
  short boolean;
BEGIN
  PERFORM 1 FROM products p WHERE p.id = ANY (p_ids) ORDER BY p.id FOR UPDATE;
  SELECT EXISTS (
    SELECT 1 FROM unnest(p_ids, p_quantities) AS w (id, quantity)
      LEFT JOIN products p ON p.id = w.id
     WHERE p.id IS NULL OR p.deleted_at IS NOT NULL OR p.stock < w.quantity
  ) INTO short;
  IF NOT short THEN
    UPDATE products p SET stock = p.stock - w.quantity
      FROM unnest(p_ids, p_quantities) AS w (id, quantity) WHERE p.id = w.id;
    INSERT INTO reservation_lines (reservation_id, product_id, quantity)
      SELECT p_reservation, w.id, w.quantity FROM unnest(p_ids, p_quantities) AS w (id, quantity);
  END IF;
  RETURN QUERY SELECT p.id, p.name, p.stock, p.deleted_at IS NOT NULL, NOT short
    FROM products p WHERE p.id = ANY (p_ids);
END
$$;
