import { AppError, type Db } from '@emporium/kit';
import * as repo from './tax.repository.ts';
import type { SetTaxRate, TaxRateJson } from './tax.schemas.ts';

const rateJson = (rate: repo.TaxRateRecord): TaxRateJson => ({ country: rate.country, percent: rate.percentMilli / 1000, taxShipping: rate.taxShipping });

export async function listTaxRates(db: Db) {
  return { items: (await repo.listRates(db)).map(rateJson) };
}

export async function setTaxRate(db: Db, country: string, input: SetTaxRate): Promise<TaxRateJson> {
  return rateJson(await repo.upsertRate(db, { country, percentMilli: percentInMilli(input.percent), taxShipping: input.taxShipping }));
}

export async function deleteTaxRate(db: Db, country: string): Promise<void> {
  if (!(await repo.deleteRate(db, country))) throw new AppError('TAX_RATE.NOT_FOUND', 404, `No tax rate for ${country}`);
}

/** A percent with up to three decimals as an exact integer count of thousandths; more decimals is a 400. */
function percentInMilli(percent: number): number {
  const milli = Math.round(percent * 1000);
  if (Math.abs(percent * 1000 - milli) > 1e-6) {
    throw new AppError('REQUEST.INVALID', 400, '/body/percent takes at most three decimals', {
      errors: [{ path: '/body/percent', message: 'takes at most three decimals' }],
    });
  }
  return milli;
}
