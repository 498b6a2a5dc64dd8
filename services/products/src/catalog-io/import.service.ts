import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError, type Db } from '@emporium/kit';
import type { FastifyBaseLogger } from 'fastify';
import type { ReadCache } from '../products/read-cache.ts';
import * as repo from './catalog-io.repository.ts';
import type { JobCounts, RowError } from './catalog-io.repository.ts';
import { csvBatches, type CsvRow } from './csv-reader.ts';
import { missingColumns, readRow, type ImportFormat, type RowFields } from './csv-rows.ts';
import type { DiscountsClient } from './discounts.client.ts';
import { planBatch, type BatchPlan } from './import-plan.ts';

export interface ImportDeps {
  db: Db;
  cache: ReadCache;
  currency: string;
  discounts: DiscountsClient;
  log: FastifyBaseLogger;
  /** Imports still running on this instance: the app waits for them before it closes its database. */
  running: Set<Promise<void>>;
}

export interface ImportJob {
  id: string;
  format: ImportFormat;
  dryRun: boolean;
}

export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;
const BATCH_ROWS = 1000;
/** A running job whose instance recorded no batch for this long has lost it (a batch takes well under a second). */
const STALE_AFTER_SECONDS = 120;

/**
 * Takes the upload to a file of this instance's temporary folder (never whole in memory), records the job
 * and answers; the rows are read and written in the background, batch by batch, the job's row telling how
 * far it got to whoever asks, on any instance.
 */
export async function startImport(deps: ImportDeps, body: Readable, options: { format: ImportFormat; dryRun: boolean }): Promise<{ jobId: string }> {
  const job: ImportJob = { id: randomUUID(), ...options };
  const file = join(tmpdir(), `emporium-import-${job.id}.csv`);
  const bytes = await spool(body, file);
  await repo.insertJob(deps.db, job);
  const run = runJob(deps, job, file, bytes).finally(() => {
    deps.running.delete(run);
    return rm(file, { force: true });
  });
  deps.running.add(run);
  return { jobId: job.id };
}

export async function getImportJob(deps: Pick<ImportDeps, 'db'>, id: string) {
  const job = await repo.findJob(deps.db, id, STALE_AFTER_SECONDS);
  if (!job) throw new AppError('IMPORT.NOT_FOUND', 404, `No import job with id ${id}`);
  const { stale, id: _id, ...rest } = job;
  return stale ? { ...rest, status: 'failed' as const, message: 'The instance running this import stopped; import the file again (rows already imported are matched by sku)' } : rest;
}

async function spool(body: Readable, file: string): Promise<number> {
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > IMPORT_MAX_BYTES) done(new AppError('REQUEST.TOO_LARGE', 413, `An import file is at most ${IMPORT_MAX_BYTES} bytes`));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(body, limit, createWriteStream(file));
  } catch (err) {
    await rm(file, { force: true });
    throw err instanceof AppError ? err : new AppError('REQUEST.INCOMPLETE', 400, 'The upload ended before the whole file arrived');
  }
  if (bytes === 0) throw new AppError('REQUEST.INVALID', 400, 'The CSV file is empty: it needs a header row and rows of products');
  return bytes;
}

async function runJob(deps: ImportDeps, job: ImportJob, file: string, bytes: number): Promise<void> {
  try {
    const seen = new Map<string, number>();
    // One batch is written while the next is parsed: the database and this process work at the same time.
    let writing: Promise<void> = Promise.resolve();
    for await (const batch of csvBatches(createReadStream(file), BATCH_ROWS)) {
      const missing = missingColumns(job.format, batch.header);
      if (missing.length) throw new AppError('IMPORT.BAD_HEADER', 400, `The header row has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''} (format ${job.format})`);
      await writing;
      writing = importBatch(deps, job, batch.rows, seen, Math.min(1, batch.bytes / bytes));
      writing.catch(() => {}); // awaited above on the next round, or below
    }
    await writing;
    await repo.finishJob(deps.db, job.id, 'done', null);
  } catch (err) {
    const known = err instanceof AppError;
    if (!known) deps.log.error({ err, jobId: job.id }, 'import failed');
    const message = known ? err.message : 'The import stopped on an unexpected error; the rows before it were imported';
    await repo.finishJob(deps.db, job.id, 'failed', message).catch((e: unknown) => deps.log.error({ err: e }, 'could not record a failed import'));
  } finally {
    deps.cache.invalidate();
  }
}

type GoodRow = { row: number; fields: RowFields; discountPercent?: number };

