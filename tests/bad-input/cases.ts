// The bad-input cases of one operation of /openapi.json: a valid base request, changed in one place each time.
import { BAD_CURSORS, BAD_IDS, badBodyValues, badQueryValues, sample, toJson, type Schema } from './samples.ts';

export interface Operation {
  method: string;
  path: string;
  parameters: Array<{ in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema: Schema }>;
  body?: Schema;
}

export interface Case {
  label: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** The JSON body, when the case sends one: checked against the schema to skip a change that is still valid. */
  json?: unknown;
}

/** Every operation of the document. */
export function operationsOf(doc: { paths: Record<string, Record<string, { parameters?: Operation['parameters']; requestBody?: { content?: Record<string, { schema: Schema }> } }>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: op.parameters ?? [],
      body: op.requestBody?.content?.['application/json']?.schema,
    })),
  );
}

interface Base {
  path: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: unknown;
}

function baseOf(op: Operation): Base {
  const base: Base = { path: {}, query: {}, headers: {}, body: op.body ? sample(op.body) : undefined };
  for (const p of op.parameters) {
    if (p.in === 'path') base.path[p.name] = 'no-such-id';
    else if (p.in === 'query' && p.required) base.query[p.name] = String(sample(p.schema, p.name));
    else if (p.in === 'header' && p.required) base.headers[p.name] = `bad-input-${p.name}`;
  }
  return base;
}

function build(op: Operation, base: Base, label: string, change: Partial<Base> & { rawBody?: string; contentType?: string }): Case {
  const path = { ...base.path, ...change.path };
  const query = { ...base.query, ...change.query };
  const url = op.path.replace(/\{(\w+)\}/g, (_m, name) => path[name]) + (Object.keys(query).length ? `?${Object.entries(query).map(([k, v]) => `${k}=${v}`).join('&')}` : '');
  const json = 'body' in change ? change.body : base.body;
  const body = change.rawBody ?? (json === undefined ? undefined : toJson(json));
  const headers = Object.fromEntries(Object.entries({ ...base.headers, ...change.headers }).filter(([, v]) => v !== undefined)) as Record<string, string>;
  if (body !== undefined) headers['content-type'] = change.contentType ?? 'application/json';
  return { label: `${op.method} ${op.path}: ${label}`, method: op.method, url, headers, body, json: change.rawBody === undefined ? json : undefined };
}

function pathCases(op: Operation, base: Base): Case[] {
  return op.parameters.filter((p) => p.in === 'path').flatMap((p) => BAD_IDS.map((id) => build(op, base, `path ${p.name}=${id.slice(0, 20)}`, { path: { [p.name]: id } })));
}

function queryCases(op: Operation, base: Base): Case[] {
  return op.parameters
    .filter((p) => p.in === 'query')
    .flatMap((p) => {
      const values = p.name === 'cursor' ? [...BAD_CURSORS, ...badQueryValues(p.schema)] : badQueryValues(p.schema);
      return values.map((value) => build(op, base, `query ${p.name}=${value.slice(0, 20)}`, { query: { [p.name]: value } }));
    });
}

function headerCases(op: Operation, base: Base): Case[] {
  return op.parameters
    .filter((p) => p.in === 'header')
    .flatMap((p) => [
      build(op, base, `header ${p.name} missing`, { headers: { [p.name]: undefined as never } }),
      build(op, base, `header ${p.name} empty`, { headers: { [p.name]: '' } }),
      build(op, base, `header ${p.name} 10k characters`, { headers: { [p.name]: 'k'.repeat(10_000) } }),
    ]);
}

function bodyCases(op: Operation, base: Base): Case[] {
  if (!op.body || !base.body || typeof base.body !== 'object') return [];
  const body = base.body as Record<string, unknown>;
  const props = op.body.properties ?? {};
  const cases = [
    build(op, base, 'body broken JSON', { rawBody: '{"a":' }),
    build(op, base, 'body empty with a JSON type', { rawBody: '' }),
    build(op, base, 'body null', { rawBody: 'null' }),
    build(op, base, 'body an array', { rawBody: '[]' }),
    build(op, base, 'body as text/plain', { rawBody: toJson(body), contentType: 'text/plain' }),
    build(op, base, 'body as UTF-16', { rawBody: toJson(body), contentType: 'application/json; charset=utf-16' }),
    build(op, base, 'body with an extra field', { body: { ...body, extraField: 1 } }),
    build(op, base, 'body with a NUL in a key', { body: { ...body, 'a\u0000': 1 } }),
  ];
  for (const name of op.body.required ?? []) {
    const { [name]: _dropped, ...rest } = body;
    cases.push(build(op, base, `body without ${name}`, { body: rest }));
  }
  for (const [name, schema] of Object.entries(props)) {
    for (const bad of badBodyValues(schema)) cases.push(build(op, base, `body ${name}: ${bad.label}`, { body: { ...body, [name]: bad.value } }));
  }
  return cases;
}

/** Every case of one operation (the caller adds each role's token). */
export function casesOf(op: Operation): Case[] {
  const base = baseOf(op);
  return [...pathCases(op, base), ...queryCases(op, base), ...headerCases(op, base), ...bodyCases(op, base)];
}
