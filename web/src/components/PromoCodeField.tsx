// A promotion code: typed and applied, shown as applied with a way to remove it, or refused with the reason.
import { useId, useState, type KeyboardEvent } from 'react';
import { refusalMessage } from '../cart/checkout.ts';
import type { QuoteResult } from '../cart/useCheckoutQuote.ts';

interface PromoCodeFieldProps {
  /** The code the customer asked for, applied or not. */
  code: string | null;
  result: QuoteResult | undefined;
  checking: boolean;
  onChange: (code: string | null) => void;
}

export function PromoCodeField({ code, result, checking, onChange }: PromoCodeFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const applied = code && result?.quote.promotion?.code === code;
  const refusal = code && result?.refusal?.code === code ? result.refusal : null;
  const apply = () => {
    const typed = draft.trim().toUpperCase();
    if (typed) onChange(typed);
  };
  // The field sits inside the checkout's form: Enter applies the code, it never places the order.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    apply();
  };

  if (applied) {
    return (
      <div className="promo-code promo-applied" role="status">
        <span>Code <strong>{code}</strong> applied.</span>
        <button type="button" className="link-button" onClick={() => { setDraft(''); onChange(null); }}>Remove code</button>
      </div>
    );
  }
  return (
    <div className={`promo-code field${refusal ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>Promotion code</label>
      <div className="promo-row">
        <input id={id} value={draft} autoComplete="off" spellCheck={false} onKeyDown={onKeyDown}
          onChange={(e) => setDraft(e.target.value)} aria-invalid={refusal ? true : undefined}
          aria-describedby={refusal ? `${id}-error` : undefined} />
        <button type="button" className="secondary" onClick={apply} disabled={checking && Boolean(code)}>
          {checking && code && !refusal ? 'Checking…' : 'Apply'}
        </button>
      </div>
      {refusal ? <small id={`${id}-error`} className="field-error" role="alert">{refusalMessage(refusal, result?.quote.subtotal ?? null)}</small> : null}
    </div>
  );
}
