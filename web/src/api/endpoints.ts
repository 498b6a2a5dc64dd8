// Every public endpoint the UI calls, one small function each.
import { SESSION_HEADERS } from '../auth/session.ts';
import { api, type Query } from './client.ts';
import type {
  Body, Category, CheckoutQuote, Discount, Me, NewPayment, Notification, Order, OrderStatus, Page, Payment, PlaceOrder, PriceQuote,
  Product, ProductInput, Promotion, PromotionInput, QuoteRequest, Refund, RefundInput, Review, ReviewInput, ReviewPage, Role, Session,
  ShippingMethod, ShippingMethodInput, StatusChange, TaxRate, User,
} from './types.ts';

export type { PlaceOrder, PriceQuote };

export const auth = {
  register: (input: { email: string; password: string; name: string }) => api.post<Session>('/auth/register', input, SESSION_HEADERS),
  login: (input: { email: string; password: string }) => api.post<Session>('/auth/login', input, SESSION_HEADERS),
  /** Revokes the session of the cookie and clears the cookie. */
  logout: () => api.post<void>('/auth/logout', undefined, SESSION_HEADERS),
  /** 202 whatever the email: the answer never tells whether an account has it. */
  requestPasswordReset: (email: string) => api.post<void>('/auth/password-reset', { email }),
  confirmPasswordReset: (input: Body<'postAuthPasswordResetConfirm'>) => api.post<void>('/auth/password-reset/confirm', input),
  verifyEmail: (token: string) => api.post<void>('/auth/verify-email', { token }),
  resendVerification: () => api.post<void>('/auth/verify-email/resend'),
};

export const users = {
  me: () => api.get<Me>('/users/me'),
  updateMe: (input: Body<'patchUsersMe'>) =>
    api.patch<Me>('/users/me', input),
  list: (query: Query) => api.get<Page<User>>('/users', query),
  setRole: (id: string, role: Role) => api.patch<User>(`/users/${encodeURIComponent(id)}`, { role }),
};

export interface ProductQuery extends Query {
  q?: string;
  category?: string;
  minPrice?: number;
  maxPrice?: number;
  sort?: string;
  limit?: number;
  cursor?: string;
}

export const products = {
  list: (query: ProductQuery) => api.get<Page<Product>>('/products', query),
  get: (id: string) => api.get<Product>(`/products/${encodeURIComponent(id)}`),
  create: (input: ProductInput) => api.post<Product>('/products', input),
  update: (id: string, input: Partial<ProductInput>) => api.patch<Product>(`/products/${encodeURIComponent(id)}`, input),
  remove: (id: string) => api.delete(`/products/${encodeURIComponent(id)}`),
  categories: () => api.get<{ items: Category[] }>('/categories'),
};

export type DiscountInput = Body<'postDiscounts'>;

export const discounts = {
  list: (productId: string) => api.get<Page<Discount>>('/discounts', { productId, limit: 100 }),
  create: (input: DiscountInput) => api.post<Discount>('/discounts', input),
  update: (id: string, input: Partial<Omit<DiscountInput, 'productId'>>) => api.patch<Discount>(`/discounts/${encodeURIComponent(id)}`, input),
  remove: (id: string) => api.delete(`/discounts/${encodeURIComponent(id)}`),
};

export const orders = {
  place: (input: PlaceOrder, idempotencyKey: string) => api.post<Order>('/orders', input, { 'Idempotency-Key': idempotencyKey }),
  list: (query: { status?: OrderStatus | ''; cursor?: string; limit?: number }) => api.get<Page<Order>>('/orders', query),
  get: (id: string) => api.get<Order>(`/orders/${encodeURIComponent(id)}`),
  cancel: (id: string) => api.post<Order>(`/orders/${encodeURIComponent(id)}/cancel`),
  setStatus: (id: string, change: StatusChange) => api.post<Order>(`/orders/${encodeURIComponent(id)}/status`, change),
};

