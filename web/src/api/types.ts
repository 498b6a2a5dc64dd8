// Shapes of the public API (DESIGN.md is the contract).

export interface Money {
  amount: number;
  currency: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type Role = 'customer' | 'employee' | 'admin';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
}

export interface Address {
  /** Saved addresses carry one (users service); shipping addresses do not. */
  id?: string;
  name: string;
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  country: string;
}

export interface Me extends User {
  addresses: Address[];
}

/** What the web UI holds of a session: the refresh token stays in the gateway's httpOnly cookie. */
export interface Session {
  user: User;
  accessToken: string;
}

export interface DiscountBadge {
  id: string;
  percent: number;
  endsAt: string | null;
}

export interface Product {
  id: string;
  name: string;
  description: string;
  category: string;
  images: string[];
  links: string[];
  price: Money;
  discountedPrice: Money;
  discount: DiscountBadge | null;
  stock: number;
  rating: { average: number; count: number };
  createdAt: string;
  updatedAt: string;
}

export interface ProductInput {
  name: string;
  description: string;
  category: string;
  price: Money;
  stock: number;
  images: string[];
  links: string[];
}

export interface Category {
  name: string;
  productCount: number;
}

export interface Discount {
  id: string;
  productId: string;
  percent: number;
  startsAt: string | null;
  endsAt: string | null;
  [other: string]: unknown;
}

export type OrderStatus = 'pending' | 'shipped' | 'out_for_delivery' | 'delivered' | 'cancelled';

export interface OrderLine {
  productId: string;
  name: string;
  image: string | null;
  quantity: number;
  unitPrice: Money;
  discountPercent: number | null;
  unitDiscountedPrice: Money;
  lineTotal: Money;
}

export interface Order {
  id: string;
  customerId: string;
  status: OrderStatus;
  items: OrderLine[];
  total: Money;
  shippingAddress: Address;
  estimatedDelivery: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  history: { status: OrderStatus; at: string; note?: string | null }[];
  createdAt: string;
  updatedAt: string;
}

export interface StatusChange {
  status: OrderStatus;
  carrier?: string;
  trackingNumber?: string;
  estimatedDelivery?: string;
  note?: string;
}

export interface Review {
  id: string;
  productId: string;
  authorId: string;
  authorName: string;
  rating: number;
  title: string;
  body: string;
  verifiedPurchase: boolean;
  hidden?: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface RatingSummary {
  average: number;
  count: number;
  histogram: Record<string, number>;
}

export interface ReviewPage extends Page<Review> {
  summary: RatingSummary;
}

export interface ReviewInput {
  rating: number;
  title: string;
  body: string;
}

export interface FieldError {
  path: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}
