// The two ways to pay as the customer chooses and fills them in: the card's fields with the demo's test
// numbers, and what happens after choosing a bank transfer.
import type { Order } from '../../api/types.ts';
import { TextField } from '../../components/Field.tsx';
import { formatMoney } from '../../format.ts';
import type { CardForm } from '../../payments/payments.ts';

// The numbers the shop's test_card sandbox knows (services/payments/README.md); no money moves with any of them.
const testCards = [
  ['4242 4242 4242 4242', 'pays'],
  ['4000 0000 0000 0002', 'is declined'],
  ['4000 0000 0000 9995', 'is declined: insufficient funds'],
] as const;

export type Way = 'card' | 'transfer';

const ways: { way: Way; name: string; note: string }[] = [
  { way: 'card', name: 'Card', note: 'Paid at once' },
  { way: 'transfer', name: 'Bank transfer', note: 'We confirm it when the money arrives' },
];

export function WayChooser({ way, onChange }: { way: Way; onChange: (way: Way) => void }) {
  return (
    <fieldset className="pay-ways">
      <legend>How would you like to pay?</legend>
      {ways.map((option) => (
        <label key={option.way} className={`choice method-choice${way === option.way ? ' chosen' : ''}`}>
          <input type="radio" name="way" checked={way === option.way} onChange={() => onChange(option.way)} />
          <span className="method-text"><strong>{option.name}</strong><span className="muted">{option.note}</span></span>
        </label>
      ))}
    </fieldset>
  );
}

interface CardFieldsProps {
  card: CardForm;
  onChange: (card: CardForm) => void;
  errors: Record<string, string>;
}

export function CardFields({ card, onChange, errors }: CardFieldsProps) {
  const set = (field: keyof CardForm) => (event: { target: { value: string } }) => onChange({ ...card, [field]: event.target.value });
  return (
    <>
      <h2>Card details</h2>
      <TextField label="Card number" value={card.number} onChange={set('number')} error={errors['card.number']}
        inputMode="numeric" autoComplete="cc-number" placeholder="1234 1234 1234 1234" maxLength={23} />
      <div className="field-row card-row">
        <TextField label="Expiry (MM/YY)" value={card.expiry} onChange={set('expiry')} error={errors['card.expiry']}
          inputMode="numeric" autoComplete="cc-exp" placeholder="MM/YY" maxLength={7} />
        <TextField label="CVC" value={card.cvc} onChange={set('cvc')} error={errors['card.cvc']}
          inputMode="numeric" autoComplete="cc-csc" placeholder="123" maxLength={4} />
      </div>
      <aside className="test-cards" aria-label="Test cards">
        <strong>Test cards</strong> (no money moves):
        <ul>
          {testCards.map(([number, outcome]) => <li key={number}><code>{number}</code> {outcome}</li>)}
          <li>any expiry date in the past: the card has expired</li>
        </ul>
        Use any future expiry date and any three digits as the CVC.
      </aside>
    </>
  );
}

export function TransferSteps({ order }: { order: Order }) {
  return (
    <>
      <h2>Bank transfer</h2>
      <ol className="transfer-steps">
        <li>Transfer <strong>{formatMoney(order.total)}</strong> to the shop, with <code className="transfer-reference">{order.id}</code> as the reference.</li>
        <li>We confirm your order as soon as the money arrives, and email you the receipt.</li>
        <li>Until then we keep the items for you for up to 7 days; an order still unpaid after that is cancelled.</li>
      </ol>
    </>
  );
}
