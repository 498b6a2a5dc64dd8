// Shapes of the public API, picked out of the types generated from the gateway's /openapi.json
// (schema.d.ts, by web/scripts/api-types.ts): when a service changes a shape, the UI's type check
// sees it. The document names no shared schemas, so each shape is read off an operation.
import type { operations } from './schema';

type Operation = keyof operations;
type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : never;
/** What an operation answers with when it succeeds. */
export type Answer<O extends Operation> = operations[O]['responses'] extends infer R
  ? R extends { 200: infer Ok } ? JsonOf<Ok> : R extends { 201: infer Created } ? JsonOf<Created> : never
  : never;
/** The JSON body an operation takes. */
export type Body<O extends Operation> = JsonOf<NonNullable<operations[O]['requestBody']>>;

/** Every list of the API: `?limit=&cursor=` in, this out (the API conventions, /docs). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type Product = Answer<'getProductsById'>;
export type Money = Product['price'];
export type DiscountBadge = NonNullable<Product['discount']>;
export type ProductInput = Body<'postProducts'>;
export type Category = Answer<'getCategories'>['items'][number];

export type Me = Answer<'getUsersMe'>;
export type User = Answer<'getUsers'>['items'][number];
export type Role = User['role'];
/** An address as typed into a form and shipped to; a saved one also carries the id the users service gave it. */
export type Address = PlaceOrder['shippingAddress'] & Partial<Pick<Me['addresses'][number], 'id'>>;

export type Discount = Answer<'getDiscounts'>['items'][number];
export type PriceQuote = Answer<'getPrices'>['items'][number];

export type Order = Answer<'getOrdersById'>;
export type OrderStatus = Order['status'];
export type OrderLine = Order['items'][number];
export type PlaceOrder = Body<'postOrders'>;
export type StatusChange = Body<'postOrdersByIdStatus'>;

// Checkout (issue 15): shipping methods, tax rates, promotion codes and the priced basket.
export type ShippingMethod = Answer<'getShippingMethods'>['items'][number];
export type ShippingMethodInput = Body<'postShippingMethods'>;
export type TaxRate = Answer<'getTaxRates'>['items'][number];
export type Promotion = Answer<'getPromotions'>['items'][number];
export type PromotionInput = Body<'postPromotions'>;
export type PromotionType = Promotion['type'];
export type CheckoutQuote = Answer<'postCheckoutQuote'>;
export type QuoteRequest = Body<'postCheckoutQuote'>;
/** The money of a checkout, line by line: what a quote answers and what an order keeps. */
export type Breakdown = Pick<CheckoutQuote, 'subtotal' | 'promotion' | 'shippingMethod' | 'shippingTotal' | 'taxTotal' | 'taxIncluded' | 'total'>;
/** Why a code does not apply: the `reason` of a PROMOTION.NOT_APPLICABLE problem. */
export type PromotionRefusal = 'unknown' | 'not_started' | 'ended' | 'used_up' | 'minimum_not_met';

export type ReviewPage = Answer<'getProductsByIdReviews'>;
export type Review = ReviewPage['items'][number];
export type RatingSummary = ReviewPage['summary'];
export type ReviewInput = Body<'postProductsByIdReviews'>;

export type Notification = Answer<'getNotifications'>['items'][number];

// Payments (issue 16): an order's attempts to pay, the money refunded, and an attempt as sent.
export type Payment = Answer<'getPayments'>['items'][number];
export type PaymentStatus = Payment['status'];
export type NewPayment = Body<'postPayments'>;
export type PaymentProvider = NewPayment['provider'];
export type CardInput = NonNullable<NewPayment['card']>;
export type Refund = Answer<'postPaymentsByIdRefunds'>;
export type RefundInput = Body<'postPaymentsByIdRefunds'>;

/** What the web UI holds of a session: the refresh token stays in the gateway's httpOnly cookie. */
export interface Session {
  user: User;
  accessToken: string;
}

export interface FieldError {
  path: string;
  message: string;
}

/**
 * A problem+json body as the client reads it: tolerant on purpose, because it also stands for
 * answers that never reached a service (a proxy's 502, the client's own "offline").
 */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}
