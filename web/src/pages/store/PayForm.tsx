// How the customer pays: a card (the shop's test_card sandbox) or a bank transfer the shop confirms by hand.
// Each attempt has its own Idempotency-Key; a double click or a retry of the same attempt sends it again.
import { useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { payments as paymentsApi } from '../../api/endpoints.ts';
import type { NewPayment, Order, Payment } from '../../api/types.ts';
import { ErrorNotice } from '../../components/Notice.tsx';
import { formatDate, formatMoney } from '../../format.ts';
import { useAction } from '../../hooks.ts';
import {
  attemptFor, awaitedTransfer, failureMessage, payFieldErrors, payRefusal, readCard, type Attempt, type CardForm,
} from '../../payments/payments.ts';
import { CardFields, TransferSteps, WayChooser, type Way } from './PayFields.tsx';

/** A refused request in the shopper's words; anything else as the shop's usual messages say it. */
const refusal = (error: unknown) => {
  const words = payRefusal(error);
  return words && error instanceof ApiError ? new ApiError(error.status, { status: error.status, detail: words }) : error;
};

export function PayForm({ order, payments }: { order: Order; payments: Payment[] }) {
  const navigate = useNavigate();
  const transfer = awaitedTransfer(payments);
  const [way, setWay] = useState<Way>('card');
  const [card, setCard] = useState<CardForm>({ number: '', expiry: '', cvc: '' });
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState<Payment | null>(null);
  const action = useAction();
  const attempt = useRef<Attempt | null>(null);
  const lastSent = useRef<NewPayment | null>(null);

  const send = (body: NewPayment) => {
    lastSent.current = body;
    attempt.current = attemptFor(attempt.current, JSON.stringify(body), () => crypto.randomUUID());
    const { key } = attempt.current;
    setFailed(null);
    void action.run(async () => {
      const payment = await paymentsApi.pay(body, key);
      attempt.current = null; // answered: the next click is a new attempt
      if (payment.status === 'failed') return setFailed(payment);
      navigate(`/orders/${encodeURIComponent(order.id)}?${payment.status === 'succeeded' ? 'paid' : 'transfer'}=1`);
    });
  };
  const payByCard = (event: FormEvent) => {
    event.preventDefault();
    const read = readCard(card);
    setTyped('errors' in read ? read.errors : {});
    if ('card' in read) send({ orderId: order.id, provider: 'test_card', card: read.card });
  };
  const payByTransfer = (event: FormEvent) => {
    event.preventDefault();
    send({ orderId: order.id, provider: 'manual' });
  };
  // "Try again" after the shop did not answer sends the same attempt, with its key, again.
  const unanswered = action.error instanceof ApiError && (action.error.status === 0 || action.error.status >= 500 || action.error.problem.code === 'IDEMPOTENCY.IN_FLIGHT');
  const retry = unanswered && lastSent.current ? () => send(lastSent.current!) : undefined;
  const errors = { ...payFieldErrors(action.error), ...typed };
  const amount = formatMoney(order.total);

  return (
    <div className="pay-form">
      {transfer ? (
        <p className="notice pay-transfer-note" role="status">
          You chose to pay by bank transfer on {formatDate(transfer.createdAt)}. We confirm your order when the money arrives; you can also pay by card now.
        </p>
      ) : (
        <WayChooser way={way} onChange={setWay} />
      )}
      {failed ? <div className="notice notice-error" role="alert">{failureMessage(failed.failureCode)}</div> : null}
      {way === 'card' || transfer ? (
        <form className="card" onSubmit={payByCard} noValidate aria-label="Pay by card">
          <CardFields card={card} onChange={setCard} errors={errors} />
          <ErrorNotice error={refusal(action.error)} retry={retry} />
          <button type="submit" className="primary pay-button" disabled={action.busy}>{action.busy ? 'Paying…' : `Pay ${amount}`}</button>
        </form>
      ) : (
        <form className="card" onSubmit={payByTransfer} noValidate aria-label="Pay by bank transfer">
          <TransferSteps order={order} />
          <ErrorNotice error={refusal(action.error)} retry={retry} />
          <button type="submit" className="primary pay-button" disabled={action.busy}>{action.busy ? 'One moment…' : 'Pay by bank transfer'}</button>
        </form>
      )}
    </div>
  );
}
