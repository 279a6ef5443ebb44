// Generates docs/openapi.json from the routes' own schemas: an app is built on a throw-away SQLite
// data dir and asked for GET /api/v1/openapi.json, so the file is exactly what a server serves.
// `npm run docs:openapi` rewrites it; test/openapi.test.ts fails when it is stale.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';

export const OPENAPI_DOC_PATH = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/openapi.json');

/** The document as the API serves it, pretty-printed with a final newline. */
export async function renderOpenApiDoc(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'linkwire-openapi-'));
  try {
    const config = loadConfig({ LINKWIRE_DATA_DIR: dataDir, LINKWIRE_SECRET_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'silent' });
    const ctx = await createContext(config);
    try {
      const app = await buildApp(ctx);
      try {
        const res = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
        if (res.statusCode !== 200) throw new Error(`GET /api/v1/openapi.json answered ${res.statusCode}: ${res.body}`);
        return `${JSON.stringify(JSON.parse(res.body), null, 2)}\n`;
      } finally {
        await app.close();
      }
    } finally {
      await ctx.database.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(OPENAPI_DOC_PATH, await renderOpenApiDoc());
  console.log(`wrote ${OPENAPI_DOC_PATH}`);
}
