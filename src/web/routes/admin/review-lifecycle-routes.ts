// Workspace forms for a review's lifecycle: the meetings that received its report and agreed the response, the committee's sign-off of recommendations at a meeting, and reopening one.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EDITOR_ROLES } from '../../../domain/roles.ts';
import { formatLongDate, parseIsoDate } from '../../../domain/iso-date.ts';
import { RecommendationStatus, ResponseDecision, SignOffOutcome } from '../../../domain/vocabulary.ts';
import { ConflictError, ValidationError, type FieldError } from '../../../services/errors.ts';
import type { SignOffRowInput } from '../../../services/review-lifecycle-service.ts';
import { formState, formValues } from '../../form-view.ts';
import { paths } from '../../paths.ts';
import { actorOf, csrfToken, requireRole, type WorkspaceRouteDeps } from '../../session.ts';
import { readId } from './admin-params.ts';

type Params = { Params: { id: string } };
type Saved = { Querystring: { saved?: string } };

const long = (date: string) => formatLongDate(parseIsoDate(date));

/**
 * The rows of the sign-off form: a ticked `signOff-<recommendation id>` box, with that row's
 * `outcome-`, `minute-` and `version-` fields; an unticked row is not signed off.
 */
export function signOffRows(values: Record<string, string>): SignOffRowInput[] {
  const rows: SignOffRowInput[] = [];
  for (const [key, value] of Object.entries(values)) {
    const match = /^signOff-([1-9][0-9]{0,8})$/.exec(key);
    if (!match || value !== 'yes') continue;
    const id = match[1] ?? '';
    rows.push({
      recommendationId: Number(id),
      outcome: values[`outcome-${id}`] ?? '',
      minute: values[`minute-${id}`] ?? '',
      version: values[`version-${id}`] ?? '',
    });
  }
  return rows.sort((a, b) => a.recommendationId - b.recommendationId);
}

