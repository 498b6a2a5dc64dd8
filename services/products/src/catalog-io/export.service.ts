import { Readable } from 'node:stream';
import type { Queryable } from '@emporium/kit';
import { stringify } from 'csv-stringify';
import * as repo from './catalog-io.repository.ts';
import { EMPORIUM_COLUMNS } from './csv-rows.ts';
import { formatPrice } from './prices.ts';

const BATCH = 1000;

/**
 * Every listed product as CSV in the import's own format (so an export imports back unchanged), oldest
 * first. The table is walked in keyset batches and each batch is written out before the next is read:
 * memory stays at one batch whatever the catalog's size.
 */
export function exportCsv(db: Queryable): Readable {
  return Readable.from(rowsOf(db)).pipe(stringify({ header: true, columns: [...EMPORIUM_COLUMNS] }));
}

async function* rowsOf(db: Queryable): AsyncGenerator<string[]> {
  let after = 0;
  for (;;) {
    const batch = await repo.exportBatch(db, after, BATCH);
    for (const p of batch) {
      // A "|" inside a URL would split it in two on the way back: written as %7C, which means the same.
      const urls = (list: string[]) => list.map((u) => u.replace(/\|/g, '%7C')).join('|');
      yield [p.sku ?? '', p.name, p.description, p.category, formatPrice(p.priceAmount, p.currency), String(p.stock), urls(p.images), urls(p.links)];
    }
    if (batch.length < BATCH) return;
    after = batch[batch.length - 1].seq;
  }
}
