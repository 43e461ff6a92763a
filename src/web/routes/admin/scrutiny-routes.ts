// Workspace forms for the scrutiny chain: reviews, recommendations, the executive response, progress updates and bulk updates.
import { municipalYear } from '../../../domain/slug.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import { londonToday } from '../../../domain/clock.ts';
import { readDateAnswer } from '../../../domain/date-answer.ts';
import { EDITOR_ROLES, PROGRESS_ROLES } from '../../../domain/roles.ts';
import { ProgressStatus, Rag, ResponseDecision, ResponseOutcome, ReviewStatus } from '../../../domain/vocabulary.ts';
import { ValidationError, type FieldError } from '../../../services/errors.ts';
import { formState, saveForm } from '../../form-view.ts';
import { paths } from '../../paths.ts';
import { personChoice, responseValues, reviewValues } from '../../presenters/review-workspace-presenter.ts';
import { optionItems, recordItems, vocabularyItems } from '../../presenters/select-options.ts';
import { actorOf, type WorkspaceRouteDeps } from '../../session.ts';
import type { BulkProgressRow, ProgressCsvOutcome } from '../../../services/scrutiny-workspace-service.ts';
import { formRoute, shownValues, showingState, workspaceAccess, workspaceView, type FormShowing } from '../../workspace-form.ts';
import { readId } from './admin-params.ts';
import { reviewPartRoutes } from './review-part-routes.ts';

type Params = { Params: { id: string } };

