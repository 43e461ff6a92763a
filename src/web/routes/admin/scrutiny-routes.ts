// Workspace forms for the scrutiny chain: reviews, recommendations, the executive response, progress updates and bulk updates.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import { londonToday } from '../../../domain/clock.ts';
import { readDateAnswer } from '../../../domain/date-answer.ts';
import { EDITOR_ROLES, PROGRESS_ROLES } from '../../../domain/roles.ts';
import { ProgressStatus, Rag, ResponseDecision, ResponseOutcome, ReviewStatus } from '../../../domain/vocabulary.ts';
import { ConflictError, ValidationError, type FieldError } from '../../../services/errors.ts';
import { redirectSaved } from '../../flash.ts';
import { formState, formValues, saveForm } from '../../form-view.ts';
import { paths } from '../../paths.ts';
import { actorOf, csrfToken, requireRole, type WorkspaceRouteDeps } from '../../session.ts';
import type { BulkProgressRow } from '../../../services/scrutiny-workspace-service.ts';
import { readId } from './admin-params.ts';
import { reviewPartRoutes } from './review-part-routes.ts';

type Params = { Params: { id: string } };

const options = <T extends string>(vocabulary: { values: readonly T[]; label(v: string): string }) =>
  vocabulary.values.map((value) => ({ value, text: vocabulary.label(value) }));

