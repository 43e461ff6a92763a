// Workspace forms for meetings: schedule, build the agenda (exempt items, pending referrals), publish it, and minute the resolutions.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { londonToday } from '../../../domain/clock.ts';
import { EDITOR_ROLES } from '../../../domain/roles.ts';
import { EXEMPT_PARAGRAPHS, ResolutionVerb } from '../../../domain/vocabulary.ts';
import { ConflictError, ValidationError, type FieldError } from '../../../services/errors.ts';
import { MAX_LIMBS } from '../../../services/meeting-workspace-service.ts';
import { formState, formValues } from '../../form-view.ts';
import { paths } from '../../paths.ts';
import { actorOf, csrfToken, requireRole, type WorkspaceRouteDeps } from '../../workspace.ts';
import { readId } from './admin-params.ts';

type Params = { Params: { id: string } };

const EXEMPT_OPTIONS = [
  { value: '', text: 'Public: not exempt' },
  ...Object.entries(EXEMPT_PARAGRAPHS).map(([n, text]) => ({ value: n, text: `Paragraph ${n}: ${text}` })),
];

export async function meetingWorkspaceRoutes(app: FastifyInstance, { services, cookies }: WorkspaceRouteDeps): Promise<void> {
  const ws = services.meetingWorkspace;
  const editors = { preHandler: requireRole(...EDITOR_ROLES) };
  const editorPosts = { preHandler: [requireRole(...EDITOR_ROLES), app.csrfProtection] };

  function view(request: FastifyRequest, reply: FastifyReply, template: string, data: Record<string, unknown>, status = 200) {
    return reply.code(status).view(template, { ...data, csrfToken: csrfToken(request, reply, cookies) });
  }

  app.get(paths.admin.meetings(), editors, async (request, reply) =>
    view(request, reply, 'admin/meetings.njk', { pageTitle: 'Meetings', meetings: await ws.listMeetings(actorOf(request)) }));

  async function newMeetingPage(request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown>, errors: readonly FieldError[] = [], status = 200) {
    return view(request, reply, 'admin/meeting-form.njk', {
      pageTitle: `${status >= 400 ? 'Error: ' : ''}Schedule a meeting`, choices: await ws.choices(), form: formState(values, errors),
    }, status);
  }

  app.get(paths.admin.newMeeting(), editors, async (request, reply) => newMeetingPage(request, reply, {}));

  app.post(paths.admin.newMeeting(), editorPosts, async (request, reply) => {
    const values = formValues(request.body);
    try {
      const created = await ws.createMeeting(actorOf(request), values);
      return reply.redirect(paths.admin.meeting(created.id), 303);
    } catch (error) {
      if (error instanceof ValidationError) return newMeetingPage(request, reply, values, error.errors, 400);
      throw error;
    }
  });

  async function meetingPage(request: FastifyRequest, reply: FastifyReply, id: number, values: Record<string, unknown> = {}, errors: readonly FieldError[] = [], status = 200) {
    const data = await ws.meeting(actorOf(request), id);
    return view(request, reply, 'admin/meeting.njk', {
      pageTitle: `${status >= 400 ? 'Error: ' : ''}${data.body.name}, ${data.meeting.meeting_date}`, ...data,
      isLate: data.meeting.agenda_published_on === null && londonToday(services.clock) > data.deadline.latest,
      form: formState({ version: String(data.meeting.version), ...values }, errors),
    }, status);
  }

  app.get<Params>('/admin/meetings/:id', editors, async (request, reply) => meetingPage(request, reply, readId(request.params.id)));

  app.post<Params>('/admin/meetings/:id/publish', editorPosts, async (request, reply) => {
    const id = readId(request.params.id);
    const values = formValues(request.body);
    try {
      await ws.publishAgenda(actorOf(request), id, values);
      return reply.redirect(paths.admin.meeting(id), 303);
    } catch (error) {
      if (error instanceof ValidationError) return meetingPage(request, reply, id, values, error.errors, 400);
      if (error instanceof ConflictError) return meetingPage(request, reply, id, {}, [{ field: 'urgencyReason', message: `${error.message}: check the page and publish again` }], 409);
      throw error;
    }
  });

  async function itemPage(request: FastifyRequest, reply: FastifyReply, id: number, values: Record<string, unknown>, errors: readonly FieldError[] = [], status = 200) {
    const data = await ws.meeting(actorOf(request), id);
    return view(request, reply, 'admin/agenda-item-form.njk', {
      pageTitle: `${status >= 400 ? 'Error: ' : ''}Add an agenda item`, ...data,
      exemptOptions: EXEMPT_OPTIONS.map((o) => ({ ...o, selected: o.value === (values.exemptParagraph ?? '') })),
      form: formState(values, errors),
    }, status);
  }

  app.get<Params & { Querystring: { referral?: string } }>('/admin/meetings/:id/items/new', editors, async (request, reply) => {
    const id = readId(request.params.id);
    const values: Record<string, string> = {};
    if (request.query.referral) {
      // Taking up a referral: the item starts with the matter's words and cites the source minute.
      const { pending } = await ws.meeting(actorOf(request), id);
      const referral = pending.find((p) => String(p.id) === request.query.referral);
      if (referral) {
        values.referralId = String(referral.id);
        values.title = referral.minute_title ?? '';
        values.description = `${referral.citation}: ${referral.limb_text}`;
      }
    }
    return itemPage(request, reply, id, values);
  });

  app.post<Params>('/admin/meetings/:id/items/new', editorPosts, async (request, reply) => {
    const id = readId(request.params.id);
    const values = formValues(request.body);
    try {
      await ws.addAgendaItem(actorOf(request), id, values);
      return reply.redirect(paths.admin.meeting(id), 303);
    } catch (error) {
      if (error instanceof ValidationError) return itemPage(request, reply, id, values, error.errors, 400);
      throw error;
    }
  });

  async function minutePage(request: FastifyRequest, reply: FastifyReply, id: number, values: Record<string, string>, errors: readonly FieldError[] = [], status = 200) {
    const data = await ws.meeting(actorOf(request), id);
    const choices = await ws.choices();
    const limbs = Array.from({ length: MAX_LIMBS }, (_, i) => {
      const n = i + 1;
      return {
        n,
        verbs: [{ value: '', text: 'Choose' }, ...ResolutionVerb.values.map((v) => ({ value: v, text: ResolutionVerb.label(v), selected: values[`limb${n}Verb`] === v }))],
        bodies: [{ value: '', text: 'No other body' }, ...choices.bodies.map((b) => ({ value: String(b.id), text: b.name, selected: values[`limb${n}TargetOrganisationId`] === String(b.id) }))],
        meetings: [{ value: '', text: 'The body’s next meeting' }, ...choices.meetings.filter((m) => m.id !== data.meeting.id)
          .map((m) => ({ value: String(m.id), text: `${m.organisation_name}, ${m.meeting_date}`, selected: values[`limb${n}TargetMeetingId`] === String(m.id) }))],
      };
    });
    return view(request, reply, 'admin/minute-form.njk', {
      pageTitle: `${status >= 400 ? 'Error: ' : ''}Add a minute`, ...data, limbs,
      itemOptions: [{ value: '', text: 'Not an agenda item' }, ...data.items.map((i) => ({ value: String(i.id), text: `${i.number ?? i.position}. ${i.title}`, selected: values.agendaItemId === String(i.id) }))],
      form: formState(values, errors),
    }, status);
  }

  app.get<Params>('/admin/meetings/:id/minutes/new', editors, async (request, reply) => minutePage(request, reply, readId(request.params.id), {}));

  app.post<Params>('/admin/meetings/:id/minutes/new', editorPosts, async (request, reply) => {
    const id = readId(request.params.id);
    const values = formValues(request.body);
    try {
      await ws.addMinute(actorOf(request), id, values);
      return reply.redirect(paths.admin.meeting(id), 303);
    } catch (error) {
      if (error instanceof ValidationError) return minutePage(request, reply, id, values, error.errors, 400);
      throw error;
    }
  });
}
