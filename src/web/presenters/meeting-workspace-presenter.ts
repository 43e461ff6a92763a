// View models of the meeting workspace's pages: the meeting, its agenda items, papers, attendance, declarations, minutes and resolution limbs, with their forms' choices.
import { formatLongDate, formatLongDateWithWeekday, parseIsoDate } from '../../domain/iso-date.ts';
import {
  AgendaItemPersonRole,
  AttendanceStatus,
  DeclarationKind,
  DocumentKind,
  EXEMPT_PARAGRAPHS,
  MeetingStatus,
  ResolutionVerb,
} from '../../domain/vocabulary.ts';
import type { MeetingPackService } from '../../services/meeting-pack-service.ts';
import { MAX_LIMBS, MAX_NAMED_PEOPLE, RECORDED_ATTENDANCE, type MeetingWorkspaceService } from '../../services/meeting-workspace-service.ts';
import type { FormState } from '../form-view.ts';
import { optionItems, recordItems, vocabularyItems } from './select-options.ts';

type Ws = MeetingWorkspaceService;
type MeetingData = Awaited<ReturnType<Ws['meeting']>>;
type Choices = Awaited<ReturnType<Ws['choices']>>;
type People = Awaited<ReturnType<Ws['people']>>;
type Members = Awaited<ReturnType<Ws['membersAttendance']>>;
type ItemData = Awaited<ReturnType<Ws['agendaItem']>>;
type MinuteData = Awaited<ReturnType<Ws['minute']>>;
type LimbData = Awaited<ReturnType<Ws['limb']>>;
type ConfirmingMinutes = Awaited<ReturnType<MeetingPackService['confirmingMinutes']>>;
type Values = Readonly<Record<string, unknown>>;

/**
 * A time of day as GOV.UK style writes it ("Use 'am' and 'pm'… 5:30pm, not 17:30hrs… use
 * 'midday' and 'midnight'", GOV.UK style guide, Times): '18:00' is '6pm', '09:30' is '9:30am'.
 */
export function govukTime(value: string): string {
  const match = /^(\d{1,2}):(\d{2})/.exec(value.trim());
  if (!match) return value;
  const hours = Number(match[1]);
  const minutes = match[2] ?? '00';
  if (minutes === '00' && hours === 12) return 'midday';
  if (minutes === '00' && (hours === 0 || hours === 24)) return 'midnight';
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  return `${hour12}${minutes === '00' ? '' : `:${minutes}`}${hours < 12 ? 'am' : 'pm'}`;
}

/** A meeting as a choice names its body and when it meets, as people read it: "Cabinet, Thursday 5 March 2026, 6pm". */
export function meetingChoiceText(m: { organisation_name: string; meeting_date: string; start_time: string | null }): string {
  const day = formatLongDateWithWeekday(parseIsoDate(m.meeting_date));
  return m.start_time ? `${m.organisation_name}, ${day}, ${govukTime(m.start_time)}` : `${m.organisation_name}, ${day}`;
}

/** An agenda item as the agenda numbers it. */
function itemText(i: { number: string | number | null; position: number; title: string }): string {
  return `${i.number ?? i.position}. ${i.title}`;
}

/** Schedule 12A, Part 1: public, or the paragraph that makes the information exempt. */
function exemptLabel(paragraph: number | string | null): string {
  return paragraph === null ? 'Public: not exempt' : `Paragraph ${paragraph}: ${EXEMPT_PARAGRAPHS[Number(paragraph)] ?? ''}`;
}

export function exemptItems(current: unknown) {
  return optionItems(
    Object.keys(EXEMPT_PARAGRAPHS).map((n) => ({ value: n, text: exemptLabel(n) })),
    current,
    'Public: not exempt',
  );
}

function personItems(people: People, current: unknown) {
  return recordItems(people, (p) => (p.job_title ? `${p.name}, ${p.job_title}` : p.name), current, 'Not on the list');
}

function itemItems(data: MeetingData, current: unknown, first: string) {
  return recordItems(data.items, itemText, current, first);
}

/** The meetings a limb may refer a matter to: any other meeting, or the body's next one. */
function meetingItems(choices: Choices, exceptId: number, current: unknown) {
  return recordItems(
    choices.meetings.filter((m) => m.id !== exceptId),
    meetingChoiceText,
    current,
    'The body’s next meeting',
  );
}

function bodyItems(choices: Choices, current: unknown) {
  return recordItems(choices.bodies, (b) => b.name, current, 'No other body');
}

/** The meeting's own page: its agenda, papers, packs, publication, minutes. */
export function meetingPageData(data: MeetingData, packs: unknown, options: { isLate: boolean; form: FormState }) {
  return {
    ...data,
    statusLabel: MeetingStatus.label(data.meeting.status),
    packs,
    isLate: options.isLate,
    form: options.form,
  };
}

