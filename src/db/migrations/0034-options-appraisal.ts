// A review's options appraisal: the options it compares, the evidence that illustrates each, and the review group's judgement per criterion and option.
import type { Kysely } from 'kysely';
import { isPostgres } from './0001-initial.ts';

/** A new table with its id column as the first schema makes them (serial on PostgreSQL, autoincrement on SQLite). */
function create(db: Kysely<unknown>, name: string) {
  const table = db.schema.createTable(name);
  return isPostgres(db) ? table.addColumn('id', 'serial', (c) => c.primaryKey()) : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: Kysely<unknown>): Promise<void> {
  // The options a review compares (for example delivery models), in the order the review gives them.
  await create(db, 'review_options')
    .addColumn('review_id', 'integer', (c) => c.notNull().references('scrutiny_reviews.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .execute();
  await db.schema.createIndex('review_options_review').on('review_options').columns(['review_id', 'position']).execute();
  // The option a visit or session illustrates (a visit to an authority run as a trust illustrates the trust option).
  await db.schema
    .alterTable('evidence')
    .addColumn('option_id', 'integer', (c) => c.references('review_options.id'))
    .execute();
  // One judgement per criterion and option, with the review group's short rationale.
  await create(db, 'review_judgements')
    .addColumn('review_id', 'integer', (c) => c.notNull().references('scrutiny_reviews.id'))
    .addColumn('criterion_id', 'integer', (c) => c.notNull().references('review_criteria.id'))
    .addColumn('option_id', 'integer', (c) => c.notNull().references('review_options.id'))
    .addColumn('judgement', 'text', (c) => c.notNull())
    .addColumn('rationale', 'text')
    .addUniqueConstraint('review_judgements_cell', ['criterion_id', 'option_id'])
    .execute();
  await db.schema.createIndex('review_judgements_review').on('review_judgements').columns(['review_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('review_judgements').execute();
  await db.schema.alterTable('evidence').dropColumn('option_id').execute();
  await db.schema.dropTable('review_options').execute();
}
