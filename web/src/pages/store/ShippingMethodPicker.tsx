// Checkout's delivery options: the methods that deliver to the address's country, with price and days.
import { shippingMethods as methodsApi } from '../../api/endpoints.ts';
import type { Breakdown, ShippingMethod } from '../../api/types.ts';
import { ErrorNotice, Loading } from '../../components/Notice.tsx';
import { deliveryDays, methodPrice } from '../../cart/checkout.ts';
import { countryName } from '../../countries.ts';
import { useLoad } from '../../data.ts';
import { formatMoney } from '../../format.ts';

export function useShippingMethods(country: string) {
  return useLoad(['shipping-methods', country], async () => (country ? (await methodsApi.list(country)).items : []));
}

interface PickerProps {
  country: string;
  methods: ReturnType<typeof useShippingMethods>;
  chosen: string | null;
  onChoose: (id: string) => void;
  /** The basket's figures, to tell which methods come free. */
  figures: Pick<Breakdown, 'subtotal' | 'promotion'> | undefined;
  error?: string;
}

export function ShippingMethodPicker({ country, methods, chosen, onChoose, figures, error }: PickerProps) {
  const items = methods.data ?? [];
  return (
    <fieldset className={`card delivery${error ? ' field-invalid' : ''}`}>
      <legend>Delivery</legend>
      {!country ? <p className="muted">Choose the address's country to see the delivery options.</p> : null}
      <ErrorNotice error={methods.error} retry={methods.reload} />
      {methods.loading && !methods.data ? <Loading label="Finding delivery options…" /> : null}
      {country && methods.data && !items.length ? (
        <p className="notice notice-error">Sorry, we do not deliver to {countryName(country)} yet.</p>
      ) : null}
      {items.map((method) => (
        <MethodChoice key={method.id} method={method} checked={method.id === chosen} onChoose={onChoose} figures={figures} />
      ))}
      {error ? <small className="field-error" role="alert">{error}</small> : null}
    </fieldset>
  );
}

function MethodChoice({ method, checked, onChoose, figures }: { method: ShippingMethod; checked: boolean; onChoose: (id: string) => void; figures: PickerProps['figures'] }) {
  const price = methodPrice(method, figures);
  const free = price.amount === 0;
  return (
    <label className={`choice method-choice${checked ? ' chosen' : ''}`} data-testid="shipping-method">
      <input type="radio" name="shipping-method" checked={checked} onChange={() => onChoose(method.id)} />
      <span className="method-text">
        <strong>{method.name}</strong>
        <span className="muted">{method.carrier} · {deliveryDays(method)}</span>
        {method.freeOver && !free ? <span className="muted">Free over {formatMoney(method.freeOver)}</span> : null}
      </span>
      <strong className={`method-price${free ? ' free' : ''}`}>{free ? 'Free' : formatMoney(price)}</strong>
    </label>
  );
}