export async function scrutinyRoutes(app: FastifyInstance, deps: WorkspaceRouteDeps): Promise<void> {
  const { services, cookies } = deps;
  const ws = services.scrutinyWorkspace;
  const editors = workspaceAccess(app, EDITOR_ROLES);

  // Reviews ----------------------------------------------------------------------------------

  app.get(paths.admin.reviews.pattern, editors.read, async (request, reply) => {
    const reviews = await ws.listReviews(actorOf(request));
    // Each committee's annual scrutiny report for each municipal year in which one of its reviews reported.
    const years = new Map<string, { slug: string; name: string; year: number }>();
    for (const r of reviews) {
      if (r.report_date === null) continue;
      const year = municipalYear(r.report_date);
      years.set(`${r.organisation_slug} ${year}`, { slug: r.organisation_slug, name: r.organisation_name, year });
    }
    const annualReports = [...years.values()]
      .sort((a, b) => a.name.localeCompare(b.name) || b.year - a.year)
      .map((y) => ({
        text: `${y.name}, ${y.year}/${String((y.year + 1) % 100).padStart(2, '0')} (PDF)`,
        href: paths.papers.annualReport(y.slug, 'pdf', y.year),
      }));
    return workspaceView(request, reply, cookies, 'admin/reviews.njk', { pageTitle: 'Reviews', reviews, annualReports });
  });

  /** The committees a review may belong to, the current one chosen. */
  async function bodyItems(selected: unknown) {
    return recordItems((await ws.choices()).bodies, (b) => b.name, selected, 'Choose a committee');
  }

  formRoute(app, cookies, {
    pattern: paths.admin.newReview.pattern,
    roles: EDITOR_ROLES,
    page: async (_request, showing) => {
      const form = showingState(showing, {});
      return { template: 'admin/review-form.njk', pageTitle: 'Create a review', data: { bodies: await bodyItems(form.values.organisationId), form } };
    },
    save: async (request, typed) => {
      const created = await ws.createReview(actorOf(request), typed);
      return { url: paths.admin.review(created.id), saved: `Review “${created.title}” created` };
    },
    conflictField: 'title',
  });

  formRoute<Params>(app, cookies, {
    pattern: paths.admin.review.pattern,
    roles: EDITOR_ROLES,
    page: async (request, showing) => {
      const actor = actorOf(request);
      const { review, recommendations } = await ws.review(actor, readId(request.params.id));
      const form = showingState(showing, reviewValues(review));
      return {
        template: 'admin/review-form.njk',
        pageTitle: review.title,
        data: {
          review,
          reviewStatus: ReviewStatus.label(review.status),
          recommendations,
          bodies: await bodyItems(form.values.organisationId),
          conflict: showing.status === 409 ? review : null,
          parts: await ws.reviewParts(actor, review.id),
          form,
        },
      };
    },
    save: async (request, typed) => {
      const id = readId(request.params.id);
      const saved = await ws.updateReview(actorOf(request), id, typed);
      return { url: paths.admin.review(id), saved: `Review “${saved.title}” saved` };
    },
    conflictField: 'title',
  });

  // Recommendations -------------------------------------------------------------------------

  formRoute<Params>(app, cookies, {
    pattern: paths.admin.newRecommendation.pattern,
    roles: EDITOR_ROLES,
    page: async (request, showing) => {
      const { review } = await ws.review(actorOf(request), readId(request.params.id));
      return { template: 'admin/recommendation-form.njk', pageTitle: 'Add a recommendation', data: { review, form: showingState(showing, {}) } };
    },
    save: async (request, typed) => {
      const id = readId(request.params.id);
      const rec = await ws.addRecommendation(actorOf(request), id, typed);
      return { url: paths.admin.review(id), saved: `Recommendation ${rec.number} added` };
    },
    conflictField: 'text',
  });

  formRoute<Params>(app, cookies, {
    pattern: paths.admin.recommendation.pattern,
    roles: EDITOR_ROLES,
    page: async (request, showing) => {
      const { recommendation, progress } = await ws.recommendation(actorOf(request), readId(request.params.id));
      return {
        template: 'admin/recommendation.njk',
        pageTitle: `Recommendation ${recommendation.number}`,
        data: {
          recommendation,
          progress,
          conflict: showing.status === 409 ? { text: recommendation.text, updatedAt: recommendation.updated_at } : null,
          form: showingState(showing, { text: recommendation.text, version: String(recommendation.version) }),
        },
      };
    },
    save: async (request, typed) => {
      const actor = actorOf(request);
      const id = readId(request.params.id);
      await ws.updateRecommendation(actor, id, typed);
      const { recommendation } = await ws.recommendation(actor, id);
      return { url: paths.admin.recommendation(id), saved: `Recommendation ${recommendation.number} saved` };
    },
    conflictField: 'text',
    advice: 'Their version is shown below; your text is still in the box. Check it, then save again.',
  });

  // The executive response ------------------------------------------------------------------

  formRoute<Params>(app, cookies, {
    pattern: paths.admin.response.pattern,
    roles: EDITOR_ROLES,
    page: async (request, showing) => {
      const { recommendation } = await ws.recommendation(actorOf(request), readId(request.params.id));
      const people = (await ws.choices()).people;
      const current = responseValues(recommendation, people.find((p) => p.id === recommendation.responsible_person_id)?.slug ?? '');
      const shown = shownValues(showing, current);
      return {
        template: 'admin/response-form.njk',
        pageTitle: `Executive response to recommendation ${recommendation.number}`,
        data: {
          recommendation,
          decisions: vocabularyItems(ResponseDecision, shown.decision),
          outcomes: vocabularyItems(ResponseOutcome, shown.outcome, 'None'),
          // The responsible officer is linked by the person's address (slug), as the public pages name them.
          people: optionItems(
            people.map((p) => ({ value: p.slug, text: personChoice(p) })),
            shown.responsiblePerson,
            'Not linked to a person',
          ),
          conflict: showing.status === 409 ? current : null,
          form: formState(shown, showing.errors),
        },
      };
    },
    save: async (request, typed) => {
      const actor = actorOf(request);
      const id = readId(request.params.id);
      await ws.recordResponse(actor, id, typed);
      const { recommendation } = await ws.recommendation(actor, id);
      return { url: paths.admin.recommendation(id), saved: `The executive’s response to recommendation ${recommendation.number} has been saved` };
    },
    conflictField: 'decision',
    advice: 'Their version is shown below; your entries are still in the form. Check them, then save again.',
  });

  // Progress ---------------------------------------------------------------------------------

  formRoute<Params>(app, cookies, {
    pattern: paths.admin.progress.pattern,
    roles: PROGRESS_ROLES,
    page: async (request, showing) => {
      const { recommendation, progress } = await ws.recommendation(actorOf(request), readId(request.params.id));
      const shown = shownValues(showing, { updateDate: londonToday(services.clock) });
      return {
        template: 'admin/progress-form.njk',
        pageTitle: `Progress on recommendation ${recommendation.number}`,
        data: {
          recommendation,
          progress,
          statuses: vocabularyItems(ProgressStatus, shown.status, 'Choose a status'),
          rags: vocabularyItems(Rag, shown.rag, 'No rating'),
          form: formState(shown, showing.errors),
        },
      };
    },
    save: async (request, typed) => {
      const id = readId(request.params.id);
      await ws.addProgress(actorOf(request), id, typed);
      // A lead officer goes back to the list of what is assigned to them.
      return request.actor?.role === 'lead_officer' ? paths.admin.assigned() : paths.admin.recommendation(id);
    },
    conflictField: 'status',
    saved: 'Progress update saved',
  });

  await app.register(csvUploadRoutes, deps);
  // Terms of reference, criteria, evidence and members: the parts of a review, each with its own forms.
  await app.register(reviewPartRoutes, deps);

  // Bulk progress: everything assigned to the user on one page, many updates in one submission ----

  formRoute(app, cookies, {
    pattern: paths.admin.assigned.pattern,
    roles: PROGRESS_ROLES,
    page: async (request, showing) => {
      const values = shownValues(showing, { updateDate: londonToday(services.clock) });
      return {
        template: 'admin/assigned.njk',
        pageTitle: 'Recommendations assigned to you',
        data: {
          rows: (await ws.assigned(actorOf(request))).map((row) => ({
            ...row,
            statuses: vocabularyItems(ProgressStatus, values[`status-${row.id}`], 'No update'),
            rags: vocabularyItems(Rag, values[`rag-${row.id}`], 'No rating'),
          })),
          form: formState(values, showing.errors),
        },
      };
    },
    save: async (request, typed) => {
      const date = readDateAnswer(dateBoxesOf(typed, 'updateDate'), 'the date of these updates', true);
      if (!date.ok) throw new ValidationError([{ field: date.part === null ? 'updateDate' : `updateDate.${date.part}`, message: date.message }]);
      const written = await bulkProgress(actorOf(request), bulkRows(typed, date.value));
      return { url: paths.admin.assigned(), saved: `${written} progress update${written === 1 ? '' : 's'} saved.` };
    },
    conflictField: 'updateDate',
  });

  /**
   * Saves the rows in one transaction. One date covers every row, so its errors belong to the date
   * field at the top; a row's new target date is the date input named for the row.
   */
  async function bulkProgress(actor: ReturnType<typeof actorOf>, rows: BulkProgressRow[]): Promise<number> {
    try {
      return (await ws.bulkProgress(actor, rows)).length;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const errors = error.errors.map((e) =>
        e.field.endsWith('.updateDate')
          ? { field: 'updateDate', message: e.unqualified ?? e.message }
          : /^rows\.\d+\.newTargetDate$/.test(e.field)
            ? { ...e, field: `newTargetDate-${e.field.split('.')[1] ?? ''}` }
            : e,
      );
      throw new ValidationError(errors, error.message, { cause: error });
    }
  }
}

