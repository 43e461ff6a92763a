// What the meeting workspace's services share: the field schemas of their forms, the dependencies they are given, and the look-ups of a meeting, its items and the people it names.
import { z } from 'zod';
import type { Clock } from '../domain/clock.ts';
import { computeDeadline, describeDeadline } from '../domain/deadlines.ts';
import { isIsoDate } from '../domain/iso-date.ts';
import { slugify } from '../domain/slug.ts';
import type { Repositories } from '../repositories/index.ts';
import type { DocumentFileService } from './document-file-service.ts';
import { NotFoundError, ValidationError, type FieldError } from './errors.ts';
import { blankToNull, optionalRecordId, optionalText, recordId } from './form-input.ts';
import type { SettingsService } from './settings-service.ts';
import type { UnitOfWork } from './unit-of-work.ts';

export const optional = optionalText();
export const id = recordId;
export const optionalId = optionalRecordId('Choose from the list');
export const optionalCount = z.string().optional().transform(blankToNull)
  .refine((v) => v === null || /^\d{1,4}$/.test(v), 'Enter a whole number of votes').transform((v) => (v === null ? null : Number(v)));

/** LGA 1972 Schedule 12A Part 1: exempt information is one of paragraphs 1 to 7; blank means public. */
export const exemptParagraph = z.string().optional().transform(blankToNull)
  .refine((v) => v === null || /^[1-7]$/.test(v), 'Choose the paragraph of Schedule 12A that makes it exempt').transform((v) => (v === null ? null : Number(v)));
export const confidential = z.string().optional().transform((v) => (v === '1' ? 1 : 0));

export interface MeetingWorkspaceDeps {
  repos: () => Repositories;
  unitOfWork: UnitOfWork;
  clock: Clock;
  settings: SettingsService;
  /** Reads an uploaded file's text, pages and type (and refuses what it cannot read). */
  documentFiles?: Pick<DocumentFileService, 'extract'>;
}

/** The look-ups every part of the meeting workspace makes, over the repositories it is given. */
export function meetingWorkspaceSupport(deps: MeetingWorkspaceDeps) {
  const { repos } = deps;

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

  return { namedPerson, itemOf, agendaItemWithPeople, meeting, agendaDeadline };
}

export type MeetingWorkspaceSupport = ReturnType<typeof meetingWorkspaceSupport>;

export const uniqueIssueSlug = (tx: Repositories, title: string) => tx.slugs.free('issues', slugify(title));

/**
 * A date from the GOV.UK date input (day, month and year fields named `<prefix>-day` …), or from one
 * field `<prefix>` typed as "5/3/2026" or "2026-03-05". The messages are the Design System's: "Enter
 * <label>", "<Label> must include a month", "<Label> must be a real date".
 */
export function readDateInput(input: unknown, prefix: string, label: string): { value: string } | FieldError {
  const values = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const text = (key: string) => (typeof values[key] === 'string' ? (values[key]).trim() : '');
  let day = text(`${prefix}-day`);
  let month = text(`${prefix}-month`);
  let year = text(`${prefix}-year`);
  const whole = text(prefix);
  const Label = label.charAt(0).toUpperCase() + label.slice(1);
  if (day === '' && month === '' && year === '' && whole !== '') {
    const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(whole);
    const british = /^(\d{1,2})[/.\s-](\d{1,2})[/.\s-](\d{4})$/.exec(whole);
    if (iso) [year, month, day] = [iso[1] ?? '', iso[2] ?? '', iso[3] ?? ''];
    else if (british) [day, month, year] = [british[1] ?? '', british[2] ?? '', british[3] ?? ''];
    else return { field: `${prefix}-day`, message: `${Label} must be a real date` };
  }
  if (day === '' && month === '' && year === '') return { field: `${prefix}-day`, message: `Enter ${label}` };
  const missing = [['day', day], ['month', month], ['year', year]].filter(([, v]) => v === '').map(([k]) => k);
  if (missing.length > 0) return { field: `${prefix}-${missing[0]}`, message: `${Label} must include a ${missing.join(' and ')}` };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return { field: `${prefix}-day`, message: `${Label} must be a real date` };
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!isIsoDate(iso)) return { field: `${prefix}-day`, message: `${Label} must be a real date` };
  return { value: iso };
}
