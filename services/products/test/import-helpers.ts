import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestProducts } from './helpers.ts';

export interface Job {
  status: 'running' | 'done' | 'failed';
  rows: number;
  created: number;
  updated: number;
  failed: number;
  errors: { row: number; column: string; message: string }[];
  progress: number;
  message: string | null;
}

/** Polls a job until it is no longer running (a deadline bounds a broken run, never a slow machine's). */
export async function jobUntilFinished(get: (path: string) => Promise<{ statusCode: number; body: string }>, jobId: string): Promise<Job> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await get(`/api/products/import/${jobId}`);
    assert.equal(res.statusCode, 200, res.body);
    const job = JSON.parse(res.body) as Job;
    if (job.status !== 'running') return job;
    if (Date.now() > deadline) throw new Error(`import ${jobId} still running: ${res.body}`);
    await sleep(20);
  }
}

/** Posts a CSV body to the import as an employee and waits for its job to finish. */
export async function importCsv(t: TestProducts, csv: string | Buffer, query = ''): Promise<Job> {
  const res = await t.app.inject({
    method: 'POST', url: `/api/products/import${query ? `?${query}` : ''}`, headers: { ...t.as.employee, 'content-type': 'text/csv' }, payload: csv,
  });
  assert.equal(res.statusCode, 202, res.body);
  const { jobId } = res.json();
  return jobUntilFinished((path) => t.app.inject({ url: path, headers: t.as.employee }), jobId);
}

export async function exportCsv(t: TestProducts): Promise<string> {
  const res = await t.app.inject({ url: '/api/products/export', headers: t.as.employee });
  assert.equal(res.statusCode, 200, res.body);
  assert.match(res.headers['content-type'] as string, /^text\/csv/);
  return res.body;
}

/** The catalog as a shopper sees it, without what a database makes up (ids, times), in sku order. */
export async function catalogOf(t: TestProducts) {
  const items: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Record<string, unknown>[]; nextCursor: string | null } = (await t.app.inject({ url: `/api/products?limit=100${cursor ? `&cursor=${cursor}` : ''}` })).json();
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items
    .map(({ id: _i, createdAt: _c, updatedAt: _u, ...rest }) => rest)
    .sort((a, b) => String(a.sku).localeCompare(String(b.sku)));
}
