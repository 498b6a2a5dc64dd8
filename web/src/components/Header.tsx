// The storefront's top bar: brand, search, cart and account.
import { useEffect, useState, type FormEvent } from 'react';
import { isStaff, useAuth } from '../auth/AuthContext.tsx';
import { useCart } from '../cart/CartContext.tsx';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { SearchBox } from './SearchBox.tsx';

export function Header() {
  const { user, logout } = useAuth();
  const { count } = useCart();
  const { pathname } = useLocation();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const urlQuery = pathname === '/' ? (searchParams.get('q') ?? '') : '';
  const [query, setQuery] = useState(urlQuery);
  useEffect(() => setQuery(urlQuery), [urlQuery]);

  const search = (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams(pathname === '/' ? searchParams : undefined);
    if (query.trim()) params.set('q', query.trim());
    else params.delete('q');
    navigate(`/${params.size ? `?${params}` : ''}`);
  };

  return (
    <header className="site-header">
      <div className="header-inner">
        <Link to="/" className="brand">Emporium</Link>
        <form className="header-search" role="search" onSubmit={search}>
          <SearchBox query={query} setQuery={setQuery} />
          <button type="submit">Search</button>
        </form>
        <nav className="header-nav" aria-label="Account">
          {isStaff(user) ? <Link to="/console">Console</Link> : null}
          {user ? <Link to="/orders">My orders</Link> : null}
          {user ? <Link to="/account">Account</Link> : <Link to="/login">Log in</Link>}
          {user ? (
            <button type="button" className="link-button" onClick={() => void logout().then(() => navigate('/'))}>Log out</button>
          ) : null}
          <Link to="/cart" className="cart-link" aria-label={`Cart, ${count} item${count === 1 ? '' : 's'}`}>
            Cart <span className="cart-count" aria-hidden="true">{count}</span>
          </Link>
        </nav>
      </div>
    </header>
  );
}
