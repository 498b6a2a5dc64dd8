// The API types are the ones the saved OpenAPI document gives (the browser tests check that the
// document is still the gateway's): a change to either without regenerating fails here.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { generateTypes, savedDocumentPath, typesPath } from '../scripts/api-types.ts';

test('src/api/schema.d.ts is what openapi-typescript makes of src/api/openapi.json', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'emporium-api-types-'));
  try {
    const fresh = join(folder, 'schema.d.ts');
    writeFileSync(fresh, await generateTypes(JSON.parse(readFileSync(savedDocumentPath, 'utf8')) as object));
    assert.ok(readFileSync(fresh, 'utf8') === readFileSync(typesPath, 'utf8'), 'stale API types: run `npm run api-types -w web`');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
