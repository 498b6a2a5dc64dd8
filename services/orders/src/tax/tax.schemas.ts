import { Type, type Static } from 'typebox';
import { CountryCode } from '../shipping/shipping.schemas.ts';

export const TaxRate = Type.Object({
  country: Type.String(),
  percent: Type.Number({ description: 'Percent, up to three decimals' }),
  taxShipping: Type.Boolean(),
});
export type TaxRateJson = Static<typeof TaxRate>;
export const TaxRateList = Type.Object({ items: Type.Array(TaxRate) });
export const TaxRateParams = Type.Object({ country: CountryCode });
export const SetTaxRate = Type.Object({
  percent: Type.Number({ minimum: 0, maximum: 50, description: '0..50, at most three decimals' }),
  taxShipping: Type.Boolean({ description: 'Whether shipping is taxed too' }),
});
export type SetTaxRate = Static<typeof SetTaxRate>;
