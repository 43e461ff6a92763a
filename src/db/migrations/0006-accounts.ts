// Accounts for the officer workspace: users and their roles, sessions, sign-in attempts, the email outbox and followers.
import type { Kysely } from 'kysely';
import { isPostgres } from './0001-initial.ts';

function id(db: Kysely<unknown>, name: string) {
  const table = db.schema.createTable(name);
  return isPostgres(db) ? table.addColumn('id', 'serial', (c) => c.primaryKey()) : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: Kysely<unknown>): Promise<void> {
  // role: administrator | democratic_services | lead_officer | councillor (src/domain/roles.ts).
  // password_hash is "scrypt$N$r$p$salt$hash" (base64), so the cost can rise without a migration.
  await id(db, 'users')
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.references('people.id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('is_disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // The cookie holds a random token; only its SHA-256 is stored, so a copy of the database
  // cannot be replayed as a session.
  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  // Every attempt, by the email typed (known or not), so lockout neither needs nor reveals an account.
  await id(db, 'login_attempts')
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('succeeded', 'integer', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .execute();

  // Messages are written here in the same transaction as the change that causes them, and sent
  // later; dedupe_key is unique so a reminder is queued once however often `notify` runs.
  await id(db, 'outbox')
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .execute();

  // Anyone may follow a review or a recommendation. The random token in the links of every message
  // confirms and unsubscribes in one click; it grants nothing else, so it is kept as it is.
  await id(db, 'followers')
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('confirmed_at', 'text')
    .addColumn('unsubscribed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createIndex('idx_sessions_user').on('sessions').column('user_id').execute();
  await db.schema.createIndex('idx_login_attempts_email').on('login_attempts').columns(['email', 'occurred_at']).execute();
  await db.schema.createIndex('idx_outbox_unsent').on('outbox').columns(['sent_at', 'id']).execute();
  await db.schema.createIndex('idx_followers_entity').on('followers').columns(['entity_type', 'entity_id']).execute();
  await db.schema.createIndex('idx_users_person').on('users').column('person_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['followers', 'outbox', 'login_attempts', 'sessions', 'users']) {
    await db.schema.dropTable(table).execute();
  }
}
