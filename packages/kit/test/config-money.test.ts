import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Type } from 'typebox';
import { ConfigError, PeerUrls, baseConfig, cursorPart, decodeCursor, discountedAmount, encodeCursor, loadConfig, percentToBasisPoints } from '../src/index.ts';

describe('config', () => {
  const schema = { ...baseConfig, PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 8082 }) };

  test('defaults apply and numbers are converted', () => {
    const config = loadConfig(schema, { PORT: '9000', SERVICE_TOKEN_SECRET: 'x'.repeat(32) });
    assert.equal(config.PORT, 9000);
    assert.equal(config.HOST, '127.0.0.1');
    assert.equal(config.SHOP_CURRENCY, 'USD');
  });

  test('a peer URL variable takes one URL or several comma-separated, nothing else', () => {
    const schema = { PRODUCTS_URL: PeerUrls(8082) };
    assert.equal(loadConfig(schema, {}).PRODUCTS_URL, 'http://127.0.0.1:8082');
    assert.equal(loadConfig(schema, { PRODUCTS_URL: 'http://a:1,http://b:2' }).PRODUCTS_URL, 'http://a:1,http://b:2');
    for (const bad of ['a:1', 'http://a:1,', 'http://a:1, http://b:2', 'http://a:1,,http://b:2']) {
      assert.throws(() => loadConfig(schema, { PRODUCTS_URL: bad }), (err: Error) => err instanceof ConfigError && /PRODUCTS_URL/.test(err.message), bad);
    }
  });

  test('a bad value fails naming the variable', () => {
    assert.throws(() => loadConfig(schema, { PORT: 'eighty', SHOP_CURRENCY: 'dollars' }), (err: Error) => {
      assert.ok(err instanceof ConfigError);
      assert.match(err.message, /PORT/);
      assert.match(err.message, /SHOP_CURRENCY/);
      return true;
    });
  });

  test('a service without its service token secret, or with a short one, does not start', () => {
    for (const secret of [undefined, 'too-short']) {
      assert.throws(() => loadConfig(schema, { SERVICE_TOKEN_SECRET: secret }), (err: Error) => err instanceof ConfigError && /SERVICE_TOKEN_SECRET/.test(err.message));
    }
  });
});

describe('money', () => {
  test('discounted amount is round-half-up of price * (100 - percent) / 100', () => {
    assert.equal(discountedAmount(999, 2500), 749); // 749.25
    assert.equal(discountedAmount(10, 1500), 9); // 8.5 rounds up
    assert.equal(discountedAmount(12999, 0), 12999);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.integer({ min: 0, max: 9000 }), (amount, bps) => {
        const got = discountedAmount(amount, bps);
        const scaled = BigInt(amount) * BigInt(10_000 - bps);
        const halfUp = scaled / 10_000n + (scaled % 10_000n >= 5_000n ? 1n : 0n);
        return got >= 0 && got <= amount && BigInt(got) === halfUp;
      }),
    );
  });

  test('percents take at most two decimals', () => {
    assert.equal(percentToBasisPoints(12.5), 1250);
    assert.equal(percentToBasisPoints(33.33), 3333);
    assert.throws(() => percentToBasisPoints(12.345));
  });
});

describe('cursors', () => {
  test('round-trip and reject garbage with a 400', () => {
    const parts = [cursorPart.natural, cursorPart.id] as const;
    assert.deepEqual(decodeCursor(encodeCursor([1, 'a']), [...parts]), [1, 'a']);
    assert.equal(decodeCursor(undefined, [...parts]), null);
    assert.throws(() => decodeCursor('not-a-cursor', [...parts]), (err: { status: number }) => err.status === 400);
  });

  test('a value that fails its position\'s check, or a cursor of another length, is the same 400', () => {
    for (const values of [[-1, 'a'], [1.5, 'a'], ['1', 'a'], [1, ''], [1], [1, 'a', 2]]) {
      assert.throws(
        () => decodeCursor(encodeCursor(values), [cursorPart.natural, cursorPart.id]),
        (err: { status: number; code: string }) => err.status === 400 && err.code === 'REQUEST.INVALID_CURSOR',
        JSON.stringify(values),
      );
    }
  });
});
