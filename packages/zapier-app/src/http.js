// How every request of the app reaches the user's Linkwire instance: Linkwire is self-hosted, so
// the instance URL is an auth field like the API key, and requests name only a path.

/**
 * @typedef {import('zapier-platform-core').Bundle} Bundle
 * @typedef {import('zapier-platform-core').ZObject} ZObject
 * @typedef {import('zapier-platform-core').HttpRequestOptions & { url: string }} Request
 * @typedef {import('zapier-platform-core').HttpResponse} Response
 */

/**
 * The instance URL as typed (`https://links.example.com/`, with or without a trailing slash), as an origin + base path.
 * @param {string | undefined} instanceUrl
 */
export function instanceBase(instanceUrl) {
  const typed = String(instanceUrl ?? '').trim();
  if (!/^https?:\/\/[^/]/i.test(typed)) {
    throw new Error(`The instance URL must be a full address such as https://links.example.com (got "${typed}").`);
  }
  return new URL(typed).href.replace(/\/+$/, '');
}

/**
 * beforeRequest: `/api/v1/…` paths go to the connected instance, with the API key as a bearer
 * token. Absolute URLs pass unchanged (none of this app's requests use one).
 * @param {Request} request
 * @param {ZObject} _z
 * @param {Bundle} bundle
 */
export function addInstanceAndKey(request, _z, bundle) {
  if (request.url.startsWith('/')) request.url = `${instanceBase(bundle.authData.instanceUrl)}${request.url}`;
  request.headers = { ...request.headers, authorization: `Bearer ${bundle.authData.apiKey}`, accept: 'application/json' };
  return request;
}

/**
 * afterResponse: a Linkwire problem+json answer becomes an error that says what Linkwire said
 * (title, detail and the fields at fault), instead of Zapier's generic "Got 401 calling GET …".
 * A 401 is the API key's fault, so it says which setting to fix.
 * @param {Response} response
 * @param {ZObject} z
 */
export function explainProblems(response, z) {
  if (response.status < 400) return response;
  /** @type {{ title?: string; detail?: string; errors?: { field: string; message: string }[] }} */
  let problem = {};
  try {
    problem = JSON.parse(response.content);
  } catch {}
  const fields = (problem.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('; ');
  const said = [problem.title, problem.detail, fields && fields !== problem.detail ? fields : ''].filter(Boolean).join(' — ') || response.content.slice(0, 300);
  if (response.status === 401) {
    throw new z.errors.Error(`Linkwire refused the API key (401): ${said}. Check the API key of this connection.`, 'AuthenticationError', 401);
  }
  throw new z.errors.Error(
    `Linkwire answered ${response.status} to ${response.request.method} ${response.request.url}: ${said}`,
    'LinkwireProblem',
    response.status,
  );
}
