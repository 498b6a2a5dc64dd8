// Checkout: pick or type a shipping address and place the order exactly once.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { orders as ordersApi, users as usersApi, type PlaceOrder } from '../../api/endpoints.ts';
import { fieldErrorsOf } from '../../api/errors.ts';
import type { Address } from '../../api/types.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { AddressFields, addressText, cleanAddress, emptyAddress } from '../../components/AddressFields.tsx';
import { ErrorNotice, Loading } from '../../components/Notice.tsx';
import { useAction, useLoad } from '../../hooks.ts';
import { Link, navigate } from '../../router.tsx';
import { CartTotals, usePricedCart } from './CartPage.tsx';

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

export function CheckoutPage() {
  const { user } = useAuth();
  useEffect(() => {
    if (!user) navigate('/login?next=/checkout', { replace: true });
  }, [user]);
  if (!user) return null;
  return <Checkout />;
}

function Checkout() {
  const { cart, lines, subtotal, total, savings } = usePricedCart();
  const me = useLoad(() => usersApi.me(), []);
  const [choice, setChoice] = useState<number | 'new'>('new');
  const [address, setAddress] = useState<Address>(emptyAddress);
  const place = useAction();
  const keyFor = useIdempotencyKey();

  useEffect(() => {
    const saved = me.data?.addresses ?? [];
    if (saved.length) setChoice(0);
    else if (me.data) setAddress({ ...emptyAddress, name: me.data.name });
  }, [me.data]);

  if (!lines.length && !place.busy) {
    return <section className="narrow"><h1>Checkout</h1><p>Your cart is empty. <Link href="/">Back to the shop</Link></p></section>;
  }
  if (me.loading && !me.data) return <Loading />;

  const shippingAddress = choice === 'new' ? cleanAddress(address) : me.data!.addresses[choice];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: PlaceOrder = { items: lines.map((l) => ({ productId: l.productId, quantity: l.quantity })), shippingAddress };
    const key = keyFor(body);
    void place.run(async () => {
      const order = await ordersApi.place(body, key);
      cart.clear();
      navigate(`/orders/${encodeURIComponent(order.id)}?placed=1`);
    });
  };
  const errors = fieldErrorsOf(place.error);
  const saved = me.data?.addresses ?? [];

  return (
    <form className="checkout" onSubmit={submit} noValidate>
      <h1>Checkout</h1>
      <ErrorNotice error={me.error} retry={me.reload} />
      <fieldset className="card">
        <legend>Shipping address</legend>
        {saved.map((item, index) => (
          <label key={index} className="choice">
            <input type="radio" name="address" checked={choice === index} onChange={() => setChoice(index)} />
            <span>{addressText(item)}</span>
          </label>
        ))}
        {saved.length ? (
          <label className="choice">
            <input type="radio" name="address" checked={choice === 'new'} onChange={() => setChoice('new')} />
            <span>Another address</span>
          </label>
        ) : null}
        {choice === 'new' ? <AddressFields value={address} onChange={setAddress} errors={errors} errorPrefix="shippingAddress" /> : null}
      </fieldset>
      <section className="card">
        <h2>Your order</h2>
        <ul className="summary-lines">
          {lines.map((line) => <li key={line.productId}>{line.quantity} × {line.name}</li>)}
        </ul>
        <CartTotals subtotal={subtotal} savings={savings} total={total} />
      </section>
      <ErrorNotice error={place.error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={place.busy}>{place.busy ? 'Placing your order…' : 'Place order'}</button>
        <Link href="/cart">Back to cart</Link>
      </div>
    </form>
  );
}
