// Reads an existing Word response table and, once confirmed, creates the review's recommendations and the executive's responses.
//
// Two steps on purpose: preview says what was understood (and which rows could not be read) and
// writes nothing; apply creates the readable rows in one transaction with an audit event each.
import type { Actor, SystemActor } from '../domain/roles.ts';
import { isSlug } from '../domain/slug.ts';
import type { ResponseTableReading } from '../import/docx-response-reader.ts';
import type { Repositories } from '../repositories/index.ts';
import { ConflictError, NotFoundError, ValidationError } from './errors.ts';
import type { UnitOfWork } from './unit-of-work.ts';
import { refreshReviewStatus } from './review-lifecycle-service.ts';
import { present } from '../domain/present.ts';
import { authorise, createWriteRunner, declareWrite, EDITORS, NO_INPUT } from './command.ts';

export type ResponseImportPreview = ResponseTableReading;

export interface ApplyResponseImport {
  /** The review's slug or its id. */
  review: string | number;
  preview: ResponseImportPreview;
  /** The meeting that agreed the response, and the date it did, when known. */
  agreedMeetingId?: number | null;
  respondedOn?: string | null;
}

export interface ResponseImportResult {
  reviewId: number;
  created: { recommendationId: number; number: number; officerPersonId: number | null }[];
  /** Rows the preview could not read: reported again, never created. */
  skipped: ResponseImportPreview['problems'];
}

/** The executive's response table read from a Word file: by an officer in the workspace, or `scrutineer import-response`. */
const IMPORT_RESPONSES = declareWrite('review.import_responses', [...EDITORS, 'system', 'import'], NO_INPUT);

export function createResponseImportService(deps: { repos: () => Repositories; unitOfWork: UnitOfWork }) {
  const write = createWriteRunner(deps.unitOfWork);
  async function findReview(ref: string | number) {
    const r = deps.repos();
    const asNumber = typeof ref === 'number' ? ref : /^\d+$/.test(ref) ? Number(ref) : null;
    const review = asNumber !== null ? await r.reviews.findById(asNumber) : isSlug(ref as string) ? await r.reviews.findBySlug(ref as string) : undefined;
    if (!review) throw new NotFoundError('No such review');
    return review;
  }

  return {
    findReview,

    /** What the table says, row by row, and the rows that could not be read. Writes nothing. */
    async previewResponseImport(buffer: Buffer): Promise<ResponseImportPreview> {
      // The Word reader (mammoth and an XML parser) is loaded at the first upload, not at start-up.
      const { readResponseTable, ResponseTableNotFoundError } = await import('../import/docx-response-reader.ts');
      try {
        return await readResponseTable(buffer);
      } catch (error) {
        if (error instanceof ResponseTableNotFoundError) throw new ValidationError([{ field: 'file', message: error.message }], error.message);
        throw error;
      }
    },

    /** Creates the readable rows as recommendations with their responses, all or nothing. */
    async applyResponseImport(actor: Actor | SystemActor, input: ApplyResponseImport): Promise<ResponseImportResult> {
      authorise(IMPORT_RESPONSES, actor);
      const review = await findReview(input.review);
      if (input.preview.rows.length === 0) {
        throw new ValidationError([{ field: 'file', message: 'The table has no rows that could be read' }]);
      }
      return write(IMPORT_RESPONSES, actor, undefined, async (_values, { repos, audit }) => {
        const existing = await repos.recommendations.forReview(review.id);
        const clash = input.preview.rows.filter((row) => existing.some((e) => e.number === row.number)).map((row) => row.number);
        if (clash.length > 0) {
          throw new ConflictError(`The review already has recommendation${clash.length === 1 ? '' : 's'} ${clash.join(', ')}; nothing was imported`);
        }
        const created: ResponseImportResult['created'] = [];
        for (const row of input.preview.rows) {
          const recommendation = await repos.recommendations.create(
            {
              review_id: review.id,
              number: row.number,
              text: row.text,
              status: 'open',
              signed_off_on: null,
              signed_off_meeting_id: null,
              source_system: 'docx-response',
              source_id: null,
            },
            row.points,
          );
          // The officer is linked to a person only when exactly one person has that name; the name is kept either way.
          const people = row.officerName ? await repos.papers.peopleNamed(row.officerName) : [];
          const officerPersonId = people.length === 1 ? present(people[0], 'people[0]').id : null;
          const response = await repos.recommendations.addResponse({
            recommendation_id: recommendation.id,
            decision: row.decision,
            response_text: row.responseText,
            proposed_action: row.proposedAction,
            reason: row.reason,
            responsible_person_id: officerPersonId,
            responsible_name: row.officerName,
            action_by_date: row.actionByDate,
            action_by_text: row.actionByText,
            outcome: row.outcome,
            agreed_meeting_id: input.agreedMeetingId ?? review.response_meeting_id ?? null,
            responded_on: input.respondedOn ?? null,
          });
          await audit('import', 'recommendation', recommendation.id, null, recommendation);
          await audit('import', 'executive_response', response.id, null, response);
          created.push({ recommendationId: recommendation.id, number: row.number, officerPersonId });
        }
        // The import as a whole, against the review: how many rows were created and which were skipped.
        await refreshReviewStatus(repos, review.id);
        await audit('import.summary', 'review', review.id, null, {
          source: 'Word response table',
          created: created.map((c) => c.number),
          skipped: input.preview.problems.length,
        });
        return { reviewId: review.id, created, skipped: input.preview.problems };
      });
    },
  };
}

export type ResponseImportService = ReturnType<typeof createResponseImportService>;
