import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { AppsTable } from '../db/schema.apps.js';
import { ASSOCIATION_MAX_BYTES } from './association.js';
import { parseApp } from './model.js';

// GET /api/v1/apps/{id}/diagnostics: fetches both association files back through this process's
// public listener (loopback, with the host's Host header) and checks what Apple's CDN and Google's
// Digital Asset Links verifier would reject: a redirect, a status other than 200, a content type
// other than application/json, more than 128 KB, invalid JSON, or the app missing from the file.

export interface Fetched {
  status: number;
  contentType: string | null;
  location: string | null;
  body: string;
}

interface Check {
  ok: boolean;
  rule: string;
  message: string;
}

export interface FileReport {
  url: string;
  status: number | null;
  contentType: string | null;
  bytes: number | null;
  checks: Check[];
}

function fetchLoopback(port: number, host: string, path: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers: { host, 'user-agent': 'Linkwire-Diagnostics' }, timeout: 5_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'] ?? null,
          location: res.headers.location ?? null,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out after 5 s')));
    req.on('error', reject);
    req.end();
  });
}

/** Through the listener when the process listens (production), else through inject (tests that do not listen). */
async function fetchFile(app: FastifyInstance, host: string, path: string): Promise<Fetched> {
  const address = app.server.listening ? (app.server.address() as AddressInfo | null) : null;
  if (address && typeof address === 'object') return fetchLoopback(address.port, host, path);
  const res = await app.inject({ method: 'GET', url: path, headers: { host } });
  return {
    status: res.statusCode,
    contentType: (res.headers['content-type'] as string) ?? null,
    location: (res.headers.location as string) ?? null,
    body: res.body,
  };
}

function commonChecks(f: Fetched): { checks: Check[]; json: unknown } {
  const checks: Check[] = [];
  const bytes = Buffer.byteLength(f.body);
  checks.push(
    f.status >= 300 && f.status < 400
      ? { ok: false, rule: 'no_redirect', message: `answered ${f.status} to ${f.location}: Apple and Google follow no redirect for association files` }
      : { ok: f.status === 200, rule: 'status_200', message: f.status === 200 ? 'answered 200' : `answered ${f.status}, not 200` },
  );
  const type = (f.contentType ?? '').split(';')[0]!.trim();
  checks.push({ ok: type === 'application/json', rule: 'content_type', message: `Content-Type is ${f.contentType ?? '(none)'}; must be application/json` });
  checks.push({ ok: bytes <= ASSOCIATION_MAX_BYTES, rule: 'size', message: `${bytes} bytes (limit ${ASSOCIATION_MAX_BYTES})` });
  let json: unknown = null;
  try {
    json = JSON.parse(f.body);
    checks.push({ ok: true, rule: 'json', message: 'valid JSON' });
  } catch {
    checks.push({ ok: false, rule: 'json', message: 'not valid JSON' });
  }
  return { checks, json };
}

/**
 * What Apple's CDN (and `swcutil verify`) would reject in a fetched apple-app-site-association for
 * `appId` ("TEAMID.bundleId"): the common rules, then the applinks shape and the app's own entry.
 */
export function checkAppleFile(f: Fetched, appId: string): { checks: Check[]; bytes: number } {
  const { checks, json } = commonChecks(f);
  const details = (json as { applinks?: { details?: Array<{ appIDs?: string[]; components?: unknown[] }> } } | null)?.applinks?.details;
  const mine = Array.isArray(details) ? details.find((d) => Array.isArray(d.appIDs) && d.appIDs.includes(appId)) : undefined;
  checks.push({
    ok: Array.isArray(details),
    rule: 'applinks_details',
    message: Array.isArray(details) ? 'applinks.details is present' : 'applinks.details is missing',
  });
  const badIds = (Array.isArray(details) ? details : []).flatMap((d) => d.appIDs ?? []).filter((id) => !/^[A-Z0-9]{10}\.[A-Za-z0-9.-]+$/.test(id));
  checks.push({
    ok: badIds.length === 0,
    rule: 'app_id_format',
    message: badIds.length ? `malformed appIDs: ${badIds.join(', ')}` : 'every appID is TEAMID.bundleId',
  });
  checks.push({
    ok: !!mine,
    rule: 'app_listed',
    message: mine ? `${appId} is listed` : `${appId} is not listed: give at least one link this app's settings`,
  });
  if (mine) {
    const components = Array.isArray(mine.components) ? mine.components : [];
    const bad = components.filter((c) => typeof c !== 'object' || c === null || typeof (c as Record<string, unknown>)['/'] !== 'string');
    checks.push({
      ok: components.length > 0 && bad.length === 0,
      rule: 'components',
      message:
        components.length === 0
          ? `${appId} has no components: no URL would open the app`
          : bad.length
            ? `${bad.length} component(s) without a "/" path pattern`
            : `${components.length} component(s), each with a "/" path pattern`,
    });
  }
  return { checks, bytes: Buffer.byteLength(f.body) };
}

