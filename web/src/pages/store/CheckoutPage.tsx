// Checkout: the address, the delivery option and a promotion code, priced by the shop as they change,
// and the order placed exactly once with the same figures.
import { useRef, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { orders as ordersApi, users as usersApi, type PlaceOrder } from '../../api/endpoints.ts';
import { fieldErrorsOf } from '../../api/errors.ts';
import { Breakdown } from '../../components/Breakdown.tsx';
import { ErrorNotice, Loading } from '../../components/Notice.tsx';
import { PromoCodeField } from '../../components/PromoCodeField.tsx';
import { refusalMessage, refusalOf } from '../../cart/checkout.ts';
import { useAction } from '../../hooks.ts';
import { Link, useNavigate } from 'react-router';
import { AddressChooser } from './AddressChooser.tsx';
import { ShippingMethodPicker } from './ShippingMethodPicker.tsx';
import { useCheckout } from './useCheckout.ts';

/**
 * One Idempotency-Key per checkout attempt: a double click or a retry of the same order
 * sends the same key (so the server makes one order); a changed order gets a new key.
 */
function useIdempotencyKey() {
  const attempt = useRef<{ body: string; key: string } | null>(null);
  return (body: PlaceOrder) => {
    const text = JSON.stringify(body);
    if (!attempt.current || attempt.current.body !== text) attempt.current = { body: text, key: crypto.randomUUID() };
    return attempt.current.key;
  };
}

/** A code refused when the order is placed (used up meanwhile) reads like the code field's message. */
function placeError(error: unknown, code: string | undefined): unknown {
  const refusal = code ? refusalOf(error, code) : null;
  return refusal ? new ApiError(422, { status: 422, detail: refusalMessage(refusal, null) }) : error;
}

export function CheckoutPage() {
  const navigate = useNavigate();
  const checkout = useCheckout();
  const { cart, me, where, country, methods, method, priced } = checkout;
  const place = useAction();
  const keyFor = useIdempotencyKey();

  if (!cart.lines.length && !place.busy) {
    return <section className="narrow"><h1>Checkout</h1><p>Your cart is empty. <Link to="/">Back to the shop</Link></p></section>;
  }
  if (me.loading && !me.data) return <Loading />;

  const promoCode = cart.promoCode && checkout.appliedCode === cart.promoCode ? cart.promoCode : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!method) {
      const message = country ? 'Choose a delivery option' : 'Choose the country first';
      return place.setError(new ApiError(400, { status: 400, errors: [{ path: '/body/shippingMethodId', message }] }));
    }
    const body: PlaceOrder = { items: checkout.items, shippingAddress: where.shippingAddress, shippingMethodId: method.id, ...(promoCode ? { promoCode } : {}) };
    const key = keyFor(body);
    void place.run(async () => {
      const order = await ordersApi.place(body, key);
      cart.clear();
      if (where.choice === 'new' && where.remember && me.data) {
        // Saving the address is a convenience: the order stands even if this fails.
        await usersApi.updateMe({ addresses: [...me.data.addresses, where.shippingAddress] }).catch(() => undefined);
      }
      navigate(`/orders/${encodeURIComponent(order.id)}/pay?placed=1`);
      return true;
    }).then((placed) => {
      // Refused at the last moment (a code used up meanwhile, stock gone): the figures are asked again.
      if (!placed) priced.reload();
    });
  };
  const errors = fieldErrorsOf(place.error);

  return (
    <form className="checkout" onSubmit={submit} noValidate>
      <h1>Checkout</h1>
      <ErrorNotice error={me.error} retry={me.reload} />
      <AddressChooser saved={where.saved} choice={where.choice} onChoice={where.setChoice} address={where.address} onAddress={where.setAddress}
        remember={where.remember} onRemember={where.setRemember} savedCountry={where.savedCountry} onSavedCountry={where.setSavedCountry} errors={errors} />
      <ShippingMethodPicker country={country} methods={methods} chosen={method?.id ?? null} onChoose={checkout.setMethodId}
        figures={priced.data?.quote} error={errors.shippingMethodId} />
      <OrderSummary checkout={checkout} />
      <ErrorNotice error={placeError(place.error, promoCode)} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={place.busy}>{place.busy ? 'Placing your order…' : 'Place order'}</button>
        <Link to="/cart">Back to cart</Link>
      </div>
    </form>
  );
}

function OrderSummary({ checkout }: { checkout: ReturnType<typeof useCheckout> }) {
  const { cart, method, priced } = checkout;
  return (
    <section className="card" aria-labelledby="summary-title">
      <h2 id="summary-title">Your order</h2>
      <ul className="summary-lines">
        {cart.lines.map((line) => <li key={line.productId}>{line.quantity} × {line.name}</li>)}
      </ul>
      <PromoCodeField code={cart.promoCode} result={priced.data} checking={priced.loading} onChange={cart.setPromoCode} />
      <ErrorNotice error={priced.error} retry={priced.reload} />
      {priced.data ? (
        <Breakdown figures={priced.data.quote} pending={{
          shipping: method ? undefined : 'Choose a delivery option',
          tax: priced.data.addressed ? undefined : 'Needs your address',
        }} />
      ) : priced.loading ? <Loading label="Pricing your order…" /> : null}
    </section>
  );
}
