// Workspace forms for meetings: schedule, build and correct the agenda (exempt items, pending referrals, papers), publish it, record attendance and declarations, and minute the resolutions.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import { londonToday } from '../../../domain/clock.ts';
import { formatLongDate, parseIsoDate } from '../../../domain/iso-date.ts';
import { EDITOR_ROLES } from '../../../domain/roles.ts';
import {
  AgendaItemPersonRole,
  AttendanceStatus,
  DeclarationKind,
  DocumentKind,
  EXEMPT_PARAGRAPHS,
  MeetingStatus,
  ResolutionVerb,
} from '../../../domain/vocabulary.ts';
import { MAX_DOCUMENT_BYTES } from '../../../services/document-file-service.ts';
import { ConflictError, ValidationError, type FieldError } from '../../../services/errors.ts';
import { MAX_LIMBS, MAX_NAMED_PEOPLE, RECORDED_ATTENDANCE, type UploadedFile } from '../../../services/meeting-workspace-service.ts';
import { redirectSaved } from '../../flash.ts';
import { formState, formValues, saveForm } from '../../form-view.ts';
import { MEETING_SAVED, packRoutePatterns, paths, type MeetingSaved } from '../../paths.ts';
import { presentWorkspacePacks } from '../../presenters/pack-presenter.ts';
import { actorOf, csrfToken, requireRole, type WorkspaceRouteDeps } from '../../session.ts';
import { readId } from './admin-params.ts';
import { limbRows } from './resolution-rows.ts';

type Params = { Params: { id: string } };
type EntryParams = { Params: { id: string; entry: string } };

const MAX_DOCUMENT_LABEL = `${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`;

/** Select items with the current value chosen. */
function choose(options: readonly { value: string; text: string }[], selected: unknown) {
  return options.map((o) => ({ ...o, selected: o.value === (selected ?? '') }));
}

const EXEMPT_OPTIONS = [
  { value: '', text: 'Public: not exempt' },
  ...Object.entries(EXEMPT_PARAGRAPHS).map(([n, text]) => ({ value: n, text: `Paragraph ${n}: ${text}` })),
];

