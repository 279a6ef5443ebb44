import type { Selectable } from 'kysely';
import type { IntegrationsTable } from '../../db/schema.integrations.js';
import { open } from '../../lib/secretbox.js';
import type { SinkTarget } from './requests.js';

/** Settings and credentials as stored (JSON in integrations.settings and the sealed credentials). */
export interface SinkSettings {
  measurementId?: string;
  apiHost?: string;
  host?: string;
}

export interface SinkCredentials {
  apiSecret?: string;
  writeKey?: string;
  apiKey?: string;
}

/** A sink's settings and credentials as the request builders want them. */
export function sinkTarget(provider: IntegrationsTable['provider'], settings: SinkSettings, credentials: SinkCredentials, ga4Endpoint: string): SinkTarget {
  if (provider === 'ga4') return { provider, endpoint: ga4Endpoint, measurementId: settings.measurementId ?? '', apiSecret: credentials.apiSecret ?? '' };
  if (provider === 'segment') return { provider, apiHost: settings.apiHost ?? 'https://api.segment.io', writeKey: credentials.writeKey ?? '' };
  return { provider, host: settings.host ?? '', apiKey: credentials.apiKey ?? '' };
}

/** The target of a stored integration row (opens its credentials with the master key). */
export function targetOfRow(
  row: Pick<Selectable<IntegrationsTable>, 'provider' | 'settings' | 'credentialsEnc'>,
  masterKey: Buffer,
  ga4Endpoint: string,
): SinkTarget {
  return sinkTarget(row.provider, JSON.parse(row.settings) as SinkSettings, JSON.parse(open(masterKey, row.credentialsEnc)) as SinkCredentials, ga4Endpoint);
}
