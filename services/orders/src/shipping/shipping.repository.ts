import type { Queryable, Row } from '@emporium/kit';
import type { MethodTerms } from '../checkout/breakdown.ts';

/** A method's pricing terms, where it delivers ("*": everywhere) and whether it is offered. */
export interface ShippingMethodRecord extends MethodTerms {
  countries: string[];
  active: boolean;
}

const COLUMNS = 'id, name, carrier, price, free_over, min_days, max_days, countries, active';

const toMethod = (row: Row): ShippingMethodRecord => ({
  id: row.id,
  name: row.name,
  carrier: row.carrier,
  price: Number(row.price),
  freeOver: row.free_over === null ? null : Number(row.free_over),
  minDays: row.min_days,
  maxDays: row.max_days,
  countries: row.countries,
  active: row.active,
});

const valuesOf = (m: ShippingMethodRecord) => [m.id, m.name, m.carrier, m.price, m.freeOver, m.minDays, m.maxDays, m.countries, m.active];

/** Cheapest first: the order a customer compares them in. `country` keeps those delivering there. */
export async function listMethods(db: Queryable, filter: { country?: string; includeInactive: boolean }): Promise<ShippingMethodRecord[]> {
  const rows = await db.query(
    `SELECT ${COLUMNS} FROM shipping_methods
      WHERE ($1::boolean OR active) AND ($2::text IS NULL OR countries && ARRAY[$2::text, '*'])
      ORDER BY price, max_days, name, id`,
    [filter.includeInactive, filter.country ?? null],
  );
  return rows.map(toMethod);
}

export async function findMethod(db: Queryable, id: string): Promise<ShippingMethodRecord | null> {
  const rows = await db.query(`SELECT ${COLUMNS} FROM shipping_methods WHERE id = $1`, [id]);
  return rows[0] ? toMethod(rows[0]) : null;
}

export async function insertMethod(db: Queryable, method: ShippingMethodRecord): Promise<ShippingMethodRecord> {
  const rows = await db.query(`INSERT INTO shipping_methods (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`, valuesOf(method));
  return toMethod(rows[0]);
}

export async function updateMethod(db: Queryable, method: ShippingMethodRecord): Promise<ShippingMethodRecord | null> {
  const rows = await db.query(
    `UPDATE shipping_methods SET name = $2, carrier = $3, price = $4, free_over = $5, min_days = $6, max_days = $7, countries = $8,
            active = $9, updated_at = now()
      WHERE id = $1 RETURNING ${COLUMNS}`,
    valuesOf(method),
  );
  return rows[0] ? toMethod(rows[0]) : null;
}

export async function deleteMethod(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('DELETE FROM shipping_methods WHERE id = $1 RETURNING id', [id])).length > 0;
}
