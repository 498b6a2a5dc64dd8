import { randomUUID } from 'node:crypto';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { requestContext } from './context.ts';

/**
 * OpenTelemetry traces, exported over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set. Spans are made by
 * hand at the few places that matter (each request a service answers, each call to a peer or upstream,
 * each database statement, each event delivery) rather than by auto-instrumentation, whose require hooks
 * do not see into our bundled programs. Without the variable nothing here runs but a null check, the SDK
 * is never loaded (it stays outside the bundles, scripts/build.mjs), and the incoming `traceparent` is
 * still passed on unchanged, so a trace started outside stays whole.
 */
let tracer: Tracer | null = null;
let flush: (() => Promise<void>) | null = null;

/** Turns tracing on for this process when the environment asks for it; the first service name wins. */
export async function startTracing(serviceName: string, env: Record<string, string | undefined> = process.env): Promise<void> {
  if (tracer || !env.OTEL_EXPORTER_OTLP_ENDPOINT) return;
  const [{ BasicTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] = await Promise.all([
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
  ]);
  if (tracer) return;
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME || `emporium-${serviceName}` }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, '')}/v1/traces` }))],
  });
  flush = () => provider.forceFlush();
  tracer = provider.getTracer('emporium');
}

const TRACEPARENT = /^00-([\da-f]{32})-([\da-f]{16})-([\da-f]{2})$/;

/** The caller's span as a parent context (W3C trace context, version 00), or the root when there is none. */
function extract(headers: Record<string, unknown>): Context {
  const match = TRACEPARENT.exec(String(headers.traceparent ?? ''));
  if (!match || /^0+$/.test(match[1]) || /^0+$/.test(match[2])) return ROOT_CONTEXT;
  return trace.setSpanContext(ROOT_CONTEXT, { traceId: match[1], spanId: match[2], traceFlags: parseInt(match[3], 16) & 1, isRemote: true });
}

function inject(context: Context, headers: Record<string, string>): void {
  const span = trace.getSpanContext(context);
  if (span) headers.traceparent = `00-${span.traceId}-${span.spanId}-0${span.traceFlags & 1}`;
}

export const tracingEnabled = () => tracer !== null;

/** Sends what is buffered (tests, and a service on its way out). */
export async function flushTracing(): Promise<void> {
  await flush?.();
}

/**
 * Random hex digits (32) from a version 4 UUID: 122 random bits, drawn from node's cached entropy. Two
 * randomBytes calls per request cost about 7 µs, 2% of the gateway's CPU for a product read with tracing
 * off (npm run bench:tracing-off); two UUIDs cost about 0.5 µs.
 */
const randomHex = () => randomUUID().replaceAll('-', '');

/** A request's `traceparent` as it came in, or a new trace's when none did (not sampled: nobody records it). */
export function incomingTraceparent(headers: Record<string, string | string[] | undefined>): string {
  const given = headers.traceparent;
  if (typeof given === 'string' && TRACEPARENT.test(given)) return given;
  return `00-${randomHex()}-${randomHex().slice(0, 16)}-00`;
}

/** The server span of a request: a child of the caller's `traceparent`. Only called with tracing on. */
export function startServerSpan(name: string, headers: Record<string, unknown>, attributes: Record<string, string | number>): { span: Span; context: Context } {
  const parent = extract(headers);
  const span = tracer!.startSpan(name, { kind: SpanKind.SERVER, attributes }, parent);
  return { span, context: trace.setSpan(parent, span) };
}

export function endSpan(span: Span, status: number | Error): void {
  if (status instanceof Error) {
    span.recordException(status);
    span.setStatus({ code: SpanStatusCode.ERROR, message: status.message });
  } else {
    span.setAttribute('http.response.status_code', status);
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

/** The trace context of the request being answered (kit requestContext), if any. */
const currentContext = (): Context | undefined => requestContext.getStore()?.trace;

/**
 * Runs an outgoing call in a client span (with tracing on) whose `traceparent` it puts in `headers`;
 * with tracing off it passes the incoming request's `traceparent` on. `parent`: the context to hang the
 * span from when it is not the current request's (the gateway keeps no request context).
 */
export async function traced<T>(
  name: string,
  kind: 'client' | 'internal',
  headers: Record<string, string>,
  work: () => Promise<T>,
  options: { parent?: Context; traceparent?: string; attributes?: Record<string, string | number>; statusOf?: (result: T) => number } = {},
): Promise<T> {
  if (!tracer) {
    const traceparent = options.traceparent ?? requestContext.getStore()?.traceparent;
    if (traceparent) headers.traceparent = traceparent;
    return work();
  }
  const parent = options.parent ?? currentContext() ?? ROOT_CONTEXT;
  const span = tracer.startSpan(name, { kind: kind === 'client' ? SpanKind.CLIENT : SpanKind.INTERNAL, attributes: options.attributes }, parent);
  const spanContext = trace.setSpan(parent, span);
  inject(spanContext, headers);
  try {
    const result = await runInContext(spanContext, work);
    if (options.statusOf) endSpan(span, options.statusOf(result));
    else span.end();
    return result;
  } catch (err) {
    endSpan(span, err as Error);
    throw err;
  }
}

/** Runs `work` with `trace` as the current trace context, keeping the request id the store may hold. */
function runInContext<T>(trace: Context, work: () => Promise<T>): Promise<T> {
  const store = requestContext.getStore();
  return requestContext.run({ requestId: store?.requestId ?? '', traceparent: store?.traceparent, trace }, work);
}

/** A database statement's span, a child of the current request's (only with tracing on). */
export async function tracedQuery<T>(sql: string, work: () => Promise<T>): Promise<T> {
  if (!tracer) return work();
  const parent = currentContext() ?? ROOT_CONTEXT;
  const operation = sql.trimStart().split(/\s/, 1)[0].toUpperCase();
  const span = tracer.startSpan(`db ${operation}`, { kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'postgresql', 'db.query.text': sql.slice(0, 500) } }, parent);
  try {
    return await work();
  } catch (err) {
    endSpan(span, err as Error);
    throw err;
  } finally {
    if (span.isRecording()) span.end();
  }
}

