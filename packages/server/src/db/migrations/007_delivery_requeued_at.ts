import { type Kysely, sql } from 'kysely';

// The rolling 24-hour quota counts deliveries by created_at. A delivery older than 24 hours that
// is sent again (replay, manual retry) takes room in the quota when it is re-queued, but the window
// did not see it afterwards, so fan-out could queue a full quota on top of it. requeued_at records
// when such a delivery was last re-queued; the quota counts it by that time (webhooks/usage.ts).
//
// The index is partial: only re-queued rows have an entry, so the click path's INSERTs (requeued_at
// null) pay nothing for it, and the count's second half reads only the few re-queued rows.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('deliveries').addColumn('requeued_at', 'bigint').execute();
  await db.schema
    .createIndex('deliveries_requeued_idx')
    .on('deliveries')
    .columns(['account_id', 'requeued_at'])
    .where(sql.ref('requeued_at'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('deliveries_requeued_idx').execute();
  await db.schema.alterTable('deliveries').dropColumn('requeued_at').execute();
}
