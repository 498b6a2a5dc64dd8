// The employee console: its own frame and navigation, open to employees and admins only.
import { useEffect } from 'react';
import { isStaff, useAuth } from '../../auth/AuthContext.tsx';
import { Link, match, navigate, type Location } from '../../router.tsx';
import { LowStockPage } from './LowStockPage.tsx';
import { OrderConsolePage } from './OrderConsolePage.tsx';
import { OrdersConsolePage } from './OrdersConsolePage.tsx';
import { ProductEditPage } from './ProductEditPage.tsx';
import { ProductsConsolePage } from './ProductsConsolePage.tsx';
import { ReviewsQueuePage } from './ReviewsQueuePage.tsx';
import { UsersPage } from './UsersPage.tsx';

function consolePage(path: string, isAdmin: boolean) {
  if (path === '/console' || path === '/console/products') return <ProductsConsolePage />;
  if (path === '/console/products/new') return <ProductEditPage id={null} />;
  const product = match('/console/products/:id', path);
  if (product) return <ProductEditPage id={product.id} />;
  if (path === '/console/low-stock') return <LowStockPage />;
  if (path === '/console/orders') return <OrdersConsolePage />;
  const order = match('/console/orders/:id', path);
  if (order) return <OrderConsolePage id={order.id} />;
  if (path === '/console/reviews') return <ReviewsQueuePage />;
  if (path === '/console/users' && isAdmin) return <UsersPage />;
  return <p>Nothing here. <Link href="/console">Back to the console</Link></p>;
}

const sections = [
  ['/console/products', 'Products'],
  ['/console/low-stock', 'Low stock'],
  ['/console/orders', 'Orders'],
  ['/console/reviews', 'Reviews'],
] as const;

export function ConsoleApp({ location }: { location: Location }) {
  const { user, logout } = useAuth();
  useEffect(() => {
    if (!user) navigate(`/login?next=${encodeURIComponent(location.path)}`, { replace: true });
  }, [user, location.path]);
  if (!user) return null;
  if (!isStaff(user)) {
    return (
      <main className="page narrow" id="main">
        <h1>Employees only</h1>
        <p>The console is for Emporium staff. <Link href="/">Back to the shop</Link></p>
      </main>
    );
  }
  const isAdmin = user.role === 'admin';
  const links = isAdmin ? [...sections, ['/console/users', 'Users'] as const] : sections;
  const active = (href: string) => location.path.startsWith(href) || (href === '/console/products' && location.path === '/console');
  return (
    <div className="console">
      <header className="console-header">
        <Link href="/console" className="brand">Emporium <span>console</span></Link>
        <nav aria-label="Console">
          {links.map(([href, label]) => (
            <Link key={href} href={href} aria-current={active(href) ? 'page' : undefined}>{label}</Link>
          ))}
        </nav>
        <div className="console-user">
          <span className="muted">{user.name} ({user.role})</span>
          <Link href="/">Storefront</Link>
          <button type="button" className="link-button" onClick={() => void logout().then(() => navigate('/'))}>Log out</button>
        </div>
      </header>
      <main className="console-main" id="main">{consolePage(location.path, isAdmin)}</main>
    </div>
  );
}
