// The fields of a shipping address, with errors keyed like "shippingAddress.city".
import type { Address } from '../api/types.ts';
import { countryCode, countryName } from '../countries.ts';
import { CountrySelect } from './CountrySelect.tsx';
import { TextField } from './Field.tsx';

export const emptyAddress: Address = { name: '', line1: '', line2: '', city: '', postalCode: '', country: '' };

interface AddressFieldsProps {
  value: Address;
  onChange: (address: Address) => void;
  errors: Record<string, string>;
  /** Prefix of the field keys in errors, e.g. "shippingAddress" or "addresses.0". */
  errorPrefix: string;
}

export function AddressFields({ value, onChange, errors, errorPrefix }: AddressFieldsProps) {
  const field = (key: keyof Address) => ({
    value: value[key] ?? '',
    onChange: (event: { target: { value: string } }) => onChange({ ...value, [key]: event.target.value }),
    error: errors[`${errorPrefix}.${key}`],
  });
  return (
    <div className="address-fields">
      <TextField label="Full name" autoComplete="name" required {...field('name')} />
      <TextField label="Address" autoComplete="address-line1" required {...field('line1')} />
      <TextField label="Apartment, suite (optional)" autoComplete="address-line2" {...field('line2')} />
      <div className="field-row">
        <TextField label="City" autoComplete="address-level2" required {...field('city')} />
        <TextField label="Postal code" autoComplete="postal-code" required {...field('postalCode')} />
      </div>
      <CountrySelect label="Country" autoComplete="country" required value={countryCode(value.country) ?? ''}
        onChange={(country) => onChange({ ...value, country })} error={errors[`${errorPrefix}.country`]} />
    </div>
  );
}

/**
 * Just the fields a shipping address has, trimmed: a saved address's id stays behind (orders
 * refuse unknown fields) and an empty optional line is left out rather than sent as "". The country
 * becomes its code where it can: addresses saved before hold the name that was typed.
 */
export function cleanAddress(address: Address): Address {
  const text = (value: string | undefined) => String(value ?? '').trim();
  const clean: Address = {
    name: text(address.name), line1: text(address.line1), city: text(address.city),
    postalCode: text(address.postalCode), country: countryCode(address.country) ?? text(address.country),
  };
  return text(address.line2) ? { ...clean, line2: text(address.line2) } : clean;
}

export function addressText(address: Address): string {
  const code = countryCode(address.country);
  const country = code ? countryName(code) : address.country;
  return [address.name, address.line1, address.line2, `${address.postalCode} ${address.city}`, country].filter(Boolean).join(', ');
}
