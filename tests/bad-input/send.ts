// Sends the cases as each role and judges every answer: no 5xx, every 4xx a problem, none slower than 1 s.
import { request as httpRequest } from 'node:http';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { Case, Operation } from './cases.ts';

/** A guard against super-linear work (far above any normal answer), not a speed test. */
export const SLOW_MS = 1000;

export interface Verdict {
  label: string;
  status: number;
  ms: number;
  why: string;
}

export interface Answer {
  status: number;
  type: string;
  ms: number;
}

/** Why an answer fails the suite, or null when it passes. */
export function judge(answer: Answer): string | null {
  if (answer.status >= 500) return `a ${answer.status}`;
  if (answer.status >= 400 && !answer.type.startsWith('application/problem+json')) return `a ${answer.status} of type ${answer.type || 'none'}`;
  if (answer.ms > SLOW_MS) return `answered in ${Math.round(answer.ms)} ms`;
  return null;
}

/** One request over plain HTTP (fetch would resolve `%2e%2e` and refuse some headers); timed to the last byte. */
export function send(base: string, c: Pick<Case, 'method' | 'url' | 'headers' | 'body'>): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${c.url}`, { method: c.method, headers: c.headers, timeout: 30_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), ms: performance.now() - started }));
    });
    req.on('timeout', () => req.destroy(new Error(`${c.method} ${c.url.slice(0, 100)} got no answer in 30 s`)));
    req.on('error', reject);
    req.end(c.body);
  });
}

/**
 * A case whose change still leaves a valid body is skipped for writes: it would be a real request
 * (an address list emptied, an account made), not bad input.
 */
export function stillValid(operations: Operation[]): (c: Case, op: Operation) => boolean {
  const ajv = new Ajv({ strict: false, allErrors: false, coerceTypes: false });
  addFormats.default(ajv);
  const validators = new Map(operations.filter((op) => op.body).map((op) => [op, ajv.compile(op.body!)]));
  return (c, op) => {
    const validate = validators.get(op);
    return Boolean(validate && c.json !== undefined && c.method !== 'GET' && c.headers['content-type'] === 'application/json' && validate(c.json));
  };
}

/** Runs `work` over `items`, `width` at a time. */
export async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: width }, worker));
}
