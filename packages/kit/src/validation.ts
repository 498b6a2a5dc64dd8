import { Stream } from 'node:stream';
import { AjvCompiler } from '@fastify/ajv-compiler';
import type { FastifyInstance, FastifyRequest, FastifySchema, FastifySchemaValidationError } from 'fastify';
import { AppError } from './errors.ts';

/**
 * Request validation, the same for every service: bounded work and strict types.
 * - `allErrors` stays off, so a request is rejected at its first violation: a pattern never runs on
 *   a string that already failed its maxLength.
 * - Bodies are JSON and keep their types (`true` is not `1`, `123` is not `"123"`); only the parts
 *   that arrive as text (query string, path, headers) are converted to their declared types.
 * - `strictNumbers` refuses NaN and Infinity (`limit=Infinity`, `1e400`), which would pass
 *   `integer` and reach SQL.
 */
const common = { useDefaults: true, removeAdditional: false, allErrors: false, strictNumbers: true } as const;
const pool = AjvCompiler();
const bodyCompiler = pool({}, { customOptions: { ...common, coerceTypes: false } });
const textCompiler = pool({}, { customOptions: { ...common, coerceTypes: 'array' } });

interface Validate {
  (data: unknown): boolean;
  errors?: FastifySchemaValidationError[] | null;
}
type Compile = (route: { schema: object; method: string; url: string; httpPart?: string }) => Validate;

export function registerValidation(app: FastifyInstance): void {
  app.setValidatorCompiler((route) =>
    route.httpPart === 'body' ? (bodyCompiler as Compile)(route) : finiteOnly((textCompiler as Compile)(route)),
  );
  app.addHook('onRoute', (route) => {
    if (route.schema?.body) closeObjects(route.schema.body);
    if (route.schema?.querystring) optionalWhenDefaulted(route.schema as FastifySchema);
  });
  // Callback hooks, not async ones: every request of every service (the gateway's too) passes both,
  // and an async hook costs a promise and a turn of the microtask queue each.
  app.addHook('preParsing', (request, _reply, payload, done) => done(failureOf(() => refuseForeignCharset(request)), payload));
  app.addHook('preValidation', (request, _reply, done) => done(failureOf(() => refuseControlCharacters(request)) ?? undefined));
}

function failureOf(check: () => void): Error | null {
  try {
    check();
    return null;
  } catch (err) {
    return err as Error;
  }
}

/**
 * Ajv checks `strictNumbers` before it converts text, not after: `limit=Infinity` or `limit=1e400`
 * becomes Infinity, and the bounds checks then skip it as "not a finite number". Such a value is
 * refused here, after the text was converted.
 */
function finiteOnly(validate: Validate): Validate {
  const checked: Validate = (data) => {
    if (!validate(data)) {
      checked.errors = validate.errors;
      return false;
    }
    const where = nonFinite(data, '');
    checked.errors = where === undefined ? null : [{ instancePath: where, schemaPath: '#/type', keyword: 'type', params: {}, message: 'must be a finite number' }];
    return where === undefined;
  };
  return checked;
}

function nonFinite(value: unknown, path: string): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path;
  if (!value || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const found = nonFinite(inner, `${path}/${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Unknown fields in a body are an error, not silently dropped: every body object is closed. */
function closeObjects(schema: unknown): void {
  if (!schema || typeof schema !== 'object') return;
  const node = schema as Record<string, unknown>;
  if (node.type === 'object' && node.properties && node.additionalProperties === undefined) node.additionalProperties = false;
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) value.forEach(closeObjects);
    else if (value && typeof value === 'object') closeObjects(value);
  }
}

/**
 * A query parameter with a default (`limit`, `sort`) is optional for the caller: the validator fills
 * it in. TypeBox lists it as required, which the OpenAPI document would show as `required: true`.
 */
function optionalWhenDefaulted(schema: FastifySchema): void {
  const query = schema.querystring as { properties?: Record<string, { default?: unknown }>; required?: string[] };
  if (!query.properties || !query.required) return;
  query.required = query.required.filter((name) => query.properties![name]?.default === undefined);
}

/** Bodies are read as UTF-8 only; any other declared charset would be misread, so it is refused. */
function refuseForeignCharset(request: FastifyRequest): void {
  const type = request.headers['content-type'];
  if (!type) return;
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(type)?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new AppError('REQUEST.UNSUPPORTED_CHARSET', 415, `Request bodies are read as UTF-8; charset ${JSON.stringify(charset.slice(0, 40))} is not supported`);
  }
}

/** C0 controls, DEL and C1 controls. Free text (query and body strings) may hold tab, LF and CR. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** Headers a service reads; the rest pass through unread. */
const READ_HEADERS = ['authorization', 'idempotency-key', 'content-type'];

/**
 * A NUL or other control character is refused before anything reads the input: PostgreSQL cannot
 * store a NUL (it was a 500), and no id, name or text of ours has a use for the others.
 */
export function refuseControlCharacters(request: FastifyRequest): void {
  const where =
    findControl(request.params, CONTROL, '/params') ??
    findControl(request.query, CONTROL_IN_TEXT, '/query') ??
    findControl(request.body, CONTROL_IN_TEXT, '/body') ??
    READ_HEADERS.map((name) => findControl(request.headers[name], CONTROL, `/headers/${name}`)).find(Boolean);
  if (where) {
    throw new AppError('REQUEST.INVALID', 400, `${where} holds a control character`, {
      errors: [{ path: where, message: 'must not hold a NUL or other control character' }],
    });
  }
}

/** The JSON pointer of the first string (value or key) holding a character of `pattern`; one pass over the input. */
function findControl(value: unknown, pattern: RegExp, path: string): string | undefined {
  if (typeof value === 'string') return pattern.test(value) ? path : undefined;
  // A body left as a stream (products' CSV import) is not walked: its reader checks what it reads.
  if (!value || typeof value !== 'object' || Buffer.isBuffer(value) || value instanceof Stream) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (pattern.test(key)) return path;
    const found = findControl(inner, pattern, `${path}/${key.slice(0, 100)}`);
    if (found) return found;
  }
  return undefined;
}