/** The change-or-reschedule form's values of a stored meeting: its date in the date input's three boxes. */
export function meetingValues(m: MeetingData['meeting']): Record<string, string> {
  const [year, month, day] = m.meeting_date.split('-');
  return {
    'meetingDate-day': String(Number(day)),
    'meetingDate-month': String(Number(month)),
    'meetingDate-year': year ?? '',
    startTime: m.start_time ?? '',
    location: m.location ?? '',
    title: m.title ?? '',
    version: String(m.version),
  };
}

export function meetingConflict(m: MeetingData['meeting']) {
  return { date: m.meeting_date, startTime: m.start_time, location: m.location, title: m.title };
}

/** A new agenda item taking up a referral starts with the matter's words and cites the source minute. */
export function referralItemValues(data: MeetingData, referralId: string | undefined): Record<string, string> {
  const referral = referralId === undefined ? undefined : data.pending.find((p) => String(p.id) === referralId);
  if (!referral) return {};
  return { referralId: String(referral.id), title: referral.minute_title ?? '', description: `${referral.citation}: ${referral.limb_text}` };
}

export function newItemData(data: MeetingData, shown: Values) {
  return { ...data, exemptOptions: exemptItems(shown.exemptParagraph) };
}

/** The minute form: one row of choices per limb the resolution may have, and the agenda items. */
export function minuteFormData(data: MeetingData, choices: Choices, shown: Values) {
  const limbs = Array.from({ length: MAX_LIMBS }, (_, i) => {
    const n = i + 1;
    return {
      n,
      verbs: vocabularyItems(ResolutionVerb, shown[`limb${n}Verb`], 'Choose'),
      bodies: bodyItems(choices, shown[`limb${n}TargetOrganisationId`]),
      meetings: meetingItems(choices, data.meeting.id, shown[`limb${n}TargetMeetingId`]),
    };
  });
  return { ...data, limbs, itemOptions: itemItems(data, shown.agendaItemId, 'Not an agenda item') };
}

export function documentFormData(data: MeetingData, shown: Values, maxSize: string) {
  return {
    meeting: data.meeting,
    body: data.body,
    maxSize,
    kindOptions: vocabularyItems(DocumentKind, shown.kind, 'Choose the type'),
    itemOptions: itemItems(data, shown.agendaItemId, 'The meeting as a whole'),
    exemptOptions: exemptItems(shown.exemptParagraph),
  };
}

/** The attendance page: what is recorded, one row per member of the body on the day, and the form to add someone. */
export function attendanceData(data: MeetingData, people: People, members: Members, shown: Values) {
  return {
    meeting: data.meeting,
    body: data.body,
    attendance: data.attendance.map((a) => ({ ...a, statusLabel: AttendanceStatus.label(a.status) })),
    peopleOptions: personItems(people, shown.personId),
    statusItems: vocabularyItems(AttendanceStatus, shown.status, undefined, RECORDED_ATTENDANCE),
    // Each member's row has what was typed chosen, or else what is recorded.
    members: members.map((p) => {
      const field = `member-${p.person_id}`;
      return { ...p, field, options: vocabularyItems(AttendanceStatus, shown[field] ?? p.status ?? '', 'Not recorded', RECORDED_ATTENDANCE) };
    }),
  };
}

export function declarationsData(data: MeetingData, people: People, shown: Values) {
  return {
    meeting: data.meeting,
    body: data.body,
    declarations: data.declarations.map((d) => {
      const item = data.items.find((i) => i.id === d.agenda_item_id);
      return { ...d, kindLabel: DeclarationKind.label(d.kind), itemLabel: item ? itemText(item) : null };
    }),
    peopleOptions: personItems(people, shown.personId),
    itemOptions: itemItems(data, shown.agendaItemId, 'The meeting as a whole'),
    kindOptions: vocabularyItems(DeclarationKind, shown.kind, 'Choose the kind'),
  };
}

/** The edit form's values of a stored agenda item, with one row per person it names. */
export function agendaItemValues(item: ItemData['item']): Record<string, string> {
  const values: Record<string, string> = {
    title: item.title,
    description: item.description ?? '',
    reportOf: item.report_of ?? '',
    exemptParagraph: item.exempt_paragraph === null ? '' : String(item.exempt_paragraph),
    isConfidential: item.is_confidential === 1 ? '1' : '',
    forwardPlanEntryId: item.forward_plan_entry_id === null ? '' : String(item.forward_plan_entry_id),
    version: String(item.version),
  };
  for (const [index, p] of item.people.entries()) {
    values[`person${index + 1}Role`] = p.role;
    values[`person${index + 1}PersonId`] = p.person_id === null ? '' : String(p.person_id);
    values[`person${index + 1}Name`] = p.name;
    values[`person${index + 1}Note`] = p.note ?? '';
  }
  return values;
}

