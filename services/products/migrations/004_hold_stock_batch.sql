-- Many reservations in one statement (the products service gathers concurrent requests into a
-- batch): the products of the whole batch are locked once, in id order, so two batches cannot
-- deadlock; then each reservation is decided on its own by hold_stock, in the order given, all or
-- none of its own lines. One reservation that cannot be served does not stop the others.
-- p_requests: [{"id": text, "ttlSeconds": int, "items": [{"productId": text, "quantity": int}]}]
CREATE FUNCTION hold_stock_batch(p_requests jsonb)
RETURNS TABLE (reservation_id text, outcome text, status text, expires_at timestamptz, expired boolean, products jsonb)
LANGUAGE plpgsql AS $$
DECLARE
  request jsonb;
BEGIN
  PERFORM 1 FROM products p
    WHERE p.id IN (SELECT line->>'productId' FROM jsonb_array_elements(p_requests) AS r (request),
                                                 jsonb_array_elements(r.request->'items') AS l (line))
    ORDER BY p.id FOR UPDATE;
  FOR request IN SELECT value FROM jsonb_array_elements(p_requests) LOOP
    reservation_id := request->>'id';
    SELECT h.outcome, h.status, h.expires_at, h.expired, h.products
      INTO outcome, status, expires_at, expired, products
      FROM hold_stock(
        request->>'id',
        (request->>'ttlSeconds')::integer,
        ARRAY(SELECT line->>'productId' FROM jsonb_array_elements(request->'items') WITH ORDINALITY AS l (line, n) ORDER BY n),
        ARRAY(SELECT (line->>'quantity')::integer FROM jsonb_array_elements(request->'items') WITH ORDINALITY AS l (line, n) ORDER BY n)
      ) AS h;
    RETURN NEXT;
  END LOOP;
END
$$;
