-- A reservation keeps its lines in its own row (two arrays) instead of one row per line in
-- reservation_lines: a reservation is written, read and released as a whole, and the line rows
-- with their two foreign-key checks each were a good part of the cost of every order.
ALTER TABLE reservations ADD COLUMN product_ids text[], ADD COLUMN quantities integer[];
UPDATE reservations r SET product_ids = l.product_ids, quantities = l.quantities
  FROM (SELECT reservation_id, array_agg(product_id ORDER BY product_id) AS product_ids, array_agg(quantity ORDER BY product_id) AS quantities
          FROM reservation_lines GROUP BY reservation_id) AS l
 WHERE l.reservation_id = r.id;
UPDATE reservations SET product_ids = '{}', quantities = '{}' WHERE product_ids IS NULL;
ALTER TABLE reservations
  ALTER COLUMN product_ids SET NOT NULL,
  ALTER COLUMN quantities SET NOT NULL,
  ADD CHECK (cardinality(product_ids) = cardinality(quantities));
DROP FUNCTION hold_stock_batch(jsonb);
DROP FUNCTION hold_stock(text, integer, text[], integer[]);
DROP TABLE reservation_lines;

-- hold_stock_batch decided each reservation by calling hold_stock, which wrote each product row once
-- per reservation. Under load a batch of 50 orders for the same two products wrote 100 versions of
-- those (wide) rows in one transaction: the table bloated faster than it could be pruned and every
-- scan of it slowed down as the run went on. Now the batch is decided in memory, in the order given,
-- from the locked rows, and written once: one update per product whose stock changed and one insert
-- of the reservations taken. What each reservation is answered is unchanged.
-- A request with "commit": true is taken as sold at once (status committed): the orders service
-- takes stock that way, so one call does what a hold and a commit did.
-- Rows are looked up with `= ANY (array)`, which the planner serves from the primary key: with
-- `IN (SELECT ...)` over a set-returning function it chose to scan the whole reservations table.
-- p_requests: [{"id": text, "ttlSeconds": int, "commit": bool, "items": [{"productId": text, "quantity": int}]}]
CREATE FUNCTION take_stock_batch(p_requests jsonb)
RETURNS TABLE (reservation_id text, outcome text, status text, expires_at timestamptz, expired boolean, products jsonb)
LANGUAGE plpgsql AS $$
DECLARE
  stock_of jsonb;   -- {productId: units left} of the batch's products, kept up to date as reservations are taken
  product_of jsonb; -- {productId: {name, deleted}}
  known jsonb;      -- {reservationId: {status, expires_at}}: those saved already and those taken by this batch
  request jsonb;
  line jsonb;
  short boolean;
  taken jsonb := '[]';
BEGIN
  SELECT COALESCE(jsonb_object_agg(p.id, p.stock), '{}'),
         COALESCE(jsonb_object_agg(p.id, jsonb_build_object('name', p.name, 'deleted', p.deleted_at IS NOT NULL)), '{}')
    INTO stock_of, product_of
    FROM (SELECT pr.id, pr.stock, pr.name, pr.deleted_at FROM products pr
           WHERE pr.id = ANY (ARRAY(SELECT l.line->>'productId' FROM jsonb_array_elements(p_requests) AS r (request),
                                                                    jsonb_array_elements(r.request->'items') AS l (line)))
           ORDER BY pr.id FOR UPDATE) AS p;
  -- Planned on every call (EXECUTE): a plan kept from when reservations was new would scan the whole table.
  EXECUTE $sql$SELECT COALESCE(jsonb_object_agg(r.id, jsonb_build_object('status', r.status, 'expires_at', r.expires_at)), '{}')
                 FROM reservations r WHERE r.id = ANY ($1)$sql$
    INTO known
    USING ARRAY(SELECT q.request->>'id' FROM jsonb_array_elements(p_requests) AS q (request));

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
        END LOOP;
        known := known || jsonb_build_object(reservation_id, jsonb_build_object(
          'status', CASE WHEN (request->>'commit')::boolean THEN 'committed' ELSE 'held' END,
          'expires_at', now() + make_interval(secs => (request->>'ttlSeconds')::integer)));
        taken := taken || jsonb_build_array(request);
        outcome := 'taken';
      END IF;
    END IF;
    status := known->reservation_id->>'status';
    expires_at := (known->reservation_id->>'expires_at')::timestamptz;
    expired := expires_at <= now();
    RETURN NEXT;
  END LOOP;

  UPDATE products p SET stock = (stock_of->>p.id)::integer
   WHERE p.id = ANY (ARRAY(SELECT jsonb_object_keys(stock_of))) AND p.stock <> (stock_of->>p.id)::integer;
  INSERT INTO reservations (id, status, expires_at, product_ids, quantities)
    SELECT t.request->>'id', known->(t.request->>'id')->>'status', (known->(t.request->>'id')->>'expires_at')::timestamptz,
           ARRAY(SELECT l.line->>'productId' FROM jsonb_array_elements(t.request->'items') WITH ORDINALITY AS l (line, n) ORDER BY n),
           ARRAY(SELECT (l.line->>'quantity')::integer FROM jsonb_array_elements(t.request->'items') WITH ORDINALITY AS l (line, n) ORDER BY n)
      FROM jsonb_array_elements(taken) AS t (request);
END
$$;
