// Categories as links a shopper can see and tap (not only a dropdown): each with how many products it
// has, the current one marked. A category link keeps the search and sort, and starts the list again.
import { Link } from 'react-router';
import { products as productsApi } from '../../api/endpoints.ts';
import { useLoad } from '../../data.ts';

export function categoryHref(search: URLSearchParams, category: string | null): string {
  const next = new URLSearchParams(search);
  if (category) next.set('category', category);
  else next.delete('category');
  return `/${next.size ? `?${next}` : ''}`;
}

export function CategoryNav({ search }: { search: URLSearchParams }) {
  const categories = useLoad(['categories'], () => productsApi.categories());
  const current = search.get('category');
  const items = categories.data?.items ?? [];
  if (!items.length) return null;
  return (
    <nav className="category-nav" aria-label="Categories">
      <Link to={categoryHref(search, null)} className="chip" aria-current={current ? undefined : 'page'}>All</Link>
      {items.map((category) => (
        <Link key={category.name} to={categoryHref(search, category.name)} className="chip"
          aria-current={category.name === current ? 'page' : undefined}>
          {category.name} <span className="chip-count">{category.productCount}</span>
        </Link>
      ))}
    </nav>
  );
}
