// Workspace forms for a review's lifecycle: the meetings that received its report and agreed the response, the committee's sign-off of recommendations at a meeting, and reopening one.
import { recommendationName } from '../../../domain/recommendation-origin.ts';
import type { FastifyInstance } from 'fastify';
import { EDITOR_ROLES } from '../../../domain/roles.ts';
import { formatLongDate, parseIsoDate } from '../../../domain/iso-date.ts';
import { RecommendationStatus, ResponseDecision, SignOffOutcome } from '../../../domain/vocabulary.ts';
import type { SignOffRowInput } from '../../../services/review-lifecycle-service.ts';
import { formState } from '../../form-view.ts';
import { paths } from '../../paths.ts';
import { recordItems, vocabularyItems } from '../../presenters/select-options.ts';
import { actorOf, type WorkspaceRouteDeps } from '../../session.ts';
import { formRoute, shownValues, showingState } from '../../workspace-form.ts';
import { readId } from './admin-params.ts';

type Params = { Params: { id: string } };

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

  // Where the report was received and the response agreed ------------------------------------

  formRoute<Params>(app, cookies, {
    pattern: paths.admin.reviewReportAndResponse.pattern,
    roles: EDITOR_ROLES,
    page: async (request, showing) => {
      const { review, agendaItems, minutes } = await lifecycle.meetingsForm(actorOf(request), readId(request.params.id));
      const current = {
        reportAgendaItem: review.report_agenda_item_id === null ? '' : String(review.report_agenda_item_id),
        responseMinute: review.response_minute_id === null ? '' : String(review.response_minute_id),
        version: String(review.version),
      };
      const shown = shownValues(showing, current);
      const itemText = (a: (typeof agendaItems)[number]) =>
        `${long(a.meeting_date)}, ${a.organisation_name}: ${a.number ? `item ${a.number}, ` : ''}${a.title}`;
      const minuteText = (m: (typeof minutes)[number]) =>
        `${long(m.meeting_date)}, ${m.organisation_name}: ${m.number === null ? 'minute' : `Minute ${m.number}`}, ${m.title}`;
      const theirItem = agendaItems.find((a) => a.id === review.report_agenda_item_id);
      const theirMinute = minutes.find((m) => m.id === review.response_minute_id);
      return {
        template: 'admin/review-report-and-response.njk',
        pageTitle: `Report and response: ${review.short_title ?? review.title}`,
        data: {
          review,
          agendaItems: recordItems(agendaItems, itemText, shown.reportAgendaItem, 'Not recorded yet'),
          minutes: recordItems(minutes, minuteText, shown.responseMinute, 'Not recorded yet'),
          // On a stale save: what the other officer saved, in words.
          theirs:
            showing.status === 409
              ? { report: theirItem ? itemText(theirItem) : 'Not recorded', response: theirMinute ? minuteText(theirMinute) : 'Not recorded' }
              : null,
          form: formState(shown, showing.errors),
        },
      };
    },
    save: async (request, typed) => {
      const id = readId(request.params.id);
      await lifecycle.recordMeetings(actorOf(request), id, typed);
      return paths.admin.reviewReportAndResponse(id);
    },
    conflictField: 'reportAgendaItem',
    saved: 'The meetings that received the report and agreed the response have been saved.',
    advice: 'Their version is shown below; your choices are still in the form. Check them, then save again.',
  });

  // Sign-off by the committee at a meeting ---------------------------------------------------

  formRoute<Params>(app, cookies, {
    pattern: paths.admin.meetingSignOff.pattern,
    roles: EDITOR_ROLES,
    page: async (request, showing) => {
      const { meeting, candidates, minutes, signedOff, held } = await lifecycle.signOffForm(actorOf(request), readId(request.params.id));
      // After a stale save the rows take the versions they have now, so ticking again is deliberate;
      // a refused form keeps the versions it was opened at, so a stale row is still refused.
      const typed = showing.typed ?? {};
      const values = showing.status === 409 ? Object.fromEntries(Object.entries(typed).filter(([key]) => !key.startsWith('version-'))) : typed;
      const minuteText = (m: (typeof minutes)[number]) => `${m.number === null ? 'Minute' : `Minute ${m.number}`}: ${m.title}`;
      return {
        template: 'admin/meeting-sign-off.njk',
        pageTitle: `Sign off recommendations: ${meeting.organisation_name}, ${long(meeting.meeting_date)}`,
        data: {
          meeting,
          held,
          hasMinutes: minutes.length > 0,
          rows: candidates.map((c) => ({
            id: c.id,
            name: recommendationName(c),
            text: c.text,
            response: c.decision ? ResponseDecision.label(c.decision) : 'No executive response yet',
            checked: values[`signOff-${c.id}`] === 'yes',
            version: values[`version-${c.id}`] ?? String(c.version),
            outcomes: vocabularyItems(SignOffOutcome, values[`outcome-${c.id}`], 'Choose the outcome'),
            minutes: recordItems(minutes, minuteText, values[`minute-${c.id}`], 'Choose the minute'),
          })),
          signedOff: signedOff.map((s) => ({
            name: recommendationName(s),
            href: s.review_slug === null ? paths.admin.recommendation(s.id) : paths.recommendation(s.review_slug, s.number),
            reopenHref: paths.admin.reopenRecommendation(s.id),
            status: RecommendationStatus.label(s.status),
            outcome: s.signed_off_outcome ? SignOffOutcome.label(s.signed_off_outcome) : null,
            minute: s.minute_number === null ? null : `Minute ${s.minute_number}`,
          })),
          form: formState(values, showing.errors),
        },
      };
    },
    save: async (request, typed) => {
      const id = readId(request.params.id);
      const done = await lifecycle.signOff(actorOf(request), id, { rows: signOffRows(typed) });
      const count = `${done.length} recommendation${done.length === 1 ? '' : 's'}`;
      return { url: paths.admin.meetingSignOff(id), saved: `${count} signed off or closed at this meeting.` };
    },
    conflictField: 'rows',
    advice: 'Nothing was signed off: check the list, then sign off again.',
  });

  // Reopening a signed-off or closed recommendation -------------------------------------------

  formRoute<Params>(app, cookies, {
    pattern: paths.admin.reopenRecommendation.pattern,
    roles: EDITOR_ROLES,
    page: async (request, showing) => {
      const { recommendation, meeting } = await lifecycle.reopenForm(actorOf(request), readId(request.params.id));
      return {
        template: 'admin/recommendation-reopen.njk',
        pageTitle: `Reopen recommendation ${recommendation.number}`,
        data: {
          recommendation,
          meeting,
          statusLabel: RecommendationStatus.label(recommendation.status),
          outcome: recommendation.signed_off_outcome ? SignOffOutcome.label(recommendation.signed_off_outcome) : null,
          form: showingState(showing, { version: String(recommendation.version) }),
        },
      };
    },
    save: async (request, typed) => {
      const id = readId(request.params.id);
      const actor = actorOf(request);
      const { recommendation } = await lifecycle.reopenForm(actor, id);
      await lifecycle.reopen(actor, id, typed);
      return { url: paths.admin.recommendation(id), saved: `Recommendation ${recommendation.number} has been reopened: it is back on the tracker.` };
    },
    conflictField: 'reason',
    advice: 'Check the page, then reopen it again.',
  });
}
