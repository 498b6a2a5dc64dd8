// Adding a product to the cart from a product page or a product card, never beyond its stock.
import type { Product } from '../api/types.ts';
import { addedText } from './cart.ts';
import { useCart } from './CartContext.tsx';

/** Adds `quantity` of the product and answers what happened, in the shop's words. */
export function useAddToCart(): (product: Product, quantity: number) => string {
  const cart = useCart();
  return (product, quantity) => {
    const { before, after } = cart.add({
      productId: product.id, name: product.name, image: product.images[0] ?? null, quantity,
      unitPrice: product.price, unitDiscountedPrice: product.discountedPrice, stock: product.stock,
    });
    return addedText(product.name, quantity, before, after);
  };
}