/** The edit form of an agenda item: enough rows for its people, two blank ones, and any row typed; on a 409 the other person's version. */
export function agendaItemFormData(
  { item, meeting, body }: ItemData,
  people: People,
  shown: Values,
  conflict: boolean,
  forwardPlan: readonly { id: number; title: string; intended_date: string }[] = [],
) {
  const typedRows = Object.keys(shown)
    .map((k) => /^person(\d+)/.exec(k))
    .filter((m) => m !== null)
    .map((m) => Number(m[1]));
  const rowCount = Math.min(MAX_NAMED_PEOPLE, Math.max(3, item.people.length + 2, ...typedRows));
  return {
    item,
    meeting,
    body,
    exemptOptions: exemptItems(shown.exemptParagraph),
    forwardPlanOptions: recordItems(
      forwardPlan,
      (e) => `${e.title} (${formatLongDate(parseIsoDate(e.intended_date))})`,
      shown.forwardPlanEntryId,
      'Not a decision on the forward plan',
    ),
    peopleRows: Array.from({ length: rowCount }, (_, i) => ({
      n: i + 1,
      roles: vocabularyItems(AgendaItemPersonRole, shown[`person${i + 1}Role`], 'Choose'),
      people: personItems(people, shown[`person${i + 1}PersonId`]),
    })),
    conflict: conflict
      ? {
          ...item,
          exemptLabel: exemptLabel(item.exempt_paragraph),
          peopleText: item.people.map((p) => `${AgendaItemPersonRole.label(p.role)}: ${p.name}${p.note ? ` (${p.note})` : ''}`).join('; '),
        }
      : null,
  };
}

export function minuteValues(minute: MinuteData['minute']): Record<string, string> {
  return { number: minute.number === null ? '' : String(minute.number), title: minute.title, body: minute.body ?? '', version: String(minute.version) };
}

/** A limb's referral counts while it has not been withdrawn. */
function liveReferral(limb: LimbData['limb']): boolean {
  return limb.referral_id !== null && limb.referral_status !== null && limb.referral_status !== 'withdrawn';
}

/** The correction form's values of a stored limb: its referral's body and meeting while the referral stands. */
export function limbValues(limb: LimbData['limb']): Record<string, string> {
  const live = limb.referral_status !== null && limb.referral_status !== 'withdrawn';
  return {
    verb: limb.verb,
    text: limb.text,
    version: String(limb.version),
    targetOrganisationId: live && limb.target_organisation_id !== null ? String(limb.target_organisation_id) : '',
    targetMeetingId: live && limb.target_meeting_id !== null ? String(limb.target_meeting_id) : '',
  };
}

/** The limb page's three forms (correct it, withdraw its referral, withdraw it); on a 409 the version saved by someone else. */
export function limbFormData(
  { limb, meeting, body }: LimbData,
  choices: Choices,
  shown: Values,
  forms: { form: FormState; withdrawForm: FormState; referralForm: FormState },
  conflict: boolean,
) {
  const bodyName = choices.bodies.find((b) => b.id === limb.target_organisation_id)?.name ?? '';
  const target = choices.meetings.find((m) => m.id === limb.target_meeting_id);
  const live = liveReferral(limb);
  return {
    limb,
    meeting,
    body,
    conflict: conflict
      ? {
          verb: ResolutionVerb.label(limb.verb),
          text: limb.text,
          referral: live ? [bodyName, target ? meetingChoiceText(target) : 'its next meeting'].join(', ') : 'None',
        }
      : null,
    verbs: vocabularyItems(ResolutionVerb, shown.verb),
    bodies: bodyItems(choices, shown.targetOrganisationId),
    meetings: meetingItems(choices, meeting.id, shown.targetMeetingId),
    referral: live ? { status: limb.referral_status, placed: limb.referral_status === 'placed' } : null,
    ...forms,
  };
}

/** The signed minutes form: the minutes of later meetings of the body that may have confirmed them. */
export function signedMinutesData(data: ConfirmingMinutes, body: MeetingData['body'], shown: Values) {
  return {
    meeting: data.meeting,
    body,
    signed: data.signed,
    minuteOptions: recordItems(
      data.choices,
      (c) => `${c.number !== null ? `Minute ${c.number}: ` : ''}${c.title} (${formatLongDateWithWeekday(parseIsoDate(c.meeting_date))})`,
      shown.minuteId,
      'Choose the minute',
    ),
  };
}
