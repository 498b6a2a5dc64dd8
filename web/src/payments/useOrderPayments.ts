// An order and its payments, read together: the order is asked again every second while a payment has
// succeeded and the order does not say paid yet (orders hears of it by an event, within seconds).
import { orders as ordersApi, payments as paymentsApi } from '../api/endpoints.ts';
import { useLoad } from '../data.ts';
import { awaitingPaidOrder } from './payments.ts';

export function useOrderPayments(orderId: string) {
  const payments = useLoad(['payments', orderId], () => paymentsApi.forOrder(orderId));
  const order = useLoad(['orders', 'one', orderId], () => ordersApi.get(orderId), {
    pollMs: 1_000,
    while: (current) => awaitingPaidOrder(current, payments.data?.items),
  });
  return { order, payments };
}
