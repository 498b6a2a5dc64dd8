// One fetch wrapper for the public API: JSON in and out, the bearer token, one quiet
// refresh-and-retry on 401, and problem+json turned into an ApiError.
import { getSession, refreshSession, sessionRestored } from '../auth/session.ts';
import type { Problem } from './types.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    readonly retryAfter: number | null = null,
  ) {
    super(problem.detail || problem.title || `Request failed (${status})`);
    this.name = 'ApiError';
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A file sent as it is (a CSV import), instead of a JSON body. */
  file?: { data: Blob; type: string };
  headers?: Record<string, string>;
}

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  return readResponse<T>(await signedIn(method, path, options));
}

/** A file the API answers with (the catalog export), for the browser to save. */
export async function download(path: string): Promise<Blob> {
  const response = await signedIn('GET', path, { headers: { accept: '*/*' } });
  if (!response.ok) return readResponse<never>(response);
  return response.blob();
}

async function signedIn(method: string, path: string, options: RequestOptions): Promise<Response> {
  const url = withQuery(`/api${path}`, options.query);
  // A call made while the page restores its session waits for it, so it goes out signed in.
  await sessionRestored;
  const token = getSession()?.accessToken;
  let response = await send(method, url, options, token);
  if (response.status === 401 && token) {
    const renewed = await refreshSession();
    if (renewed) response = await send(method, url, options, renewed.accessToken);
  }
  return response;
}

async function send(method: string, url: string, options: RequestOptions, token?: string): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.file) headers['content-type'] = options.file.type;
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    return await fetch(url, {
      method,
      headers,
      body: options.file ? options.file.data : options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, { status: 0, title: 'Offline', detail: 'Could not reach the shop. Check your connection and try again.' });
  }
}

async function readResponse<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (response.ok) return data as T;
  const problem: Problem =
    data && typeof data === 'object' ? { status: response.status, ...(data as object) } : { status: response.status, title: response.statusText };
  const retryAfter = Number(response.headers.get('retry-after'));
  throw new ApiError(response.status, problem, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, { body, headers }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: (path: string) => request<void>('DELETE', path),
};