export async function scrutinyRoutes(app: FastifyInstance, deps: WorkspaceRouteDeps): Promise<void> {
  const { services, cookies } = deps;
  const ws = services.scrutinyWorkspace;
  const editors = { preHandler: requireRole(...EDITOR_ROLES) };
  const editorPosts = { preHandler: [requireRole(...EDITOR_ROLES), app.csrfProtection.bind(app)] };
  const progressors = { preHandler: requireRole(...PROGRESS_ROLES) };
  const progressPosts = { preHandler: [requireRole(...PROGRESS_ROLES), app.csrfProtection.bind(app)] };

  function view(request: FastifyRequest, reply: FastifyReply, template: string, data: Record<string, unknown>, status = 200) {
    return reply.code(status).view(template, { ...data, csrfToken: csrfToken(request, reply, cookies) });
  }

  /** Runs a save and goes to the page it returns with its success banner; a ValidationError re-renders the form with status 400 and the values as typed. */
  async function save(
    request: FastifyRequest,
    run: () => Promise<{ to: string; saved: string }>,
    reply: FastifyReply,
    rerender: (errors: readonly FieldError[], status: number) => Promise<unknown>,
  ) {
    try {
      const { to, saved } = await run();
      return redirectSaved(reply, cookies.options(request), to, saved);
    } catch (error) {
      if (error instanceof ValidationError) return rerender(error.errors, 400);
      throw error;
    }
  }

  // Reviews ----------------------------------------------------------------------------------

  app.get(paths.admin.reviews.pattern, editors, async (request, reply) => {
    return view(request, reply, 'admin/reviews.njk', { pageTitle: 'Reviews', reviews: await ws.listReviews(actorOf(request)) });
  });

  app.get(paths.admin.newReview.pattern, editors, async (request, reply) => {
    return view(request, reply, 'admin/review-form.njk', { pageTitle: 'Create a review', form: formState(), choices: await ws.choices() });
  });

  app.post(paths.admin.newReview.pattern, editorPosts, async (request, reply) => {
    const values = formValues(request.body);
    return save(
      request,
      async () => {
        const created = await ws.createReview(actorOf(request), values);
        return { to: paths.admin.review(created.id), saved: `Review “${created.title}” created` };
      },
      reply,
      async (errors, status) =>
        view(
          request,
          reply,
          'admin/review-form.njk',
          {
            pageTitle: 'Error: Create a review',
            form: formState(values, errors),
            choices: await ws.choices(),
          },
          status,
        ),
    );
  });

  app.get<Params>(paths.admin.review.pattern, editors, async (request, reply) => {
    const { review, recommendations } = await ws.review(actorOf(request), readId(request.params.id));
    return view(request, reply, 'admin/review-form.njk', {
      pageTitle: review.title,
      review,
      reviewStatus: ReviewStatus.label(review.status),
      recommendations,
      choices: await ws.choices(),
      parts: await ws.reviewParts(actorOf(request), review.id),
      form: formState({
        title: review.title,
        organisationId: String(review.organisation_id),
        startedOn: review.started_on ?? '',
        reportDate: review.report_date ?? '',
        receivedOn: review.received_on ?? '',
        summary: review.summary ?? '',
        version: String(review.version),
      }),
    });
  });

  app.post<Params>(paths.admin.review.pattern, editorPosts, async (request, reply) => {
    const actor = actorOf(request);
    const id = readId(request.params.id);
    const values = formValues(request.body);
    return saveForm(
      reply,
      async () => {
        const saved = await ws.updateReview(actor, id, values);
        return { url: paths.admin.review(id), saved: `Review “${saved.title}” saved` };
      },
      async (errors, status) => {
        const { review, recommendations } = await ws.review(actor, id);
        const conflict = status === 409;
        return view(
          request,
          reply,
          'admin/review-form.njk',
          {
            pageTitle: `Error: ${review.title}`,
            review,
            reviewStatus: ReviewStatus.label(review.status),
            recommendations,
            choices: await ws.choices(),
            conflict: conflict ? review : null,
            parts: await ws.reviewParts(actor, id),
            // On a conflict the form keeps what was typed but now carries the current version, so saving again is a deliberate choice.
            form: formState(conflict ? { ...values, version: String(review.version) } : values, errors),
          },
          status,
        );
      },
      'title',
      { flash: cookies.options(request) },
    );
  });

  // Recommendations -------------------------------------------------------------------------

  app.get<Params>(paths.admin.newRecommendation.pattern, editors, async (request, reply) => {
    const { review } = await ws.review(actorOf(request), readId(request.params.id));
    return view(request, reply, 'admin/recommendation-form.njk', { pageTitle: 'Add a recommendation', review, form: formState() });
  });

  app.post<Params>(paths.admin.newRecommendation.pattern, editorPosts, async (request, reply) => {
    const actor = actorOf(request);
    const id = readId(request.params.id);
    const values = formValues(request.body);
    return save(
      request,
      async () => {
        const rec = await ws.addRecommendation(actor, id, values);
        return { to: paths.admin.review(id), saved: `Recommendation ${rec.number} added` };
      },
      reply,
      async (errors, status) =>
        view(
          request,
          reply,
          'admin/recommendation-form.njk',
          {
            pageTitle: 'Error: Add a recommendation',
            review: (await ws.review(actor, id)).review,
            form: formState(values, errors),
          },
          status,
        ),
    );
  });

  app.get<Params & { Querystring: { saved?: string } }>(paths.admin.recommendation.pattern, editors, async (request, reply) => {
    const { recommendation, progress } = await ws.recommendation(actorOf(request), readId(request.params.id));
    return view(request, reply, 'admin/recommendation.njk', {
      pageTitle: `Recommendation ${recommendation.number}`,
      recommendation,
      progress,
      saved: request.query.saved,
      form: formState({ text: recommendation.text, version: String(recommendation.version) }),
    });
  });

  app.post<Params>(paths.admin.recommendation.pattern, editorPosts, async (request, reply) => {
    const actor = actorOf(request);
    const id = readId(request.params.id);
    const values = formValues(request.body);
    try {
      await ws.updateRecommendation(actor, id, values);
      const { recommendation } = await ws.recommendation(actor, id);
      return redirectSaved(reply, cookies.options(request), paths.admin.recommendation(id), `Recommendation ${recommendation.number} saved`);
    } catch (error) {
      if (!(error instanceof ValidationError) && !(error instanceof ConflictError)) throw error;
      const { recommendation, progress } = await ws.recommendation(actor, id);
      const conflict = error instanceof ConflictError;
      return view(
        request,
        reply,
        'admin/recommendation.njk',
        {
          pageTitle: `Error: Recommendation ${recommendation.number}`,
          recommendation,
          progress,
          conflict: conflict ? { text: recommendation.text, updatedAt: recommendation.updated_at } : null,
          form: formState(
            conflict ? { ...values, version: String(recommendation.version) } : values,
            conflict
              ? [{ field: 'text', message: `${error.message}. Their version is shown below; your text is still in the box. Check it, then save again.` }]
              : error.errors,
          ),
        },
        conflict ? 409 : 400,
      );
    }
  });

  // The executive response ------------------------------------------------------------------

  async function responsePage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    values: Record<string, unknown> | null,
    errors: readonly FieldError[] = [],
    status = 200,
  ) {
    const { recommendation } = await ws.recommendation(actorOf(request), id);
    const current = {
      decision: recommendation.decision ?? '',
      responseText: recommendation.response_text ?? '',
      proposedAction: recommendation.proposed_action ?? '',
      reason: recommendation.reason ?? '',
      responsibleName: recommendation.responsible_name ?? '',
      actionByDate: recommendation.action_by_date ?? '',
      actionByText: recommendation.action_by_text ?? '',
      outcome: recommendation.outcome ?? '',
      respondedOn: recommendation.responded_on ?? '',
      version: recommendation.response_version === null ? '' : String(recommendation.response_version),
    };
    const people = (await ws.choices()).people;
    const selectedPerson = values ? values.responsiblePerson : (people.find((p) => p.id === recommendation.responsible_person_id)?.slug ?? '');
    return view(
      request,
      reply,
      'admin/response-form.njk',
      {
        pageTitle: `${status >= 400 ? 'Error: ' : ''}Executive response to recommendation ${recommendation.number}`,
        recommendation,
        decisions: options(ResponseDecision),
        outcomes: options(ResponseOutcome),
        people: [
          { value: '', text: 'Not linked to a person' },
          ...people.map((p) => ({ value: p.slug, text: p.job_title ? `${p.name}, ${p.job_title}` : p.name, selected: p.slug === selectedPerson })),
        ],
        conflict: status === 409 ? current : null,
        form: formState(values ? (status === 409 ? { ...values, version: current.version } : values) : current, errors),
      },
      status,
    );
  }

  app.get<Params>(paths.admin.response.pattern, editors, async (request, reply) => responsePage(request, reply, readId(request.params.id), null));

  app.post<Params>(paths.admin.response.pattern, editorPosts, async (request, reply) => {
    const id = readId(request.params.id);
    const values = formValues(request.body);
    return saveForm(
      reply,
      async () => {
        await ws.recordResponse(actorOf(request), id, values);
        const { recommendation } = await ws.recommendation(actorOf(request), id);
        return { url: paths.admin.recommendation(id), saved: `The executive’s response to recommendation ${recommendation.number} has been saved` };
      },
      (errors, status) => responsePage(request, reply, id, values, errors, status),
      'decision',
      { advice: 'Their version is shown below; your entries are still in the form. Check them, then save again.', flash: cookies.options(request) },
    );
  });

  // Progress ---------------------------------------------------------------------------------

  async function progressPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    values: Record<string, unknown>,
    errors: readonly FieldError[] = [],
    status = 200,
  ) {
    const { recommendation, progress } = await ws.recommendation(actorOf(request), id);
    return view(
      request,
      reply,
      'admin/progress-form.njk',
      {
        pageTitle: `${status >= 400 ? 'Error: ' : ''}Progress on recommendation ${recommendation.number}`,
        recommendation,
        progress,
        statuses: options(ProgressStatus),
        rags: [{ value: '', text: 'No rating' }, ...options(Rag)],
        form: formState(values, errors),
      },
      status,
    );
  }

  app.get<Params>(paths.admin.progress.pattern, progressors, async (request, reply) =>
    progressPage(request, reply, readId(request.params.id), { updateDate: londonToday(services.clock) }),
  );

  app.post<Params>(paths.admin.progress.pattern, progressPosts, async (request, reply) => {
    const id = readId(request.params.id);
    const values = formValues(request.body);
    try {
      await ws.addProgress(actorOf(request), id, values);
    } catch (error) {
      if (error instanceof ValidationError) return progressPage(request, reply, id, values, error.errors, 400);
      throw error;
    }
    return redirectSaved(
      reply,
      cookies.options(request),
      request.actor?.role === 'lead_officer' ? paths.admin.assigned() : paths.admin.recommendation(id),
      'Progress update saved',
    );
  });

  await app.register(csvUploadRoutes, deps);
  // Terms of reference, criteria, evidence and members: the parts of a review, each with its own forms.
  await app.register(reviewPartRoutes, deps);

  // Bulk progress: everything assigned to the user on one page, many updates in one submission ----

  async function assignedPage(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors: readonly FieldError[] = [],
    status = 200,
    saved = 0,
  ) {
    return view(
      request,
      reply,
      'admin/assigned.njk',
      {
        pageTitle: `${status >= 400 ? 'Error: ' : ''}Recommendations assigned to you`,
        rows: await ws.assigned(actorOf(request)),
        statuses: options(ProgressStatus),
        rags: options(Rag),
        form: formState(values, errors),
        saved,
      },
      status,
    );
  }

  app.get<{ Querystring: { saved?: string } }>(paths.admin.assigned.pattern, progressors, async (request, reply) =>
    assignedPage(request, reply, { updateDate: londonToday(services.clock) }, [], 200, Number(request.query.saved ?? 0) || 0),
  );

  app.post(paths.admin.assigned.pattern, progressPosts, async (request, reply) => {
    const values = formValues(request.body);
    try {
      const date = readDateAnswer(dateBoxesOf(values, 'updateDate'), 'the date of these updates', true);
      if (!date.ok)
        return await assignedPage(
          request,
          reply,
          values,
          [{ field: date.part === null ? 'updateDate' : `updateDate.${date.part}`, message: date.message }],
          400,
        );
      const written = await ws.bulkProgress(actorOf(request), bulkRows(values, date.value));
      return reply.redirect(`${paths.admin.assigned()}?saved=${written.length}`, 303);
    } catch (error) {
      if (error instanceof ValidationError) {
        // One date covers every row, so its errors belong to the date field at the top.
        // A row's new target date is the date input named for the row.
        const errors = error.errors.map((e) =>
          e.field.endsWith('.updateDate')
            ? { field: 'updateDate', message: e.unqualified ?? e.message }
            : /^rows\.\d+\.newTargetDate$/.test(e.field)
              ? { ...e, field: `newTargetDate-${e.field.split('.')[1] ?? ''}` }
              : e,
        );
        return assignedPage(request, reply, values, errors, 400);
      }
      throw error;
    }
  });
}