export function reviewLifecycleRoutes(app: FastifyInstance, { services, cookies }: WorkspaceRouteDeps): void {
  const lifecycle = services.reviewLifecycle;
  const editors = { preHandler: requireRole(...EDITOR_ROLES) };
  const editorPosts = { preHandler: [requireRole(...EDITOR_ROLES), app.csrfProtection.bind(app)] };

  function view(request: FastifyRequest, reply: FastifyReply, template: string, data: Record<string, unknown>, status = 200) {
    return reply.code(status).view(template, { ...data, csrfToken: csrfToken(request, reply, cookies) });
  }

  // Where the report was received and the response agreed ------------------------------------

  async function meetingsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    values: Record<string, string> | null,
    errors: readonly FieldError[] = [],
    status = 200,
    saved = false,
  ) {
    const { review, agendaItems, minutes } = await lifecycle.meetingsForm(actorOf(request), id);
    const current = {
      reportAgendaItem: review.report_agenda_item_id === null ? '' : String(review.report_agenda_item_id),
      responseMinute: review.response_minute_id === null ? '' : String(review.response_minute_id),
      version: String(review.version),
    };
    // A stale save keeps what was typed but carries the current version, so saving again is deliberate.
    const shown = values === null ? current : status === 409 ? { ...values, version: current.version } : values;
    const itemText = (a: (typeof agendaItems)[number]) => `${long(a.meeting_date)}, ${a.organisation_name}: ${a.number ? `item ${a.number}, ` : ''}${a.title}`;
    const minuteText = (m: (typeof minutes)[number]) =>
      `${long(m.meeting_date)}, ${m.organisation_name}: ${m.number === null ? 'minute' : `Minute ${m.number}`}, ${m.title}`;
    return view(
      request,
      reply,
      'admin/review-report-and-response.njk',
      {
        pageTitle: `${status >= 400 ? 'Error: ' : ''}Report and response: ${review.short_title ?? review.title}`,
        review,
        saved,
        agendaItems: [
          { value: '', text: 'Not recorded yet' },
          ...agendaItems.map((a) => ({ value: String(a.id), text: itemText(a), selected: String(a.id) === shown.reportAgendaItem })),
        ],
        minutes: [
          { value: '', text: 'Not recorded yet' },
          ...minutes.map((m) => ({ value: String(m.id), text: minuteText(m), selected: String(m.id) === shown.responseMinute })),
        ],
        // On a stale save: what the other officer saved, in words.
        theirs:
          status === 409
            ? (() => {
                const a = agendaItems.find((x) => String(x.id) === current.reportAgendaItem);
                const m = minutes.find((x) => String(x.id) === current.responseMinute);
                return { report: a ? itemText(a) : 'Not recorded', response: m ? minuteText(m) : 'Not recorded' };
              })()
            : null,
        form: formState(shown, errors),
      },
      status,
    );
  }

  app.get<Params & Saved>(paths.admin.reviewReportAndResponse.pattern, editors, async (request, reply) =>
    meetingsPage(request, reply, readId(request.params.id), null, [], 200, request.query.saved === '1'),
  );

  app.post<Params>(paths.admin.reviewReportAndResponse.pattern, editorPosts, async (request, reply) => {
    const id = readId(request.params.id);
    const values = formValues(request.body);
    try {
      await lifecycle.recordMeetings(actorOf(request), id, values);
      return reply.redirect(paths.admin.reviewReportAndResponse(id, { saved: true }), 303);
    } catch (error) {
      if (error instanceof ValidationError) return meetingsPage(request, reply, id, values, error.errors, 400);
      if (error instanceof ConflictError) {
        return meetingsPage(
          request,
          reply,
          id,
          values,
          [
            {
              field: 'reportAgendaItem',
              message: `${error.message}. Their version is shown below; your choices are still in the form. Check them, then save again.`,
            },
          ],
          409,
        );
      }
      throw error;
    }
  });

  // Sign-off by the committee at a meeting ---------------------------------------------------

  async function signOffPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    values: Record<string, string>,
    errors: readonly FieldError[] = [],
    status = 200,
    saved = 0,
  ) {
    const { meeting, candidates, minutes, signedOff, held } = await lifecycle.signOffForm(actorOf(request), id);
    const minuteItems = (selected: string | undefined) => [
      { value: '', text: 'Choose the minute' },
      ...minutes.map((m) => ({
        value: String(m.id),
        text: `${m.number === null ? 'Minute' : `Minute ${m.number}`}: ${m.title}`,
        selected: String(m.id) === selected,
      })),
    ];
    const outcomeItems = (selected: string | undefined) => [
      { value: '', text: 'Choose the outcome' },
      ...SignOffOutcome.values.map((v) => ({ value: v, text: SignOffOutcome.label(v), selected: v === selected })),
    ];
    return view(
      request,
      reply,
      'admin/meeting-sign-off.njk',
      {
        pageTitle: `${status >= 400 ? 'Error: ' : ''}Sign off recommendations: ${meeting.organisation_name}, ${long(meeting.meeting_date)}`,
        meeting,
        held,
        saved,
        hasMinutes: minutes.length > 0,
        rows: candidates.map((c) => ({
          id: c.id,
          name: `Recommendation ${c.number} of ${c.review_short_title ?? c.review_title}`,
          text: c.text,
          response: c.decision ? ResponseDecision.label(c.decision) : 'No executive response yet',
          checked: values[`signOff-${c.id}`] === 'yes',
          // A re-rendered form keeps the version it was opened at, so a stale row is still refused.
          version: values[`version-${c.id}`] ?? String(c.version),
          outcomes: outcomeItems(values[`outcome-${c.id}`]),
          minutes: minuteItems(values[`minute-${c.id}`]),
        })),
        signedOff: signedOff.map((s) => ({
          name: `Recommendation ${s.number} of ${s.review_short_title ?? s.review_title}`,
          href: paths.recommendation(s.review_slug, s.number),
          reopenHref: paths.admin.reopenRecommendation(s.id),
          status: RecommendationStatus.label(s.status),
          outcome: s.signed_off_outcome ? SignOffOutcome.label(s.signed_off_outcome) : null,
          minute: s.minute_number === null ? null : `Minute ${s.minute_number}`,
        })),
        form: formState(values, errors),
      },
      status,
    );
  }

  app.get<Params & Saved>(paths.admin.meetingSignOff.pattern, editors, async (request, reply) =>
    signOffPage(request, reply, readId(request.params.id), {}, [], 200, Number(request.query.saved ?? 0) || 0),
  );

  app.post<Params>(paths.admin.meetingSignOff.pattern, editorPosts, async (request, reply) => {
    const id = readId(request.params.id);
    const values = formValues(request.body);
    try {
      const done = await lifecycle.signOff(actorOf(request), id, { rows: signOffRows(values) });
      return reply.redirect(paths.admin.meetingSignOff(id, { saved: done.length }), 303);
    } catch (error) {
      if (error instanceof ValidationError) return signOffPage(request, reply, id, values, error.errors, 400);
      if (error instanceof ConflictError) {
        // Fresh versions: the page now shows where each recommendation stands; ticking again is deliberate.
        const fresh = Object.fromEntries(Object.entries(values).filter(([key]) => !key.startsWith('version-')));
        return signOffPage(
          request,
          reply,
          id,
          fresh,
          [{ field: 'rows', message: `${error.message}. Nothing was signed off: check the list, then sign off again.` }],
          409,
        );
      }
      throw error;
    }
  });

  // Reopening a signed-off or closed recommendation -------------------------------------------

  async function reopenPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    values: Record<string, string> | null,
    errors: readonly FieldError[] = [],
    status = 200,
  ) {
    const { recommendation, meeting } = await lifecycle.reopenForm(actorOf(request), id);
    return view(
      request,
      reply,
      'admin/recommendation-reopen.njk',
      {
        pageTitle: `${status >= 400 ? 'Error: ' : ''}Reopen recommendation ${recommendation.number}`,
        recommendation,
        meeting,
        statusLabel: RecommendationStatus.label(recommendation.status),
        outcome: recommendation.signed_off_outcome ? SignOffOutcome.label(recommendation.signed_off_outcome) : null,
        form: formState(
          values === null ? { version: String(recommendation.version) } : status === 409 ? { ...values, version: String(recommendation.version) } : values,
          errors,
        ),
      },
      status,
    );
  }

  app.get<Params>(paths.admin.reopenRecommendation.pattern, editors, async (request, reply) => reopenPage(request, reply, readId(request.params.id), null));

  app.post<Params>(paths.admin.reopenRecommendation.pattern, editorPosts, async (request, reply) => {
    const id = readId(request.params.id);
    const values = formValues(request.body);
    try {
      await lifecycle.reopen(actorOf(request), id, values);
      return reply.redirect(paths.admin.recommendation(id, { saved: 'reopened' }), 303);
    } catch (error) {
      if (error instanceof ValidationError) return reopenPage(request, reply, id, values, error.errors, 400);
      if (error instanceof ConflictError) {
        return reopenPage(request, reply, id, values, [{ field: 'reason', message: `${error.message}: check the page, then reopen it again` }], 409);
      }
      throw error;
    }
  });
}
