// Table types of migration 012_apps (joined into DB in schema.ts).

export interface AppsTable {
  id: string;
  accountId: string;
  name: string;
  /** JSON {teamId, bundleId, appStoreId}, or null. */
  ios: string | null;
  /** JSON {packageName, sha256CertFingerprints, playStoreUrl}, or null. */
  android: string | null;
  deferredWindowMinutes: number;
  deferredProbabilistic: number;
  /** The first characters of the publishable key, to recognise it in the dashboard. */
  keyPrefix: string;
  /** SHA-256 of the publishable key. */
  keyHash: string;
  keyRotatedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface DeeplinkTokensTable {
  id: string;
  accountId: string;
  appId: string;
  linkId: string;
  /** SHA-256 of the token: a leaked table yields no claimable token. */
  tokenHash: string;
  platform: 'ios' | 'android';
  channel: 'install_referrer' | 'pasteboard';
  destUrl: string;
  path: string;
  /** JSON object of string params. */
  params: string;
  matchKey: string | null;
  createdAt: number;
  expiresAt: number;
  claimedAt: number | null;
  claimMethod: string | null;
  installId: string | null;
}

export interface AppTables {
  apps: AppsTable;
  deeplinkTokens: DeeplinkTokensTable;
}
