import { AppError, createPeer, type ServiceCredential } from '@emporium/kit';

export interface Purchase {
  /** A non-cancelled order of the customer contains the product. */
  ordered: boolean;
  /** Such an order was delivered. */
  delivered: boolean;
}

export interface OrdersClient {
  purchase(customerId: string, productId: string): Promise<Purchase>;
  close(): Promise<void>;
}

/** The orders service, asked at review time: it is the authority on who bought what (503 when it is down). */
export function createOrdersClient(url: string, timeoutMs: number, credential: ServiceCredential): OrdersClient {
  const peer = createPeer({ name: 'orders', url, timeoutMs, credential });
  return {
    async purchase(customerId, productId) {
      const res = await peer.request<Purchase>({ method: 'GET', path: '/internal/purchases', query: { customerId, productId } });
      // Any answer but 200 means orders cannot tell us, which for us is the dependency failing, not the caller.
      if (res.status !== 200) throw new AppError('DEPENDENCY.FAILED', 503, `The orders service answered ${res.status} unexpectedly.`);
      const body = res.body;
      return { ordered: body.ordered === true, delivered: body.delivered === true };
    },
    close: () => peer.close(),
  };
}
