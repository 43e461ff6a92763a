// Workspace forms for meetings: schedule, build and correct the agenda (exempt items, pending referrals, papers), publish it, record attendance and declarations, and minute the resolutions.
import type { FastifyInstance, FastifyRequest, RouteGenericInterface } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import { londonToday } from '../../../domain/clock.ts';
import { formatLongDate, parseIsoDate } from '../../../domain/iso-date.ts';
import { EDITOR_ROLES, type Actor } from '../../../domain/roles.ts';
import { MAX_DOCUMENT_BYTES } from '../../../services/document-file-service.ts';
import type { UploadedFile } from '../../../services/meeting-workspace-service.ts';
import { formState, formValues, saveForm } from '../../form-view.ts';
import { MEETING_SAVED, packRoutePatterns, paths, type MeetingSaved } from '../../paths.ts';
import {
  agendaItemFormData,
  agendaItemValues,
  attendanceData,
  declarationsData,
  documentFormData,
  limbFormData,
  limbValues,
  meetingConflict,
  meetingPageData,
  meetingValues,
  minuteFormData,
  minuteValues,
  newItemData,
  referralItemValues,
  signedMinutesData,
} from '../../presenters/meeting-workspace-presenter.ts';
import { presentWorkspacePacks } from '../../presenters/pack-presenter.ts';
import { recordItems } from '../../presenters/select-options.ts';
import { actorOf, type WorkspaceRouteDeps } from '../../session.ts';
import { formRoute, shownValues, showingState, workspaceAccess, workspaceView, type FormPage, type FormRoute, type FormShowing } from '../../workspace-form.ts';
import { readId } from './admin-params.ts';
import { callInLinks } from '../../presenters/call-in-presenter.ts';
import { limbRows } from './resolution-rows.ts';

type Params = { Params: { id: string } };
type EntryParams = { Params: { id: string; entry: string } };
type Limb = Awaited<ReturnType<WorkspaceRouteDeps['services']['meetingWorkspace']['limb']>>;
/** Which of the limb page's three forms was posted. */
type LimbForm = 'correct' | 'withdraw' | 'referral';
type MeetingData = Awaited<ReturnType<WorkspaceRouteDeps['services']['meetingWorkspace']['meeting']>>;
type Values = Readonly<Record<string, unknown>>;

const MAX_DOCUMENT_LABEL = `${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`;
/** A page as first opened: nothing typed, no errors. */
const OPENED: FormShowing = { typed: null, errors: [], status: 200 };

/** The record the address names: every route here has `:id` in its pattern (Fastify does not check its declared params). */
function idOf(request: FastifyRequest): number {
  return readId((request.params as { id: string }).id);
}

