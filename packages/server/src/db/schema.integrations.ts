// Tables of 013_endpoint_formats (webhooks/integrations.ts writes them; the webhooks columns are in schema.ts)
// and 014_integrations (integrations/service.ts writes them, delivery/sinks/ reads them).

export interface IntegrationConnectionsTable {
  accountId: string;
  /** slack, discord, teams, zapier, make or n8n. */
  integration: string;
  /** The chat endpoint (wh_…), or the API key a no-code tool connected with. */
  integrationId: string;
  connectedAt: number;
}

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
  integrationConnections: IntegrationConnectionsTable;
  integrations: IntegrationsTable;
}
