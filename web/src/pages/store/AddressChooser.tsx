// Checkout's shipping address: one of the account's saved addresses, or a new one (saved if wished).
import type { Address } from '../../api/types.ts';
import { AddressFields, addressText } from '../../components/AddressFields.tsx';
import { CountrySelect } from '../../components/CountrySelect.tsx';
import { countryCode } from '../../countries.ts';

export type AddressChoice = number | 'new';

interface AddressChooserProps {
  saved: Address[];
  choice: AddressChoice;
  onChoice: (choice: AddressChoice) => void;
  address: Address;
  onAddress: (address: Address) => void;
  remember: boolean;
  onRemember: (remember: boolean) => void;
  /** The country picked for a saved address whose country was typed as free text we cannot read. */
  savedCountry: string;
  onSavedCountry: (country: string) => void;
  errors: Record<string, string>;
}

export function AddressChooser(props: AddressChooserProps) {
  const { saved, choice, onChoice, address, onAddress, remember, onRemember, savedCountry, onSavedCountry, errors } = props;
  const unreadable = choice !== 'new' && !countryCode(saved[choice]?.country);
  return (
    <fieldset className="card">
      <legend>Shipping address</legend>
      {saved.map((item, index) => (
        <label key={index} className="choice">
          <input type="radio" name="address" checked={choice === index} onChange={() => onChoice(index)} />
          <span>{addressText(item)}</span>
        </label>
      ))}
      {unreadable ? (
        <CountrySelect label="Which country is this address in?" value={savedCountry} onChange={onSavedCountry}
          error={errors['shippingAddress.country']} hint={`We could not tell the country from "${saved[choice as number]?.country ?? ''}".`} />
      ) : null}
      {saved.length ? (
        <label className="choice">
          <input type="radio" name="address" checked={choice === 'new'} onChange={() => onChoice('new')} />
          <span>Another address</span>
        </label>
      ) : null}
      {choice === 'new' ? (
        <>
          <AddressFields value={address} onChange={onAddress} errors={errors} errorPrefix="shippingAddress" />
          <label className="choice">
            <input type="checkbox" checked={remember} onChange={(e) => onRemember(e.target.checked)} />
            <span>Save this address to my account</span>
          </label>
        </>
      ) : null}
    </fieldset>
  );
}
