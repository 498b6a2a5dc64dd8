// An order's payments for an employee: every attempt (provider, status, amount, refunded, card, failure),
// "Confirm payment received" for a bank transfer that arrived, and refunds of a succeeded payment.
import { useState, type ReactNode } from 'react';
import { payments as paymentsApi } from '../../api/endpoints.ts';
import type { Order, Payment } from '../../api/types.ts';
import { Empty, ErrorNotice, SuccessNotice } from '../../components/Notice.tsx';
import { formatDateTime, formatMoney } from '../../format.ts';
import { useAction } from '../../hooks.ts';
import { paidWith, providerName, refundable } from '../../payments/payments.ts';
import { RefundForm } from './RefundForm.tsx';

const statusNames = { pending: 'Pending', succeeded: 'Succeeded', failed: 'Failed' } as const;

interface PaymentsPanelProps {
  order: Order;
  payments: Payment[];
  /** The list changed at the server: read it again. */
  onChanged: () => void;
  /** A capture answered with the payment as it stands now. */
  onCaptured: (payment: Payment) => void;
}

export function PaymentsPanel({ order, payments, onChanged, onCaptured }: PaymentsPanelProps) {
  const [refundingId, setRefundingId] = useState<string | null>(null);
  // Read from the list each time, so a refund made meanwhile shows in the form as soon as the list knows it.
  const refunding = payments.find((payment) => payment.id === refundingId) ?? null;
  const [done, setDone] = useState('');
  const capture = useAction();
  const confirmReceived = (payment: Payment) =>
    void capture.run(async () => {
      onCaptured(await paymentsApi.capture(payment.id));
      setDone(`Payment of ${formatMoney(payment.amount)} confirmed. The order becomes paid in a moment.`);
    });
  const refunded = (message: string) => {
    setRefundingId(null);
    setDone(message);
    onChanged();
  };
  // A bank transfer is confirmed only while the order waits for its money.
  const capturable = (payment: Payment) => payment.provider === 'manual' && payment.status === 'pending' && order.status === 'pending';

  return (
    <section className="card payments-panel" aria-labelledby="payments-title">
      <h2 id="payments-title">Payments</h2>
      {!payments.length ? <Empty>No payment yet: the customer has not paid.</Empty> : (
        <ul className="payment-list">
          {payments.map((payment) => (
            <PaymentItem key={payment.id} payment={payment}>
              {capturable(payment) ? (
                <button type="button" className="primary" onClick={() => confirmReceived(payment)} disabled={capture.busy}>Confirm payment received</button>
              ) : null}
              {payment.status === 'succeeded' && refundable(payment).amount > 0 ? (
                <button type="button" className="secondary" onClick={() => { setDone(''); setRefundingId(payment.id); }}>Refund</button>
              ) : null}
            </PaymentItem>
          ))}
        </ul>
      )}
      <ErrorNotice error={capture.error} />
      <SuccessNotice>{done}</SuccessNotice>
      {refunding ? <RefundForm key={refunding.id} payment={refunding} onRefunded={refunded} onRefused={onChanged} onClose={() => setRefundingId(null)} /> : null}
    </section>
  );
}

/** One attempt: how, its state and amount, what was refunded, the card, why it failed; its actions below. */
function PaymentItem({ payment, children }: { payment: Payment; children: ReactNode }) {
  return (
    <li className="payment-item" data-testid="payment-row">
      <div className="payment-head">
        <strong>{providerName(payment.provider)}</strong>
        <span className={`status-badge payment-${payment.status}`}>{statusNames[payment.status]}</span>
        <strong className="payment-amount">{formatMoney(payment.amount)}</strong>
      </div>
      <dl className="payment-facts">
        <div><dt>Refunded</dt><dd data-testid="payment-refunded">{formatMoney(payment.refundedAmount)}</dd></div>
        {payment.card ? <div><dt>Card</dt><dd>{paidWith(payment)}</dd></div> : null}
        {payment.failureCode ? <div><dt>Failure</dt><dd><code className="failure-code">{payment.failureCode}</code></dd></div> : null}
        <div><dt>Started</dt><dd>{formatDateTime(payment.createdAt)}</dd></div>
      </dl>
      <div className="row-actions">{children}</div>
    </li>
  );
}
