// The officer workspace's meetings: schedule a meeting, build and correct its agenda (exempt items, pending referrals, papers), publish it, record who attended and what they declared, and minute its resolutions.
import { z } from 'zod';
import { londonToday, type Clock } from '../domain/clock.ts';
import { computeDeadline, describeDeadline } from '../domain/deadlines.ts';
import { addDays, formatLongDate, isIsoDate, parseIsoDate } from '../domain/iso-date.ts';
import type { Actor } from '../domain/roles.ts';
import { municipalYear, slugify } from '../domain/slug.ts';
import { AgendaItemPersonRole, AttendanceStatus, DeclarationKind, DocumentKind, ResolutionVerb } from '../domain/vocabulary.ts';
import type { Repositories } from '../repositories/index.ts';
import type { NamedPerson } from '../repositories/meeting-record-repository.ts';
import { DOCX, MAX_DOCUMENT_BYTES, PDF, type DocumentFileService, type DocumentMediaType, type ExtractedFile } from './document-file-service.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from './errors.ts';
import type { SettingsService } from './settings-service.ts';
import type { UnitOfWork } from './unit-of-work.ts';
import { parseInput as parse, requireEditor, blankToNull, formVersion as version } from './form-input.ts';

const optional = z.string().max(20_000).optional().transform(blankToNull);
const id = (message: string) => z.string().regex(/^[1-9][0-9]{0,8}$/, message).transform(Number);
const optionalId = z.string().optional().transform(blankToNull)
  .refine((v) => v === null || /^[1-9][0-9]{0,8}$/.test(v), 'Choose from the list').transform((v) => (v === null ? null : Number(v)));
const optionalCount = z.string().optional().transform(blankToNull)
  .refine((v) => v === null || /^\d{1,4}$/.test(v), 'Enter a whole number of votes').transform((v) => (v === null ? null : Number(v)));

const MeetingSchema = z.object({
  organisationId: id('Choose the body that meets'),
  meetingDate: z.string().trim().refine(isIsoDate, 'Enter the date of the meeting as a real date in the form YYYY-MM-DD'),
  startTime: z.string().trim().optional().transform(blankToNull).refine((v) => v === null || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), 'Enter the start time like 14:00'),
  location: optional,
  title: optional,
});

const AgendaItemSchema = z.object({
  title: z.string().trim().min(1, 'Enter the title of the item').max(500),
  description: optional,
  reportOf: optional,
  // LGA 1972 Schedule 12A Part 1: exempt information is one of paragraphs 1 to 7.
  exemptParagraph: z.string().optional().transform(blankToNull)
    .refine((v) => v === null || /^[1-7]$/.test(v), 'Choose the paragraph of Schedule 12A that makes the item exempt').transform((v) => (v === null ? null : Number(v))),
  isConfidential: z.string().optional().transform((v) => (v === '1' ? 1 : 0)),
  referralId: optionalId,
});

const PublishSchema = z.object({
  version: z.string().regex(/^\d{1,9}$/, 'The form is out of date: reload the page').transform(Number),
  urgencyReason: optional,
});

/** LGA 1972 Schedule 12A Part 1: exempt information is one of paragraphs 1 to 7; blank means public. */
const exemptParagraph = z.string().optional().transform(blankToNull)
  .refine((v) => v === null || /^[1-7]$/.test(v), 'Choose the paragraph of Schedule 12A that makes it exempt').transform((v) => (v === null ? null : Number(v)));
const confidential = z.string().optional().transform((v) => (v === '1' ? 1 : 0));

const DocumentSchema = z.object({
  title: z.string().trim().min(1, 'Enter the title of the document').max(500, 'The title must be 500 characters or fewer'),
  kind: z.string().refine((v) => DocumentKind.is(v), 'Choose the type of document'),
  agendaItemId: optionalId,
  exemptParagraph,
  isConfidential: confidential,
});

/** The statuses an officer records; "expected" is only what an import says of a meeting not yet held. */
export const RECORDED_ATTENDANCE = ['present', 'apologies', 'absent', 'substitute', 'in_attendance'] as const;

