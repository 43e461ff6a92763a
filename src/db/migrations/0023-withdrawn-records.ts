// Mistakes can be put right: a record created in error is withdrawn (kept, with who, when and why) rather than deleted, and a form's one-time submission key is remembered once used.
import type { Kysely } from 'kysely';

/** The tables whose records an officer may withdraw (src/domain/withdrawal.ts lists them by kind). */
const WITHDRAWABLE_TABLES = ['scrutiny_reviews', 'recommendations', 'memberships', 'agenda_items', 'documents', 'progress_updates', 'attendance'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  // A withdrawn record leaves every public output but stays in the workspace and the audit trail,
  // so it can be restored: the instant, the officer and the reason are kept on the row itself.
  for (const table of WITHDRAWABLE_TABLES) {
    await db.schema.alterTable(table).addColumn('withdrawn_at', 'text').execute();
    await db.schema.alterTable(table).addColumn('withdrawn_by', 'text').execute();
    await db.schema.alterTable(table).addColumn('withdrawn_reason', 'text').execute();
  }
  // A workspace form's one-time key: inserted in the same transaction as the write it allowed, so a
  // second submission of the same form (double click, back button and resubmit) writes nothing.
  await db.schema
    .createTable('form_submissions')
    .addColumn('submission_key', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('used_at', 'text', (c) => c.notNull())
    .addColumn('result_url', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('form_submissions').execute();
  for (const table of WITHDRAWABLE_TABLES) {
    await db.schema.alterTable(table).dropColumn('withdrawn_reason').execute();
    await db.schema.alterTable(table).dropColumn('withdrawn_by').execute();
    await db.schema.alterTable(table).dropColumn('withdrawn_at').execute();
  }
}
