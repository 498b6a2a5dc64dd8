-- hold_stock_batch decided each reservation by calling hold_stock, which wrote each product row once
-- per reservation. Under load a batch of 50 orders for the same two products wrote 100 versions of
-- those (wide) rows in one transaction: the table bloated faster than it could be pruned and every
-- scan of it slowed down as the run went on. Now the batch is decided in memory, in the order given,
-- from the locked rows, and written once: one update per product whose stock changed, one insert of
-- the reservations taken and one of their lines. What each reservation is answered is unchanged.
-- Rows are looked up with `= ANY (ARRAY(...))`, which the planner serves from the primary key: with
-- `IN (SELECT ...)` over a set-returning function it chose to scan the whole reservations table.
CREATE OR REPLACE FUNCTION hold_stock_batch(p_requests jsonb)
RETURNS TABLE (reservation_id text, outcome text, status text, expires_at timestamptz, expired boolean, products jsonb)
LANGUAGE plpgsql AS $$
DECLARE
  stock_of jsonb;   -- {productId: units left} of the batch's products, kept up to date as reservations are taken
  product_of jsonb; -- {productId: {name, deleted}}
  known jsonb;      -- {reservationId: {status, expires_at}}: those saved already and those taken by this batch
  request jsonb;
  line jsonb;
  short boolean;
  new_ids text[] := '{}';
  new_expiries timestamptz[] := '{}';
  line_reservations text[] := '{}';
  line_products text[] := '{}';
  line_quantities integer[] := '{}';
BEGIN
  SELECT COALESCE(jsonb_object_agg(p.id, p.stock), '{}'),
         COALESCE(jsonb_object_agg(p.id, jsonb_build_object('name', p.name, 'deleted', p.deleted_at IS NOT NULL)), '{}')
    INTO stock_of, product_of
    FROM (SELECT pr.id, pr.stock, pr.name, pr.deleted_at FROM products pr
           WHERE pr.id = ANY (ARRAY(SELECT l.line->>'productId' FROM jsonb_array_elements(p_requests) AS r (request),
                                                                    jsonb_array_elements(r.request->'items') AS l (line)))
           ORDER BY pr.id FOR UPDATE) AS p;
  SELECT COALESCE(jsonb_object_agg(r.id, jsonb_build_object('status', r.status, 'expires_at', r.expires_at)), '{}')
    INTO known
    FROM reservations r WHERE r.id = ANY (ARRAY(SELECT q.request->>'id' FROM jsonb_array_elements(p_requests) AS q (request)));

  FOR request IN SELECT value FROM jsonb_array_elements(p_requests) LOOP
    reservation_id := request->>'id';
    products := NULL;
    IF known ? reservation_id THEN
      outcome := 'exists';
    ELSE
      short := false;
      FOR line IN SELECT value FROM jsonb_array_elements(request->'items') LOOP
        IF NOT stock_of ? (line->>'productId')
           OR (product_of->(line->>'productId')->>'deleted')::boolean
           OR (stock_of->>(line->>'productId'))::integer < (line->>'quantity')::integer THEN
          short := true;
        END IF;
      END LOOP;
      IF short THEN
        outcome := 'short';
        SELECT COALESCE(jsonb_agg(product_of->(l.line->>'productId')
                                  || jsonb_build_object('id', l.line->>'productId', 'stock', (stock_of->>(l.line->>'productId'))::integer)), '[]')
          INTO products
          FROM jsonb_array_elements(request->'items') AS l (line) WHERE stock_of ? (l.line->>'productId');
      ELSE
        FOR line IN SELECT value FROM jsonb_array_elements(request->'items') LOOP
          stock_of := jsonb_set(stock_of, ARRAY[line->>'productId'],
                                to_jsonb((stock_of->>(line->>'productId'))::integer - (line->>'quantity')::integer));
          line_reservations := line_reservations || reservation_id;
          line_products := line_products || (line->>'productId');
          line_quantities := line_quantities || (line->>'quantity')::integer;
        END LOOP;
        new_ids := new_ids || reservation_id;
        new_expiries := new_expiries || (now() + make_interval(secs => (request->>'ttlSeconds')::integer));
        known := known || jsonb_build_object(reservation_id, jsonb_build_object('status', 'held', 'expires_at', new_expiries[cardinality(new_expiries)]));
        outcome := 'taken';
      END IF;
    END IF;
    IF outcome = 'short' THEN
      status := NULL;
      expires_at := NULL;
      expired := NULL;
    ELSE
      status := known->reservation_id->>'status';
      expires_at := (known->reservation_id->>'expires_at')::timestamptz;
      expired := expires_at <= now();
    END IF;
    RETURN NEXT;
  END LOOP;

  UPDATE products p SET stock = (stock_of->>p.id)::integer
   WHERE p.id IN (SELECT unnest(line_products)) AND p.stock <> (stock_of->>p.id)::integer;
  INSERT INTO reservations (id, status, expires_at) SELECT unnest(new_ids), 'held', unnest(new_expiries);
  INSERT INTO reservation_lines (reservation_id, product_id, quantity)
    SELECT unnest(line_reservations), unnest(line_products), unnest(line_quantities);
END
$$;

DROP FUNCTION hold_stock(text, integer, text[], integer[]);