const AttendanceSchema = z.object({
  personId: optionalId,
  name: z.string().max(200, 'The name must be 200 characters or fewer').optional().transform(blankToNull),
  role: z.string().max(200, 'The role must be 200 characters or fewer').optional().transform(blankToNull),
  status: z.string().refine((v) => (RECORDED_ATTENDANCE as readonly string[]).includes(v), 'Choose whether they were present, sent apologies, were absent or substituted'),
});

const DeclarationSchema = z.object({
  personId: optionalId,
  name: z.string().max(200, 'The name must be 200 characters or fewer').optional().transform(blankToNull),
  agendaItemId: optionalId,
  kind: z.string().refine((v) => DeclarationKind.is(v), 'Choose the kind of interest'),
  interest: z.string().trim().min(1, 'Enter the interest declared').max(5000),
  dispensation: z.string().max(5000).optional().transform(blankToNull),
});

const AgendaItemEditSchema = z.object({
  title: z.string().trim().min(1, 'Enter the title of the item').max(500),
  description: optional,
  reportOf: optional,
  exemptParagraph,
  isConfidential: confidential,
  version,
});

const MinuteEditSchema = z.object({
  number: z.string().trim().regex(/^[1-9][0-9]{0,5}$/, 'Enter the minute number as a whole number, like 83').transform(Number),
  title: z.string().trim().min(1, 'Enter the title of the minute').max(500),
  body: optional,
  version,
});

/** The most people an item names; the form shows a few blank rows beyond those already named. */
export const MAX_NAMED_PEOPLE = 12;

