// Traces with OTEL_EXPORTER_OTLP_ENDPOINT set: a request that arrives with a traceparent, answered by one
// service that calls another over HTTP, which reads its database. A stand-in collector receives the spans.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}

const received: OtlpSpan[] = [];
const collector: Server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const batch = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
    for (const r of batch.resourceSpans) for (const s of r.scopeSpans) received.push(...s.spans);
    res.setHeader('content-type', 'application/json');
    res.end('{}');
  });
});
await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
// Before the kit is loaded: tracing is decided once per process, at the first service built.
process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
const { buildService, createPeer, createServiceCredential, flushTracing, generateServiceSecret, tracingEnabled } = await import('../src/index.ts');
const { openTestDb } = await import('../src/testing.ts');
type App = import('../src/index.ts').App;
type Db = import('../src/index.ts').Db;

describe('traces across two services', () => {
  let front: App;
  let back: App;
  let db: Db;
  let cleanup: () => Promise<void>;
  const credential = createServiceCredential({ service: 'front', secret: generateServiceSecret() });

  before(async () => {
    const t = await openTestDb();
    db = t.db;
    cleanup = t.cleanup;
    back = await buildService({ name: 'back', logLevel: 'silent', db: { ...db, close: async () => {} } });
    back.get('/stock', async () => (await db.query('SELECT 42 AS n'))[0]);
    await back.listen({ port: 0, host: '127.0.0.1' });
    const peer = createPeer({ name: 'back', credential, url: `http://127.0.0.1:${(back.server.address() as AddressInfo).port}` });
    front = await buildService({ name: 'front', logLevel: 'silent' });
    front.get('/page', async () => (await peer.request({ method: 'GET', path: '/stock' })).body);
    front.addHook('onClose', async () => peer.close());
  });
  after(async () => {
    await front.close();
    await back.close();
    await db.close();
    await cleanup();
    collector.close();
  });

  test('one trace from the caller through both services to the database, each span the child of the one before', async () => {
    assert.ok(tracingEnabled());
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    const res = await front.inject({ url: '/page', headers: { traceparent: `00-${traceId}-${callerSpan}-01` } });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { n: 42 });
    await flushTracing();
    const spans = received.filter((s) => s.traceId === traceId);
    const named = (name: string) => {
      const span = spans.find((s) => s.name === name);
      assert.ok(span, `a span ${name} among ${spans.map((s) => s.name).join(', ')}`);
      return span;
    };
    const frontServer = named('GET /page');
    const call = named('GET back');
    const backServer = named('GET /stock');
    const query = named('db SELECT');
    assert.equal(frontServer.parentSpanId, callerSpan);
    assert.equal(call.parentSpanId, frontServer.spanId);
    assert.equal(backServer.parentSpanId, call.spanId, 'the traceparent went out with the call');
    assert.equal(query.parentSpanId, backServer.spanId);
  });
});
