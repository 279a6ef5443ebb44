// Custom auth: the instance URL (Linkwire is self-hosted) and an API key. The connection test is
// GET /api/v1/me, which also tells Linkwire that Zapier connected (integration.connected).

/**
 * @typedef {import('zapier-platform-core').ZObject} ZObject
 */

/** @param {ZObject} z */
async function test(z) {
  const response = await z.request({ url: '/api/v1/me' });
  return response.data;
}

/**
 * "ada @ links.example.com": the handle from /me, the host of the instance URL the user typed.
 * @param {ZObject} _z
 * @param {import('zapier-platform-core').Bundle} bundle the connection test's answer (GET /api/v1/me) as inputData
 */
async function connectionLabel(_z, bundle) {
  return `${bundle.inputData.handle} @ ${new URL(String(bundle.authData.instanceUrl)).host}`;
}

export const authentication = {
  type: /** @type {const} */ ('custom'),
  fields: [
    {
      key: 'instanceUrl',
      label: 'Instance URL',
      type: /** @type {const} */ ('string'),
      required: true,
      helpText: 'The address of your Linkwire, e.g. `https://links.example.com` (what you open the dashboard at).',
    },
    {
      key: 'apiKey',
      label: 'API key',
      type: /** @type {const} */ ('password'),
      required: true,
      helpText: 'An API key from the Linkwire dashboard (Settings → API keys). Its role needs webhooks:write to subscribe.',
    },
  ],
  test,
  connectionLabel,
};
