import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../audit/record.js';
import { recordAudit } from '../audit/record.js';
import type { AppContext } from '../context.js';
import type { AppsTable } from '../db/schema.apps.js';
import { inTransaction, type Tx } from '../db/transaction.js';
import { notFound, validationError } from '../http/errors.js';
import { newId } from '../lib/ids.js';
import { ASSOCIATION_MAX_BYTES, accountAssociationFiles } from './association.js';
import { type AndroidView, parseApp } from './model.js';
import type { AndroidConfig, CreateAppInput, IosConfig, UpdateAppInput } from './schemas.js';

// Apps: the account's mobile apps and their publishable keys. The key (pk_app_…) is stored as a
// SHA-256 hash, like API keys: it is meant to ship inside apps, but whoever reads it from the
// database could claim the app's tokens, and the SDK path only ever needs an equality lookup on
// the hash. The cost is that it is shown once (at creation and rotation), as API keys are.

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface AppView {
  id: string;
  name: string;
  ios: IosConfig | null;
  android: AndroidView | null;
  deferred: { windowMinutes: number; probabilistic: boolean };
  keyPrefix: string;
  createdAt: string;
  updatedAt: string;
}

export function toAppView(row: AppsTable): AppView {
  const { ios, android } = parseApp(row);
  return {
    id: row.id,
    name: row.name,
    ios,
    android,
    deferred: { windowMinutes: row.deferredWindowMinutes, probabilistic: row.deferredProbabilistic === 1 },
    keyPrefix: row.keyPrefix,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

function newKey(): { key: string; prefix: string; hash: string } {
  const key = `pk_app_${randomBytes(24).toString('base64url')}`;
  return { key, prefix: key.slice(0, 12), hash: sha256(key) };
}

const androidOf = (a: AndroidConfig | null | undefined) => (a ? JSON.stringify({ ...a, playStoreUrl: a.playStoreUrl ?? null }) : null);

/** The account's association files with `row` in place must stay under Apple's 128 KB. */
async function checkAssociationSize(ctx: AppContext, tx: Tx, row: AppsTable): Promise<void> {
  const files = await accountAssociationFiles(ctx, tx, row.accountId, row);
  for (const [field, body] of [
    ['ios', files.appleAppSiteAssociation],
    ['android', files.assetLinks],
  ] as const) {
    const bytes = Buffer.byteLength(JSON.stringify(body));
    if (bytes > ASSOCIATION_MAX_BYTES)
      throw validationError([
        {
          field,
          message: `would make the account's association file ${bytes} bytes, over the ${ASSOCIATION_MAX_BYTES}-byte (128 KB) limit Apple and Google enforce`,
        },
      ]);
  }
}

async function loadApp(db: Tx | AppContext['db'], accountId: string, id: string): Promise<AppsTable> {
  const row = await db.selectFrom('apps').selectAll().where('id', '=', id).where('accountId', '=', accountId).executeTakeFirst();
  if (!row) throw notFound('App', id);
  return row;
}

export async function createApp(ctx: AppContext, accountId: string, actor: Actor, input: CreateAppInput): Promise<AppView & { publishableKey: string }> {
  const now = Date.now();
  const { key, prefix, hash } = newKey();
  const row: AppsTable = {
    id: newId('app'),
    accountId,
    name: input.name,
    ios: input.ios ? JSON.stringify(input.ios) : null,
    android: androidOf(input.android),
    deferredWindowMinutes: input.deferred?.windowMinutes ?? 120,
    deferredProbabilistic: input.deferred?.probabilistic ? 1 : 0,
    keyPrefix: prefix,
    keyHash: hash,
    keyRotatedAt: null,
    createdAt: now,
    updatedAt: now,
  };
  return inTransaction(ctx.db, async (tx) => {
    await checkAssociationSize(ctx, tx, row);
    await tx.insertInto('apps').values(row).execute();
    await recordAudit(tx, accountId, actor, {
      action: 'app.created',
      target: { type: 'app', id: row.id },
      changes: { name: { from: null, to: row.name }, ios: { from: null, to: input.ios ?? null }, android: { from: null, to: input.android ?? null } },
    });
    return { ...toAppView(row), publishableKey: key };
  });
}

export async function listApps(ctx: AppContext, accountId: string): Promise<AppView[]> {
  const rows = await ctx.db.selectFrom('apps').selectAll().where('accountId', '=', accountId).orderBy('id').execute();
  return rows.map(toAppView);
}

export async function getApp(ctx: AppContext, accountId: string, id: string): Promise<AppView> {
  return toAppView(await loadApp(ctx.db, accountId, id));
}

export async function updateApp(ctx: AppContext, accountId: string, actor: Actor, id: string, input: UpdateAppInput): Promise<AppView> {
  return inTransaction(ctx.db, async (tx) => {
    const before = await loadApp(tx, accountId, id);
    const after: AppsTable = { ...before };
    if (input.name !== undefined) after.name = input.name;
    if (input.ios !== undefined) after.ios = input.ios ? JSON.stringify(input.ios) : null;
    if (input.android !== undefined) after.android = androidOf(input.android);
    if (input.deferred?.windowMinutes !== undefined) after.deferredWindowMinutes = input.deferred.windowMinutes;
    if (input.deferred?.probabilistic !== undefined) after.deferredProbabilistic = input.deferred.probabilistic ? 1 : 0;
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of ['name', 'ios', 'android', 'deferredWindowMinutes', 'deferredProbabilistic'] as const) {
      if (before[key] !== after[key]) {
        const read = (v: unknown) => (typeof v === 'string' && (key === 'ios' || key === 'android') ? JSON.parse(v) : v);
        changes[key] = { from: read(before[key]), to: read(after[key]) };
      }
    }
    if (Object.keys(changes).length === 0) return toAppView(before);
    after.updatedAt = Date.now();
    await checkAssociationSize(ctx, tx, after);
    await tx
      .updateTable('apps')
      .set({
        name: after.name,
        ios: after.ios,
        android: after.android,
        deferredWindowMinutes: after.deferredWindowMinutes,
        deferredProbabilistic: after.deferredProbabilistic,
        updatedAt: after.updatedAt,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, accountId, actor, { action: 'app.updated', target: { type: 'app', id }, changes });
    return toAppView(after);
  });
}

export async function rotateAppKey(ctx: AppContext, accountId: string, actor: Actor, id: string): Promise<AppView & { publishableKey: string }> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await loadApp(tx, accountId, id);
    const { key, prefix, hash } = newKey();
    const now = Date.now();
    await tx.updateTable('apps').set({ keyPrefix: prefix, keyHash: hash, keyRotatedAt: now, updatedAt: now }).where('id', '=', id).execute();
    // Prefixes only: the audit log never holds a key.
    await recordAudit(tx, accountId, actor, {
      action: 'app.key_rotated',
      target: { type: 'app', id },
      changes: { keyPrefix: { from: row.keyPrefix, to: prefix } },
    });
    return { ...toAppView({ ...row, keyPrefix: prefix, keyHash: hash, keyRotatedAt: now, updatedAt: now }), publishableKey: key };
  });
}