/** Largest progress CSV accepted: far more rows than anyone is assigned. */
export const MAX_CSV_BYTES = 512 * 1024;

/**
 * The CSV upload: a preview that checks every row and writes nothing, then a confirmation that
 * sends the same file's text back and saves it all in one transaction. Multipart parsing is
 * registered in this plugin only, so no other route accepts uploads.
 */
async function csvUploadRoutes(app: FastifyInstance, { services, cookies }: WorkspaceRouteDeps): Promise<void> {
  await app.register(fastifyMultipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: MAX_CSV_BYTES, files: 1, fields: 5 } });
  const ws = services.scrutinyWorkspace;

  function page(request: FastifyRequest, reply: FastifyReply, data: Record<string, unknown>, status = 200) {
    return reply.code(status).view('admin/assigned-upload.njk', {
      pageTitle: `${status >= 400 ? 'Error: ' : ''}Upload progress updates`,
      csrfToken: csrfToken(request, reply, cookies),
      ...data,
    });
  }

  app.get(paths.admin.assignedUpload.pattern, { preHandler: requireRole(...PROGRESS_ROLES) }, async (request, reply) => page(request, reply, {}));

  app.post(paths.admin.assignedUpload.pattern, { preHandler: [requireRole(...PROGRESS_ROLES), app.csrfProtection.bind(app)] }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const refuse = (message: string) => page(request, reply, { fileError: message }, 400);
    let text: string;
    let apply = false;
    if (typeof body.csv === 'string') {
      // The confirmation: the text that was previewed, sent back unchanged.
      text = body.csv;
      apply = body.confirm === 'yes';
    } else {
      const file = body.file;
      if (!Buffer.isBuffer(file) || file.length === 0) return refuse('Select a CSV file');
      text = file.toString('utf8');
      if (text.includes('\u0000') || text.includes('\uFFFD')) return refuse('The file must be a CSV file saved as UTF-8 text');
    }
    const outcome = await ws.progressCsv(actorOf(request), text, { apply });
    if (outcome.problems.length > 0) return page(request, reply, { outcome }, 400);
    if (apply) return reply.redirect(`${paths.admin.assigned()}?saved=${outcome.saved}`, 303);
    return page(request, reply, { outcome, csv: text });
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
