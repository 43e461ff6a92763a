// Workspace forms for the call-in of an executive decision (RULES.md 5a): record the councillors' notice, check it, put it before scrutiny, record the outcome and the reconsideration.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { longDate } from '../../presenters/presenter-support.ts';
import { CallInEligibility, CallInOutcome, CallInReconsideration, CallInStatus } from '../../../domain/vocabulary.ts';
import { EDITOR_ROLES, type Actor } from '../../../domain/roles.ts';
import { paths } from '../../paths.ts';
import { callInSteps } from '../../presenters/call-in-presenter.ts';
import { optionItems, recordItems, vocabularyItems } from '../../presenters/select-options.ts';
import { actorOf, type WorkspaceRouteDeps } from '../../session.ts';
import { formRoute, showingState, workspaceAccess, workspaceView, type FormShowing } from '../../workspace-form.ts';
import { readId } from './admin-params.ts';

type Params = { Params: { id: string } };
/** The step a call-in waits for, and so the form its page shows. */
type Step = 'check' | 'hearing' | 'outcome' | 'reconsideration';

const OPENED: FormShowing = { typed: null, errors: [], status: 200 };

export function callInRoutes(app: FastifyInstance, { services, cookies }: WorkspaceRouteDeps): void {
  const access = workspaceAccess(app, EDITOR_ROLES);

  app.get(paths.admin.callIns.pattern, access.read, async (request, reply) => {
    const callIns = await services.callIns.all(actorOf(request));
    return workspaceView(request, reply, cookies, 'admin/call-ins.njk', {
      pageTitle: 'Call-ins',
      callIns: callIns.map((c) => ({
        href: paths.admin.callIn(c.id),
        title: c.title,
        status: CallInStatus.label(c.status),
        receivedOn: longDate(c.received_on),
      })),
    });
  });

  // Recording the notice ---------------------------------------------------------------------------

  formRoute<Params>(app, cookies, {
    pattern: paths.admin.newCallIn.pattern,
    roles: EDITOR_ROLES,
    page: async (request, showing) => {
      const form = await services.callIns.lodgingForm(actorOf(request), readId(request.params.id));
      const state = showingState(showing, { 'receivedOn-day': '', 'receivedOn-month': '', 'receivedOn-year': '', grounds: '' });
      return {
        template: 'admin/call-in-lodge.njk',
        pageTitle: `Record a call-in: ${form.title}`,
        data: {
          form: state,
          actionHref: paths.admin.newCallIn(form.decision.id),
          title: form.title,
          meetingHref: paths.admin.meeting(form.decision.meeting_id),
          window:
            form.window.windowEnds === null
              ? 'The council’s rules give this decision no call-in period.'
              : `Call-in period ends ${longDate(form.window.windowEnds)}; implementable from ${longDate(form.window.implementableFrom)} unless called in.`,
          rules: `The council’s rules: ${form.rules.councillorsRequired} councillors (${CallInEligibility.label(form.rules.whoMay).toLowerCase()})${form.rules.urgentExcluded ? '; urgent decisions are excluded' : ''}; a decision may be called in once.`,
          isUrgent: form.decision.is_urgent === 1,
          councillors: form.councillors.map((c) => ({
            value: '1',
            name: `councillor-${c.id}`,
            text: c.name,
            hint: c.isScrutinyMember ? { text: 'Member of a scrutiny committee' } : undefined,
            checked: state.values[`councillor-${c.id}`] === '1',
          })),
          callIns: form.callIns.map((c) => ({ href: paths.admin.callIn(c.id), text: `${longDate(c.received_on)}: ${CallInStatus.label(c.status)}` })),
        },
      };
    },
    save: async (request, typed) => {
      const created = await services.callIns.lodge(actorOf(request), readId(request.params.id), typed);
      return { url: paths.admin.callIn(created.id), saved: 'Call-in notice recorded' };
    },
    conflictField: 'grounds',
  });

  // The call-in and its next step --------------------------------------------------------------------

  /** The call-in's page, showing the form of the step it waits for (with what was typed, after a refusal). */
  async function callInPage(request: FastifyRequest, showing: FormShowing) {
    const id = readId((request.params as { id: string }).id);
    const { callIn, window, meetings } = await services.callIns.callIn(actorOf(request), id);
    const step: Step | null =
      callIn.status === 'lodged'
        ? 'check'
        : callIn.status === 'accepted' && callIn.hearing_meeting_id === null
          ? 'hearing'
          : callIn.status === 'accepted'
            ? 'outcome'
            : callIn.status === 'heard'
              ? 'reconsideration'
              : null;
    const state = showingState(showing, {
      version: String(callIn.version),
      verdict: '',
      reason: '',
      meetingId: '',
      outcome: '',
      outcomeText: '',
      reconsideration: '',
      reasons: '',
    });
    return {
      template: 'admin/call-in.njk',
      pageTitle: `Call-in: ${callIn.title}`,
      data: {
        callIn: {
          id: callIn.id,
          title: callIn.title,
          status: CallInStatus.label(callIn.status),
          effect: callIn.effect.sentence,
          councillors: callIn.councillors.map((c) => c.name),
        },
        steps: callInSteps(callIn),
        window: window.windowEnds === null ? null : `The call-in period runs to ${longDate(window.windowEnds)}.`,
        step,
        form: state,
        verdictItems: optionItems(
          [
            { value: 'accepted', text: 'Accept: the call-in is valid and the decision is held' },
            { value: 'rejected', text: 'Reject: the call-in does not meet the council’s rules' },
          ],
          state.values.verdict,
        ),
        meetingItems: recordItems(meetings, (m) => `${m.body_name}, ${longDate(m.meeting_date)}`, state.values.meetingId, 'Choose a meeting'),
        hearingBy: callIn.hearing_by === null ? null : longDate(callIn.hearing_by),
        outcomeItems: vocabularyItems(CallInOutcome, state.values.outcome),
        reconsiderationItems: vocabularyItems(CallInReconsideration, state.values.reconsideration),
        meetingHref: paths.meetingMinute(callIn.meeting_slug, callIn.minute_number),
        historyHref: paths.admin.history('call_in', callIn.id),
        newMeetingHref: paths.admin.newMeeting(),
      },
    };
  }

  app.get<Params>(paths.admin.callIn.pattern, access.read, async (request, reply) => {
    const page = await callInPage(request, OPENED);
    return workspaceView(request, reply, cookies, page.template, { ...page.data, pageTitle: page.pageTitle });
  });

  const steps = [
    {
      pattern: paths.admin.callInCheck.pattern,
      conflictField: 'reason',
      saved: 'Call-in checked',
      run: (actor: Actor, id: number, typed: unknown) => services.callIns.check(actor, id, typed),
    },
    {
      pattern: paths.admin.callInHearing.pattern,
      conflictField: 'meetingId',
      saved: 'Call-in put on the scrutiny committee’s agenda',
      run: (actor: Actor, id: number, typed: unknown) => services.callIns.scheduleHearing(actor, id, typed),
    },
    {
      pattern: paths.admin.callInOutcome.pattern,
      conflictField: 'outcome',
      saved: 'Outcome recorded',
      run: (actor: Actor, id: number, typed: unknown) => services.callIns.recordOutcome(actor, id, typed),
    },
    {
      pattern: paths.admin.callInReconsideration.pattern,
      conflictField: 'reasons',
      saved: 'Reconsideration recorded',
      run: (actor: Actor, id: number, typed: unknown) => services.callIns.recordReconsideration(actor, id, typed),
    },
  ] as const;
  for (const step of steps) {
    formRoute<Params>(app, cookies, {
      pattern: step.pattern,
      roles: EDITOR_ROLES,
      page: (request, showing) => callInPage(request, showing),
      save: async (request, typed) => {
        const id = readId(request.params.id);
        await step.run(actorOf(request), id, typed);
        return { url: paths.admin.callIn(id), saved: step.saved };
      },
      conflictField: step.conflictField,
    });
  }
}