/** Reads one batch's rows, writes the good ones (or only plans them, on a dry run) and records the batch on the job. */
async function importBatch(deps: ImportDeps, job: ImportJob, rows: CsvRow[], seen: Map<string, number>, progress: number): Promise<void> {
  const errors: RowError[] = [];
  const good: GoodRow[] = [];
  for (const csv of rows) {
    if ('error' in csv) {
      errors.push(csv.error);
      continue;
    }
    const reading = readRow(job.format, csv.cells, deps.currency);
    if (!reading.ok) errors.push({ row: csv.row, column: reading.column, message: reading.message });
    else if (seen.has(reading.fields.sku)) errors.push({ row: csv.row, column: job.format === 'amazon' ? 'product_id' : 'sku', message: `sku ${reading.fields.sku} is also on row ${seen.get(reading.fields.sku)}; a file names each sku once` });
    else {
      seen.set(reading.fields.sku, csv.row);
      good.push({ row: csv.row, fields: reading.fields, discountPercent: reading.discountPercent });
    }
  }
  const { plan, counts, taken } = await writeRows(deps, job, good);
  counts.rows = rows.length;
  for (const sku of taken) {
    errors.push({ row: seen.get(sku)!, column: job.format === 'amazon' ? 'product_id' : 'sku', message: `another product took sku ${sku} while this file was imported; import it again` });
  }
  if (job.format === 'amazon') await applyDiscounts(deps, job, good.filter((g) => !taken.includes(g.fields.sku)), plan, counts, errors);
  counts.failed = errors.length;
  await deps.db.transaction((tx) => repo.recordBatch(tx, job.id, counts, progress, errors.sort((a, b) => a.row - b.row)));
  if (!job.dryRun) deps.cache.invalidate();
}

/** One transaction per batch: the rows of the skus are locked, compared, and the changed ones written. */
async function writeRows(deps: ImportDeps, job: ImportJob, good: GoodRow[]): Promise<{ plan: BatchPlan; counts: JobCounts; taken: string[] }> {
  const skus = good.map((g) => g.fields.sku);
  const fields = good.map((g) => g.fields);
  if (job.dryRun) {
    const plan = planBatch(fields, await repo.findBySkus(deps.db, skus, false), deps.currency);
    return { plan, taken: [], counts: { rows: 0, created: plan.creates.length, updated: plan.updates.length, failed: 0 } };
  }
  return deps.db.transaction(async (tx) => {
    const plan = planBatch(fields, await repo.findBySkus(tx, skus, true), deps.currency);
    const written = new Set(await repo.insertProducts(tx, plan.creates));
    await repo.updateProducts(tx, plan.updates);
    // A sku another writer took between our read and our insert (an import or a PATCH at the same moment).
    const taken = plan.creates.filter((c) => !written.has(c.sku)).map((c) => c.sku);
    return { plan, taken, counts: { rows: 0, created: written.size, updated: plan.updates.length, failed: 0 } };
  });
}

/**
 * The amazon format's discount percentages become each product's discount in force, in the discounts
 * service (its internal route; never its database). A row whose product was unchanged but whose discount
 * changes counts as updated; a discount the service refuses (a scheduled one is in the way) fails the row.
 */
async function applyDiscounts(deps: ImportDeps, job: ImportJob, good: GoodRow[], plan: BatchPlan, counts: JobCounts, errors: RowError[]) {
  const created = new Set(plan.creates.map((c) => c.id));
  const updated = new Set(plan.updates.map((u) => u.id));
  // A dry run cannot ask about products not created yet: creating the product would create its discount.
  const wanted = good.filter((g) => g.discountPercent !== undefined && !(job.dryRun && created.has(plan.idOfSku.get(g.fields.sku)!)));
  const rowOf = new Map(wanted.map((g) => [plan.idOfSku.get(g.fields.sku)!, g.row]));
  const results = await deps.discounts.setStanding(wanted.map((g) => ({ productId: plan.idOfSku.get(g.fields.sku)!, percent: g.discountPercent! })), job.dryRun);
  for (const result of results) {
    const isNew = created.has(result.productId);
    const isUpdated = updated.has(result.productId);
    if (result.status === 'refused') {
      errors.push({ row: rowOf.get(result.productId)!, column: 'discount_percentage', message: `the discount was refused: ${result.detail ?? 'no reason given'}` });
      if (isNew) counts.created--;
      else if (isUpdated) counts.updated--;
    } else if (result.status !== 'unchanged' && !isNew && !isUpdated) {
      counts.updated++;
    }
  }
}
