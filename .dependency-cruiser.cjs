// `npm run deps` (CI runs it after lint): the import rules of ARCHITECTURE (README "Repository map").
// Paths are relative to the repository root.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-runtime-cycles',
      comment:
        'An import cycle that exists at run time: ESM evaluates one side before the other has finished, so a top-level use throws a TDZ ReferenceError at start-up. Move the shared part into a leaf file.',
      severity: 'error',
      from: {},
      to: { circular: true, preCompilationOnly: false },
    },
    {
      name: 'no-type-cycles',
      comment:
        'A cycle through type-only imports. The one allowed hub is context.ts: AppContext names the per-process registries, and services receive it. Any other cycle means two files should share a leaf types file instead.',
      severity: 'error',
      from: {},
      to: { circular: true, viaNot: '^packages/server/src/context\\.ts$' },
    },
    {
      name: 'lib-is-a-leaf',
      comment: 'lib/ holds helpers with no domain knowledge: it imports nothing from the domain folders, the context or the app.',
      severity: 'error',
      from: { path: '^packages/server/src/lib/' },
      to: { path: '^packages/server/src/(?!lib/)', pathNot: '^packages/server/src/config\\.ts$' },
    },
    {
      name: 'nothing-imports-the-entry-points',
      comment: 'server.ts (listen and shutdown) and the CLI sit on top: only the CLI imports server.ts, and nothing imports the CLI.',
      severity: 'error',
      from: { pathNot: ['^packages/server/src/cli(\\.ts|/)', '^packages/[^/]+/test/', '^bench/'] },
      to: { path: ['^packages/server/src/server\\.ts$', '^packages/server/src/cli(\\.ts|/)'] },
    },
    {
      name: 'db-knows-no-domain',
      comment: 'db/ (Kysely, dialects, migrations, table types) is below every domain folder.',
      severity: 'error',
      from: { path: '^packages/server/src/db/' },
      to: { path: '^packages/server/src/(accounts|events|links|webhooks|delivery|web|http)/' },
    },
    {
      name: 'sdk-stands-alone',
      comment: '@linkwire/webhooks is zero-dependency and never imports the server or the dashboard.',
      severity: 'error',
      from: { path: '^packages/sdk/src/' },
      to: { path: '^packages/(server|dashboard)/' },
    },
    {
      name: 'test-kit-stands-alone',
      comment: '@linkwire/test-kit (spawn a node, receivers, Chromium) is used by the tests of every workspace and by bench, so it imports none of them.',
      severity: 'error',
      from: { path: '^packages/test-kit/' },
      to: { path: ['^packages/(server|sdk|dashboard)/', '^bench/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs'],
    },
  },
};
