// Facet counts beside the catalog's filters: each count is what choosing it would show, with the other filters kept.
import type { Facets } from '../../api/types.ts';
import { formatMoney, getShopCurrency, moneyInputText } from '../../format.ts';

type Go = (changes: Record<string, string>) => void;

export function PriceFacets({ facets, search, go }: { facets: Facets; search: URLSearchParams; go: Go }) {
  const currency = getShopCurrency();
  if (!facets.price.length) return null;
  return (
    <ul className="facet-list" aria-label="Price ranges">
      {facets.price.map((bucket) => {
        const min = moneyInputText(bucket.min, currency);
        const max = moneyInputText(bucket.max, currency);
        const chosen = search.get('min') === min && search.get('max') === max;
        return (
          <li key={bucket.min}>
            <button type="button" aria-pressed={chosen} onClick={() => go(chosen ? { min: '', max: '' } : { min, max })}>
              <span>{formatMoney({ amount: bucket.min, currency })} – {formatMoney({ amount: bucket.max, currency })}</span>
              <span className="facet-count">{bucket.count}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

export function RatingFacets({ facets, search, go }: { facets: Facets; search: URLSearchParams; go: Go }) {
  if (!facets.rating.length) return null;
  return (
    <fieldset>
      <legend>Rating</legend>
      <ul className="facet-list" aria-label="Ratings">
        {facets.rating.map((step) => {
          const chosen = search.get('rating') === String(step.atLeast);
          return (
            <li key={step.atLeast}>
              <button type="button" aria-pressed={chosen} onClick={() => go({ rating: chosen ? '' : String(step.atLeast) })}>
                <span>{step.atLeast} stars &amp; up</span>
                <span className="facet-count">{step.count}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
