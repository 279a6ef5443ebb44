// Tables of 013_endpoint_formats (webhooks/integrations.ts writes them; the webhooks columns are in schema.ts).

export interface IntegrationConnectionsTable {
  accountId: string;
  /** slack, discord, teams, zapier, make or n8n. */
  integration: string;
  /** The chat endpoint (wh_…), or the API key a no-code tool connected with. */
  integrationId: string;
  connectedAt: number;
}

export interface IntegrationTables {
  integrationConnections: IntegrationConnectionsTable;
}
