// A body's successor (a committee renamed or replaced signs off its predecessor's recommendations), and resolution limbs that can be corrected or withdrawn under a version check.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The body that took over this one's work; a review of the old body is signed off at the new one's meetings.
  await db.schema
    .alterTable('organisations')
    .addColumn('successor_id', 'integer', (c) => c.references('organisations.id'))
    .execute();
  // A limb corrected after the meeting carries a version (a stale correction is refused), and a limb
  // recorded in error is withdrawn with the reason, kept for the audit trail but shown nowhere public.
  await db.schema
    .alterTable('resolution_limbs')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('resolution_limbs').addColumn('withdrawn_on', 'text').execute();
  await db.schema.alterTable('resolution_limbs').addColumn('withdrawal_reason', 'text').execute();
  // A referral withdrawn (status 'withdrawn') keeps why.
  await db.schema.alterTable('referrals').addColumn('withdrawal_reason', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('referrals').dropColumn('withdrawal_reason').execute();
  await db.schema.alterTable('resolution_limbs').dropColumn('withdrawal_reason').execute();
  await db.schema.alterTable('resolution_limbs').dropColumn('withdrawn_on').execute();
  await db.schema.alterTable('resolution_limbs').dropColumn('version').execute();
  await db.schema.alterTable('organisations').dropColumn('successor_id').execute();
}
