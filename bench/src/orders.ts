import { randomUUID } from 'node:crypto';
// Order placement needs a customer token and products that will not sell out during the run.
export const EMPLOYEE = { email: 'employee@emporium.test', password: 'employee-demo' };
const CUSTOMER = { email: 'customer@emporium.test', password: 'customer-demo' };

export async function login(gateway: string, who: { email: string; password: string }): Promise<string | null> {
  const res = await fetch(`${gateway}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(who) });
  return res.ok ? (await res.json()).accessToken : null;
}

async function createProduct(gateway: string, token: string, name: string): Promise<string> {
  const res = await fetch(`${gateway}/api/products`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ name, description: 'Made for the benchmark', price: { amount: 1999, currency: 'USD' }, category: 'bench', stock: 1_000_000 }),
  });
  if (!res.ok) throw new Error(`creating a bench product failed: ${res.status} ${await res.text()}`);
  return (await res.json()).id;
}

/**
 * A customer's token and an order of two bench products with the demo's method, and with the demo's code
 * unless `withCode` is false. Null when the platform has no orders or users service yet.
 */
export async function prepareOrderLoad(gateway: string, withCode = true) {
  const employee = await login(gateway, EMPLOYEE);
  const customer = await login(gateway, CUSTOMER);
  if (!employee || !customer) return null;
  const probe = await fetch(`${gateway}/api/orders?limit=1`, { headers: { authorization: `Bearer ${customer}` } });
  if (!probe.ok) return null;
  const ids = [await createProduct(gateway, employee, 'Bench kettle'), await createProduct(gateway, employee, 'Bench mug')];
  return {
    token: customer,
    body: {
      items: ids.map((productId) => ({ productId, quantity: 1 })),
      shippingAddress: { name: 'Bench Customer', line1: '1 Load Street', city: 'Testville', postalCode: '12345', country: 'US' },
      // The demo's method, tax rate and code: an order priced as a real checkout prices it.
      shippingMethodId: 'standard',
      ...(withCode ? { promoCode: 'WELCOME10' } : {}),
    },
  };
}

/** The request that places such an order through the gateway, with a fresh Idempotency-Key each time (load.ts options). */
export function orderRequest(gateway: string, orders: NonNullable<Awaited<ReturnType<typeof prepareOrderLoad>>>) {
  return {
    url: `${gateway}/api/orders`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${orders.token}` },
    body: JSON.stringify(orders.body),
    perRequestHeaders: () => ({ 'idempotency-key': randomUUID() }),
  };
}
