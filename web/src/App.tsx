// Which screen a path shows. The storefront lives at /, the employee console under /console.
import { useEffect } from 'react';
import { Outlet, Route, Routes, useLocation, useNavigationType, useParams, useSearchParams } from 'react-router';
import { Header } from './components/Header.tsx';
import { RequireUser } from './components/RequireUser.tsx';
import { VerifyEmailBanner } from './components/VerifyEmailBanner.tsx';
import { ConsoleRoutes } from './pages/console/ConsoleApp.tsx';
import { AccountPage } from './pages/store/AccountPage.tsx';
import { LoginPage, RegisterPage } from './pages/store/AuthPages.tsx';
import { CartPage } from './pages/store/CartPage.tsx';
import { CatalogPage } from './pages/store/CatalogPage.tsx';
import { CheckoutPage } from './pages/store/CheckoutPage.tsx';
import { NotFound } from './pages/store/NotFound.tsx';
import { OrderPage, type Arrival } from './pages/store/OrderPage.tsx';
import { OrdersPage } from './pages/store/OrdersPage.tsx';
import { ForgotPasswordPage, ResetPasswordPage } from './pages/store/PasswordPages.tsx';
import { PayPage } from './pages/store/PayPage.tsx';
import { ProductPage } from './pages/store/ProductPage.tsx';
import { VerifyEmailPage } from './pages/store/VerifyEmailPage.tsx';

/** A new page starts at its top; going back, or changing a filter in place, keeps the scroll. */
function ScrollToTopOnPush() {
  const { pathname } = useLocation();
  const type = useNavigationType();
  useEffect(() => {
    if (type === 'PUSH') window.scrollTo(0, 0);
  }, [pathname, type]);
  return null;
}

function StoreFrame() {
  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <Header />
      <VerifyEmailBanner />
      <main id="main" className="page"><Outlet /></main>
      <footer className="site-footer">
        <span>Emporium · an open shop</span>
        <a href="/docs">API docs</a>
      </footer>
    </>
  );
}

// Screens take plain props; these read them from the address.
const Catalog = () => <CatalogPage search={useSearchParams()[0]} />;
function Login() {
  const [search] = useSearchParams();
  return <LoginPage next={search.get('next')} passwordReset={search.get('reset') === 'done'} />;
}
const Register = () => <RegisterPage next={useSearchParams()[0].get('next')} />;
const Product = () => <ProductPage id={useParams().id!} />;
function Order() {
  const [search] = useSearchParams();
  const arrival: Arrival = (['placed', 'paid', 'transfer'] as const).find((step) => search.has(step)) ?? null;
  return <OrderPage id={useParams().id!} arrival={arrival} />;
}
const Pay = () => <PayPage id={useParams().id!} justPlaced={useSearchParams()[0].has('placed')} />;
// The emailed links (SHOP_URL/reset-password?token=, SHOP_URL/verify-email?token=) land on these.
const ResetPassword = () => <ResetPasswordPage token={useSearchParams()[0].get('token')} />;
const VerifyEmail = () => <VerifyEmailPage token={useSearchParams()[0].get('token')} />;

export function App() {
  return (
    <>
      <ScrollToTopOnPush />
      <Routes>
        <Route path="/console/*" element={<RequireUser><ConsoleRoutes /></RequireUser>} />
        <Route element={<StoreFrame />}>
          <Route index element={<Catalog />} />
          <Route path="products/:id" element={<Product />} />
          <Route path="cart" element={<CartPage />} />
          <Route path="login" element={<Login />} />
          <Route path="register" element={<Register />} />
          <Route path="forgot-password" element={<ForgotPasswordPage />} />
          <Route path="reset-password" element={<ResetPassword />} />
          <Route path="verify-email" element={<VerifyEmail />} />
          <Route element={<RequireUser><Outlet /></RequireUser>}>
            <Route path="checkout" element={<CheckoutPage />} />
            <Route path="account" element={<AccountPage />} />
            <Route path="orders" element={<OrdersPage />} />
            <Route path="orders/:id" element={<Order />} />
            <Route path="orders/:id/pay" element={<Pay />} />
          </Route>
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </>
  );
}
