import type { Queryable } from '@emporium/kit';

/** Remembers that these products reached the customer, and verifies the reviews they already wrote of them. */
export async function recordDelivered(q: Queryable, customerId: string, productIds: string[]): Promise<void> {
  await q.query(
    `INSERT INTO delivered_purchases (customer_id, product_id)
     SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
    [customerId, productIds],
  );
  await q.query(
    `UPDATE reviews SET verified_purchase = true
      WHERE author_id = $1 AND product_id = ANY($2::text[]) AND NOT verified_purchase`,
    [customerId, productIds],
  );
}

export async function wasDelivered(q: Queryable, customerId: string, productId: string): Promise<boolean> {
  const rows = await q.query('SELECT 1 FROM delivered_purchases WHERE customer_id = $1 AND product_id = $2', [customerId, productId]);
  return rows.length > 0;
}
