// Documents: reports, appendices, annexes and minutes, attached to meetings, agenda items or reviews.
import type { Insertable } from 'kysely';
import type { DocumentTable } from '../db/schema.ts';
import { timestamps, type RepositoryContext } from './repository-context.ts';
import { isPublicBusiness } from './withheld-expression.ts';

export type NewDocument = Omit<Insertable<DocumentTable>, 'created_at' | 'updated_at'>;

export function createDocumentRepository({ db, clock }: RepositoryContext) {
  return {
    async create(values: NewDocument) {
      return db.insertInto('documents').values({ ...values, ...timestamps(clock) }).returningAll().executeTakeFirstOrThrow();
    },

    async findBySlug(slug: string) {
      return db.selectFrom('documents').selectAll().where('slug', '=', slug).executeTakeFirst();
    },

    /**
     * A document the public may see at its address: open by its own flags and its item's, and not a
     * paper of a draft item (the same expression as search, feeds and the API, so they all agree).
     */
    async findPublicBySlug(slug: string) {
      return db.selectFrom('documents as d').leftJoin('agenda_items as ai', 'ai.id', 'd.agenda_item_id').selectAll('d')
        .where('d.slug', '=', slug).where(isPublicBusiness('d', { optional: 'ai' })).executeTakeFirst();
    },

    async forMeeting(meetingId: number) {
      return db.selectFrom('documents').selectAll().where('meeting_id', '=', meetingId).orderBy('id').execute();
    },

    async forReview(reviewId: number) {
      return db.selectFrom('documents').selectAll().where('review_id', '=', reviewId).orderBy('id').execute();
    },
  };
}

export type DocumentRepository = ReturnType<typeof createDocumentRepository>;
