// The storefront's top bar: brand, search, cart and account.
import { useEffect, useState, type FormEvent } from 'react';
import { isStaff, useAuth } from '../auth/AuthContext.tsx';
import { useCart } from '../cart/CartContext.tsx';
import { Link, navigate, useLocation } from '../router.tsx';

export function Header() {
  const { user, logout } = useAuth();
  const { count } = useCart();
  const location = useLocation();
  const urlQuery = location.path === '/' ? (location.search.get('q') ?? '') : '';
  const [query, setQuery] = useState(urlQuery);
  useEffect(() => setQuery(urlQuery), [urlQuery]);

  const search = (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams(location.path === '/' ? location.search : undefined);
    if (query.trim()) params.set('q', query.trim());
    else params.delete('q');
    navigate(`/${params.size ? `?${params}` : ''}`);
  };

  return (
    <header className="site-header">
      <div className="header-inner">
        <Link href="/" className="brand">Emporium</Link>
        <form className="header-search" role="search" onSubmit={search}>
          <label htmlFor="site-search" className="visually-hidden">Search products</label>
          <input id="site-search" type="search" placeholder="Search products" value={query} onChange={(e) => setQuery(e.target.value)} />
          <button type="submit">Search</button>
        </form>
        <nav className="header-nav" aria-label="Account">
          {isStaff(user) ? <Link href="/console">Console</Link> : null}
          {user ? <Link href="/orders">My orders</Link> : null}
          {user ? <Link href="/account">Account</Link> : <Link href="/login">Log in</Link>}
          {user ? (
            <button type="button" className="link-button" onClick={() => void logout().then(() => navigate('/'))}>Log out</button>
          ) : null}
          <Link href="/cart" className="cart-link" aria-label={`Cart, ${count} item${count === 1 ? '' : 's'}`}>
            Cart <span className="cart-count" aria-hidden="true">{count}</span>
          </Link>
        </nav>
      </div>
    </header>
  );
}
