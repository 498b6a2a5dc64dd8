// The employee console: its own frame and navigation, open to employees and admins only.
import { Link, Route, Routes, useLocation, useNavigate, useParams } from 'react-router';
import { isStaff, useAuth } from '../../auth/AuthContext.tsx';
import { ImportPage } from './ImportPage.tsx';
import { LowStockPage } from './LowStockPage.tsx';
import { MailPage } from './MailPage.tsx';
import { OrderConsolePage } from './OrderConsolePage.tsx';
import { OrdersConsolePage } from './OrdersConsolePage.tsx';
import { ProductEditPage } from './ProductEditPage.tsx';
import { ProductsConsolePage } from './ProductsConsolePage.tsx';
import { PromotionsPage } from './PromotionsPage.tsx';
import { ReviewsQueuePage } from './ReviewsQueuePage.tsx';
import { ShippingMethodsPage } from './ShippingMethodsPage.tsx';
import { TaxRatesPage } from './TaxRatesPage.tsx';
import { UsersPage } from './UsersPage.tsx';

const sections = [
  ['/console/products', 'Products'],
  ['/console/import', 'Import and export'],
  ['/console/low-stock', 'Low stock'],
  ['/console/orders', 'Orders'],
  ['/console/shipping', 'Shipping'],
  ['/console/tax-rates', 'Tax rates'],
  ['/console/promotions', 'Promotions'],
  ['/console/reviews', 'Reviews'],
  ['/console/mail', 'Outgoing mail'],
] as const;

const EditProduct = () => <ProductEditPage id={useParams().id!} />;
const Order = () => <OrderConsolePage id={useParams().id!} />;
const NothingHere = () => <p>Nothing here. <Link to="/console">Back to the console</Link></p>;

function ConsolePages({ isAdmin }: { isAdmin: boolean }) {
  return (
    <Routes>
      <Route index element={<ProductsConsolePage />} />
      <Route path="products" element={<ProductsConsolePage />} />
      <Route path="products/new" element={<ProductEditPage id={null} />} />
      <Route path="products/:id" element={<EditProduct />} />
      <Route path="import" element={<ImportPage />} />
      <Route path="low-stock" element={<LowStockPage />} />
      <Route path="orders" element={<OrdersConsolePage />} />
      <Route path="orders/:id" element={<Order />} />
      <Route path="shipping" element={<ShippingMethodsPage />} />
      <Route path="tax-rates" element={<TaxRatesPage />} />
      <Route path="promotions" element={<PromotionsPage />} />
      <Route path="reviews" element={<ReviewsQueuePage />} />
      <Route path="mail" element={<MailPage />} />
      {isAdmin ? <Route path="users" element={<UsersPage />} /> : null}
      <Route path="*" element={<NothingHere />} />
    </Routes>
  );
}

/** Shown inside RequireUser, so someone is signed in. */
export function ConsoleRoutes() {
  const { user, logout } = useAuth();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  if (!user || !isStaff(user)) {
    return (
      <main className="page narrow" id="main">
        <h1>Employees only</h1>
        <p>The console is for Emporium staff. <Link to="/">Back to the shop</Link></p>
      </main>
    );
  }
  const isAdmin = user.role === 'admin';
  const links = isAdmin ? [...sections, ['/console/users', 'Users'] as const] : sections;
  const active = (href: string) => pathname.startsWith(href) || (href === '/console/products' && pathname === '/console');
  return (
    <div className="console">
      <header className="console-header">
        <Link to="/console" className="brand">Emporium <span>console</span></Link>
        <nav aria-label="Console">
          {links.map(([href, label]) => (
            <Link key={href} to={href} aria-current={active(href) ? 'page' : undefined}>{label}</Link>
          ))}
        </nav>
        <div className="console-user">
          <span className="muted">{user.name} ({user.role})</span>
          <Link to="/">Storefront</Link>
          <button type="button" className="link-button" onClick={() => void logout().then(() => navigate('/'))}>Log out</button>
        </div>
      </header>
      <main className="console-main" id="main"><ConsolePages isAdmin={isAdmin} /></main>
    </div>
  );
}
