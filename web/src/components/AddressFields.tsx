// The fields of a shipping address, with errors keyed like "shippingAddress.city".
import type { Address } from '../api/types.ts';
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
      <TextField label="Country" autoComplete="country-name" required {...field('country')} />
    </div>
  );
}

/** Drops an empty optional line so the API never sees "" where it expects a value or nothing. */
export function cleanAddress(address: Address): Address {
  const { line2, ...rest } = address;
  const trimmed = Object.fromEntries(Object.entries(rest).map(([key, text]) => [key, String(text ?? '').trim()])) as Omit<Address, 'line2'>;
  return line2 && line2.trim() ? { ...trimmed, line2: line2.trim() } : trimmed;
}

export function addressText(address: Address): string {
  return [address.name, address.line1, address.line2, `${address.postalCode} ${address.city}`, address.country].filter(Boolean).join(', ');
}
