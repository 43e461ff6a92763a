// What the meeting workspace's services share: the field schemas of their forms, the dependencies they are given, and the look-ups of a meeting, its items and the people it names.
import { z } from 'zod';
import type { Clock } from '../domain/clock.ts';
import { computeDeadline, describeDeadline } from '../domain/deadlines.ts';
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
export const optionalCount = z
  .string()
  .optional()
  .transform(blankToNull)
  .refine((v) => v === null || /^\d{1,4}$/.test(v), 'Enter a whole number of votes')
  .transform((v) => (v === null ? null : Number(v)));

/** LGA 1972 Schedule 12A Part 1: exempt information is one of paragraphs 1 to 7; blank means public. */
export const exemptParagraph = z
  .string()
  .optional()
  .transform(blankToNull)
  .refine((v) => v === null || /^[1-7]$/.test(v), 'Choose the paragraph of Schedule 12A that makes it exempt')
  .transform((v) => (v === null ? null : Number(v)));
export const confidential = z
  .string()
  .optional()
  .transform((v) => (v === '1' ? 1 : 0));

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

  /** Inside a write, pass its transaction's repositories: SQLite's one connection is held by the transaction. */
  async function meeting(meetingId: number, r: Repositories = repos()) {
    const found = await r.meetings.findById(meetingId);
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
