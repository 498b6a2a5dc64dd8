// What the checkout screen holds: the address chosen or typed, the delivery option, the code, and the
// quote of all three, asked again whenever one of them changes.
import { useEffect } from 'react';
import { users as usersApi } from '../../api/endpoints.ts';
import type { Address, Me, QuoteRequest } from '../../api/types.ts';
import { cleanAddress, emptyAddress } from '../../components/AddressFields.tsx';
import { useCart } from '../../cart/CartContext.tsx';
import { isAddressComplete } from '../../cart/checkout.ts';
import { useCheckoutQuote } from '../../cart/useCheckoutQuote.ts';
import { useLoad } from '../../data.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { useDebounced, useSessionState } from '../../hooks.ts';
import type { AddressChoice } from './AddressChooser.tsx';
import { useShippingMethods } from './ShippingMethodPicker.tsx';

const DRAFT = 'emporium.checkout';

/** Where the checkout keeps what was typed, per signed-in user, for this tab. */
const draftKey = (userId: string | undefined, field: string) => `${DRAFT}.${userId ?? 'anonymous'}.${field}`;

/** Forgets the typed checkout once the order is placed. */
export function clearCheckoutDraft(): void {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith(`${DRAFT}.`)) sessionStorage.removeItem(key);
}

function useAddressChoice(me: Me | undefined, userId: string | undefined) {
  // Kept in the tab's session: a trip back to the cart (to lower a quantity) finds the address as typed.
  const [picked, setPicked] = useSessionState<AddressChoice | null>(draftKey(userId, 'choice'), null);
  const [address, setAddress] = useSessionState<Address>(draftKey(userId, 'address'), emptyAddress);
  const [savedCountry, setSavedCountry] = useSessionState(draftKey(userId, 'savedCountry'), '');
  const [remember, setRemember] = useSessionState(draftKey(userId, 'remember'), true);
  useEffect(() => {
    if (me) setAddress((current) => (current.name ? current : { ...current, name: me.name }));
  }, [me]);
  const saved = me?.addresses ?? [];
  // The first saved address is the default until the customer picks another.
  const choice: AddressChoice = picked !== null && (picked === 'new' || picked < saved.length) ? picked : saved.length ? 0 : 'new';
  const chosen = cleanAddress(choice === 'new' ? address : saved[choice]);
  // A saved address whose country we could not read takes the country the customer picks for it.
  const shippingAddress = /^[A-Z]{2}$/.test(chosen.country) ? chosen : { ...chosen, country: savedCountry };
  const setChoice = (next: AddressChoice) => {
    setPicked(next);
    setSavedCountry('');
  };
  return { saved, choice, setChoice, address, setAddress, savedCountry, setSavedCountry, remember, setRemember, shippingAddress };
}

export function useCheckout() {
  const cart = useCart();
  const { user } = useAuth();
  const me = useLoad(['me'], () => usersApi.me());
  const where = useAddressChoice(me.data, user?.id);
  const country = /^[A-Z]{2}$/.test(where.shippingAddress.country) ? where.shippingAddress.country : '';
  const methods = useShippingMethods(country);
  const [methodId, setMethodId] = useSessionState<string | null>(draftKey(user?.id, 'method'), null);
  // The customer's pick while it delivers there; otherwise the first option, as a method is required.
  const method = methods.data?.find((item) => item.id === methodId) ?? methods.data?.[0] ?? null;
  const items = cart.lines.map((line) => ({ productId: line.productId, quantity: line.quantity }));
  const whole = isAddressComplete(where.shippingAddress) ? where.shippingAddress : null;
  // A typed address is priced once the typing pauses; a saved one at once.
  const typed = useDebounced(where.choice === 'new' ? whole : null, 400);
  const settled = where.choice === 'new' ? typed : whole;
  const request: QuoteRequest = {
    items,
    ...(settled ? { shippingAddress: settled } : {}),
    ...(method ? { shippingMethodId: method.id } : {}),
    ...(cart.promoCode ? { promoCode: cart.promoCode } : {}),
  };
  const priced = useCheckoutQuote(items.length ? request : null);
  const appliedCode = priced.data?.quote.promotion?.code ?? null;
  return { cart, me, where, country, methods, method, setMethodId, items, priced, appliedCode };
}
