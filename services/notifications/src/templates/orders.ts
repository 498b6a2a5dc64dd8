import { formatMoney } from '@emporium/kit';
import { render, shopLink, type Rendered, type Shop } from './layout.ts';

export interface Money {
  amount: number;
  currency: string;
}

/** What order events carry (services/orders, order-json.ts orderEventData). */
export interface OrderEventData {
  orderId: string;
  customerId: string;
  items: Array<{ productId: string; name: string; quantity: number; lineTotal: Money }>;
  total: Money;
  /** The priced breakdown; absent from events written before checkout had one. */
  subtotal?: Money;
  promotion?: { code: string; type: string; amount: Money } | null;
  shippingMethod?: { id: string; name: string; carrier: string } | null;
  shippingTotal?: Money;
  taxTotal?: Money;
  taxIncluded?: boolean;
  /** The latest payment when the event was written (absent from older events). */
  payment?: { provider: string; status: string; amount: Money; refundedAmount: Money } | null;
  shippingAddress: { name: string; line1: string; line2?: string; city: string; postalCode: string; country: string };
  carrier: string | null;
  trackingNumber: string | null;
  estimatedDelivery: string | null;
  note: string | null;
}

/** Orders are named by the first 8 characters of their id in every subject. */
export const shortId = (orderId: string) => orderId.slice(0, 8);


const formatDate = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(iso));

/** The order's lines and its breakdown, as the order page shows them. */
const lineRows = (order: OrderEventData): Array<[string, string]> => [
  ...order.items.map((item): [string, string] => [`${item.quantity} x ${item.name}`, formatMoney(item.lineTotal)]),
  ...breakdownRows(order),
  ['Total', formatMoney(order.total)],
];

function breakdownRows(order: OrderEventData): Array<[string, string]> {
  if (!order.subtotal || !order.shippingTotal || !order.taxTotal) return [];
  const rows: Array<[string, string]> = [['Subtotal', formatMoney(order.subtotal)]];
  if (order.promotion) rows.push([`Code ${order.promotion.code}`, `-${formatMoney(order.promotion.amount)}`]);
  const shipping = order.shippingTotal.amount === 0 ? 'Free' : formatMoney(order.shippingTotal);
  rows.push([order.shippingMethod ? `Shipping (${order.shippingMethod.name})` : 'Shipping', shipping]);
  if (order.taxTotal.amount > 0) rows.push([order.taxIncluded ? 'Tax included' : 'Tax', formatMoney(order.taxTotal)]);
  return rows;
}

const orderLink = (shop: Shop, order: OrderEventData) => ({ label: 'View your order', url: shopLink(shop, `/orders/${encodeURIComponent(order.orderId)}`) });

export function orderPlaced(shop: Shop, order: OrderEventData): Rendered {
  return render(shop, {
    subject: `Order ${shortId(order.orderId)} received: ${formatMoney(order.total)} to pay`,
    greeting: `Hello ${order.shippingAddress.name},`,
    paragraphs: [
      `Thank you for your order ${shortId(order.orderId)}. The items are reserved for you.`,
      `Amount owed: ${formatMoney(order.total)}. Pay for it from your order page; we send it once it is paid.`,
    ],
    rows: lineRows(order),
    action: orderLink(shop, order),
  });
}

const PAID_WITH: Record<string, string> = { test_card: 'card (test)', manual: 'bank transfer', stripe: 'card' };

export function orderPaid(shop: Shop, order: OrderEventData): Rendered {
  const paidWith = order.payment ? ` by ${PAID_WITH[order.payment.provider] ?? order.payment.provider}` : '';
  return render(shop, {
    subject: `Order ${shortId(order.orderId)} is paid: your receipt`,
    greeting: `Hello ${order.shippingAddress.name},`,
    paragraphs: [
      `We received ${formatMoney(order.total)}${paidWith} for your order ${shortId(order.orderId)}. Thank you!`,
      ...(order.estimatedDelivery ? [`We are packing it now; it should arrive by ${formatDate(order.estimatedDelivery)}.`] : []),
    ],
    rows: lineRows(order),
    action: orderLink(shop, order),
  });
}

export function orderShipped(shop: Shop, order: OrderEventData): Rendered {
  const rows: Array<[string, string]> = [
    ['Carrier', order.carrier ?? '-'],
    ['Tracking number', order.trackingNumber ?? '-'],
    ...(order.estimatedDelivery ? [['Estimated delivery', formatDate(order.estimatedDelivery)] as [string, string]] : []),
  ];
  return render(shop, {
    subject: `Order ${shortId(order.orderId)} has shipped`,
    greeting: `Hello ${order.shippingAddress.name},`,
    paragraphs: [`Your order ${shortId(order.orderId)} is on its way to ${order.shippingAddress.city}.`],
    rows,
    action: orderLink(shop, order),
  });
}

export function orderDelivered(shop: Shop, order: OrderEventData): Rendered {
  return render(shop, {
    subject: `Order ${shortId(order.orderId)} was delivered`,
    greeting: `Hello ${order.shippingAddress.name},`,
    paragraphs: [`Your order ${shortId(order.orderId)} was delivered. We hope you enjoy it!`, 'Tell other shoppers what you think: your review helps them choose.'],
    links: order.items.map((item) => ({ label: `Review ${item.name}`, url: shopLink(shop, `/products/${encodeURIComponent(item.productId)}#reviews`) })),
    action: orderLink(shop, order),
  });
}

export function orderCancelled(shop: Shop, order: OrderEventData): Rendered {
  return render(shop, {
    subject: `Order ${shortId(order.orderId)} was cancelled`,
    greeting: `Hello ${order.shippingAddress.name},`,
    paragraphs: [
      `Your order ${shortId(order.orderId)} was cancelled${order.note ? `: ${order.note}` : ''}.`,
      refundSentence(order),
    ],
    rows: lineRows(order),
    action: orderLink(shop, order),
  });
}

/** What happens to the money of a cancelled order: payments refunds whatever is left of a succeeded payment. */
function refundSentence(order: OrderEventData): string {
  const payment = order.payment;
  if (payment?.status !== 'succeeded') return 'Nothing was charged for it, so nothing is owed.';
  const left = { amount: payment.amount.amount - payment.refundedAmount.amount, currency: payment.amount.currency };
  if (left.amount <= 0) return `Your payment of ${formatMoney(payment.amount)} was refunded in full.`;
  return `We are refunding ${formatMoney(left)} to the way you paid; banks usually show it within a few days.`;
}
