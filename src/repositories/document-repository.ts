// Documents: reports, appendices, annexes and minutes, attached to meetings, agenda items or reviews.
import type { Insertable } from 'kysely';
import type { DocumentTable } from '../db/schema.ts';
import { timestamps, type RepositoryContext } from './repository-context.ts';
import type { WithdrawnOption } from './review-repository.ts';
import { isPublicBusiness, notWithdrawn } from './withheld-expression.ts';

export type NewDocument = Omit<Insertable<DocumentTable>, 'created_at' | 'updated_at'>;

/** A document's file facts before any file is stored: document-file-repository `put` fills them in when one is. */
export const NO_FILE = { file_name: null, media_type: null, byte_size: null, page_count: null, storage_key: null } as const;

export function createDocumentRepository({ db, clock }: RepositoryContext) {
  return {
    async create(values: NewDocument) {
      return db
        .insertInto('documents')
        .values({ ...values, ...timestamps(clock) })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /** A live document by its slug; `includeWithdrawn` finds a withdrawn one too (its slug stays taken). */
    async findBySlug(slug: string, options: WithdrawnOption = {}) {
      const q = db.selectFrom('documents').selectAll().where('slug', '=', slug);
      return (options.includeWithdrawn ? q : q.where(notWithdrawn('documents'))).executeTakeFirst();
    },

    /**
     * A document the public may see at its address: open by its own flags and its item's, and not a
     * paper of a draft item (the same expression as search, feeds and the API, so they all agree).
     */
    async findPublicBySlug(slug: string) {
      // A paper of a withdrawn item or review is withdrawn with it.
      return db
        .selectFrom('documents as d')
        .leftJoin('agenda_items as ai', 'ai.id', 'd.agenda_item_id')
        .leftJoin('scrutiny_reviews as rv', 'rv.id', 'd.review_id')
        .selectAll('d')
        .where('d.slug', '=', slug)
        .where(isPublicBusiness('d', { optional: 'ai' }))
        .where(notWithdrawn('d', { optional: 'ai' }, { optional: 'rv' }))
        .executeTakeFirst();
    },

    async forMeeting(meetingId: number) {
      // A paper of a withdrawn agenda item leaves with the item.
      return db
        .selectFrom('documents as d')
        .leftJoin('agenda_items as ai', 'ai.id', 'd.agenda_item_id')
        .selectAll('d')
        .where('d.meeting_id', '=', meetingId)
        .where(notWithdrawn('d', { optional: 'ai' }))
        .orderBy('d.id')
        .execute();
    },

    async forReview(reviewId: number) {
      return db.selectFrom('documents').selectAll().where('review_id', '=', reviewId).where(notWithdrawn('documents')).orderBy('id').execute();
    },
  };
}

export type DocumentRepository = ReturnType<typeof createDocumentRepository>;
