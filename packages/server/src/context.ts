import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { Plans } from './accounts/plans.js';
import { type Config, resolveMasterKey } from './config.js';
import { type Database, openDatabase } from './db/index.js';
import { migrateToLatest } from './db/migrate.js';
import type { DB } from './db/schema.js';
import { DeliveryWake } from './delivery/wake.js';
import { createDnsResolver, type DnsResolver } from './domains/dns.js';
import { HostCache } from './domains/hosts.js';
import { Outbox } from './events/emit.js';
import type { BackgroundService } from './lib/background.js';
import { ClientHashes } from './lib/privacy.js';
import { targetPolicy, type TargetPolicy } from './lib/ssrf.js';
import { ClickRecorder } from './links/clicks.js';
import { LinkCache } from './links/lookup.js';
import { ThresholdCache } from './links/milestones.js';
import { createLogger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';
import { type Mailer, smtpMailer } from './teams/mailer.js';

/**
 * What every service needs, built once per process (or per test node) by createContext() and
 * passed explicitly. Everything a process keeps between requests lives here — nothing in module
 * globals — so a test can run several nodes in one process, and a reader can list what a process
 * caches in one place.
 */
export interface AppContext {
  config: Config;
  database: Database;
  db: Kysely<DB>;
  masterKey: Buffer;
  log: Logger;
  metrics: Metrics;
  /** Plan limits with the operator's overrides: the one lookup of every limit check. */
  plans: Plans;
  /** The SSRF guard's policy (dev mode, LINKWIRE_ALLOW_PRIVATE_TARGETS), for URL checks and sockets. */
  targetPolicy: TargetPolicy;
  /** "Deliveries are due": the one wake-up path to the dispatchers (in-process, NOTIFY on PostgreSQL). */
  wake: DeliveryWake;
  /** emit()/emitMany(): the transactional outbox. */
  outbox: Outbox;
  /** Daily HMACs of client IPs (visitor ids, throttles): the raw IP never leaves the process. */
  clientHashes: ClientHashes;
  /** Short-link targets by slug (1 s per-process cache on the redirect path). */
  links: LinkCache;
  /** Milestone thresholds per account (1 s per-process cache on the click path). */
  thresholds: ThresholdCache;
  /** Group commit of clicks and visits; flushed by the public routes' onClose. */
  clickRecorder: ClickRecorder;
  /** The one DNS resolver of domain checks (LINKWIRE_DNS_SERVERS or the system's); tests may replace it. */
  dns: DnsResolver;
  /** Custom hosts in memory, for routing and the TLS ask endpoint (domains/hosts.ts). */
  hosts: HostCache;
  /** Sends invite mail when LINKWIRE_SMTP_URL is set; null otherwise. */
  mailer: Mailer | null;
}

export type { BackgroundService } from './lib/background.js';

export type BackgroundStarter = (ctx: AppContext) => Promise<BackgroundService> | BackgroundService;

/** Opens the database, applies migrations, loads the master key, builds the per-process registries. */
export async function createContext(config: Config, opts: { log?: Logger; migrate?: boolean; poolSize?: number } = {}): Promise<AppContext> {
  const log = opts.log ?? createLogger(config.logLevel);
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: opts.poolSize,
    onCheckpointError: (err) => log.warn({ err }, "WAL checkpointer thread failed; SQLite's own checkpoint (every 10 000 WAL pages) takes over"),
  });
  try {
    if (opts.migrate !== false) {
      const { applied } = await migrateToLatest(database.db);
      if (applied.length) log.info({ applied }, 'database migrated');
    }
    const masterKey = resolveMasterKey(config);
    const plans = new Plans(config.plans);
    const wake = new DeliveryWake(database.caps, config.databaseUrl, log);
    const outbox = new Outbox({ plans, caps: database.caps, wake, production: config.production });
    const metrics = createMetrics();
    const thresholds = new ThresholdCache();
    return {
      config,
      database,
      db: database.db,
      masterKey,
      log,
      metrics,
      plans,
      targetPolicy: targetPolicy(config),
      wake,
      outbox,
      clientHashes: new ClientHashes(masterKey),
      links: new LinkCache(),
      thresholds,
      clickRecorder: new ClickRecorder({ db: database.db, metrics, log, outbox, thresholds }),
      dns: createDnsResolver(config.domains),
      hosts: new HostCache(),
      mailer: config.smtpUrl ? smtpMailer(config.smtpUrl, config.publicUrl) : null,
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}
