import type { AppsTable } from '../db/schema.apps.js';
import type { AndroidConfig, IosConfig } from './schemas.js';

export type AndroidView = Omit<AndroidConfig, 'playStoreUrl'> & { playStoreUrl: string | null };

export interface ParsedApp {
  row: AppsTable;
  ios: IosConfig | null;
  android: AndroidView | null;
}

/** An apps row with its JSON columns read. */
export function parseApp(row: AppsTable): ParsedApp {
  return { row, ios: row.ios ? JSON.parse(row.ios) : null, android: row.android ? JSON.parse(row.android) : null };
}
