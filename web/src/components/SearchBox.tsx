// The storefront's search box: as one types, up to 8 products whose names match (the API's suggest),
// in a listbox under it (the ARIA combobox pattern: arrows move, Enter opens, Escape closes).
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { products as productsApi } from '../api/endpoints.ts';
import type { Suggestions } from '../api/types.ts';

const DEBOUNCE_MS = 150;

/** The suggestions for what is typed, a moment after typing stops; older answers never replace newer ones. */
function useSuggestions(query: string): Suggestions['items'] {
  const [items, setItems] = useState<Suggestions['items']>([]);
  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setItems([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      productsApi.suggest(q).then((answer) => current && setItems(answer.items), () => current && setItems([]));
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);
  return items;
}

export function SearchBox({ query, setQuery }: { query: string; setQuery: (q: string) => void }) {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const items = useSuggestions(query);
  const shown = open && items.length > 0;
  useEffect(() => setActive(-1), [items]);

  const openProduct = (id: string) => {
    setOpen(false);
    navigate(`/products/${encodeURIComponent(id)}`);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') setOpen(false);
    else if (event.key === 'ArrowDown' && items.length) {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (i + 1) % items.length);
    } else if (event.key === 'ArrowUp' && items.length) {
      event.preventDefault();
      setActive((i) => (i <= 0 ? items.length - 1 : i - 1));
    } else if (event.key === 'Enter' && shown && active >= 0) {
      event.preventDefault();
      openProduct(items[active].id);
    }
  };

  return (
    <div className="search-box">
      <label htmlFor="site-search" className="visually-hidden">Search products</label>
      <input
        id="site-search" type="search" placeholder="Search products" autoComplete="off" value={query}
        role="combobox" aria-expanded={shown} aria-controls="search-suggestions" aria-autocomplete="list"
        aria-activedescendant={shown && active >= 0 ? `suggestion-${active}` : undefined}
        onChange={(e) => { setQuery(e.target.value); setOpen(true); }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      <ul id="search-suggestions" role="listbox" aria-label="Suggestions" className="search-suggestions" hidden={!shown}>
        {items.map((item, i) => (
          <li key={item.id} id={`suggestion-${i}`} role="option" aria-selected={i === active} onMouseDown={(e) => { e.preventDefault(); openProduct(item.id); }}>
            {item.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
