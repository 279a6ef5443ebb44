// Linkwire's Zapier Platform app: the module `zapier-platform-core` runs (`zapier push` uploads it).
import { createRequire } from 'node:module';
import zapier from 'zapier-platform-core';
import { authentication } from './authentication.js';
import { addInstanceAndKey, explainProblems } from './http.js';
import { triggers } from './triggers.generated.js';

const { version } = createRequire(import.meta.url)('../package.json');

export default zapier.defineApp({
  version,
  platformVersion: zapier.version,
  authentication,
  beforeRequest: [addInstanceAndKey],
  afterResponse: [explainProblems],
  triggers,
});
