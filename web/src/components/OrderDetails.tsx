// What an order contains and where it goes; shared by the customer's and the employee's views. What it
// costs, line by line, is the Breakdown beside it.
import type { Order } from '../api/types.ts';
import { formatMoney, formatPercent } from '../format.ts';
import { Link } from 'react-router';
import { addressText } from './AddressFields.tsx';
import { ProductImage } from './ProductImage.tsx';

export function OrderLines({ order, linkProducts }: { order: Order; linkProducts?: boolean }) {
  const reviewable = linkProducts && order.status !== 'cancelled';
  return (
    <table className="order-lines">
      <thead>
        <tr><th scope="col">Item</th><th scope="col">Qty</th><th scope="col">Price</th><th scope="col">Total</th></tr>
      </thead>
      <tbody>
        {order.items.map((line) => (
          <tr key={line.productId}>
            <td className="order-line-name">
              <ProductImage className="cart-thumb" src={line.image} alt="" />
              {linkProducts ? <Link to={`/products/${encodeURIComponent(line.productId)}`}>{line.name}</Link> : <span>{line.name}</span>}
              {reviewable ? <Link className="review-link" to={`/products/${encodeURIComponent(line.productId)}#reviews`} aria-label={`Review ${line.name}`}>Review</Link> : null}
            </td>
            <td>{line.quantity}</td>
            <td>
              {formatMoney(line.unitDiscountedPrice)}
              {line.discountPercent ? <span className="muted"> (-{formatPercent(line.discountPercent)}, was {formatMoney(line.unitPrice)})</span> : null}
            </td>
            <td>{formatMoney(line.lineTotal)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ShippingTo({ order }: { order: Order }) {
  return (
    <p className="ship-to"><strong>Ships to:</strong> {addressText(order.shippingAddress)}</p>
  );
}
