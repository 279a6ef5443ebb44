import assert from 'node:assert/strict';
import { it } from 'node:test';
import { suggestFormat } from '../src/integrations';

it('suggests the chat format from the URL host', () => {
  assert.equal(suggestFormat('https://hooks.slack.com/services/T000/B000/XXXX'), 'slack');
  assert.equal(suggestFormat('https://discord.com/api/webhooks/123/abc'), 'discord');
  assert.equal(suggestFormat('https://discordapp.com/api/webhooks/123/abc'), 'discord');
  assert.equal(suggestFormat('https://prod-12.westeurope.logic.azure.com/workflows/x/triggers/manual/paths/invoke?sig=s'), 'teams');
  assert.equal(suggestFormat('https://default1.environment.api.powerplatform.com/powerautomate/x'), 'teams');
  assert.equal(suggestFormat('https://hook.eu1.make.com/abc'), null);
  assert.equal(suggestFormat('https://evil.example/hooks.slack.com/services/x'), null);
  assert.equal(suggestFormat('not a url'), null);
});