/** Largest progress CSV accepted: far more rows than anyone is assigned. */
export const MAX_CSV_BYTES = 512 * 1024;

/** The text of an uploaded progress CSV, or the reason it cannot be read, shown on the file field. */
function uploadedCsv(file: unknown): string {
  if (!Buffer.isBuffer(file) || file.length === 0) throw new ValidationError([{ field: 'file', message: 'Select a CSV file' }]);
  const text = file.toString('utf8');
  if (text.includes('\u0000') || text.includes('\uFFFD'))
    throw new ValidationError([{ field: 'file', message: 'The file must be a CSV file saved as UTF-8 text' }]);
  return text;
}

/** A file's problems as errors on the file field, each naming its line. */
function problemErrors(outcome: ProgressCsvOutcome): FieldError[] {
  return outcome.problems.map((p) => ({ field: 'file', message: p.line === null ? p.message : `Line ${p.line}: ${p.message}` }));
}

/**
 * The CSV upload: a preview that checks every row and writes nothing, then a confirmation that
 * sends the same file's text back and saves it all in one transaction. Multipart parsing is
 * registered in this plugin only, so no other route accepts uploads.
 */
async function csvUploadRoutes(app: FastifyInstance, { services, cookies }: WorkspaceRouteDeps): Promise<void> {
  await app.register(fastifyMultipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: MAX_CSV_BYTES, files: 1, fields: 5 } });
  const ws = services.scrutinyWorkspace;
  const access = workspaceAccess(app, PROGRESS_ROLES);

  /** The page: first opened, a checked file's preview, or refused with the error summary (a file's problems listed whole, each with its line). */
  function page(
    request: FastifyRequest,
    reply: FastifyReply,
    showing: FormShowing,
    view: { problems?: FieldError[]; preview?: { outcome: ProgressCsvOutcome; csv: string } } = {},
  ) {
    return workspaceView(
      request,
      reply,
      cookies,
      'admin/assigned-upload.njk',
      {
        pageTitle: 'Upload progress updates',
        problems: (view.problems ?? []).map((p) => ({ text: p.message, href: '#file' })),
        preview: view.preview ?? null,
        form: formState({}, showing.errors),
      },
      showing.status,
    );
  }

  app.get(paths.admin.assignedUpload.pattern, access.read, async (request, reply) => page(request, reply, { typed: null, errors: [], status: 200 }));

  app.post(paths.admin.assignedUpload.pattern, access.write, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const actor = actorOf(request);
    let problems: FieldError[] = [];
    const refused = async (errors: readonly FieldError[], status: 400 | 409) => page(request, reply, { typed: {}, errors, status }, { problems });
    /** The outcome of checking (and with `apply`, saving) the text; refused, with nothing saved, when any row has a problem. */
    async function checked(text: string, apply: boolean) {
      const outcome = await ws.progressCsv(actor, text, { apply });
      if (outcome.problems.length > 0) {
        problems = problemErrors(outcome);
        throw new ValidationError(problems);
      }
      return outcome;
    }
    if (typeof body.csv === 'string' && body.confirm === 'yes') {
      // The confirmation: the text that was previewed, sent back unchanged, saved in one go.
      const text = body.csv;
      return saveForm(
        reply,
        async () => {
          const { saved } = await checked(text, true);
          return { url: paths.admin.assigned(), saved: `${saved} progress update${saved === 1 ? '' : 's'} saved.` };
        },
        refused,
        'file',
        { flash: cookies.options(request) },
      );
    }
    // The preview writes nothing: it is shown (200) or refused (400) the same way as a save.
    try {
      const text = typeof body.csv === 'string' ? body.csv : uploadedCsv(body.file);
      return await page(request, reply, { typed: null, errors: [], status: 200 }, { preview: { outcome: await checked(text, false), csv: text } });
    } catch (error) {
      if (error instanceof ValidationError) return refused(error.errors, 400);
      throw error;
    }
  });
}