/** The file of a multipart form (the service decides its type by its bytes), or null when none was sent. */
function uploadedFile(body: unknown): UploadedFile | null {
  if (typeof body !== 'object' || body === null) return null;
  const file: unknown = (body as Record<string, unknown>).file;
  return file !== null && typeof file === 'object' && Buffer.isBuffer((file as UploadedFile).buffer) ? (file as UploadedFile) : null;
}

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
  const access = workspaceAccess(app, EDITOR_ROLES);
  const form = <R extends RouteGenericInterface>(spec: Omit<FormRoute<R>, 'roles'>) => formRoute<R>(app, cookies, { ...spec, roles: EDITOR_ROLES });

  /**
   * A form posted to its own address but shown on another form's page (the meeting page's publish
   * form, the limb page's withdrawals, the attendance page's members): saved through saveForm like
   * every other form, a refusal showing that page again with 400 or 409.
   */
  function postForm<R extends RouteGenericInterface>(pattern: string, spec: Omit<FormRoute<R>, 'pattern' | 'roles'>): void {
    app.post(pattern, access.write, async (plain, reply) => {
      const request = plain as FastifyRequest<R>;
      const typed = formValues(request.body);
      return saveForm(
        reply,
        () => spec.save(request, typed),
        async (errors, status) => {
          const page = await spec.page(request, { typed, errors, status });
          return workspaceView(request, reply, cookies, page.template, { ...page.data, pageTitle: page.pageTitle }, status);
        },
        spec.conflictField,
        { saved: spec.saved, advice: spec.advice, flash: cookies.options(request) },
      );
    });
  }

  /**
   * The page of a form on the meeting its address names: the fields hold the stored values
   * (`stored`) or what was typed, and `view` builds the rest of the page from the meeting.
   */
  function onMeeting<R extends Params>(
    template: string,
    pageTitle: string,
    view: (data: MeetingData, shown: Values, request: FastifyRequest<R>, showing: FormShowing) => Promise<Values> | Values,
    stored: (data: MeetingData, request: FastifyRequest<R>) => Values = () => ({}),
  ) {
    return async (request: FastifyRequest<R>, showing: FormShowing): Promise<FormPage> => {
      const data = await ws.meeting(actorOf(request), idOf(request));
      const shown = shownValues(showing, stored(data, request));
      return { template, pageTitle, data: { ...(await view(data, shown, request, showing)), form: formState(shown, showing.errors) } };
    };
  }

  /** A save on the record its address names: the write, then the page `next` of that record. */
  function writeThen<R extends Params>(
    write: (actor: Actor, id: number, typed: Record<string, string>, request: FastifyRequest<R>) => Promise<unknown>,
    next: (id: number) => string | { url: string; saved: string },
  ) {
    return async (request: FastifyRequest<R>, typed: Record<string, string>) => {
      const id = idOf(request);
      await write(actorOf(request), id, typed, request);
      return next(id);
    };
  }

  /** The meeting's page after a save, with the success banner saying what was saved. */
  const meetingSaved = (saved: MeetingSaved) => (id: number) => ({ url: paths.admin.meeting(id), saved: MEETING_SAVED[saved] });

  app.get(paths.admin.meetings.pattern, access.read, async (request, reply) =>
    workspaceView(request, reply, cookies, 'admin/meetings.njk', { pageTitle: 'Meetings', meetings: await ws.listMeetings(actorOf(request)) }),
  );

  form({
    pattern: paths.admin.newMeeting.pattern,
    page: async (_request, showing) => {
      const shown = shownValues(showing, {});
      const bodies = recordItems((await ws.choices()).bodies, (b) => b.name, shown.organisationId, 'Choose a body');
      const data = { bodies, form: formState(shown, showing.errors), action: paths.admin.newMeeting(), submit: 'Schedule meeting' };
      return { template: 'admin/meeting-form.njk', pageTitle: 'Schedule a meeting', data };
    },
    save: async (request, typed) => meetingSaved('scheduled')((await ws.createMeeting(actorOf(request), typed)).id),
    conflictField: 'organisationId',
  });

  // The meeting page; its publish form is posted to an address of its own.
  async function meetingPage(request: FastifyRequest, id: number, showing: FormShowing): Promise<FormPage> {
    const data = await ws.meeting(actorOf(request), id);
    const packs = presentWorkspacePacks(data.meeting, await services.packs.workspaceSummary(data.meeting.id));
    return {
      template: 'admin/meeting.njk',
      pageTitle: `${data.body.name}, ${formatLongDate(parseIsoDate(data.meeting.meeting_date))}`,
      data: {
        ...meetingPageData(data, packs, {
          isLate: data.meeting.agenda_published_on === null && londonToday(services.clock) > data.deadline.latest,
          form: showingState(showing, { version: String(data.meeting.version) }),
        }),
        // Each executive decision's call-ins, by minute (RULES.md 5a): the notice is recorded from here.
        callInsByMinute: callInLinks(await services.callIns.meetingDecisions(actorOf(request), id)),
        tracked: await services.scrutinyWorkspace.madeAt(actorOf(request), data.meeting.id),
      },
    };
  }

  app.get<Params>(paths.admin.meeting.pattern, access.read, async (request, reply) => {
    const page = await meetingPage(request, readId(request.params.id), OPENED);
    return workspaceView(request, reply, cookies, page.template, { ...page.data, pageTitle: page.pageTitle });
  });

  postForm<Params>(paths.admin.publishAgenda.pattern, {
    page: (request, showing) => meetingPage(request, readId(request.params.id), showing),
    save: writeThen((actor, id, typed) => ws.publishAgenda(actor, id, typed), meetingSaved('published')),
    conflictField: 'urgencyReason',
    advice: 'Check the page, then publish again.',
  });

  // Editing, rescheduling and cancelling a meeting: on a 409 the meeting as saved by someone else.
  const meetingAsSaved = ({ meeting }: MeetingData, showing: FormShowing) => (showing.status === 409 ? meetingConflict(meeting) : null);

  form<Params>({
    pattern: paths.admin.editMeeting.pattern,
    page: onMeeting(
      'admin/meeting-form.njk',
      'Change or reschedule the meeting',
      (data, _shown, _request, showing) => ({
        ...data,
        action: paths.admin.editMeeting(data.meeting.id),
        submit: 'Save the meeting',
        conflict: meetingAsSaved(data, showing),
      }),
      (data) => meetingValues(data.meeting),
    ),
    save: writeThen((actor, id, typed) => ws.updateMeeting(actor, id, typed), meetingSaved('updated')),
    conflictField: 'meetingDate',
  });

  form<Params>({
    pattern: paths.admin.cancelMeeting.pattern,
    page: onMeeting(
      'admin/meeting-cancel.njk',
      'Cancel the meeting',
      (data, _shown, _request, showing) => ({ ...data, conflict: meetingAsSaved(data, showing) }),
      (data) => ({ reason: '', version: String(data.meeting.version) }),
    ),
    save: writeThen((actor, id, typed) => ws.cancelMeeting(actor, id, typed), meetingSaved('cancelled')),
    conflictField: 'reason',
    advice: 'Check the meeting as it is now, shown below, then cancel it again.',
  });

  // The agenda and minutes --------------------------------------------------------------------

  // Opened from a pending referral, the new item starts with the matter's words.
  type ReferralQuery = Params & { Querystring: { referral?: string } };
  form<ReferralQuery>({
    pattern: paths.admin.newAgendaItem.pattern,
    page: onMeeting<ReferralQuery>('admin/agenda-item-form.njk', 'Add an agenda item', newItemData, (data, request) =>
      referralItemValues(data, request.query.referral),
    ),
    save: writeThen((actor, id, typed) => ws.addAgendaItem(actor, id, typed), meetingSaved('item')),
    conflictField: 'title',
  });

  form<Params>({
    pattern: paths.admin.newMinute.pattern,
    page: onMeeting('admin/minute-form.njk', 'Add a minute', async (data, shown) => minuteFormData(data, await ws.choices(), shown)),
    save: writeThen((actor, id, typed) => ws.addMinute(actor, id, typed, limbRows(typed)), meetingSaved('minute')),
    conflictField: 'title',
  });

  form<Params>({
    pattern: paths.admin.agendaItem.pattern,
    page: async (request, showing) => {
      const data = await ws.agendaItem(actorOf(request), readId(request.params.id));
      const shown = shownValues(showing, agendaItemValues(data.item));
      const view = agendaItemFormData(data, await ws.people(actorOf(request)), shown, showing.status === 409, await services.forwardPlan.entryChoices());
      return {
        template: 'admin/agenda-item-form.njk',
        pageTitle: `Edit agenda item ${data.item.number ?? data.item.position}`,
        data: { ...view, form: formState(shown, showing.errors) },
      };
    },
    save: async (request, typed) => paths.admin.meeting((await ws.updateAgendaItem(actorOf(request), readId(request.params.id), typed)).meeting_id),
    conflictField: 'title',
    saved: 'Agenda item saved',
  });

  form<Params>({
    pattern: paths.admin.minute.pattern,
    page: async (request, showing) => {
      const { minute, meeting, body } = await ws.minute(actorOf(request), readId(request.params.id));
      const data = { minute, meeting, body, conflict: showing.status === 409 ? minute : null, form: showingState(showing, minuteValues(minute)) };
      return { template: 'admin/minute-edit.njk', pageTitle: `Edit minute ${minute.number ?? ''}`.trim(), data };
    },
    save: async (request, typed) => paths.admin.meeting((await ws.updateMinute(actorOf(request), readId(request.params.id), typed)).meeting_id),
    conflictField: 'body',
    saved: 'Minute saved',
    advice: 'Their version is shown below; your text is still in the form. Check it, then save again.',
  });

  // Papers ------------------------------------------------------------------------------------

  // Opened from an agenda item, the paper is for that item.
  type ItemQuery = Params & { Querystring: { item?: string } };
  form<ItemQuery>({
    pattern: paths.admin.newMeetingDocument.pattern,
    page: onMeeting<ItemQuery>(
      'admin/meeting-document-form.njk',
      'Add a document',
      (data, shown) => documentFormData(data, shown, MAX_DOCUMENT_LABEL),
      (_data, request) => (typeof request.query.item === 'string' ? { agendaItemId: request.query.item } : {}),
    ),
    save: writeThen(
      (actor, id, typed, request) => ws.uploadDocument(actor, id, typed, uploadedFile(request.body)),
      (id) => `${paths.admin.meeting(id)}#documents`,
    ),
    conflictField: 'file',
    saved: 'Paper uploaded',
  });

  form<Params>({
    pattern: packRoutePatterns.signedMinutes,
    page: onMeeting('admin/signed-minutes-form.njk', 'Upload the signed minutes', async (data, shown, request) =>
      signedMinutesData(await services.packs.confirmingMinutes(actorOf(request), data.meeting.id), data.body, shown),
    ),
    save: writeThen(
      (actor, id, typed, request) => services.packs.confirmMinutes(actor, id, typed, uploadedFile(request.body)),
      (id) => `${paths.admin.meeting(id)}#packs`,
    ),
    conflictField: 'minuteId',
    saved: 'Signed minutes saved',
  });

  // Attendance and declarations of interest ---------------------------------------------------

  /**
   * A form of a meeting's record page (attendance, declarations): the write, then the page again
   * with the banner. The page's own form is posted to the page's address (formRoute); its other
   * forms (the members' attendance, removing an entry) to addresses of their own.
   */
  function recordForm<R extends Params>(
    pattern: string,
    page: (request: FastifyRequest<R>, showing: FormShowing) => Promise<FormPage>,
    next: { (id: number): string; readonly pattern: string },
    write: (actor: Actor, id: number, typed: Record<string, string>, request: FastifyRequest<R>) => Promise<unknown>,
    saved: string,
  ): void {
    // Entries carry no version, so no save is stale: a conflict, should one come, is told at the top of the page.
    const spec = { page, save: writeThen(write, next), conflictField: '', saved };
    if (pattern === next.pattern) form<R>({ pattern, ...spec });
    else postForm<R>(pattern, spec);
  }

  const attendancePage = onMeeting('admin/meeting-attendance.njk', 'Attendance', async (data, shown, request) =>
    attendanceData(data, await ws.people(actorOf(request)), await ws.membersAttendance(actorOf(request), data.meeting.id), shown),
  );
  const declarationsPage = onMeeting('admin/meeting-declarations.njk', 'Declarations of interest', async (data, shown, request) =>
    declarationsData(data, await ws.people(actorOf(request)), shown),
  );
  const { meetingAttendance, meetingMembersAttendance, removeAttendance, meetingDeclarations, removeDeclaration } = paths.admin;
  const entry = (request: FastifyRequest<EntryParams>) => readId(request.params.entry);

  recordForm(meetingAttendance.pattern, attendancePage, meetingAttendance, (actor, id, typed) => ws.addAttendance(actor, id, typed), 'Attendance recorded');
  recordForm(
    meetingMembersAttendance.pattern,
    attendancePage,
    meetingAttendance,
    (actor, id, typed) => ws.recordMembersAttendance(actor, id, typed),
    'Attendance saved',
  );
  recordForm<EntryParams>(
    removeAttendance.pattern,
    attendancePage,
    meetingAttendance,
    (actor, id, _typed, request) => ws.removeAttendance(actor, id, entry(request)),
    'Attendance entry removed',
  );
  recordForm(
    meetingDeclarations.pattern,
    declarationsPage,
    meetingDeclarations,
    (actor, id, typed) => ws.addDeclaration(actor, id, typed),
    'Declaration of interest recorded',
  );
  recordForm<EntryParams>(
    removeDeclaration.pattern,
    declarationsPage,
    meetingDeclarations,
    (actor, id, _typed, request) => ws.removeDeclaration(actor, id, entry(request)),
    'Declaration of interest removed',
  );

  // Correcting or withdrawing a limb and its referral -----------------------------------------

  /** The limb page with its three forms; the one posted (`which`) shows what was typed and its errors. */
  async function limbPage(found: Limb, which: LimbForm | null, showing: FormShowing): Promise<FormPage> {
    const { limb } = found;
    const shownFor = (posted: LimbForm, stored: Record<string, string>) => (which === posted ? shownValues(showing, stored) : stored);
    const errorsFor = (posted: LimbForm) => (which === posted ? showing.errors : []);
    const shown = shownFor('correct', limbValues(limb));
    return {
      template: 'admin/limb-form.njk',
      pageTitle: `Limb (${limb.number}) of Minute ${limb.minute_number ?? ''}`.trim(),
      data: limbFormData(
        found,
        await ws.choices(),
        shown,
        {
          form: formState(shown, errorsFor('correct')),
          withdrawForm: formState(shownFor('withdraw', { reason: '', version: String(limb.version) }), errorsFor('withdraw')),
          // The service names the reason 'reason'; on this page the referral's reason box is 'referralReason'.
          referralForm: formState(
            shownFor('referral', { referralReason: '', version: String(limb.referral_version ?? '') }),
            errorsFor('referral').map((e) => (e.field === 'reason' ? { ...e, field: 'referralReason' } : e)),
          ),
        },
        which !== null && showing.status === 409,
      ),
    };
  }

  // A withdrawn limb has nothing left to correct: its address leads back to the meeting.
  app.get<Params>(paths.admin.limb.pattern, access.read, async (request, reply) => {
    const found = await ws.limb(actorOf(request), readId(request.params.id));
    if (found.limb.withdrawn_on !== null) return reply.redirect(paths.admin.meeting(found.meeting.id), 303);
    const page = await limbPage(found, null, OPENED);
    return workspaceView(request, reply, cookies, page.template, { ...page.data, pageTitle: page.pageTitle });
  });

  /** Posts one of the limb page's forms; a save leads to the meeting's minutes. */
  function limbPost(
    pattern: string,
    which: LimbForm,
    conflictField: string,
    save: (request: FastifyRequest<Params>, id: number, typed: Record<string, string>) => Promise<unknown>,
  ) {
    postForm<Params>(pattern, {
      page: async (request, showing) => limbPage(await ws.limb(actorOf(request), readId(request.params.id)), which, showing),
      save: async (request, typed) => {
        const id = readId(request.params.id);
        await save(request, id, typed);
        return meetingSaved('minute')((await ws.limb(actorOf(request), id)).meeting.id);
      },
      conflictField,
    });
  }

  limbPost(paths.admin.limb.pattern, 'correct', 'text', (request, id, typed) => ws.correctLimb(actorOf(request), id, typed));
  limbPost(paths.admin.withdrawLimb.pattern, 'withdraw', 'reason', (request, id, typed) => ws.withdrawLimb(actorOf(request), id, typed));
  limbPost(paths.admin.withdrawReferral.pattern, 'referral', 'referralReason', (request, id, typed) =>
    ws.withdrawReferral(actorOf(request), id, { reason: typed.referralReason ?? '', version: typed.version ?? '' }),
  );
}
