// Products table with search, and the way to create, edit and delete.
import { useState, type FormEvent } from 'react';
import { products as productsApi } from '../../api/endpoints.ts';
import { Empty, ErrorNotice, Loading } from '../../components/Notice.tsx';
import { ProductTable } from './ProductTable.tsx';
import { useAction } from '../../hooks.ts';
import { usePagedList } from '../../data.ts';
import { Link } from 'react-router';

export function ProductsConsolePage() {
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const list = usePagedList(['products', 'console', q], (cursor) => productsApi.list({ q, sort: 'name', limit: 50, cursor }));
  const remove = useAction();
  const search = (event: FormEvent) => {
    event.preventDefault();
    setQ(draft.trim());
  };
  const deleteProduct = (id: string, name: string) =>
    void remove.run(async () => {
      if (!window.confirm(`Delete "${name}"? It leaves the shop; past orders keep their copy.`)) return;
      await productsApi.remove(id);
      list.editItems((item) => (item.id === id ? null : item));
    });

  return (
    <section>
      <div className="console-title">
        <h1>Products</h1>
        <Link to="/console/products/new" className="button primary">New product</Link>
      </div>
      <form className="inline-form" role="search" onSubmit={search}>
        <label htmlFor="product-search">Search products</label>
        <input id="product-search" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit">Search</button>
      </form>
      <ErrorNotice error={list.error ?? remove.error} retry={list.reload} />
      {list.loading && !list.items.length ? <Loading /> : null}
      {!list.loading && !list.items.length && !list.error ? <Empty>No products found.</Empty> : null}
      {list.items.length ? <ProductTable products={list.items} onDelete={deleteProduct} /> : null}
      {list.nextCursor ? <button type="button" className="secondary" onClick={list.loadMore} disabled={list.loading}>Load more</button> : null}
    </section>
  );
}
