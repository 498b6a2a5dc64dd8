// Checkout: pick or type a shipping address and place the order exactly once.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { orders as ordersApi, users as usersApi, type PlaceOrder } from '../../api/endpoints.ts';
import { fieldErrorsOf } from '../../api/errors.ts';
import type { Address } from '../../api/types.ts';
import { cleanAddress, emptyAddress } from '../../components/AddressFields.tsx';
import { AddressChooser, type AddressChoice } from './AddressChooser.tsx';
import { ErrorNotice, Loading } from '../../components/Notice.tsx';
import { useLoad } from '../../data.ts';
import { useAction } from '../../hooks.ts';
import { Link, useNavigate } from 'react-router';
import { usePricedCart } from '../../cart/usePricedCart.ts';
import { CartTotals } from './CartPage.tsx';

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
  const navigate = useNavigate();
  const { cart, lines, subtotal, total, savings } = usePricedCart();
  const me = useLoad(['me'], () => usersApi.me());
  const [picked, setChoice] = useState<AddressChoice | null>(null);
  const [address, setAddress] = useState<Address>(emptyAddress);
  const [remember, setRemember] = useState(true);
  const place = useAction();
  const keyFor = useIdempotencyKey();

  const saved = me.data?.addresses ?? [];
  // The first saved address is the default until the customer picks another.
  const choice = picked ?? (saved.length ? 0 : 'new');
  useEffect(() => {
    if (me.data) setAddress((current) => (current.name ? current : { ...current, name: me.data!.name }));
  }, [me.data]);

  if (!lines.length && !place.busy) {
    return <section className="narrow"><h1>Checkout</h1><p>Your cart is empty. <Link to="/">Back to the shop</Link></p></section>;
  }
  if (me.loading && !me.data) return <Loading />;

  const shippingAddress = cleanAddress(choice === 'new' ? address : saved[choice]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: PlaceOrder = { items: lines.map((l) => ({ productId: l.productId, quantity: l.quantity })), shippingAddress };
    const key = keyFor(body);
    void place.run(async () => {
      const order = await ordersApi.place(body, key);
      cart.clear();
      if (choice === 'new' && remember && me.data) {
        // Saving the address is a convenience: the order stands even if this fails.
        await usersApi.updateMe({ addresses: [...me.data.addresses, shippingAddress] }).catch(() => undefined);
      }
      navigate(`/orders/${encodeURIComponent(order.id)}?placed=1`);
    });
  };
  const errors = fieldErrorsOf(place.error);

  return (
    <form className="checkout" onSubmit={submit} noValidate>
      <h1>Checkout</h1>
      <ErrorNotice error={me.error} retry={me.reload} />
      <AddressChooser saved={saved} choice={choice} onChoice={setChoice} address={address} onAddress={setAddress}
        remember={remember} onRemember={setRemember} errors={errors} />
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
        <Link to="/cart">Back to cart</Link>
      </div>
    </form>
  );
}
