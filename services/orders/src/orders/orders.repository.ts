import { batchedPer, outboxInsertFrom, plannedOnEveryCall, type Queryable, type Row } from '@emporium/kit';
import type { Breakdown } from '../checkout/breakdown.ts';
import { LATEST_PAYMENT_SQL, paymentOf, type PaymentSummary } from '../payments/payments.repository.ts';
import type { Claim } from './idempotency.repository.ts';
import type { PricedLine } from './pricing.ts';
import type { OrderStatus } from './transitions.ts';

export interface ShippingAddressRecord {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  country: string;
}

export interface HistoryRecord {
  status: OrderStatus;
  at: Date;
  note: string | null;
}

export interface OrderRecord {
  id: string;
  seq: number;
  customerId: string;
  /** The account's name and email when the order was placed. */
  customer: { name: string; email: string | null };
  status: OrderStatus;
  currency: string;
  subtotal: number;
  promotion: Breakdown['promotion'];
  /** What the order shows of its method, and the days its delivery estimate is made from. */
  shippingMethod: { id: string; name: string; carrier: string; minDays: number; maxDays: number } | null;
  shippingTotal: number;
  taxTotal: number;
  taxIncluded: boolean;
  total: number;
  shippingAddress: ShippingAddressRecord;
  estimatedDelivery: Date;
  carrier: string | null;
  trackingNumber: string | null;
  lines: PricedLine[];
  history: HistoryRecord[];
  /** The latest payment (payments/); absent on an order being placed, which has none. */
  payment?: PaymentSummary | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A new order as placeOrder saves it: with its claim, the response to replay and its event. */
export interface PlacedOrder {
  claim: Claim;
  order: NewOrder;
  response: string;
  event: { id: string; type: string; data: Record<string, unknown>; destinations: string[] };
}

/**
 * Saves a new order only while its Idempotency-Key claim is still in flight: the claim becomes done with
 * the response to replay, and the order (with its line snapshots and first history entry) and its event
 * are written. False (and nothing of it written) when its claim was given up. Orders saved at the same
 * moment share one statement (see the orders README, "what is batched and why").
 */
export const saveNewOrder: (db: Queryable, placed: PlacedOrder) => Promise<boolean> = batchedPer(saveNewOrders, { name: 'orders.save', concurrency: 2 });

async function saveNewOrders(db: Queryable, placed: PlacedOrder[]): Promise<boolean[]> {
  const rows = await db.query<{ id: string }>(SAVE_NEW_ORDERS, [JSON.stringify(placed.map(inputRow))]);
  const saved = new Set(rows.map((row) => row.id));
  return placed.map((p) => saved.has(p.order.id));
}

// Planned on every call: a plan kept from when idempotency_keys was new would scan the whole table.
// The claim is matched with `state <> 'done'` (the only other state is in_flight) rather than
// `state = 'in_flight'`: the latter lets the planner walk the whole in-flight index, which keeps an
// entry for every claim completed since the last vacuum, so each save got slower as orders came in.
const SAVE_NEW_ORDERS = plannedOnEveryCall(
  `WITH input AS (
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS i (id text, customer_id text, customer jsonb, key text, response text, currency text,
       subtotal bigint, promotion jsonb, shipping_method jsonb, shipping bigint, tax bigint, tax_included boolean, total bigint,
       shipping_address jsonb, estimated_delivery timestamptz, created_at timestamptz, lines jsonb,
       event_id uuid, event_type text, event_data jsonb, destinations text[])),
   claim AS (
     UPDATE idempotency_keys k SET state = 'done', response_status = 201, response_body = i.response, completed_at = i.created_at
       FROM input i WHERE k.customer_id = i.customer_id AND k.key = i.key AND k.order_id = i.id AND k.state <> 'done'
     RETURNING k.order_id),
   saved AS (
     INSERT INTO orders (id, customer_id, customer, status, currency, subtotal_amount, promotion, shipping_method, shipping_amount, tax_amount, tax_included,
                         total_amount, shipping_address, estimated_delivery, lines, history, created_at, updated_at)
     SELECT i.id, i.customer_id, i.customer, 'pending', i.currency, i.subtotal, i.promotion, i.shipping_method, i.shipping, i.tax, i.tax_included,
            i.total, i.shipping_address, i.estimated_delivery, i.lines,
            jsonb_build_array(jsonb_build_object('status', 'pending', 'at', i.created_at, 'note', NULL)), i.created_at, i.created_at
       FROM input i JOIN claim c ON c.order_id = i.id RETURNING id),
   events AS (${outboxInsertFrom(`(SELECT i.event_id, i.event_type AS type, i.id AS key, i.event_data AS data, i.destinations
                                      FROM saved s JOIN input i ON i.id = s.id)`)})
   SELECT id FROM saved`,
);

// Lines are kept as the PricedLine objects they are (see migrations/002_lines_and_history_in_order.sql).
const inputRow = ({ claim, order, response, event }: PlacedOrder) => ({
  id: order.id, customer_id: claim.customerId, customer: order.customer, key: claim.key, response, currency: order.currency, subtotal: order.subtotal,
  promotion: order.promotion, shipping_method: order.shippingMethod, shipping: order.shippingTotal, tax: order.taxTotal,
  tax_included: order.taxIncluded, total: order.total,
  shipping_address: order.shippingAddress, estimated_delivery: order.estimatedDelivery, created_at: order.createdAt,
  lines: order.lines, event_id: event.id, event_type: event.type, event_data: event.data, destinations: event.destinations,
});

/** Appends to the order's history; the caller holds the order's row lock. */
export async function appendHistory(tx: Queryable, orderId: string, status: OrderStatus, note: string | null): Promise<void> {
  await tx.query(
    `UPDATE orders SET history = history || jsonb_build_array(jsonb_build_object('status', $2::text, 'at', now(), 'note', $3::text)) WHERE id = $1`,
    [orderId, status, note],
  );
}

/** An order about to be saved: everything but its place in the list, which the database gives it. */
export type NewOrder = Omit<OrderRecord, 'seq'>;

export interface OrderDetails {
  status?: OrderStatus;
  carrier?: string;
  trackingNumber?: string;
  estimatedDelivery?: Date;
}

/** Changes the given fields (the others stay) and touches updated_at. */
export async function updateOrder(tx: Queryable, orderId: string, details: OrderDetails): Promise<void> {
  await tx.query(
    `UPDATE orders SET status = COALESCE($2, status), carrier = COALESCE($3, carrier), tracking_number = COALESCE($4, tracking_number),
            estimated_delivery = COALESCE($5, estimated_delivery), updated_at = now()
      WHERE id = $1`,
    [orderId, details.status ?? null, details.carrier ?? null, details.trackingNumber ?? null, details.estimatedDelivery ?? null],
  );
}

/** Locks the order's row for a status change; the status and owner, or null when there is no such order. */
export async function lockOrder(tx: Queryable, orderId: string): Promise<{ status: OrderStatus; customerId: string } | null> {
  const rows = await tx.query('SELECT status, customer_id FROM orders WHERE id = $1 FOR UPDATE', [orderId]);
  return rows[0] ? { status: rows[0].status, customerId: rows[0].customer_id } : null;
}

const SELECT_ORDERS = `
  SELECT o.id, o.seq, o.customer_id, o.customer, o.status, o.currency, o.subtotal_amount, o.promotion, o.shipping_method, o.shipping_amount,
         o.tax_amount, o.tax_included, o.total_amount, o.shipping_address, o.estimated_delivery,
         o.carrier, o.tracking_number, o.lines, o.history, o.created_at, o.updated_at, ${LATEST_PAYMENT_SQL} AS payment
    FROM orders o`;

export async function findOrder(db: Queryable, orderId: string): Promise<OrderRecord | null> {
  const rows = await db.query(`${SELECT_ORDERS} WHERE o.id = $1`, [orderId]);
  return rows[0] ? toRecord(rows[0]) : null;
}

export interface OrderFilter {
  customerId?: string;
  status?: OrderStatus;
  /** The first characters of the order's id. */
  idPrefix?: string;
  /** The customer's email, whole (any case). */
  email?: string;
  /** Placed at or after `from`, before `to`. */
  from?: Date;
  to?: Date;
  /** Only orders older than this seq (the cursor). */
  beforeSeq?: number;
  limit: number;
}

/** Newest first; `limit` rows at most. Each filter has an index (migrations/005_customer.sql). */
export async function listOrders(db: Queryable, filter: OrderFilter): Promise<OrderRecord[]> {
  const rows = await db.query(
    `${SELECT_ORDERS}
      WHERE ($1::text IS NULL OR o.customer_id = $1) AND ($2::text IS NULL OR o.status = $2) AND ($3::bigint IS NULL OR o.seq < $3)
        AND ($5::text IS NULL OR o.id LIKE $5 || '%') AND ($6::text IS NULL OR lower(o.customer->>'email') = lower($6))
        AND ($7::timestamptz IS NULL OR o.created_at >= $7) AND ($8::timestamptz IS NULL OR o.created_at < $8)
      ORDER BY o.seq DESC LIMIT $4`,
    [
      filter.customerId ?? null, filter.status ?? null, filter.beforeSeq ?? null, filter.limit,
      filter.idPrefix ?? null, filter.email ?? null, filter.from ?? null, filter.to ?? null,
    ],
  );
  return rows.map(toRecord);
}

/** Whether a customer has a non-cancelled order containing the product, and a delivered one. */
export async function purchasesOf(db: Queryable, customerId: string, productId: string): Promise<{ ordered: boolean; delivered: boolean }> {
  const rows = await db.query(
    `SELECT COALESCE(bool_or(o.status <> 'cancelled'), false) AS ordered, COALESCE(bool_or(o.status = 'delivered'), false) AS delivered
       FROM orders o
      WHERE o.customer_id = $1 AND o.lines @> jsonb_build_array(jsonb_build_object('productId', $2::text))`,
    [customerId, productId],
  );
  return { ordered: rows[0].ordered, delivered: rows[0].delivered };
}

function toRecord(row: Row): OrderRecord {
  return {
    id: row.id,
    seq: Number(row.seq),
    customerId: row.customer_id,
    customer: row.customer,
    status: row.status,
    currency: row.currency,
    subtotal: Number(row.subtotal_amount),
    promotion: row.promotion,
    shippingMethod: row.shipping_method,
    shippingTotal: Number(row.shipping_amount),
    taxTotal: Number(row.tax_amount),
    taxIncluded: row.tax_included,
    total: Number(row.total_amount),
    shippingAddress: row.shipping_address,
    estimatedDelivery: new Date(row.estimated_delivery),
    carrier: row.carrier,
    trackingNumber: row.tracking_number,
    lines: row.lines,
    history: row.history.map((h: { status: OrderStatus; at: string; note: string | null }) => ({ status: h.status, at: new Date(h.at), note: h.note })),
    payment: paymentOf(row.payment),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
