import { Link } from 'react-router';

export function NotFound() {
  return (
    <section className="narrow">
      <h1>Page not found</h1>
      <p>That page does not exist. <Link to="/">Back to the shop</Link></p>
    </section>
  );
}