/** The day, month and year boxes of the date input `name` as posted (or one field typed whole). */
function dateBoxesOf(values: Record<string, string>, name: string) {
  return { day: values[`${name}-day`] ?? values[name], month: values[`${name}-month`], year: values[`${name}-year`] };
}

/**
 * The rows of the bulk progress form: fields named `<field>-<recommendation id>`; a row left blank
 * is not an update. A new target date that cannot be read is passed on as typed, so the row's
 * check names it ("The new target date must be a real date").
 */
export function bulkRows(values: Record<string, string>, updateDate: string | null = null): BulkProgressRow[] {
  const ids = new Set<number>();
  for (const key of Object.keys(values)) {
    const match = /^(?:status|narrative|rag|newTargetDate|slipReason)-([1-9][0-9]{0,8})(?:-day|-month|-year)?$/.exec(key);
    if (match) ids.add(Number(match[1]));
  }
  const rows: BulkProgressRow[] = [];
  for (const id of [...ids].sort((a, b) => a - b)) {
    const field = (name: string) => (values[`${name}-${id}`] ?? '').trim();
    if (field('status') === '' && field('narrative') === '') continue;
    const boxes = dateBoxesOf(values, `newTargetDate-${id}`);
    const target = readDateAnswer(boxes, 'the new target date', false);
    rows.push({
      recommendationId: id,
      updateDate: updateDate ?? values.updateDate?.trim() ?? '',
      status: field('status'),
      rag: field('rag') || null,
      narrative: field('narrative'),
      newTargetDate: target.ok ? target.value : [boxes.day, boxes.month, boxes.year].join(' ').trim(),
      slipReason: field('slipReason') || null,
    });
  }
  return rows;
}
