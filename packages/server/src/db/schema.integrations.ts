// Tables of 014_integrations (integrations/service.ts writes them, delivery/sinks/ reads them).

export type SinkProvider = 'ga4' | 'segment' | 'posthog';

export interface IntegrationsTable {
  id: string;
  accountId: string;
  provider: SinkProvider;
  /** The webhooks row of kind 'sink' whose deliveries this integration sends. */
  webhookId: string;
  name: string | null;
  /** JSON of the provider's non-secret settings (GA4 measurementId, Segment apiHost, PostHog host). */
  settings: string;
  /** AES-256-GCM ciphertext (lib/secretbox.ts) of the JSON credentials (apiSecret, writeKey, apiKey). */
  credentialsEnc: string;
  /** JSON of the masked credentials the API shows, e.g. {"apiSecret": "••••3kQ9"}. */
  credentialsHint: string;
  /** When the credentials were last validated at the provider. */
  connectedAt: number;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

export interface IntegrationTables {
  integrations: IntegrationsTable;
}
