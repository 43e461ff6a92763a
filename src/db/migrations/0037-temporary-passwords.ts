// Accounts made in the workspace start with a temporary password that its holder must replace at the first sign-in.
import type { Kysely } from 'kysely';

// An administrator who makes an account (or sets a new password for someone locked out) knows the
// password they typed; until the holder has chosen their own, every workspace page but the change
// of password sends them there (NCSC password guidance: a password set for a user is changed on first use).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('must_change_password').execute();
}
