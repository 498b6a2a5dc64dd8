import type { Queryable, Row } from '@emporium/kit';
import type { RateTerms } from '../checkout/breakdown.ts';

export interface TaxRateRecord extends RateTerms {
  country: string;
}

const toRate = (row: Row): TaxRateRecord => ({ country: row.country, percentMilli: row.percent_milli, taxShipping: row.tax_shipping });

export async function listRates(db: Queryable): Promise<TaxRateRecord[]> {
  return (await db.query('SELECT country, percent_milli, tax_shipping FROM tax_rates ORDER BY country')).map(toRate);
}

export async function findRate(db: Queryable, country: string): Promise<TaxRateRecord | null> {
  const rows = await db.query('SELECT country, percent_milli, tax_shipping FROM tax_rates WHERE country = $1', [country]);
  return rows[0] ? toRate(rows[0]) : null;
}

export async function upsertRate(db: Queryable, rate: TaxRateRecord): Promise<TaxRateRecord> {
  const rows = await db.query(
    `INSERT INTO tax_rates (country, percent_milli, tax_shipping) VALUES ($1, $2, $3)
     ON CONFLICT (country) DO UPDATE SET percent_milli = EXCLUDED.percent_milli, tax_shipping = EXCLUDED.tax_shipping, updated_at = now()
     RETURNING country, percent_milli, tax_shipping`,
    [rate.country, rate.percentMilli, rate.taxShipping],
  );
  return toRate(rows[0]);
}

export async function deleteRate(db: Queryable, country: string): Promise<boolean> {
  return (await db.query('DELETE FROM tax_rates WHERE country = $1 RETURNING country', [country])).length > 0;
}