const paymentPath = (id: string) => `/payments/${encodeURIComponent(id)}`;
export const payments = {
  /** 201 whether it succeeded, failed or waits: a failed attempt is a record too. The same key replays the first answer. */
  pay: (input: NewPayment, idempotencyKey: string) => api.post<Payment>('/payments', input, { 'Idempotency-Key': idempotencyKey }),
  /** An order's payments, oldest first (its customer or staff). */
  forOrder: (orderId: string) => api.get<{ items: Payment[] }>('/payments', { orderId }),
  /** Staff: the bank transfer or cash of a manual payment arrived. */
  capture: (id: string) => api.post<Payment>(`${paymentPath(id)}/capture`),
  /** Staff: gives back part or all of a succeeded payment; more than is left is a 409. */
  refund: (id: string, input: RefundInput) => api.post<Refund>(`${paymentPath(id)}/refunds`, input),
};

export const checkout = {
  quote: (input: QuoteRequest) => api.post<CheckoutQuote>('/checkout/quote', input),
};

const methodPath = (id: string) => `/shipping-methods/${encodeURIComponent(id)}`;
export const shippingMethods = {
  /** The active methods delivering to the country; every active one without it. */
  list: (country?: string) => api.get<{ items: ShippingMethod[] }>('/shipping-methods', { country }),
  /** Every method, retired ones too (staff). */
  all: () => api.get<{ items: ShippingMethod[] }>('/shipping-methods', { includeInactive: true }),
  create: (input: ShippingMethodInput) => api.post<ShippingMethod>('/shipping-methods', input),
  update: (id: string, input: Body<'patchShippingMethodsById'>) => api.patch<ShippingMethod>(methodPath(id), input),
  remove: (id: string) => api.delete(methodPath(id)),
};

export const taxRates = {
  list: () => api.get<{ items: TaxRate[] }>('/tax-rates'),
  set: ({ country, ...rate }: TaxRate) => api.put<TaxRate>(`/tax-rates/${encodeURIComponent(country)}`, rate),
  remove: (country: string) => api.delete(`/tax-rates/${encodeURIComponent(country)}`),
};

export const promotions = {
  list: (query: { cursor?: string; limit?: number }) => api.get<Page<Promotion>>('/promotions', query),
  create: (input: PromotionInput) => api.post<Promotion>('/promotions', input),
  update: (id: string, input: Body<'patchPromotionsById'>) => api.patch<Promotion>(`/promotions/${encodeURIComponent(id)}`, input),
  remove: (id: string) => api.delete(`/promotions/${encodeURIComponent(id)}`),
};

export const reviews = {
  forProduct: (productId: string, query: { sort?: string; cursor?: string; limit?: number }) =>
    api.get<ReviewPage>(`/products/${encodeURIComponent(productId)}/reviews`, query),
  create: (productId: string, input: ReviewInput) => api.post<Review>(`/products/${encodeURIComponent(productId)}/reviews`, input),
  update: (id: string, input: Partial<ReviewInput>) => api.patch<Review>(`/reviews/${encodeURIComponent(id)}`, input),
  remove: (id: string) => api.delete(`/reviews/${encodeURIComponent(id)}`),
  moderation: (query: { hidden?: boolean; cursor?: string; limit?: number }) => api.get<Page<Review>>('/reviews', query),
  hide: (id: string) => api.post<Review>(`/reviews/${encodeURIComponent(id)}/hide`),
  unhide: (id: string) => api.post<Review>(`/reviews/${encodeURIComponent(id)}/unhide`),
};

export const notifications = {
  list: (query: { to?: string; cursor?: string; limit?: number }) => api.get<Page<Notification>>('/notifications', query),
};

export const prices = {
  quote: (productIds: string[]) => api.get<{ items: PriceQuote[] }>('/prices', { productIds: productIds.join(',') }),
};
