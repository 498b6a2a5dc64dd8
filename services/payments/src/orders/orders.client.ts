import { AppError, createPeer, expectOk, type Money, type ServiceCredential } from '@emporium/kit';

/** What payments needs to know of an order: whose it is, whether it still waits for money, and how much. */
export interface OrderFacts {
  id: string;
  customerId: string;
  status: string;
  total: Money;
}

export interface OrdersClient {
  /** The order, or null when orders knows no such order. */
  get(orderId: string): Promise<OrderFacts | null>;
  close(): Promise<void>;
}

/** The orders service is the authority on the amount to charge: it is asked at every attempt (503 when it is down). */
export function createOrdersClient(url: string, timeoutMs: number, credential: ServiceCredential): OrdersClient {
  const peer = createPeer({ name: 'orders', url, timeoutMs, credential });
  return {
    async get(orderId) {
      const res = await peer.request<OrderFacts>({ method: 'GET', path: `/internal/orders/${encodeURIComponent(orderId)}` });
      if (res.status === 404) return null;
      const order = expectOk(res);
      if (!order || typeof order.customerId !== 'string' || !Number.isInteger(order.total?.amount)) {
        throw new AppError('DEPENDENCY.FAILED', 503, 'The orders service answered with an order payments cannot read.');
      }
      return order;
    },
    close: () => peer.close(),
  };
}
