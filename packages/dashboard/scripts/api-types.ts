// Generates src/api.generated.ts from the committed OpenAPI document (docs/openapi.json) with
// openapi-typescript, so the dashboard's API types are the server's route schemas and never a copy.
// `npm run gen:dashboard-types` rewrites it (`npm run docs:openapi` runs it after the document);
// test/api-types.unit.test.ts fails when it is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';

const HERE = dirname(fileURLToPath(import.meta.url));
export const OPENAPI_DOC_PATH = join(HERE, '../../../docs/openapi.json');
export const API_TYPES_PATH = join(HERE, '../src/api.generated.ts');

const HEADER = `// Generated from docs/openapi.json by openapi-typescript — do not edit.
// Regenerate with \`npm run gen:dashboard-types\` (or \`npm run docs:openapi\`, which also rewrites the document).
// The dashboard's names for these types are in src/api.ts.

`;

/** The file's text for the document at `docPath` (read from disk, so no $ref is fetched). */
export async function renderApiTypes(docPath = OPENAPI_DOC_PATH): Promise<string> {
  const doc = JSON.parse(readFileSync(docPath, 'utf8')) as OpenAPI3;
  const ast = await openapiTS(doc, { silent: true });
  return HEADER + astToString(ast);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(API_TYPES_PATH, await renderApiTypes());
  console.log(`wrote ${API_TYPES_PATH}`);
}