/** What the bytes are: a PDF starts "%PDF-", a .docx is a zip ("PK\x03\x04"); the name and declared type are not trusted. */
export function sniffDocumentType(buffer: Buffer): DocumentMediaType | null {
  if (buffer.subarray(0, 5).toString('latin1') === '%PDF-') return PDF;
  if (buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return DOCX;
  return null;
}

export interface UploadedFile { buffer: Buffer; fileName: string }

export const MAX_LIMBS = 5;

export interface LimbInput { verb: string; text: string; targetOrganisationId: number | null; targetMeetingId: number | null }

const MinuteSchema = z.object({
  title: z.string().trim().min(1, 'Enter the title of the minute').max(500),
  agendaItemId: optionalId,
  body: optional,
  moverName: optional,
  seconderName: optional,
  votesFor: optionalCount,
  votesAgainst: optionalCount,
  votesAbstained: optionalCount,
});

export interface MeetingWorkspaceDeps {
  repos: () => Repositories;
  unitOfWork: UnitOfWork;
  clock: Clock;
  settings: SettingsService;
  /** Reads an uploaded file's text, pages and type (and refuses what it cannot read). */
  documentFiles?: Pick<DocumentFileService, 'extract'>;
  /** Refreshes one record's entry in the search index after it changed. */
  reindex?: (kind: string, id: number) => Promise<unknown>;
}

export function createMeetingWorkspaceService(deps: MeetingWorkspaceDeps) {
  const { repos, unitOfWork, clock } = deps;

  async function reindex(kind: string, ids: readonly number[]) {
    if (!deps.reindex) return;
    for (const id of ids) await deps.reindex(kind, id);
  }

  /** Someone named from the people list, or by name alone; the name is kept as recorded (DESIGN.md). */
  async function namedPerson(r: Repositories, personId: number | null, name: string | null): Promise<{ person_id: number | null; name: string } | FieldError> {
    if (personId !== null) {
      const person = (await r.workspace.people()).find((p) => p.id === personId);
      if (!person) return { field: 'personId', message: 'Choose a person from the list' };
      return { person_id: person.id, name: name ?? person.name };
    }
    if (name === null) return { field: 'personId', message: 'Choose a person from the list or enter their name' };
    return { person_id: null, name };
  }

  async function itemOf(r: Repositories, meetingId: number, itemId: number | null, field = 'agendaItemId') {
    if (itemId === null) return null;
    const item = await r.meetings.findAgendaItem(itemId);
    if (!item || item.meeting_id !== meetingId) throw new ValidationError([{ field, message: 'Choose an item on this meeting’s agenda' }]);
    return item;
  }

  async function agendaItemWithPeople(r: Repositories, itemId: number) {
    const item = await r.meetings.findAgendaItem(itemId);
    if (!item) throw new NotFoundError('No such agenda item');
    return { ...item, people: await r.meetingRecords.agendaItemPeople(itemId) };
  }

  /** Named people from the form's numbered rows (person1Role, person1PersonId, person1Name, person1Note …); blank rows are skipped. */
  async function peopleFrom(r: Repositories, values: Record<string, string>): Promise<{ people: NamedPerson[]; errors: FieldError[] }> {
    const people: NamedPerson[] = [];
    const errors: FieldError[] = [];
    const choices = await r.workspace.people();
    for (let n = 1; n <= MAX_NAMED_PEOPLE; n++) {
      const role = (values[`person${n}Role`] ?? '').trim();
      const personId = (values[`person${n}PersonId`] ?? '').trim();
      const name = (values[`person${n}Name`] ?? '').trim();
      const note = (values[`person${n}Note`] ?? '').trim();
      if (role === '' && personId === '' && name === '' && note === '') continue;
      if (!AgendaItemPersonRole.is(role)) errors.push({ field: `person${n}Role`, message: `Choose how person ${n} is named on the item` });
      const person = personId === '' ? undefined : choices.find((p) => String(p.id) === personId);
      if (personId !== '' && !person) errors.push({ field: `person${n}PersonId`, message: `Choose person ${n} from the list` });
      if (personId === '' && name === '') errors.push({ field: `person${n}PersonId`, message: `Choose person ${n} from the list or enter their name` });
      if (name.length > 200 || note.length > 200) errors.push({ field: `person${n}Name`, message: `The name and capacity of person ${n} must be 200 characters or fewer` });
      people.push({ role, person_id: person?.id ?? null, name: name === '' ? (person?.name ?? '') : name, note: note === '' ? null : note });
    }
    return { people, errors };
  }

  async function meeting(meetingId: number) {
    const found = await repos().meetings.findById(meetingId);
    if (!found) throw new NotFoundError('No such meeting');
    return found;
  }

  /** RULES.md rule 6: the agenda is published at least 5 clear days before the meeting (the council's setting). */
  async function agendaDeadline(meetingDate: string) {
    const deadline = computeDeadline('agenda', meetingDate, await deps.settings.deadlineSettings());
    return { latest: deadline.latestWorkingDay, description: describeDeadline(deadline) };
  }

  /** Limbs from the form's numbered fields (limb1Verb, limb1Text, limb1TargetOrganisationId, limb1TargetMeetingId …); blank rows are skipped. */
  function limbsFrom(values: Record<string, string>): { limbs: LimbInput[]; errors: FieldError[] } {
    const limbs: LimbInput[] = [];
    const errors: FieldError[] = [];
    for (let n = 1; n <= MAX_LIMBS; n++) {
      const verb = (values[`limb${n}Verb`] ?? '').trim();
      const text = (values[`limb${n}Text`] ?? '').trim();
      const target = (values[`limb${n}TargetOrganisationId`] ?? '').trim();
      const targetMeeting = (values[`limb${n}TargetMeetingId`] ?? '').trim();
      if (verb === '' && text === '' && target === '' && targetMeeting === '') continue;
      if (!ResolutionVerb.is(verb)) errors.push({ field: `limb${n}Verb`, message: `Choose what limb (${n}) of the resolution does` });
      if (text === '') errors.push({ field: `limb${n}Text`, message: `Enter the words of limb (${n}), beginning “That”` });
      if (target !== '' && !/^[1-9][0-9]{0,8}$/.test(target)) errors.push({ field: `limb${n}TargetOrganisationId`, message: 'Choose the body the matter goes to' });
      if (targetMeeting !== '' && !/^[1-9][0-9]{0,8}$/.test(targetMeeting)) errors.push({ field: `limb${n}TargetMeetingId`, message: 'Choose the meeting' });
      // RULES.md: "recommended / referred (another body decides)": such a limb names that body.
      if ((verb === 'referred' || verb === 'recommended') && target === '' && targetMeeting === '') {
        errors.push({ field: `limb${n}TargetOrganisationId`, message: `Choose the body limb (${n}) refers the matter to` });
      }
      limbs.push({ verb, text, targetOrganisationId: target === '' ? null : Number(target), targetMeetingId: targetMeeting === '' ? null : Number(targetMeeting) });
    }
    return { limbs, errors };
  }

  return {
    async choices() {
      const r = repos();
      const [bodies, meetings] = await Promise.all([
        r.workspace.bodies(),
        r.meetings.list({ limit: 200, offset: 0, from: addDays(parseIsoDate(londonToday(clock)), -400), order: 'asc' }),
      ]);
      return { bodies, meetings };
    },

    async listMeetings(actor: Actor) {
      requireEditor(actor);
      return repos().meetings.list({ limit: 200, offset: 0 });
    },

    /** Everything the officer needs to build and minute a meeting, including the referrals waiting for its agenda. */
    async meeting(actor: Actor, meetingId: number) {
      requireEditor(actor);
      const r = repos();
      const m = await meeting(meetingId);
      const [body, items, minutes, pending, deadline] = await Promise.all([
        r.organisations.findById(m.organisation_id),
        r.meetings.agendaItems(m.id),
        r.workspace.minutesOf(m.id),
        r.workspace.pendingReferralsFor(m),
        agendaDeadline(m.meeting_date),
      ]);
      // One entry per minute, its limbs (and where each refers the matter) in order.
      const grouped: { id: number; number: number | null; title: string; moverName: string | null; seconderName: string | null;
        limbs: { number: number; verb: string; text: string; targetName: string | null; targetDate: string | null; referralStatus: string | null }[] }[] = [];
      for (const row of minutes) {
        let entry = grouped.find((g) => g.id === row.id);
        if (!entry) {
          entry = { id: row.id, number: row.number, title: row.title, moverName: row.mover_name, seconderName: row.seconder_name, limbs: [] };
          grouped.push(entry);
        }
        if (row.limb_number !== null && row.verb !== null && row.limb_text !== null) {
          entry.limbs.push({ number: row.limb_number, verb: row.verb, text: row.limb_text, targetName: row.target_name, targetDate: row.target_date, referralStatus: row.referral_status });
        }
      }
      const [documents, attendance, declarations] = await Promise.all([r.meetingRecords.documentsOf(m.id), r.meetings.attendance(m.id), r.meetings.declarations(m.id)]);
      return {
        meeting: m, body: body!, items, minutes: grouped, deadline, documents, attendance, declarations,
        pending: pending.map((p) => ({
          ...p,
          citation: `Further to Minute No. ${p.minute_number ?? '?'} of the meeting of ${p.source_organisation_name} held on ${formatLongDate(parseIsoDate(p.source_meeting_date))}`,
        })),
      };
    },

    async createMeeting(actor: Actor, input: unknown) {
      requireEditor(actor);
      const values = parse(MeetingSchema, input);
      const body = await repos().organisations.findById(values.organisationId);
      if (!body || body.kind === 'external') throw new ValidationError([{ field: 'organisationId', message: 'Choose the body that meets' }]);
      return unitOfWork(actor, async ({ repos: tx, audit }) => {
        const base = slugify(`${body.name} ${values.meetingDate}`);
        let slug = base;
        for (let n = 2; await tx.workspace.slugTaken('meetings', slug); n++) slug = `${base}-${n}`;
        const created = await tx.meetings.create({
          slug, organisation_id: body.id, title: values.title, meeting_date: values.meetingDate, start_time: values.startTime,
          location: values.location, status: 'scheduled', is_executive: body.kind === 'executive' ? 1 : 0,
        });
        await audit('create', 'meeting', created.id, null, created);
        return created;
      });
    },

    /**
     * Adds an item to the agenda. An exempt item names its Schedule 12A paragraph. An item that takes
     * up a pending referral marks the referral placed and carries its issue, so the matter's path
     * across bodies stays joined up.
     */
    async addAgendaItem(actor: Actor, meetingId: number, input: unknown) {
      requireEditor(actor);
      const values = parse(AgendaItemSchema, input);
      const m = await meeting(meetingId);
      return unitOfWork(actor, async ({ repos: tx, audit }) => {
        let issueId: number | null = null;
        if (values.referralId !== null) {
          const referral = await tx.workspace.findReferral(values.referralId);
          const pending = (await tx.workspace.pendingReferralsFor(m)).some((p) => p.id === values.referralId);
          if (!referral || !pending) throw new ConflictError('That referral is no longer waiting for this meeting’s agenda');
          issueId = referral.issue_id;
        }
        const position = await tx.workspace.nextAgendaPosition(m.id);
        const item = await tx.meetings.createAgendaItem({
          meeting_id: m.id, position, number: String(position), title: values.title, description: values.description,
          report_of: values.reportOf, exempt_paragraph: values.exemptParagraph, is_confidential: values.isConfidential, issue_id: issueId,
        });
        await audit('create', 'agenda_item', item.id, null, item);
        if (values.referralId !== null) {
          if (!(await tx.workspace.placeReferral(values.referralId, item.id, m.id))) throw new ConflictError('That referral was placed on an agenda by someone else');
          await audit('placed', 'referral', values.referralId, { status: 'pending' }, { status: 'placed', agenda_item_id: item.id, target_meeting_id: m.id });
        }
        return item;
      });
    },

    /** The agenda's publication: today, and when later than RULES.md rule 6 allows, only with the urgency reason, which is recorded. */
    async publishAgenda(actor: Actor, meetingId: number, input: unknown) {
      requireEditor(actor);
      const values = parse(PublishSchema, input);
      const m = await meeting(meetingId);
      const today = londonToday(clock);
      const deadline = await agendaDeadline(m.meeting_date);
      const late = today > deadline.latest;
      if (late && values.urgencyReason === null) {
        throw new ValidationError([{ field: 'urgencyReason', message: `The agenda is late (it was due by ${formatLongDate(parseIsoDate(deadline.latest))}): enter the reason for urgency` }]);
      }
      return unitOfWork(actor, async ({ repos: tx, audit }) => {
        const after = { agenda_published_on: today, urgency_reason: late ? values.urgencyReason : null };
        if (!(await tx.workspace.publishAgenda(m.id, values.version, after))) throw new ConflictError('Someone else changed this meeting after you opened it');
        await audit('publish_agenda', 'meeting', m.id, { agenda_published_on: m.agenda_published_on, urgency_reason: m.urgency_reason }, after);
        return { ...after, late };
      });
    },

    /**
     * Minutes an item: the next number for the body in the municipal year, the resolution with its
     * mover, seconder, votes and numbered limbs. A limb that refers the matter to another body puts
     * it on that body's next meeting (or the one named) as a pending item citing this minute.
     */
    async addMinute(actor: Actor, meetingId: number, input: Record<string, string>) {
      requireEditor(actor);
      const m = await meeting(meetingId);
      const parsed = MinuteSchema.safeParse(input);
      const { limbs, errors } = limbsFrom(input);
      const allErrors = [...(parsed.success ? [] : ValidationError.fromZod(parsed.error).errors), ...errors];
      if (!parsed.success || allErrors.length > 0) throw new ValidationError(allErrors);
      const values = parsed.data;
      return unitOfWork(actor, async ({ repos: tx, audit }) => {
        const item = values.agendaItemId === null ? null : (await tx.meetings.agendaItems(m.id)).find((i) => i.id === values.agendaItemId);
        if (item === undefined) throw new ValidationError([{ field: 'agendaItemId', message: 'Choose an item on this meeting’s agenda' }]);
        const year = municipalYear(m.meeting_date);
        const minute = await tx.minutes.createMinute({
          organisation_id: m.organisation_id, meeting_id: m.id, agenda_item_id: item?.id ?? null,
          number: await tx.workspace.nextMinuteNumber(m.organisation_id, year), municipal_year: year, title: values.title, body: values.body,
        });
        await audit('create', 'minute', minute.id, null, minute);
        if (limbs.length === 0) return minute;
        const resolution = await tx.minutes.createResolution({
          minute_id: minute.id, mover_name: values.moverName, seconder_name: values.seconderName,
          votes_for: values.votesFor, votes_against: values.votesAgainst, votes_abstained: values.votesAbstained,
          is_executive_decision: m.is_executive, published_on: londonToday(clock),
        });
        let issueId = item?.issue_id ?? null;
        for (const [index, limb] of limbs.entries()) {
          const created = await tx.minutes.createLimb({ resolution_id: resolution.id, number: index + 1, verb: limb.verb, text: limb.text });
          if (limb.targetOrganisationId === null && limb.targetMeetingId === null) continue;
          const named = limb.targetMeetingId === null ? null : await tx.meetings.findById(limb.targetMeetingId);
          if (limb.targetMeetingId !== null && !named) throw new ValidationError([{ field: `limb${index + 1}TargetMeetingId`, message: 'Choose the meeting' }]);
          const targetBodyId = named?.organisation_id ?? limb.targetOrganisationId!;
          const body = await tx.organisations.findById(targetBodyId);
          if (!body) throw new ValidationError([{ field: `limb${index + 1}TargetOrganisationId`, message: 'Choose the body the matter goes to' }]);
          // "the next meeting": the body's first meeting after this one; none scheduled yet leaves the
          // referral waiting for the body, and it appears on whichever meeting is scheduled next.
          const target = named ?? await tx.meetings.nextOf(body.id, addDays(parseIsoDate(m.meeting_date), 1));
          if (issueId === null) {
            const issue = await tx.issues.create({ slug: await uniqueIssueSlug(tx, values.title), title: values.title, summary: null });
            issueId = issue.id;
            if (item) await tx.workspace.setAgendaItemIssue(item.id, issue.id);
          }
          const referral = await tx.minutes.createReferral({
            limb_id: created.id, issue_id: issueId, target_organisation_id: body.id, target_meeting_id: target?.id ?? null,
            target_description: body.name, status: 'pending', agenda_item_id: null,
          });
          await audit('create', 'referral', referral.id, null, referral);
        }
        return minute;
      });
    },

    /** The people list the forms choose from. */
    async people(actor: Actor) {
      requireEditor(actor);
      return repos().workspace.people();
    },

    /**
     * Takes a paper for a meeting or one of its items. The file is checked by its bytes (a PDF or a
     * Word .docx, whatever its name says) and read for its text, so that a public paper is found by
     * search. An exempt paper names its Schedule 12A paragraph; a paper on an exempt or confidential
     * item is withheld with it (RULES.md rule 9: exempt text never appears in anything public).
     */
    async uploadDocument(actor: Actor, meetingId: number, input: Record<string, string>, file: UploadedFile | null) {
      requireEditor(actor);
      const m = await meeting(meetingId);
      const parsed = DocumentSchema.safeParse(input);
      const errors: FieldError[] = parsed.success ? [] : [...ValidationError.fromZod(parsed.error).errors];
      let facts: ExtractedFile | null = null;
      const mediaType = file ? sniffDocumentType(file.buffer) : null;
      if (!file || file.buffer.length === 0) errors.push({ field: 'file', message: 'Select a PDF or Word (.docx) file' });
      else if (file.buffer.length > MAX_DOCUMENT_BYTES) errors.push({ field: 'file', message: `The file must be smaller than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB` });
      else if (mediaType === null) errors.push({ field: 'file', message: 'The file must be a PDF or a Word (.docx) document' });
      else if (!deps.documentFiles) throw new Error('The document file service is not wired into the meeting workspace');
      else {
        try {
          facts = await deps.documentFiles.extract(file.buffer, mediaType);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          errors.push(...error.errors);
        }
      }
      if (!parsed.success || errors.length > 0 || facts === null || file === null) throw new ValidationError(errors);
      const values = parsed.data;
      const today = londonToday(clock);
      const stored = await unitOfWork(actor, async ({ repos: tx, audit }) => {
        const item = await itemOf(tx, m.id, values.agendaItemId);
        const base = slugify(`${m.slug} ${values.title}`);
        let slug = base;
        for (let n = 2; await tx.documents.findBySlug(slug); n++) slug = `${base}-${n}`;
        const created = await tx.documents.create({
          slug, title: values.title, kind: values.kind, meeting_id: m.id, agenda_item_id: item?.id ?? null, review_id: null,
          exempt_paragraph: values.exemptParagraph ?? item?.exempt_paragraph ?? null,
          is_confidential: values.isConfidential === 1 || item?.is_confidential === 1 || item?.is_restricted === 1 ? 1 : 0,
          url: null, file_name: null, media_type: null, byte_size: null, page_count: null, storage_key: null, text_content: null,
          published_on: today, source_system: null, source_id: null,
        });
        const fileName = file.fileName.replace(/[\\/]/g, '_').slice(0, 200) || `${slug}.${facts.mediaType === PDF ? 'pdf' : 'docx'}`;
        const updated = await tx.documentFiles.put(
          { document_id: created.id, file_name: fileName, media_type: facts.mediaType, byte_size: facts.byteSize, content: file.buffer },
          { file_name: fileName, media_type: facts.mediaType, byte_size: facts.byteSize, page_count: facts.pageCount, text_content: facts.text, storage_key: `document_files:${created.id}` },
        );
        // The audit keeps the facts about the file, not its text (which may be exempt and is long).
        const { text_content: _text, ...after } = updated;
        await audit('create', 'document', updated.id, null, after);
        return updated;
      });
      await reindex('document', [stored.id]);
      return stored;
    },

    async addAttendance(actor: Actor, meetingId: number, input: unknown) {
      requireEditor(actor);
      const values = parse(AttendanceSchema, input);
      const m = await meeting(meetingId);
      return unitOfWork(actor, async ({ repos: tx, audit }) => {
        const named = await namedPerson(tx, values.personId, values.name);
        if ('field' in named) throw new ValidationError([named]);
        const already = (await tx.meetings.attendance(m.id)).find((a) =>
          (named.person_id !== null && a.person_id === named.person_id) || a.name.toLowerCase() === named.name.toLowerCase());
        if (already) throw new ValidationError([{ field: 'personId', message: `${already.name} is already recorded as ${AttendanceStatus.label(already.status).toLowerCase()}: remove that entry first` }]);
        const created = await tx.meetings.addAttendance({ meeting_id: m.id, ...named, role: values.role, status: values.status });
        await audit('create', 'attendance', created.id, null, created);
        return created;
      });
    },

    async removeAttendance(actor: Actor, meetingId: number, entryId: number) {
      requireEditor(actor);
      return unitOfWork(actor, async ({ repos: tx, audit }) => {
        const entry = await tx.meetingRecords.findAttendance(entryId);
        if (!entry || entry.meeting_id !== meetingId) throw new NotFoundError('That attendance entry has already been removed');
        await tx.meetingRecords.removeAttendance(entry.id);
        await audit('delete', 'attendance', entry.id, entry, null);
        return entry;
      });
    },

    /** RULES.md rule 12: a member's declaration at the meeting, the item it concerns, and any dispensation. */
    async addDeclaration(actor: Actor, meetingId: number, input: unknown) {
      requireEditor(actor);
      const values = parse(DeclarationSchema, input);
      const m = await meeting(meetingId);
      return unitOfWork(actor, async ({ repos: tx, audit }) => {
        const named = await namedPerson(tx, values.personId, values.name);
        if ('field' in named) throw new ValidationError([named]);
        const item = await itemOf(tx, m.id, values.agendaItemId);
        const created = await tx.meetings.addDeclaration({
          meeting_id: m.id, agenda_item_id: item?.id ?? null, ...named, kind: values.kind, interest: values.interest, dispensation: values.dispensation,
        });
        await audit('create', 'declaration', created.id, null, created);
        return created;
      });
    },

    async removeDeclaration(actor: Actor, meetingId: number, entryId: number) {
      requireEditor(actor);
      return unitOfWork(actor, async ({ repos: tx, audit }) => {
        const entry = await tx.meetingRecords.findDeclaration(entryId);
        if (!entry || entry.meeting_id !== meetingId) throw new NotFoundError('That declaration has already been removed');
        await tx.meetingRecords.removeDeclaration(entry.id);
        await audit('delete', 'declaration', entry.id, entry, null);
        return entry;
      });
    },

    /** An agenda item as it stands, with the people it names, its meeting and body, for the edit form. */
    async agendaItem(actor: Actor, itemId: number) {
      requireEditor(actor);
      const r = repos();
      const item = await agendaItemWithPeople(r, itemId);
      const m = await meeting(item.meeting_id);
      const body = await r.organisations.findById(m.organisation_id);
      return { item, meeting: m, body: body! };
    },

    /**
     * Corrects an item after it was added: its words, whether it is exempt, and the people it
     * names. Saved only over the version the officer opened; its search entries (and those of its
     * papers and minutes) follow, so an item made exempt leaves search at once.
     */
    async updateAgendaItem(actor: Actor, itemId: number, input: Record<string, string>) {
      requireEditor(actor);
      const parsed = AgendaItemEditSchema.safeParse(input);
      const { people, errors } = await peopleFrom(repos(), input);
      const allErrors = [...(parsed.success ? [] : ValidationError.fromZod(parsed.error).errors), ...errors];
      if (!parsed.success || allErrors.length > 0) throw new ValidationError(allErrors);
      const values = parsed.data;
      const saved = await unitOfWork(actor, async ({ repos: tx, audit }) => {
        const before = await agendaItemWithPeople(tx, itemId);
        const changed = await tx.meetingRecords.updateAgendaItem(itemId, values.version, {
          title: values.title, description: values.description, report_of: values.reportOf,
          exempt_paragraph: values.exemptParagraph, is_confidential: values.isConfidential,
        });
        if (!changed) throw new ConflictError('Someone else changed this agenda item after you opened it');
        await tx.meetingRecords.replaceAgendaItemPeople(itemId, people);
        const after = await agendaItemWithPeople(tx, itemId);
        await audit('update', 'agenda_item', itemId, before, after);
        const [documents, minutes] = await Promise.all([tx.meetingRecords.documentsOfItem(itemId), tx.meetingRecords.minutesOfItem(itemId)]);
        return { after, documents: documents.map((d) => d.id), minutes: minutes.map((x) => x.id) };
      });
      await reindex('agenda_item', [itemId]);
      await reindex('meeting', [saved.after.meeting_id]);
      await reindex('document', saved.documents);
      await reindex('minute', saved.minutes);
      return saved.after;
    },

    async minute(actor: Actor, minuteId: number) {
      requireEditor(actor);
      const r = repos();
      const found = await r.meetingRecords.findMinute(minuteId);
      if (!found) throw new NotFoundError('No such minute');
      const m = await meeting(found.meeting_id);
      const body = await r.organisations.findById(m.organisation_id);
      return { minute: found, meeting: m, body: body! };
    },

    /** Corrects a minute's number and words, over the version the officer opened. */
    async updateMinute(actor: Actor, minuteId: number, input: unknown) {
      requireEditor(actor);
      const values = parse(MinuteEditSchema, input);
      const saved = await unitOfWork(actor, async ({ repos: tx, audit }) => {
        const before = await tx.meetingRecords.findMinute(minuteId);
        if (!before) throw new NotFoundError('No such minute');
        // RULES.md: minute numbers run per body and restart each municipal year; one number, one minute.
        if (await tx.meetingRecords.minuteNumberTaken(before.organisation_id, before.municipal_year, values.number, before.id)) {
          throw new ValidationError([{ field: 'number', message: `Minute ${values.number} of this body is already used in this municipal year` }]);
        }
        if (!(await tx.meetingRecords.updateMinute(minuteId, values.version, { number: values.number, title: values.title, body: values.body }))) {
          throw new ConflictError('Someone else changed this minute after you opened it');
        }
        const after = await tx.meetingRecords.findMinute(minuteId);
        await audit('update', 'minute', minuteId, before, after);
        return after!;
      });
      await reindex('minute', [minuteId]);
      return saved;
    },
  };
}

async function uniqueIssueSlug(tx: Repositories, title: string): Promise<string> {
  const base = slugify(title);
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await tx.issues.findBySlug(slug))) return slug;
  }
}

export type MeetingWorkspaceService = ReturnType<typeof createMeetingWorkspaceService>;