/**
 * What Google's Digital Asset Links verifier would reject in a fetched assetlinks.json for the app:
 * the common rules, a JSON array, a handle_all_urls statement for the package, and every one of the
 * app's certificate fingerprints in it (Android verifies against the installed APK's signer).
 */
export function checkAssetLinks(f: Fetched, android: { packageName: string; sha256CertFingerprints: string[] }): { checks: Check[]; bytes: number } {
  const { checks, json } = commonChecks(f);
  const list = Array.isArray(json) ? (json as Array<{ relation?: string[]; target?: { package_name?: string; sha256_cert_fingerprints?: string[] } }>) : null;
  checks.push({ ok: !!list, rule: 'array', message: list ? 'the file is a JSON array' : 'the file must be a JSON array of statements' });
  const mine = list?.find(
    (s) => s?.target?.package_name === android.packageName && Array.isArray(s.relation) && s.relation.includes('delegate_permission/common.handle_all_urls'),
  );
  checks.push({
    ok: !!mine,
    rule: 'app_listed',
    message: mine ? `${android.packageName} is listed` : `${android.packageName} is not listed with handle_all_urls`,
  });
  const prints = Array.isArray(mine?.target?.sha256_cert_fingerprints) ? mine.target.sha256_cert_fingerprints : [];
  const badPrints = prints.filter((p) => !/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/.test(p));
  checks.push({
    ok: prints.length > 0 && badPrints.length === 0,
    rule: 'fingerprints',
    message: badPrints.length ? `malformed fingerprints: ${badPrints.join(', ')}` : `${prints.length} fingerprint(s), upper-case colon hex`,
  });
  if (mine) {
    const missing = android.sha256CertFingerprints.filter((p) => !prints.includes(p));
    checks.push({
      ok: missing.length === 0,
      rule: 'fingerprints_listed',
      message: missing.length ? `the app's fingerprint(s) ${missing.join(', ')} are not in the file` : 'every fingerprint of the app is in the file',
    });
  }
  return { checks, bytes: Buffer.byteLength(f.body) };
}

export async function diagnose(app: FastifyInstance, row: AppsTable, host: string, https: boolean) {
  const { ios, android } = parseApp(row);
  const scheme = https ? 'https' : 'http';
  const hints: string[] = [];
  if (!https) hints.push(`The public URL is http://: Apple and Google fetch association files over HTTPS only; serve ${host} behind TLS.`);
  let aasa: FileReport | null = null;
  if (ios) {
    const path = '/.well-known/apple-app-site-association';
    const f = await fetchFile(app, host, path);
    const { checks, bytes } = checkAppleFile(f, `${ios.teamId}.${ios.bundleId}`);
    aasa = { url: `${scheme}://${host}${path}`, status: f.status, contentType: f.contentType, bytes, checks };
    hints.push(`Apple's CDN copy (what devices really get, refreshed within about a day): https://app-site-association.cdn-apple.com/a/v1/${host}`);
    hints.push(
      `While developing, add "applinks:${host}?mode=developer" to the Associated Domains entitlement to bypass the CDN (developer mode on the device).`,
    );
  }
  let assetLinks: FileReport | null = null;
  if (android) {
    const path = '/.well-known/assetlinks.json';
    const f = await fetchFile(app, host, path);
    const { checks, bytes } = checkAssetLinks(f, android);
    assetLinks = { url: `${scheme}://${host}${path}`, status: f.status, contentType: f.contentType, bytes, checks };
    hints.push(
      `Check with Google: https://digitalassetlinks.googleapis.com/v1/statements:list?source.web.site=https://${host}&relation=delegate_permission/common.handle_all_urls — include the Play App Signing key's fingerprint (Play Console › App integrity), not only your upload key's.`,
    );
  }
  const reports = [aasa, assetLinks].filter((r): r is FileReport => r !== null);
  if (reports.length === 0) hints.push('The app has neither iOS nor Android settings: there is nothing to associate.');
  return { host, ok: https && reports.length > 0 && reports.every((r) => r.checks.every((c) => c.ok)), appleAppSiteAssociation: aasa, assetLinks, hints };
}
