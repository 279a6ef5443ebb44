import type { Kysely, Selectable } from 'kysely';
import { inListChunks, runCompiled } from '../db/compiled.js';
import type { DB, EndpointFormat, EndpointSource, WebhooksTable } from '../db/schema.js';
import { open } from '../lib/secretbox.js';
import { signingSecrets } from '../webhooks/secrets.js';

/** What the sender needs to know about an endpoint, read fresh for every claimed batch. */
export interface EndpointConfig {
  id: string;
  accountId: string;
  url: string;
  timeoutMs: number;
  /** Custom headers, lower-cased names. */
  headers: Record<string, string>;
  enabled: boolean;
  deleted: boolean;
  /** A `linkwire listen` endpoint: its deliveries are parked for the stream, not sent (listen.ts). */
  listen: boolean;
  /** An analytics sink: its deliveries are batched by delivery/sinks/, not POSTed one by one (absent: false). */
  sink?: boolean;
  /** Signing secrets, current first, then the previous one while its grace period lasts. The
   * sender makes (and caches) the signers: in a sender thread they could not cross anyway. */
  secrets: string[];
  /** 'standard' (signed envelope, sender.ts) or a chat format (rendered and rate limited, chat.ts). */
  format: EndpointFormat;
  /** 'api', or the no-code tool owning the subscription (deleted rather than disabled on 410). */
  source: EndpointSource;
}

type EndpointRow = Pick<
  Selectable<WebhooksTable>,
  | 'id'
  | 'accountId'
  | 'url'
  | 'timeoutMs'
  | 'headers'
  | 'enabled'
  | 'deletedAt'
  | 'secretEnc'
  | 'previousSecretEnc'
  | 'previousSecretExpiresAt'
  | 'kind'
  | 'format'
  | 'source'
  | 'urlEnc'
>;

/**
 * Reads the endpoints of a batch in one query. Configs are re-read every batch (one indexed
 * lookup by primary key for a handful of ids), so an edit, a disable or a rotation takes effect
 * on the next claim without any invalidation protocol.
 *
 * Secrets are cached by their stored form: a ciphertext always opens to the same secret, and a
 * rotation writes a new one. Opening the AES-GCM box on every batch was 2–2.7 % of the drain's main
 * thread (bench --profile, 25 000 deliveries in claims of ~50).
 */
export class EndpointLoader {
  private revealed = new Map<string, string>();
  private readonly reveal = (secretEnc: string): string => {
    let secret = this.revealed.get(secretEnc);
    if (secret === undefined) {
      secret = open(this.masterKey, secretEnc);
      this.revealed.set(secretEnc, secret);
    }
    return secret;
  };

  constructor(
    private readonly db: Kysely<DB>,
    private readonly masterKey: Buffer,
  ) {}

  async load(ids: string[], now: number): Promise<Map<string, EndpointConfig>> {
    const out = new Map<string, EndpointConfig>();
    const unique = [...new Set(ids)];
    if (unique.length === 0) return out;
    // IN lists padded to the ladder's sizes (db/compiled.ts): one compiled text per size.
    for (const chunk of inListChunks(unique)) {
      const { rows } = await runCompiled(this.db, `endpoints.load:${chunk.length}`, chunk, () =>
        this.db
          .selectFrom('webhooks')
          .select([
            'id',
            'accountId',
            'url',
            'timeoutMs',
            'headers',
            'enabled',
            'deletedAt',
            'secretEnc',
            'previousSecretEnc',
            'previousSecretExpiresAt',
            'kind',
            'format',
            'source',
            'urlEnc',
          ])
          .where('id', 'in', chunk),
      );
      for (const row of rows) this.add(out, row, now);
    }
    if (this.revealed.size > 10_000) this.revealed.clear();
    return out;
  }

  private add(out: Map<string, EndpointConfig>, row: EndpointRow, now: number): void {
    // signingSecrets() is the one rule for which secrets sign (current first, previous during
    // its grace period), shared with the webhooks API.
    const secrets = signingSecrets({ masterKey: this.masterKey }, row, now, this.reveal);
    out.set(row.id, {
      id: row.id,
      accountId: row.accountId,
      // A chat endpoint's URL is its credential: sealed in url_enc, `url` holds a masked form.
      url: row.urlEnc === null ? row.url : this.reveal(row.urlEnc),
      timeoutMs: row.timeoutMs,
      headers: parseHeaders(row.headers),
      enabled: row.enabled === 1,
      deleted: row.deletedAt !== null,
      listen: row.kind === 'listen',
      sink: row.kind === 'sink',
      secrets,
      format: row.format,
      source: row.source,
    });
  }
}

function parseHeaders(json: string): Record<string, string> {
  try {
    const value = JSON.parse(json) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k.toLowerCase()] = v;
    return out;
  } catch {
    return {};
  }
}
