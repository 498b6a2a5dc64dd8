// A country picked by name and sent as its ISO 3166-1 alpha-2 code, as the API takes it.
import type { SelectHTMLAttributes } from 'react';
import { countryList } from '../countries.ts';
import { SelectField } from './Field.tsx';

interface CountrySelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'> {
  label: string;
  value: string;
  onChange: (code: string) => void;
  error?: string;
  hint?: string;
}

export function CountrySelect({ label, value, onChange, error, hint, ...select }: CountrySelectProps) {
  return (
    <SelectField label={label} value={value} onChange={(e) => onChange(e.target.value)} error={error} hint={hint} {...select}>
      <option value="">Choose a country</option>
      {countryList().map((country) => <option key={country.code} value={country.code}>{country.name}</option>)}
    </SelectField>
  );
}
