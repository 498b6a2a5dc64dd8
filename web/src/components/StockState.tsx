// "In stock", "Only 3 left" or "Out of stock".
export const LOW_STOCK = 5;

export function StockState({ stock, quiet }: { stock: number; quiet?: boolean }) {
  if (stock <= 0) return <span className="stock stock-out">Out of stock</span>;
  if (stock <= LOW_STOCK) return <span className="stock stock-low">Only {stock} left</span>;
  return quiet ? null : <span className="stock stock-ok">In stock</span>;
}
