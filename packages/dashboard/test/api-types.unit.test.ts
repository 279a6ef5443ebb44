import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { assertUpToDate } from '../../server/test/generated.ts';
import { API_TYPES_PATH, OPENAPI_DOC_PATH, renderApiTypes } from '../scripts/api-types.ts';

describe('generated API types', () => {
  it('src/api.generated.ts is what openapi-typescript makes of docs/openapi.json', async () => {
    assertUpToDate(API_TYPES_PATH, await renderApiTypes(), {
      what: 'docs/openapi.json changed without regenerating',
      fix: 'Run `npm run gen:dashboard-types` and commit the result.',
      sides: '- committed, + generated',
    });
  });

  it('a schema change shows up in the generated file (the check above can fail)', async () => {
    const doc = JSON.parse(readFileSync(OPENAPI_DOC_PATH, 'utf8'));
    doc.components.schemas.Link.properties.pinned = { type: 'boolean' };
    doc.components.schemas.Link.required.push('pinned');
    const dir = mkdtempSync(join(tmpdir(), 'linkwire-api-types-'));
    try {
      const path = join(dir, 'openapi.json');
      writeFileSync(path, JSON.stringify(doc));
      const changed = await renderApiTypes(path);
      assert.notEqual(changed, readFileSync(API_TYPES_PATH, 'utf8'));
      assert.match(changed, /^ {12}pinned: boolean;$/m);
      assert.throws(
        () => assertUpToDate(API_TYPES_PATH, changed, { what: 'stale', fix: 'regenerate', sides: '- committed, + generated' }),
        (err: Error) => err.message.includes('+             pinned: boolean;') && err.message.includes('packages/dashboard/src/api.generated.ts'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
