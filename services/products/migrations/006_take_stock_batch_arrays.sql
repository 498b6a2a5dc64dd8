-- take_stock_batch answers and writes exactly as before, at a fraction of the cost. Under load (a
-- dozen orders of two lines a batch) most of its time went to PL/pgSQL itself rather than to the
-- rows: each `FOR ... IN SELECT ... jsonb_array_elements` loop was a query of its own, run twice per
-- reservation, and the jsonb maps of stock and known reservations were copied whole on every change,
-- so a batch cost grew with its square. Now the requests, their lines and the locked products are
-- unpacked once, by a few statements, into arrays; each reservation is then decided by plain loops
-- over those arrays, whose elements PL/pgSQL changes in place; and the writes read the arrays back.
-- The locks (the batch's products, in id order, before anything is decided), the order of the
-- decisions, the answers, and the one update and one insert at the end are unchanged.
-- p_requests: [{"id": text, "ttlSeconds": int, "commit": bool, "items": [{"productId": text, "quantity": int}]}]
CREATE OR REPLACE FUNCTION take_stock_batch(p_requests jsonb)
RETURNS TABLE (reservation_id text, outcome text, status text, expires_at timestamptz, expired boolean, products jsonb)
LANGUAGE plpgsql AS $$
DECLARE
  -- The requests in the order given; request i has req_lines[i] lines, following those of request i - 1.
  req_id        text[];
  req_commit    boolean[];
  req_ttl       integer[];
  req_lines     integer[];
  -- Every line of every request, in that order.
  line_product  text[];
  line_quantity integer[];
  line_slot     integer[]; -- where the line's product is in the prod_ arrays; NULL when unknown
  -- The batch's products as locked; prod_stock follows the reservations taken so far.
  prod_id       text[];
  prod_stock    integer[];
  prod_name     text[];
  prod_deleted  boolean[];
  -- Reservations saved already, then those taken by this batch.
  known_id      text[];
  known_status  text[];
  known_expires timestamptz[];
  n_known       integer;
  -- Those taken by this batch, to be written at the end with their range of lines.
  taken_id      text[];
  taken_status  text[];
  taken_expires timestamptz[];
  taken_first   integer[];
  taken_last    integer[];
  n_taken       integer := 0;
  first_line    integer;
  last_line     integer := 0;
  found_at      integer;
  slot          integer;
  short         boolean;
BEGIN
  -- ORDER BY in each aggregate: the parallel arrays must follow the order given, which a plain
  -- aggregate does not promise.
  SELECT COALESCE(array_agg(q.request->>'id' ORDER BY q.n), '{}'),
         array_agg((q.request->>'commit')::boolean ORDER BY q.n),
         array_agg((q.request->>'ttlSeconds')::integer ORDER BY q.n),
         array_agg(COALESCE(jsonb_array_length(q.request->'items'), 0) ORDER BY q.n)
    INTO req_id, req_commit, req_ttl, req_lines
    FROM jsonb_array_elements(p_requests) WITH ORDINALITY AS q (request, n);
  SELECT COALESCE(array_agg(l.line->>'productId' ORDER BY q.n, l.n), '{}'),
         COALESCE(array_agg((l.line->>'quantity')::integer ORDER BY q.n, l.n), '{}')
    INTO line_product, line_quantity
    FROM jsonb_array_elements(p_requests) WITH ORDINALITY AS q (request, n),
         jsonb_array_elements(q.request->'items') WITH ORDINALITY AS l (line, n);

  -- The four aggregates read the same rows in the same order, so the arrays stay parallel.
  SELECT COALESCE(array_agg(p.id), '{}'), array_agg(p.stock), array_agg(p.name), array_agg(p.deleted_at IS NOT NULL)
    INTO prod_id, prod_stock, prod_name, prod_deleted
    FROM (SELECT pr.id, pr.stock, pr.name, pr.deleted_at FROM products pr
           WHERE pr.id = ANY (line_product)
           ORDER BY pr.id FOR UPDATE) AS p;
  FOR j IN 1 .. cardinality(line_product) LOOP
    line_slot[j] := array_position(prod_id, line_product[j]);
  END LOOP;

  -- Planned on every call (EXECUTE): a plan kept from when reservations was new would scan the whole table.
  EXECUTE $sql$SELECT COALESCE(array_agg(r.id), '{}'), array_agg(r.status), array_agg(r.expires_at)
                 FROM reservations r WHERE r.id = ANY ($1)$sql$
    INTO known_id, known_status, known_expires
    USING req_id;
  n_known := cardinality(known_id);

  FOR i IN 1 .. cardinality(req_id) LOOP
    first_line := last_line + 1;
    last_line := last_line + req_lines[i];
    reservation_id := req_id[i];
    products := NULL;
    found_at := array_position(known_id, reservation_id);
    IF found_at IS NOT NULL THEN
      outcome := 'exists';
      status := known_status[found_at];
      expires_at := known_expires[found_at];
    ELSE
      -- Every line is checked against the stock as it is before any of them is taken.
      short := false;
      FOR j IN first_line .. last_line LOOP
        slot := line_slot[j];
        IF slot IS NULL OR prod_deleted[slot] OR prod_stock[slot] < line_quantity[j] THEN
          short := true;
        END IF;
      END LOOP;
      IF short THEN
        outcome := 'short';
        status := NULL;
        expires_at := NULL;
        products := '[]';
        FOR j IN first_line .. last_line LOOP
          slot := line_slot[j];
          IF slot IS NOT NULL THEN
            products := products || jsonb_build_object('id', prod_id[slot], 'name', prod_name[slot], 'stock', prod_stock[slot], 'deleted', prod_deleted[slot]);
          END IF;
        END LOOP;
      ELSE
        FOR j IN first_line .. last_line LOOP
          prod_stock[line_slot[j]] := prod_stock[line_slot[j]] - line_quantity[j];
        END LOOP;
        outcome := 'taken';
        status := CASE WHEN req_commit[i] THEN 'committed' ELSE 'held' END;
        expires_at := now() + make_interval(secs => req_ttl[i]);
        -- Known from now on: the same id later in the batch is answered 'exists'.
        n_known := n_known + 1;
        known_id[n_known] := reservation_id;
        known_status[n_known] := status;
        known_expires[n_known] := expires_at;
        n_taken := n_taken + 1;
        taken_id[n_taken] := reservation_id;
        taken_status[n_taken] := status;
        taken_expires[n_taken] := expires_at;
        taken_first[n_taken] := first_line;
        taken_last[n_taken] := last_line;
      END IF;
    END IF;
    expired := expires_at <= now();
    RETURN NEXT;
  END LOOP;

  -- Stock only changes when a reservation is taken.
  IF n_taken > 0 THEN
    -- `= ANY (array)`, which any plan serves from the primary key (a join with unnest may be planned as a scan).
    UPDATE products p SET stock = prod_stock[array_position(prod_id, p.id)]
     WHERE p.id = ANY (prod_id) AND p.stock <> prod_stock[array_position(prod_id, p.id)];
    INSERT INTO reservations (id, status, expires_at, product_ids, quantities)
      SELECT t.id, t.status, t.expires_at, line_product[t.first_line : t.last_line], line_quantity[t.first_line : t.last_line]
        FROM unnest(taken_id, taken_status, taken_expires, taken_first, taken_last) AS t (id, status, expires_at, first_line, last_line);
  END IF;
END
$$;
