-- A whole reservation in one statement, so it costs one round trip and no explicit transaction:
-- the product rows are locked (in id order, so overlapping reservations cannot deadlock), then
--   * a reservation with this id that exists already is answered as it is ('exists'), nothing changes;
--   * a line that cannot be served leaves everything as it was ('short');
--   * otherwise the units are taken and the reservation is written as held ('taken').
-- Two requests with the same id serialize on the product locks, so the second one sees the first.
-- When short, `products` reports each requested product as it is (to name the one that is short);
-- building that report for every hold would be a good part of a batch's cost.
CREATE FUNCTION hold_stock(p_reservation text, p_ttl_seconds integer, p_ids text[], p_quantities integer[])
RETURNS TABLE (outcome text, status text, expires_at timestamptz, expired boolean, products jsonb)
LANGUAGE plpgsql AS $$
DECLARE
  found_reservation reservations%ROWTYPE;
  short boolean;
BEGIN
  PERFORM 1 FROM products p WHERE p.id = ANY (p_ids) ORDER BY p.id FOR UPDATE;
  SELECT * INTO found_reservation FROM reservations r WHERE r.id = p_reservation;
  IF FOUND THEN
    outcome := 'exists';
  ELSE
    SELECT EXISTS (
      SELECT 1 FROM unnest(p_ids, p_quantities) AS w (id, quantity)
        LEFT JOIN products p ON p.id = w.id
       WHERE p.id IS NULL OR p.deleted_at IS NOT NULL OR p.stock < w.quantity
    ) INTO short;
    IF short THEN
      outcome := 'short';
      SELECT COALESCE(jsonb_agg(jsonb_build_object('id', p.id, 'name', p.name, 'stock', p.stock, 'deleted', p.deleted_at IS NOT NULL)), '[]')
        INTO products FROM products p WHERE p.id = ANY (p_ids);
    ELSE
      UPDATE products p SET stock = p.stock - w.quantity
        FROM unnest(p_ids, p_quantities) AS w (id, quantity) WHERE p.id = w.id;
      INSERT INTO reservations (id, status, expires_at)
        VALUES (p_reservation, 'held', now() + make_interval(secs => p_ttl_seconds))
        RETURNING * INTO found_reservation;
      INSERT INTO reservation_lines (reservation_id, product_id, quantity)
        SELECT p_reservation, w.id, w.quantity FROM unnest(p_ids, p_quantities) AS w (id, quantity);
      outcome := 'taken';
    END IF;
  END IF;
  status := found_reservation.status;
  expires_at := found_reservation.expires_at;
  expired := found_reservation.expires_at <= now();
  RETURN NEXT;
END
$$;

DROP FUNCTION take_stock(text, text[], integer[]);
