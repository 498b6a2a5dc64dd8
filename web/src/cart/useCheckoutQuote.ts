// The priced basket from POST /api/checkout/quote: exactly what placing the order would charge now.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { checkout } from '../api/endpoints.ts';
import type { CheckoutQuote, QuoteRequest } from '../api/types.ts';
import { refusalOf, type Refusal } from './checkout.ts';

export interface QuoteResult {
  quote: CheckoutQuote;
  /** The code asked for, when it does not apply: the quote is then the basket without it. */
  refusal: Refusal | null;
  /** Whether an address was priced: without one there is no tax to tell yet. */
  addressed: boolean;
}

/**
 * A code that does not apply fails the whole quote (422), but the customer still needs the figures:
 * the basket is priced again without the code, and the refusal travels beside it.
 */
export async function quoteWithCode(request: QuoteRequest): Promise<QuoteResult> {
  const addressed = Boolean(request.shippingAddress);
  try {
    return { quote: await checkout.quote(request), refusal: null, addressed };
  } catch (error) {
    const refusal = request.promoCode ? refusalOf(error, request.promoCode) : null;
    if (!refusal) throw error;
    const { promoCode: _refused, ...withoutCode } = request;
    return { quote: await checkout.quote(withoutCode), refusal, addressed };
  }
}

/** Null asks nothing (an empty cart, signed out). The figures on screen stay until the next ones arrive. */
export function useCheckoutQuote(request: QuoteRequest | null) {
  const enabled = request !== null && request.items.length > 0;
  const query = useQuery({
    queryKey: ['checkout-quote', request],
    queryFn: () => quoteWithCode(request!),
    enabled,
    placeholderData: keepPreviousData,
  });
  const reload = () => void (enabled && query.refetch());
  return { data: enabled ? query.data : undefined, error: enabled ? query.error : null, loading: query.isFetching, reload };
}
