import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context } from '@opentelemetry/api';

export interface RequestContext {
  requestId: string;
  /** The caller's W3C traceparent, passed on to peers as it came when tracing is off. */
  traceparent?: string;
  /** With tracing on (kit tracing.ts): the current span's context, the parent of the spans made under it. */
  trace?: Context;
}

/** Carries the current request id into peer calls and logs without threading it through every function. */
export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}
