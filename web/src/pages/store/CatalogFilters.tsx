// Category, sort order and price range; all kept in the address bar so a filtered page can be shared.
import { useEffect, useState, type FormEvent } from 'react';
import { products as productsApi } from '../../api/endpoints.ts';
import { SelectField, TextField } from '../../components/Field.tsx';
import { getShopCurrency, parseMoneyInput } from '../../format.ts';
import { useLoad } from '../../data.ts';
import { useNavigate, type NavigateFunction } from 'react-router';
import type { Facets } from '../../api/types.ts';
import { PriceFacets, RatingFacets } from './FacetLists.tsx';

export const sortOptions = [
  ['newest', 'Newest'],
  ['price_asc', 'Price: low to high'],
  ['price_desc', 'Price: high to low'],
  ['rating', 'Best rated'],
  ['name', 'Name'],
] as const;

function go(navigate: NavigateFunction, search: URLSearchParams, changes: Record<string, string>) {
  const next = new URLSearchParams(search);
  for (const [key, value] of Object.entries(changes)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  navigate(`/${next.size ? `?${next}` : ''}`, { replace: true });
}

/** What is wrong with a typed price range, next to the field it concerns; a range upside down says so. */
export function priceRangeErrors(min: string, max: string, currency: string) {
  const low = parseMoneyInput(min, currency);
  const high = parseMoneyInput(max, currency);
  const shape = 'Enter a price like 25 or 25.50.';
  const minError = min.trim() && low === null ? shape : low !== null && high !== null && low > high ? 'The lowest price is above the highest. Swap them or change one.' : undefined;
  const maxError = max.trim() && high === null ? shape : undefined;
  return { minError, maxError };
}

export function CatalogFilters({ search, facets }: { search: URLSearchParams; facets?: Facets }) {
  const navigate = useNavigate();
  const categories = useLoad(['categories'], () => productsApi.categories());
  const [open, setOpen] = useState(false);
  const [min, setMin] = useState(search.get('min') ?? '');
  const [max, setMax] = useState(search.get('max') ?? '');
  useEffect(() => {
    setMin(search.get('min') ?? '');
    setMax(search.get('max') ?? '');
  }, [search]);

  const searching = Boolean(search.get('q'));
  const currency = getShopCurrency();
  const { minError, maxError } = priceRangeErrors(min, max, currency);
  const applyPrices = (event: FormEvent) => {
    event.preventDefault();
    if (!minError && !maxError) go(navigate, search, { min: min.trim(), max: max.trim() });
  };

  return (
    <aside className={`filters${open ? ' open' : ''}`} aria-label="Filters">
      <button type="button" className="filters-toggle secondary" aria-expanded={open} aria-controls="filters-body" onClick={() => setOpen(!open)}>
        {open ? 'Hide filters' : 'Filters and sorting'}
      </button>
      <div id="filters-body" className="filters-body">
      <SelectField label="Category" value={search.get('category') ?? ''} onChange={(e) => go(navigate, search, { category: e.target.value })}>
        <option value="">All categories</option>
        {categories.data?.items.map((category) => (
          // With facets, the count is what the current search and price would show in that category.
          <option key={category.name} value={category.name}>
            {category.name} ({facets ? (facets.categories.find((c) => c.name === category.name)?.count ?? 0) : category.productCount})
          </option>
        ))}
      </SelectField>
      {/* With a search, no sort means best match first; without one, newest (the API's defaults). */}
      <SelectField label="Sort by" value={search.get('sort') ?? (searching ? '' : 'newest')}
        onChange={(e) => go(navigate, search, { sort: e.target.value === 'newest' && !searching ? '' : e.target.value })}>
        {searching ? <option value="">Best match</option> : null}
        {sortOptions.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
      </SelectField>
      <form className="price-range" onSubmit={applyPrices}>
        <fieldset>
          <legend>Price ({currency})</legend>
          <div className="field-row">
            <TextField label="Min" inputMode="decimal" value={min} onChange={(e) => setMin(e.target.value)} error={minError} />
            <TextField label="Max" inputMode="decimal" value={max} onChange={(e) => setMax(e.target.value)} error={maxError} />
          </div>
          <button type="submit" className="secondary">Apply price</button>
          {facets ? <PriceFacets facets={facets} search={search} go={(changes) => go(navigate, search, changes)} /> : null}
        </fieldset>
      </form>
      {facets ? <RatingFacets facets={facets} search={search} go={(changes) => go(navigate, search, changes)} /> : null}
      {search.size ? <button type="button" className="link-button" onClick={() => navigate('/', { replace: true })}>Clear all filters</button> : null}
      </div>
    </aside>
  );
}
