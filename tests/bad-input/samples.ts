// Values for the bad-input suite, read from the JSON schemas of /openapi.json: one valid sample of a
// schema (the base every case changes in one place) and the bad values a field of that schema gets.

export interface Schema {
  type?: string;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  minProperties?: number;
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
}

/** A raw JSON number text, for values JSON.stringify cannot write (1e400 is Infinity in JavaScript). */
export class RawNumber {
  constructor(readonly text: string) {}
}

/** JSON text of a body that may hold raw numbers. */
export function toJson(value: unknown): string {
  const raw: string[] = [];
  const text = JSON.stringify(value, (_key, v) => (v instanceof RawNumber ? `@@raw${raw.push(v.text) - 1}@@` : v));
  return text.replace(/"@@raw(\d+)@@"/g, (_m, i) => raw[Number(i)]);
}

function sampleString(schema: Schema, name: string): string {
  if (schema.enum) return String(schema.enum[0]);
  if (schema.format === 'date-time') return '2031-01-01T00:00:00Z';
  if (schema.pattern === '^[A-Z]{3}$') return 'USD';
  if (/email/i.test(name)) return 'bad-input@example.com';
  if (schema.pattern?.includes('https?')) return '/images/bad-input.svg';
  // Ids name nothing that exists, so a case that slips through validation still changes nothing.
  if (/id$/i.test(name)) return 'no-such-id';
  return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
}

/** A valid value of the schema, with only the required fields (and one more when the object needs it). */
export function sample(schema: Schema, name = ''): unknown {
  const branch = schema.anyOf ?? schema.oneOf;
  if (branch) return sample(branch.find((s) => s.type !== 'null') ?? branch[0], name);
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'string':
      return sampleString(schema, name);
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: Math.max(schema.minItems ?? 1, 1) }, () => sample(schema.items ?? {}, name));
    case 'object': {
      const props = schema.properties ?? {};
      const names = new Set(schema.required ?? []);
      for (const key of Object.keys(props)) if (names.size < (schema.minProperties ?? 0)) names.add(key);
      return Object.fromEntries([...names].map((key) => [key, sample(props[key] ?? {}, key)]));
    }
    default:
      return null;
  }
}

const LONG_10K = 'a'.repeat(10_000);
const LONG_100K = 'a'.repeat(100_000);

/** Values a body field of this schema must refuse (wrong types, sizes, control characters, out-of-range numbers). */
export function badBodyValues(schema: Schema): Array<{ label: string; value: unknown }> {
  const type = schema.type ?? schema.anyOf?.find((s) => s.type !== 'null')?.type;
  const wrongTypes = [
    { label: 'number for text', value: 123 },
    { label: 'true', value: true },
    { label: 'text', value: 'not-a-value' },
    { label: 'object', value: { nested: 1 } },
  ].filter((c) => !(type === 'string' && c.value === 'not-a-value'));
  const values: Array<{ label: string; value: unknown }> = [...wrongTypes, { label: 'array', value: [] }];
  if (!schema.nullable && !schema.anyOf?.some((s) => s.type === 'null')) values.push({ label: 'null', value: null });
  if (type === 'string') {
    values.push(
      { label: 'empty', value: '' },
      { label: '10k characters', value: `${LONG_10K}@x` },
      { label: '100k characters', value: `${LONG_100K}@x.y ` },
      { label: 'NUL', value: 'a\u0000b' },
      { label: 'escape character', value: 'a\u001bb' },
      { label: 'DEL', value: 'a\u007f' },
    );
  }
  if (type === 'integer' || type === 'number') {
    values.push(
      { label: '1e400', value: new RawNumber('1e400') },
      { label: '1e20', value: new RawNumber('1e20') },
      { label: '-1e20', value: new RawNumber('-1e20') },
      { label: 'a fraction', value: 0.123456 },
      { label: 'numeric text', value: '5' },
    );
  }
  return values;
}

/** Values a query parameter of this schema must refuse or read safely (they travel as text). */
export function badQueryValues(schema: Schema): string[] {
  const values = ['', '%00', '%1B', '%7F', 'a%00b', 'x'.repeat(10_000), '%E0%A4%A'];
  if (schema.type === 'integer' || schema.type === 'number') values.push('Infinity', '1e400', '-1', '1e20', '2.5', 'NaN', 'ten', '101');
  if (schema.type === 'boolean') values.push('maybe', '2');
  if (schema.enum) values.push('bogus');
  return values;
}

/** Cursors no page ever gave out. */
export const BAD_CURSORS = ['!!!', Buffer.from('[]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1e400,"x"]').toString('base64url'), Buffer.from('["\\u0000",1]').toString('base64url')];

/** Path ids no service may pass on: control characters, separators, bad escapes, over-long. */
export const BAD_IDS = ['%00', 'a%00b', '%1F', 'a%2Cb', 'a%20b', '%E0%A4%A', 'x'.repeat(101), 'x'.repeat(10_000), '..%2F..%2Finternal', '%2e%2e'];
