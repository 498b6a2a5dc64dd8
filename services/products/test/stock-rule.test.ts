import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { findProducts, insertProduct, markDeleted } from '../src/products/products.repository.ts';
import { takeStockBatch as takeStockInSql } from '../src/reservations/reservations.repository.ts';
import { takeStockBatch, type StockRequest, type StockState } from '../src/reservations/stock-rule.ts';
import { startProducts, type TestProducts } from './helpers.ts';

// Four products (one may be deleted) and one id that names none; reservation ids from a small pool, so
// that the same id comes back within a batch and across batches.
const product = fc.record({ stock: fc.nat({ max: 8 }), deleted: fc.constantFrom(false, false, false, true) });
const lines = fc.uniqueArray(fc.record({ slot: fc.nat({ max: 4 }), quantity: fc.integer({ min: 1, max: 6 }) }), {
  selector: (line) => line.slot, minLength: 1, maxLength: 4,
});
const request = fc.record({ id: fc.nat({ max: 7 }), commit: fc.boolean(), lines });
const batches = fc.array(fc.array(request, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 });

describe('products: take_stock_batch and the stock rule in TypeScript agree', () => {
  let t: TestProducts;
  before(async () => {
    t = await startProducts({ RESERVATION_SWEEP_MS: '600000' });
  });
  after(() => t.close());

  async function createProducts(shapes: { stock: number; deleted: boolean }[]): Promise<StockState> {
    const state: StockState = { products: new Map(), reservations: new Map() };
    for (const [i, shape] of shapes.entries()) {
      const id = randomUUID();
      await insertProduct(t.db, id, {
        sku: null, name: `P${i}`, description: '', category: 'c', images: [], links: [], priceAmount: 100, currency: 'USD', stock: shape.stock, discountedAmount: 100,
      });
      if (shape.deleted) await markDeleted(t.db, id);
      state.products.set(id, { id, name: `P${i}`, stock: shape.stock, deleted: shape.deleted });
    }
    return state;
  }

  test('on random batches, every answer and the stock left are the same, and stock never goes below zero', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(product, { minLength: 4, maxLength: 4 }), batches, async (shapes, rounds) => {
        let state = await createProducts(shapes);
        const ids = [...state.products.keys(), `unknown-${randomUUID()}`];
        const prefix = randomUUID();
        for (const round of rounds) {
          const requests: StockRequest[] = round.map((r) => ({
            reservationId: `${prefix}-${r.id}`, commit: r.commit, lines: r.lines.map((l) => ({ productId: ids[l.slot], quantity: l.quantity })),
          }));
          const model = takeStockBatch(state, requests);
          const sql = await takeStockInSql(t.db, requests.map((r) => ({ ...r, ttlSeconds: 120 })));
          assert.deepEqual(
            sql.map((answer, i) => ({
              reservationId: answer.reservation?.id ?? requests[i].reservationId,
              outcome: answer.outcome,
              status: answer.reservation?.status ?? null,
              products: answer.products,
            })),
            model.decisions,
          );
          state = model.state;
          const stored = await findProducts(t.db, ids.slice(0, 4));
          assert.deepEqual(new Map(stored.map((p) => [p.id, p.stock])), new Map([...state.products].map(([id, p]) => [id, p.stock])));
          assert.ok(stored.every((p) => p.stock >= 0));
        }
      }),
      { numRuns: 60 },
    );
  });
});