/** Deleting an app turns its links back into web links (their app settings are cleared) and drops its tokens. */
export async function deleteApp(ctx: AppContext, accountId: string, actor: Actor, id: string): Promise<string[]> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await loadApp(tx, accountId, id);
    const links = await tx.selectFrom('links').select('id').where('accountId', '=', accountId).where('appId', '=', id).execute();
    await tx
      .updateTable('links')
      .set({ appId: null, appPath: null, appParams: null, appForceWeb: null, updatedAt: Date.now() })
      .where('accountId', '=', accountId)
      .where('appId', '=', id)
      .execute();
    await tx.deleteFrom('deeplinkTokens').where('appId', '=', id).execute();
    await tx.deleteFrom('apps').where('id', '=', id).execute();
    await recordAudit(tx, accountId, actor, { action: 'app.deleted', target: { type: 'app', id }, changes: { name: { from: row.name, to: null } } });
    return links.map((l) => l.id);
  });
}

/** The app behind a publishable key (the SDK API's credential), or undefined. */
export async function appForKey(ctx: AppContext, key: string): Promise<AppsTable | undefined> {
  if (!key.startsWith('pk_app_')) return undefined;
  return ctx.db.selectFrom('apps').selectAll().where('keyHash', '=', sha256(key)).executeTakeFirst();
}
