import type { Kysely } from 'kysely';
import { newId } from '../../lib/ids.js';

// Teams (PRODUCT.md §9): people are users (usr_), members (mem_) of accounts with a role. A session
// belongs to a user and acts in one account; an API key acts with the role of the member who
// created it. Every existing account's person becomes a user and the account's `owner` member, so
// every session and key keeps working. accounts.email / password_hash stay (the account's contact
// and the creator's original credential) but sign-in reads users from now on.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('members')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    // Null while invited and the email has no user yet.
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    // invited | active | removed (a removed member's row stays: its kept API keys act with its last role).
    .addColumn('status', 'text', (c) => c.notNull())
    // SHA-256 of the invite token; null once accepted, revoked or expired (single use).
    .addColumn('invite_token_hash', 'text', (c) => c.unique())
    .addColumn('invite_expires_at', 'bigint')
    .addColumn('invited_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('joined_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('members_account_email_idx').on('members').columns(['account_id', 'email']).execute();
  await db.schema.createIndex('members_user_idx').on('members').column('user_id').execute();
  await db.schema.createIndex('members_invite_expiry_idx').on('members').columns(['status', 'invite_expires_at']).execute();

  await db.schema.alterTable('sessions').addColumn('user_id', 'text').execute();
  await db.schema.alterTable('api_keys').addColumn('member_id', 'text').execute();

  // The database handle converts camelCase to snake_case (CamelCasePlugin), both ways.
  const accounts = await db.selectFrom('accounts').select(['id', 'email', 'passwordHash', 'createdAt']).orderBy('id').execute();
  for (const a of accounts) {
    const userId = newId('usr');
    const memberId = newId('mem');
    await db.insertInto('users').values({ id: userId, email: a.email, passwordHash: a.passwordHash, createdAt: a.createdAt, updatedAt: a.createdAt }).execute();
    await db
      .insertInto('members')
      .values({
        id: memberId,
        accountId: a.id,
        userId,
        email: a.email,
        role: 'owner',
        status: 'active',
        createdAt: a.createdAt,
        joinedAt: a.createdAt,
        updatedAt: a.createdAt,
      })
      .execute();
    await db.updateTable('sessions').set({ userId }).where('accountId', '=', a.id).execute();
    await db.updateTable('apiKeys').set({ memberId }).where('accountId', '=', a.id).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_keys').dropColumn('member_id').execute();
  await db.schema.alterTable('sessions').dropColumn('user_id').execute();
  await db.schema.dropTable('members').execute();
  await db.schema.dropTable('users').execute();
}