export async function meetingWorkspaceRoutes(app: FastifyInstance, { services, cookies }: WorkspaceRouteDeps): Promise<void> {
  // Papers are uploaded as multipart forms, registered in this plugin only. One byte over the limit
  // is read (and not thrown), so an oversized file is refused on the page with status 400; the
  // file's name is kept for the download, its type is decided by its bytes in the service.
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_DOCUMENT_BYTES + 1, files: 1, fields: 12, fieldSize: 64 * 1024 },
    async onFile(part) {
      const file: UploadedFile = { buffer: await part.toBuffer(), fileName: part.filename };
      part.value = file;
    },
  });
  const ws = services.meetingWorkspace;
  const editors = { preHandler: requireRole(...EDITOR_ROLES) };
  const editorPosts = { preHandler: [requireRole(...EDITOR_ROLES), app.csrfProtection.bind(app)] };

  function view(request: FastifyRequest, reply: FastifyReply, template: string, data: Record<string, unknown>, status = 200) {
    return reply.code(status).view(template, { ...data, csrfToken: csrfToken(request, reply, cookies) });
  }

  app.get(paths.admin.meetings.pattern, editors, async (request, reply) =>
    view(request, reply, 'admin/meetings.njk', { pageTitle: 'Meetings', meetings: await ws.listMeetings(actorOf(request)) }),
  );

  async function newMeetingPage(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors: readonly FieldError[] = [],
    status = 200,
  ) {
    return view(
      request,
      reply,
      'admin/meeting-form.njk',
      {
        pageTitle: `${status >= 400 ? 'Error: ' : ''}Schedule a meeting`,
        choices: await ws.choices(),
        form: formState(values, errors),
        action: paths.admin.newMeeting(),
        heading: 'Schedule a meeting',
        submit: 'Schedule meeting',
      },
      status,
    );
  }

  app.get(paths.admin.newMeeting.pattern, editors, async (request, reply) => newMeetingPage(request, reply, {}));

  app.post(paths.admin.newMeeting.pattern, editorPosts, async (request, reply) => {
    const values = formValues(request.body);
    try {
      const created = await ws.createMeeting(actorOf(request), values);
      return reply.redirect(paths.admin.meetingSaved(created.id, 'scheduled'), 303);
    } catch (error) {
      if (error instanceof ValidationError) return newMeetingPage(request, reply, values, error.errors, 400);
      throw error;
    }
  });

  async function meetingPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    values: Record<string, unknown> = {},
    errors: readonly FieldError[] = [],
    status = 200,
    saved: string | null = null,
  ) {
    const data = await ws.meeting(actorOf(request), id);
    const packs = await services.packs.workspaceSummary(data.meeting.id);
    return view(
      request,
      reply,
      'admin/meeting.njk',
      {
        pageTitle: `${status >= 400 ? 'Error: ' : ''}${data.body.name}, ${formatLongDate(parseIsoDate(data.meeting.meeting_date))}`,
        ...data,
        statusLabel: MeetingStatus.label(data.meeting.status),
        saved: saved !== null && Object.hasOwn(MEETING_SAVED, saved) ? MEETING_SAVED[saved as MeetingSaved] : null,
        packs: presentWorkspacePacks(data.meeting, packs),
        isLate: data.meeting.agenda_published_on === null && londonToday(services.clock) > data.deadline.latest,
        form: formState({ version: String(data.meeting.version), ...values }, errors),
      },
      status,
    );
  }

  app.get<Params & { Querystring: { saved?: string } }>(paths.admin.meeting.pattern, editors, async (request, reply) =>
    meetingPage(request, reply, readId(request.params.id), {}, [], 200, typeof request.query.saved === 'string' ? request.query.saved : null),
  );

  // Editing, rescheduling and cancelling a meeting -----------------------------------------------

  async function editMeetingPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    values: Record<string, string> | null,
    errors: readonly FieldError[] = [],
    status = 200,
  ) {
    const data = await ws.meeting(actorOf(request), id);
    const m = data.meeting;
    const [year, month, day] = m.meeting_date.split('-');
    const current: Record<string, string> = {
      'meetingDate-day': String(Number(day)),
      'meetingDate-month': String(Number(month)),
      'meetingDate-year': year ?? '',
      startTime: m.start_time ?? '',
      location: m.location ?? '',
      title: m.title ?? '',
      version: String(m.version),
    };
    // On a conflict the form keeps what was typed but carries the current version, so saving again is a deliberate choice.
    const shown = values === null ? current : status === 409 ? { ...values, version: current.version ?? '' } : values;
    return view(
      request,
      reply,
      'admin/meeting-form.njk',
      {
        pageTitle: `${status >= 400 ? 'Error: ' : ''}Change or reschedule the meeting`,
        meeting: m,
        body: data.body,
        form: formState(shown, errors),
        action: paths.admin.editMeeting(id),
        heading: 'Change or reschedule the meeting',
        submit: 'Save the meeting',
        conflict: status === 409 ? { date: m.meeting_date, startTime: m.start_time, location: m.location, title: m.title } : null,
      },
      status,
    );
  }

  app.get<Params>(paths.admin.editMeeting.pattern, editors, async (request, reply) => editMeetingPage(request, reply, readId(request.params.id), null));

  app.post<Params>(paths.admin.editMeeting.pattern, editorPosts, async (request, reply) => {
    const id = readId(request.params.id);
    const values = formValues(request.body);
    return saveForm(
      reply,
      async () => {
        await ws.updateMeeting(actorOf(request), id, values);
        return paths.admin.meetingSaved(id, 'updated');
      },
      (errors, status) => editMeetingPage(request, reply, id, values, errors, status),
      'meetingDate',
    );
  });

  async function cancelMeetingPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    values: Record<string, string>,
    errors: readonly FieldError[] = [],
    status = 200,
  ) {
    const data = await ws.meeting(actorOf(request), id);
    return view(
      request,
      reply,
      'admin/meeting-cancel.njk',
      {
        pageTitle: `${status >= 400 ? 'Error: ' : ''}Cancel the meeting`,
        meeting: data.meeting,
        body: data.body,
        form: formState({ ...values, version: status === 409 || values.version === undefined ? String(data.meeting.version) : values.version }, errors),
      },
      status,
    );
  }

  app.get<Params>(paths.admin.cancelMeeting.pattern, editors, async (request, reply) => cancelMeetingPage(request, reply, readId(request.params.id), {}));

  app.post<Params>(paths.admin.cancelMeeting.pattern, editorPosts, async (request, reply) => {
    const id = readId(request.params.id);
    const values = formValues(request.body);
    try {
      await ws.cancelMeeting(actorOf(request), id, values);
      return reply.redirect(paths.admin.meetingSaved(id, 'cancelled'), 303);
    } catch (error) {
      if (error instanceof ValidationError) return cancelMeetingPage(request, reply, id, values, error.errors, 400);
      if (error instanceof ConflictError)
        return cancelMeetingPage(request, reply, id, values, [{ field: 'reason', message: `${error.message}: check the meeting, then cancel it again` }], 409);
      throw error;
    }
  });

  app.post<Params>(paths.admin.publishAgenda.pattern, editorPosts, async (request, reply) => {
    const id = readId(request.params.id);
    const values = formValues(request.body);
    try {
      await ws.publishAgenda(actorOf(request), id, values);
      return reply.redirect(paths.admin.meetingSaved(id, 'published'), 303);
    } catch (error) {
      if (error instanceof ValidationError) return meetingPage(request, reply, id, values, error.errors, 400);
      if (error instanceof ConflictError)
        return meetingPage(request, reply, id, {}, [{ field: 'urgencyReason', message: `${error.message}: check the page and publish again` }], 409);
      throw error;
    }
  });

  async function itemPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    values: Record<string, unknown>,
    errors: readonly FieldError[] = [],
    status = 200,
  ) {
    const data = await ws.meeting(actorOf(request), id);
    return view(
      request,
      reply,
      'admin/agenda-item-form.njk',
      {
        pageTitle: `${status >= 400 ? 'Error: ' : ''}Add an agenda item`,
        ...data,
        exemptOptions: EXEMPT_OPTIONS.map((o) => ({ ...o, selected: o.value === (values.exemptParagraph ?? '') })),
        form: formState(values, errors),
      },
      status,
    );
  }

  app.get<Params & { Querystring: { referral?: string } }>(paths.admin.newAgendaItem.pattern, editors, async (request, reply) => {
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

  app.post<Params>(paths.admin.newAgendaItem.pattern, editorPosts, async (request, reply) => {
    const id = readId(request.params.id);
    const values = formValues(request.body);
    try {
      await ws.addAgendaItem(actorOf(request), id, values);
      return reply.redirect(paths.admin.meetingSaved(id, 'item'), 303);
    } catch (error) {
      if (error instanceof ValidationError) return itemPage(request, reply, id, values, error.errors, 400);
      throw error;
    }
  });

  async function minutePage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    values: Record<string, string>,
    errors: readonly FieldError[] = [],
    status = 200,
  ) {
    const data = await ws.meeting(actorOf(request), id);
    const choices = await ws.choices();
    const limbs = Array.from({ length: MAX_LIMBS }, (_, i) => {
      const n = i + 1;
      return {
        n,
        verbs: [
          { value: '', text: 'Choose' },
          ...ResolutionVerb.values.map((v) => ({ value: v, text: ResolutionVerb.label(v), selected: values[`limb${n}Verb`] === v })),
        ],
        bodies: [
          { value: '', text: 'No other body' },
          ...choices.bodies.map((b) => ({ value: String(b.id), text: b.name, selected: values[`limb${n}TargetOrganisationId`] === String(b.id) })),
        ],
        meetings: [
          { value: '', text: 'The body’s next meeting' },
          ...choices.meetings
            .filter((m) => m.id !== data.meeting.id)
            .map((m) => ({
              value: String(m.id),
              text: `${m.organisation_name}, ${m.meeting_date}`,
              selected: values[`limb${n}TargetMeetingId`] === String(m.id),
            })),
        ],
      };
    });
    return view(
      request,
      reply,
      'admin/minute-form.njk',
      {
        pageTitle: `${status >= 400 ? 'Error: ' : ''}Add a minute`,
        ...data,
        limbs,
        itemOptions: [
          { value: '', text: 'Not an agenda item' },
          ...data.items.map((i) => ({ value: String(i.id), text: `${i.number ?? i.position}. ${i.title}`, selected: values.agendaItemId === String(i.id) })),
        ],
        form: formState(values, errors),
      },
      status,
    );
  }

  app.get<Params>(paths.admin.newMinute.pattern, editors, async (request, reply) => minutePage(request, reply, readId(request.params.id), {}));

  app.post<Params>(paths.admin.newMinute.pattern, editorPosts, async (request, reply) => {
    const id = readId(request.params.id);
    const values = formValues(request.body);
    try {
      await ws.addMinute(actorOf(request), id, values, limbRows(values));
      return reply.redirect(paths.admin.meetingSaved(id, 'minute'), 303);
    } catch (error) {
      if (error instanceof ValidationError) return minutePage(request, reply, id, values, error.errors, 400);
      throw error;
    }
  });

  // Papers ------------------------------------------------------------------------------------

  async function documentPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    values: Record<string, string>,
    errors: readonly FieldError[] = [],
    status = 200,
  ) {
    const data = await ws.meeting(actorOf(request), id);
    return view(
      request,
      reply,
      'admin/meeting-document-form.njk',
      {
        pageTitle: `${status >= 400 ? 'Error: ' : ''}Add a document`,
        meeting: data.meeting,
        body: data.body,
        maxSize: MAX_DOCUMENT_LABEL,
        kindOptions: choose(
          [{ value: '', text: 'Choose the type' }, ...DocumentKind.values.map((v) => ({ value: v, text: DocumentKind.label(v) }))],
          values.kind,
        ),
        itemOptions: choose(
          [{ value: '', text: 'The meeting as a whole' }, ...data.items.map((i) => ({ value: String(i.id), text: `${i.number ?? i.position}. ${i.title}` }))],
          values.agendaItemId,
        ),
        exemptOptions: choose(EXEMPT_OPTIONS, values.exemptParagraph),
        form: formState(values, errors),
      },
      status,
    );
  }

  app.get<Params & { Querystring: { item?: string } }>(paths.admin.newMeetingDocument.pattern, editors, async (request, reply) =>
    documentPage(request, reply, readId(request.params.id), typeof request.query.item === 'string' ? { agendaItemId: request.query.item } : {}),
  );

  app.post<Params>(paths.admin.newMeetingDocument.pattern, editorPosts, async (request, reply) => {
    const id = readId(request.params.id);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = formValues(body);
    const file =
      body.file !== null && typeof body.file === 'object' && Buffer.isBuffer((body.file as UploadedFile).buffer) ? (body.file as UploadedFile) : null;
    try {
      await ws.uploadDocument(actorOf(request), id, values, file);
      return redirectSaved(reply, cookies.options(request), `${paths.admin.meeting(id)}#documents`, 'Paper uploaded');
    } catch (error) {
      if (error instanceof ValidationError) return documentPage(request, reply, id, values, error.errors, 400);
      throw error;
    }
  });

  // Attendance --------------------------------------------------------------------------------

  async function peopleOptions(request: FastifyRequest, selected: unknown) {
    const people = await ws.people(actorOf(request));
    return choose(
      [{ value: '', text: 'Not on the list' }, ...people.map((p) => ({ value: String(p.id), text: p.job_title ? `${p.name}, ${p.job_title}` : p.name }))],
      selected,
    );
  }

  async function attendancePage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    values: Record<string, string>,
    errors: readonly FieldError[] = [],
    status = 200,
  ) {
    const data = await ws.meeting(actorOf(request), id);
    return view(
      request,
      reply,
      'admin/meeting-attendance.njk',
      {
        pageTitle: `${status >= 400 ? 'Error: ' : ''}Attendance`,
        meeting: data.meeting,
        body: data.body,
        attendance: data.attendance.map((a) => ({ ...a, statusLabel: AttendanceStatus.label(a.status) })),
        peopleOptions: await peopleOptions(request, values.personId),
        statusItems: RECORDED_ATTENDANCE.map((v) => ({ value: v, text: AttendanceStatus.label(v), checked: values.status === v })),
        // One row per member of the body on the day, with what is recorded (or what was typed) chosen.
        members: (await ws.membersAttendance(actorOf(request), id)).map((p) => ({
          ...p,
          field: `member-${p.person_id}`,
          options: choose(
            [{ value: '', text: 'Not recorded' }, ...RECORDED_ATTENDANCE.map((v) => ({ value: v, text: AttendanceStatus.label(v) }))],
            values[`member-${p.person_id}`] ?? p.status ?? '',
          ),
        })),
        form: formState(values, errors),
        saved: typeof (request.query as { saved?: unknown }).saved === 'string' ? 'Attendance saved' : null,
      },
      status,
    );
  }

  app.post<Params>(paths.admin.meetingMembersAttendance.pattern, editorPosts, async (request, reply) => {
    const id = readId(request.params.id);
    const values = formValues(request.body);
    try {
      await ws.recordMembersAttendance(actorOf(request), id, values);
      return reply.redirect(`${paths.admin.meetingAttendance(id)}?saved=1`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return attendancePage(request, reply, id, values, error.errors, 400);
      throw error;
    }
  });

  app.get<Params>(paths.admin.meetingAttendance.pattern, editors, async (request, reply) => attendancePage(request, reply, readId(request.params.id), {}));

  app.post<Params>(paths.admin.meetingAttendance.pattern, editorPosts, async (request, reply) => {
    const id = readId(request.params.id);
    const values = formValues(request.body);
    try {
      await ws.addAttendance(actorOf(request), id, values);
      return redirectSaved(reply, cookies.options(request), paths.admin.meetingAttendance(id), 'Attendance recorded');
    } catch (error) {
      if (error instanceof ValidationError) return attendancePage(request, reply, id, values, error.errors, 400);
      throw error;
    }
  });

  app.post<EntryParams>(paths.admin.removeAttendance.pattern, editorPosts, async (request, reply) => {
    const id = readId(request.params.id);
    await ws.removeAttendance(actorOf(request), id, readId(request.params.entry));
    return redirectSaved(reply, cookies.options(request), paths.admin.meetingAttendance(id), 'Attendance entry removed');
  });

  // Declarations of interest ------------------------------------------------------------------

  async function declarationsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    values: Record<string, string>,
    errors: readonly FieldError[] = [],
    status = 200,
  ) {
    const data = await ws.meeting(actorOf(request), id);
    return view(
      request,
      reply,
      'admin/meeting-declarations.njk',
      {
        pageTitle: `${status >= 400 ? 'Error: ' : ''}Declarations of interest`,
        meeting: data.meeting,
        body: data.body,
        declarations: data.declarations.map((d) => {
          const item = data.items.find((i) => i.id === d.agenda_item_id);
          return { ...d, kindLabel: DeclarationKind.label(d.kind), itemLabel: item ? `${item.number ?? item.position}. ${item.title}` : null };
        }),
        peopleOptions: await peopleOptions(request, values.personId),
        itemOptions: choose(
          [{ value: '', text: 'The meeting as a whole' }, ...data.items.map((i) => ({ value: String(i.id), text: `${i.number ?? i.position}. ${i.title}` }))],
          values.agendaItemId,
        ),
        kindOptions: choose(
          [{ value: '', text: 'Choose the kind' }, ...DeclarationKind.values.map((v) => ({ value: v, text: DeclarationKind.label(v) }))],
          values.kind,
        ),
        form: formState(values, errors),
      },
      status,
    );
  }

  app.get<Params>(paths.admin.meetingDeclarations.pattern, editors, async (request, reply) => declarationsPage(request, reply, readId(request.params.id), {}));

  app.post<Params>(paths.admin.meetingDeclarations.pattern, editorPosts, async (request, reply) => {
    const id = readId(request.params.id);
    const values = formValues(request.body);
    try {
      await ws.addDeclaration(actorOf(request), id, values);
      return redirectSaved(reply, cookies.options(request), paths.admin.meetingDeclarations(id), 'Declaration of interest recorded');
    } catch (error) {
      if (error instanceof ValidationError) return declarationsPage(request, reply, id, values, error.errors, 400);
      throw error;
    }
  });

  app.post<EntryParams>(paths.admin.removeDeclaration.pattern, editorPosts, async (request, reply) => {
    const id = readId(request.params.id);
    await ws.removeDeclaration(actorOf(request), id, readId(request.params.entry));
    return redirectSaved(reply, cookies.options(request), paths.admin.meetingDeclarations(id), 'Declaration of interest removed');
  });

  // Editing an agenda item --------------------------------------------------------------------

  async function editItemPage(
    request: FastifyRequest,
    reply: FastifyReply,
    itemId: number,
    values: Record<string, string> | null,
    errors: readonly FieldError[] = [],
    status = 200,
  ) {
    const { item, meeting, body } = await ws.agendaItem(actorOf(request), itemId);
    const current: Record<string, string> = {
      title: item.title,
      description: item.description ?? '',
      reportOf: item.report_of ?? '',
      exemptParagraph: item.exempt_paragraph === null ? '' : String(item.exempt_paragraph),
      isConfidential: item.is_confidential === 1 ? '1' : '',
      version: String(item.version),
    };
    for (const [index, p] of item.people.entries()) {
      current[`person${index + 1}Role`] = p.role;
      current[`person${index + 1}PersonId`] = p.person_id === null ? '' : String(p.person_id);
      current[`person${index + 1}Name`] = p.name;
      current[`person${index + 1}Note`] = p.note ?? '';
    }
    // On a conflict the form keeps what was typed but carries the current version, so saving again is a deliberate choice.
    const shown: Record<string, string> = values === null ? current : status === 409 ? { ...values, version: current.version ?? '' } : values;
    const typedRows = Object.keys(shown)
      .map((k) => /^person(\d+)/.exec(k))
      .filter((m) => m !== null)
      .map((m) => Number(m[1]));
    const rowCount = Math.min(MAX_NAMED_PEOPLE, Math.max(3, item.people.length + 2, ...typedRows));
    const roleOptions = [{ value: '', text: 'Choose' }, ...AgendaItemPersonRole.values.map((v) => ({ value: v, text: AgendaItemPersonRole.label(v) }))];
    const people = await ws.people(actorOf(request));
    const personOptions = [
      { value: '', text: 'Not on the list' },
      ...people.map((p) => ({ value: String(p.id), text: p.job_title ? `${p.name}, ${p.job_title}` : p.name })),
    ];
    return view(
      request,
      reply,
      'admin/agenda-item-form.njk',
      {
        pageTitle: `${status >= 400 ? 'Error: ' : ''}Edit agenda item ${item.number ?? item.position}`,
        item,
        meeting,
        body,
        exemptOptions: choose(EXEMPT_OPTIONS, shown.exemptParagraph),
        peopleRows: Array.from({ length: rowCount }, (_, i) => ({
          n: i + 1,
          roles: choose(roleOptions, shown[`person${i + 1}Role`]),
          people: choose(personOptions, shown[`person${i + 1}PersonId`]),
        })),
        conflict:
          status === 409
            ? {
                ...item,
                exemptLabel:
                  item.exempt_paragraph === null
                    ? 'Public: not exempt'
                    : `Paragraph ${item.exempt_paragraph}: ${EXEMPT_PARAGRAPHS[item.exempt_paragraph] ?? ''}`,
                peopleText: item.people.map((p) => `${AgendaItemPersonRole.label(p.role)}: ${p.name}${p.note ? ` (${p.note})` : ''}`).join('; '),
              }
            : null,
        form: formState(shown, errors),
      },
      status,
    );
  }

  app.get<Params>(paths.admin.agendaItem.pattern, editors, async (request, reply) => editItemPage(request, reply, readId(request.params.id), null));

  app.post<Params>(paths.admin.agendaItem.pattern, editorPosts, async (request, reply) => {
    const id = readId(request.params.id);
    const values = formValues(request.body);
    return saveForm(
      reply,
      async () => paths.admin.meeting((await ws.updateAgendaItem(actorOf(request), id, values)).meeting_id),
      (errors, status) => editItemPage(request, reply, id, values, errors, status),
      'title',
      { saved: 'Agenda item saved', flash: cookies.options(request) },
    );
  });

  // Editing a minute --------------------------------------------------------------------------

  async function editMinutePage(
    request: FastifyRequest,
    reply: FastifyReply,
    minuteId: number,
    values: Record<string, string> | null,
    errors: readonly FieldError[] = [],
    status = 200,
  ) {
    const { minute, meeting, body } = await ws.minute(actorOf(request), minuteId);
    const current = {
      number: minute.number === null ? '' : String(minute.number),
      title: minute.title,
      body: minute.body ?? '',
      version: String(minute.version),
    };
    const shown = values === null ? current : status === 409 ? { ...values, version: current.version } : values;
    return view(
      request,
      reply,
      'admin/minute-edit.njk',
      {
        pageTitle: `${status >= 400 ? 'Error: ' : ''}Edit minute ${minute.number ?? ''}`.trim(),
        minute,
        meeting,
        body,
        conflict: status === 409 ? minute : null,
        form: formState(shown, errors),
      },
      status,
    );
  }

  app.get<Params>(paths.admin.minute.pattern, editors, async (request, reply) => editMinutePage(request, reply, readId(request.params.id), null));

  app.post<Params>(paths.admin.minute.pattern, editorPosts, async (request, reply) => {
    const id = readId(request.params.id);
    const values = formValues(request.body);
    return saveForm(
      reply,
      async () => paths.admin.meeting((await ws.updateMinute(actorOf(request), id, values)).meeting_id),
      (errors, status) => editMinutePage(request, reply, id, values, errors, status),
      'body',
      {
        advice: 'Their version is shown below; your text is still in the form. Check it, then save again.',
        saved: 'Minute saved',
        flash: cookies.options(request),
      },
    );
  });

  // Correcting or withdrawing a limb and its referral -----------------------------------------

  type LimbForm = 'correct' | 'withdraw' | 'referral';

  async function limbPage(
    request: FastifyRequest,
    reply: FastifyReply,
    limbId: number,
    which: LimbForm | null,
    values: Record<string, string> | null,
    errors: readonly FieldError[] = [],
    status = 200,
  ) {
    const { limb, meeting, body } = await ws.limb(actorOf(request), limbId);
    if (limb.withdrawn_on !== null) return reply.redirect(paths.admin.meeting(meeting.id), 303);
    const choices = await ws.choices();
    const current = {
      verb: limb.verb,
      text: limb.text,
      version: String(limb.version),
      targetOrganisationId:
        limb.referral_status !== null && limb.referral_status !== 'withdrawn' && limb.target_organisation_id !== null
          ? String(limb.target_organisation_id)
          : '',
      targetMeetingId:
        limb.referral_status !== null && limb.referral_status !== 'withdrawn' && limb.target_meeting_id !== null ? String(limb.target_meeting_id) : '',
    };
    // After a conflict what was typed stays, over the version now current.
    const typed = (form: LimbForm, fallback: Record<string, string>) =>
      which !== form || values === null ? fallback : status === 409 ? { ...values, version: fallback.version ?? '' } : values;
    const correct = typed('correct', current);
    const referralVersion = String(limb.referral_version ?? '');
    const bodyName = (id: number | null) => choices.bodies.find((b) => b.id === id)?.name ?? '';
    const meetingName = (id: number | null) => {
      const m = choices.meetings.find((x) => x.id === id);
      return m ? `${m.organisation_name}, ${formatLongDate(parseIsoDate(m.meeting_date))}` : '';
    };
    const liveReferral = limb.referral_id !== null && limb.referral_status !== 'withdrawn';
    return view(
      request,
      reply,
      'admin/limb-form.njk',
      {
        pageTitle: `${status >= 400 ? 'Error: ' : ''}Limb (${limb.number}) of Minute ${limb.minute_number ?? ''}`.trim(),
        limb,
        meeting,
        body,
        conflict:
          status === 409
            ? {
                verb: ResolutionVerb.label(limb.verb),
                text: limb.text,
                referral: liveReferral ? [bodyName(limb.target_organisation_id), meetingName(limb.target_meeting_id) || 'its next meeting'].join(', ') : 'None',
              }
            : null,
        verbs: choose(
          ResolutionVerb.values.map((v) => ({ value: v, text: ResolutionVerb.label(v) })),
          correct.verb,
        ),
        bodies: choose(
          [{ value: '', text: 'No other body' }, ...choices.bodies.map((b) => ({ value: String(b.id), text: b.name }))],
          correct.targetOrganisationId,
        ),
        meetings: choose(
          [
            { value: '', text: 'The body’s next meeting' },
            ...choices.meetings.filter((m) => m.id !== meeting.id).map((m) => ({ value: String(m.id), text: `${m.organisation_name}, ${m.meeting_date}` })),
          ],
          correct.targetMeetingId,
        ),
        referral: liveReferral ? { status: limb.referral_status, placed: limb.referral_status === 'placed' } : null,
        form: formState(correct, which === 'correct' ? errors : []),
        withdrawForm: formState(typed('withdraw', { reason: '', version: String(limb.version) }), which === 'withdraw' ? errors : []),
        referralForm: formState(
          typed('referral', { referralReason: '', version: referralVersion }),
          which === 'referral' ? errors.map((e) => (e.field === 'reason' ? { ...e, field: 'referralReason' } : e)) : [],
        ),
      },
      status,
    );
  }

  app.get<Params>(paths.admin.limb.pattern, editors, async (request, reply) => limbPage(request, reply, readId(request.params.id), null, null));

  /** Posts one of the limb page's three forms, re-rendering that form with 400 (errors) or 409 (both versions). */
  function limbPost(which: LimbForm, save: (id: number, values: Record<string, string>, request: FastifyRequest) => Promise<unknown>) {
    return async (request: FastifyRequest<Params>, reply: FastifyReply) => {
      const id = readId(request.params.id);
      const values = formValues(request.body);
      try {
        await save(id, values, request);
        const { meeting } = await ws.limb(actorOf(request), id);
        return reply.redirect(paths.admin.meetingSaved(meeting.id, 'minute'), 303);
      } catch (error) {
        if (error instanceof ValidationError) return limbPage(request, reply, id, which, values, error.errors, 400);
        if (error instanceof ConflictError) {
          const field = which === 'correct' ? 'text' : which === 'withdraw' ? 'reason' : 'referralReason';
          return limbPage(
            request,
            reply,
            id,
            which,
            values,
            [{ field, message: `${error.message}. Their version is shown below; what you typed is still in the form. Check it, then save again.` }],
            409,
          );
        }
        throw error;
      }
    };
  }

  app.post<Params>(
    paths.admin.limb.pattern,
    editorPosts,
    limbPost('correct', (id, values, request) => ws.correctLimb(actorOf(request), id, values)),
  );
  app.post<Params>(
    paths.admin.withdrawLimb.pattern,
    editorPosts,
    limbPost('withdraw', (id, values, request) => ws.withdrawLimb(actorOf(request), id, values)),
  );
  app.post<Params>(
    paths.admin.withdrawReferral.pattern,
    editorPosts,
    limbPost('referral', (id, values, request) =>
      ws.withdrawReferral(actorOf(request), id, { reason: values.referralReason ?? '', version: values.version ?? '' }),
    ),
  );

  // Signed minutes ----------------------------------------------------------------------------

  async function signedMinutesPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    values: Record<string, unknown> = {},
    errors: readonly FieldError[] = [],
    status = 200,
  ) {
    const data = await services.packs.confirmingMinutes(actorOf(request), id);
    const body = await ws.meeting(actorOf(request), id);
    return view(
      request,
      reply,
      'admin/signed-minutes-form.njk',
      {
        pageTitle: `${status >= 400 ? 'Error: ' : ''}Upload the signed minutes`,
        meeting: data.meeting,
        body: body.body,
        signed: data.signed,
        minuteOptions: choose(
          [
            { value: '', text: 'Choose the minute' },
            ...data.choices.map((c) => ({ value: String(c.id), text: `${c.number !== null ? `Minute ${c.number}: ` : ''}${c.title} (${c.meeting_date})` })),
          ],
          values.minuteId,
        ),
        form: formState(values, errors),
      },
      status,
    );
  }

  app.get<Params>(packRoutePatterns.signedMinutes, editors, async (request, reply) => signedMinutesPage(request, reply, readId(request.params.id)));

  app.post<Params>(packRoutePatterns.signedMinutes, editorPosts, async (request, reply) => {
    const id = readId(request.params.id);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = formValues(body);
    const file =
      body.file !== null && typeof body.file === 'object' && Buffer.isBuffer((body.file as UploadedFile).buffer) ? (body.file as UploadedFile) : null;
    try {
      await services.packs.confirmMinutes(actorOf(request), id, values, file);
      return redirectSaved(reply, cookies.options(request), `${paths.admin.meeting(id)}#packs`, 'Signed minutes saved');
    } catch (error) {
      if (error instanceof ValidationError) return signedMinutesPage(request, reply, id, values, error.errors, 400);
      throw error;
    }
  });
}
