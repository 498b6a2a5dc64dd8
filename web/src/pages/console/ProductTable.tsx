// Products as rows: name, category, price (and discounted price), stock, rating, actions.
import type { Product } from '../../api/types.ts';
import { LOW_STOCK } from '../../components/StockState.tsx';
import { formatMoney, formatPercent } from '../../format.ts';
import { Link } from 'react-router';

interface ProductTableProps {
  products: Product[];
  onDelete?: (id: string, name: string) => void;
}

export function ProductTable({ products, onDelete }: ProductTableProps) {
  return (
    <div className="table-scroll">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Name</th><th scope="col">Category</th><th scope="col">Price</th>
            <th scope="col">Stock</th><th scope="col">Rating</th><th scope="col"><span className="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {products.map((product) => (
            <tr key={product.id} data-testid="console-product-row">
              <td><Link to={`/console/products/${encodeURIComponent(product.id)}`}>{product.name}</Link></td>
              <td>{product.category}</td>
              <td>
                {formatMoney(product.discountedPrice)}
                {product.discount ? <span className="muted"> (-{formatPercent(product.discount.percent)} of {formatMoney(product.price)})</span> : null}
              </td>
              <td className={product.stock <= LOW_STOCK ? 'low' : ''}>{product.stock}</td>
              <td>{product.rating.count ? `${product.rating.average.toFixed(1)} (${product.rating.count})` : '–'}</td>
              <td>
                <span className="row-actions">
                  <Link to={`/console/products/${encodeURIComponent(product.id)}`}>Edit</Link>
                  {onDelete ? <button type="button" className="link-button danger-text" onClick={() => onDelete(product.id, product.name)}>Delete</button> : null}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
