// A search that found nothing: say so, and offer the nearest spellings the catalog knows.
import { Link } from 'react-router';
import { products as productsApi } from '../../api/endpoints.ts';
import { Empty } from '../../components/Notice.tsx';
import { useLoad } from '../../data.ts';

export function NoResults({ search }: { search: URLSearchParams }) {
  const q = search.get('q')?.trim() ?? '';
  const spelling = useLoad(['spelling', q], () => (q ? productsApi.suggest(q) : Promise.resolve(null)));
  const nearer = spelling.data?.spelling;
  const withQuery = (text: string) => {
    const next = new URLSearchParams(search);
    next.set('q', text);
    return `/?${next}`;
  };
  return (
    <Empty>
      No products match{q ? ` “${q}”` : ''}. {nearer ? <>Did you mean <Link to={withQuery(nearer)}>“{nearer}”</Link>? </> : null}Try fewer filters or other words.
    </Empty>
  );
}
