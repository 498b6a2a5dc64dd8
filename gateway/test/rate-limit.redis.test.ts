// Needs a Redis server: `npm test` leaves this file out unless REDIS_URL is set
// (REDIS_URL=redis://127.0.0.1:6379 npx tsx scripts/test.ts redis; CI runs it so).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import type { App } from '@emporium/kit';
import { buildGateway } from './helpers.ts';

const REDIS_URL = process.env.REDIS_URL;
if (!REDIS_URL) throw new Error('REDIS_URL is not set: this test needs a Redis server (scripts/test.ts runs it only when REDIS_URL is set)');

/** Two gateway instances with a limit of 5 requests per client; the same client alternates between them. */
async function pair(env: Record<string, string>): Promise<App[]> {
  const common = { UPSTREAMS: '', RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_MS: '60000', ...env };
  return Promise.all([buildGateway(common), buildGateway(common)]);
}

async function answered(gateways: App[], requests: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < requests; i++) statuses.push((await gateways[i % 2].inject({ url: '/openapi.json' })).statusCode);
  return statuses;
}

describe('the rate limit with several gateway instances', () => {
  test('with REDIS_URL, a client that alternates between two gateways gets 5 requests in all, not 5 from each', async () => {
    const gateways = await pair({ REDIS_URL: REDIS_URL!, REDIS_KEY_PREFIX: `emporium-test-${randomBytes(6).toString('hex')}:` });
    try {
      const statuses = await answered(gateways, 8);
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429, 429]);
    } finally {
      await Promise.all(gateways.map((g) => g.close()));
    }
  });

  test('control: without REDIS_URL each gateway counts its own, so the same client gets 5 from each', async () => {
    const gateways = await pair({});
    try {
      const statuses = await answered(gateways, 12);
      assert.equal(statuses.filter((s) => s === 200).length, 10);
    } finally {
      await Promise.all(gateways.map((g) => g.close()));
    }
  });
});
