// Sign-in throttling per account and client address: the address of each attempt, and one row per email that serialises the check and records unlocks.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The client address each attempt came from (as Fastify reports it, honouring TRUST_PROXY), so a
  // lock binds the address that guessed, not the account's real user. Older rows have none.
  await db.schema.alterTable('login_attempts').addColumn('client', 'text').execute();
  await db.schema.createIndex('idx_login_attempts_email_client').on('login_attempts').columns(['email', 'client', 'id']).execute();

  // One row per email typed. Every check of an attempt first writes this row, so concurrent
  // attempts for one email are checked and counted one after another (PostgreSQL holds the row
  // lock until commit; SQLite has one writer). unlocked_through is the last login_attempts id an
  // administrator's `scrutineer user unlock` cleared: failures up to it no longer count.
  await db.schema
    .createTable('login_throttles')
    .addColumn('email', 'text', (c) => c.primaryKey())
    .addColumn('unlocked_through', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('login_throttles').execute();
  await db.schema.dropIndex('idx_login_attempts_email_client').execute();
  await db.schema.alterTable('login_attempts').dropColumn('client').execute();
}
