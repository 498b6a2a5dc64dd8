// Which screen a path shows. The storefront lives at /, the employee console under /console.
import { ConsoleApp } from './pages/console/ConsoleApp.tsx';
import { Header } from './components/Header.tsx';
import { AccountPage } from './pages/store/AccountPage.tsx';
import { CartPage } from './pages/store/CartPage.tsx';
import { CatalogPage } from './pages/store/CatalogPage.tsx';
import { CheckoutPage } from './pages/store/CheckoutPage.tsx';
import { LoginPage, RegisterPage } from './pages/store/AuthPages.tsx';
import { NotFound } from './pages/store/NotFound.tsx';
import { OrderPage } from './pages/store/OrderPage.tsx';
import { OrdersPage } from './pages/store/OrdersPage.tsx';
import { ProductPage } from './pages/store/ProductPage.tsx';
import { match, useLocation, type Location } from './router.tsx';

function storePage(location: Location) {
  const { path } = location;
  if (path === '/') return <CatalogPage search={location.search} />;
  const product = match('/products/:id', path);
  if (product) return <ProductPage id={product.id} />;
  if (path === '/cart') return <CartPage />;
  if (path === '/checkout') return <CheckoutPage />;
  if (path === '/login') return <LoginPage next={location.search.get('next')} />;
  if (path === '/register') return <RegisterPage next={location.search.get('next')} />;
  if (path === '/account') return <AccountPage />;
  if (path === '/orders') return <OrdersPage />;
  const order = match('/orders/:id', path);
  if (order) return <OrderPage id={order.id} />;
  return <NotFound />;
}

export function App() {
  const location = useLocation();
  if (location.path === '/console' || location.path.startsWith('/console/')) return <ConsoleApp location={location} />;
  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <Header />
      <main id="main" className="page">{storePage(location)}</main>
      <footer className="site-footer">
        <span>Emporium · an open shop</span>
        <a href="/docs">API docs</a>
      </footer>
    </>
  );
}
