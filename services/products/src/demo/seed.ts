import { randomUUID } from 'node:crypto';
import type { Db } from '@emporium/kit';
import type { FastifyBaseLogger } from 'fastify';
import { insertProduct } from '../products/products.repository.ts';
import { DEMO_PRODUCTS, imageFilesOf, type DemoProduct } from './catalog.ts';
import { countProducts, takeSeedLock } from './demo.repository.ts';

/** Category by category in turn, so the newest-first front page shows a mix. */
export function interleaved(products: DemoProduct[]): DemoProduct[] {
  const byCategory = new Map<string, DemoProduct[]>();
  for (const product of products) byCategory.set(product.category, [...(byCategory.get(product.category) ?? []), product]);
  const queues = [...byCategory.values()];
  const out: DemoProduct[] = [];
  for (let i = 0; out.length < products.length; i++) {
    for (const queue of queues) if (queue[i]) out.push(queue[i]);
  }
  return out;
}

/** A stable code per demo product (its place in the catalog file), so an export of the demo shop imports back by sku. */
const demoSku = (product: DemoProduct) => `DEMO-${String(DEMO_PRODUCTS.indexOf(product) + 1).padStart(3, '0')}`;

/** Fills an empty catalog with the demo products, once: a database that has products is left alone. */
export async function seedDemoCatalog(db: Db, currency: string, log: FastifyBaseLogger): Promise<number> {
  const seeded = await db.transaction(async (tx) => {
    await takeSeedLock(tx);
    if ((await countProducts(tx)) > 0) return 0;
    for (const product of interleaved(DEMO_PRODUCTS)) {
      await insertProduct(tx, randomUUID(), {
        sku: demoSku(product),
        name: product.name,
        description: product.description,
        category: product.category,
        images: imageFilesOf(product).map((file) => `/images/products/${file}`),
        links: [],
        priceAmount: product.price,
        currency,
        stock: product.stock,
        discountedAmount: product.price,
      });
    }
    return DEMO_PRODUCTS.length;
  });
  if (seeded > 0) log.info({ products: seeded }, 'seeded the demo catalog');
  return seeded;
}
