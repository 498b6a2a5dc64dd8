// Gives back part or all of a succeeded payment: never more than is left. The form checks what it knows;
// the server has the last word (another refund may have been made meanwhile) and its 409 is shown as it says.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { payments as paymentsApi } from '../../api/endpoints.ts';
import { fieldErrorsOf } from '../../api/errors.ts';
import type { Payment } from '../../api/types.ts';
import { TextField } from '../../components/Field.tsx';
import { ErrorNotice } from '../../components/Notice.tsx';
import { formatMoney, moneyInputText, parseMoneyInput } from '../../format.ts';
import { useAction } from '../../hooks.ts';
import { providerName, refundable, refundRefusal } from '../../payments/payments.ts';

interface RefundFormProps {
  payment: Payment;
  onRefunded: (message: string) => void;
  /** The server knew better (a refund made meanwhile): the payments are read again. */
  onRefused: () => void;
  onClose: () => void;
}

export function RefundForm({ payment, onRefunded, onRefused, onClose }: RefundFormProps) {
  const left = refundable(payment);
  const [amount, setAmount] = useState(moneyInputText(left.amount, left.currency));
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const action = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const minor = parseMoneyInput(amount, left.currency);
    if (!minor) return setTyped('Enter an amount, such as 5.00');
    if (minor > left.amount) return setTyped(`At most ${formatMoney(left)} is left to refund`);
    setTyped('');
    const money = { amount: minor, currency: left.currency };
    void action.run(async () => {
      try {
        await paymentsApi.refund(payment.id, { amount: money, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) onRefused();
        throw error;
      }
      onRefunded(`Refunded ${formatMoney(money)} of the ${providerName(payment.provider).toLowerCase()} payment.`);
    });
  };
  const refused = refundRefusal(action.error);
  const fields = fieldErrorsOf(action.error);

  return (
    <form className="refund-form" onSubmit={submit} noValidate aria-label="Refund">
      <h3>Refund</h3>
      <p className="muted">{providerName(payment.provider)}: paid {formatMoney(payment.amount)}, {formatMoney(left)} left to refund.</p>
      <div className="field-row">
        <TextField label={`Amount (${left.currency})`} value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal"
          error={typed || fields['amount.amount'] || fields.amount} />
        <TextField label="Reason (optional)" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} error={fields.reason} />
      </div>
      <ErrorNotice error={refused ? new ApiError(409, { status: 409, detail: refused }) : action.error} />
      <div className="form-actions">
        <button type="submit" className="danger" disabled={action.busy}>Refund</button>
        <button type="button" className="link-button" onClick={onClose}>Close</button>
      </div>
    </form>
  );
}
