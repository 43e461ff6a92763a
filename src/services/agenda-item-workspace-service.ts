// The officer workspace's agenda items: add an item (exempt, or taking up a pending referral) and correct it with the people it names.
import { z } from 'zod';
import type { Actor } from '../domain/roles.ts';
import { AgendaItemPersonRole } from '../domain/vocabulary.ts';
import type { Repositories } from '../repositories/index.ts';
import type { NamedPerson } from '../repositories/meeting-record-repository.ts';
import { ConflictError, ValidationError, type FieldError } from './errors.ts';
import { parseInput as parse, requireEditor, blankToNull, formVersion as version, optionalRecordId } from './form-input.ts';
import { confidential, exemptParagraph, meetingWorkspaceSupport, optional, optionalId, type MeetingWorkspaceDeps } from './meeting-workspace-support.ts';
import { present } from '../domain/present.ts';
import { authorise, createWriteRunner, declareWrite, EDITORS, NO_INPUT } from './command.ts';
import type { Work } from './unit-of-work.ts';
import type { Meeting } from '../db/schema.ts';

const AgendaItemSchema = z.object({
  title: z.string({ error: 'Enter the title of the item' }).trim().min(1, 'Enter the title of the item').max(500),
  description: optional,
  reportOf: optional,
  // LGA 1972 Schedule 12A Part 1: exempt information is one of paragraphs 1 to 7.
  exemptParagraph: z
    .string()
    .optional()
    .transform(blankToNull)
    .refine((v) => v === null || /^[1-7]$/.test(v), 'Choose the paragraph of Schedule 12A that makes the item exempt')
    .transform((v) => (v === null ? null : Number(v))),
  isConfidential: z
    .string()
    .optional()
    .transform((v) => (v === '1' ? 1 : 0)),
  referralId: optionalId,
});

const AgendaItemEditSchema = z.object({
  title: z.string({ error: 'Enter the title of the item' }).trim().min(1, 'Enter the title of the item').max(500),
  description: optional,
  reportOf: optional,
  exemptParagraph,
  isConfidential: confidential,
  // The key decision on the forward plan that this item takes (SI 2012/2089 reg 9).
  forwardPlanEntryId: optionalRecordId('Choose the forward plan entry from the list'),
  version,
});

/** What the agenda item form gives: its words, whether it is exempt, and a referral it takes up. */
export type AgendaItemValues = z.output<typeof AgendaItemSchema>;

/**
 * Adds an item to a meeting's agenda inside a write already under way: the form's own save, or a
 * work programme topic placed on its meeting in one step (the topic's change in the same transaction).
 */
export async function addAgendaItemIn({ repos: tx, audit, touched }: Work, m: Meeting, values: AgendaItemValues) {
  let issueId: number | null = null;
  if (values.referralId !== null) {
    const referral = await tx.workspace.findReferral(values.referralId);
    const pending = (await tx.workspace.pendingReferralsFor(m)).some((p) => p.id === values.referralId);
    if (!referral || !pending) throw new ConflictError('That referral is no longer waiting for this meeting’s agenda');
    issueId = referral.issue_id;
  }
  const same = (await tx.meetings.agendaItems(m.id)).find((i) => i.title === values.title);
  if (same) {
    throw new ValidationError([
      {
        field: 'title',
        message: `Item ${same.number ?? same.position} of this meeting already has this title`,
        existing: { kind: 'agenda_item', id: same.id },
      },
    ]);
  }
  const position = await tx.workspace.nextAgendaPosition(m.id);
  const item = await tx.meetings.createAgendaItem({
    meeting_id: m.id,
    position,
    number: String(position),
    title: values.title,
    description: values.description,
    report_of: values.reportOf,
    exempt_paragraph: values.exemptParagraph,
    is_confidential: values.isConfidential,
    issue_id: issueId,
    // An item added before the agenda is published is a draft, seen only here until publication.
    is_draft: m.agenda_published_on === null ? 1 : 0,
  });
  await audit('create', 'agenda_item', item.id, null, item);
  touched('agenda_item', item.id);
  if (values.referralId !== null) {
    if (!(await tx.workspace.placeReferral(values.referralId, item.id, m.id))) throw new ConflictError('That referral was placed on an agenda by someone else');
    await audit('placed', 'referral', values.referralId, { status: 'pending' }, { status: 'placed', agenda_item_id: item.id, target_meeting_id: m.id });
  }
  return item;
}

/** The most people an item names; the form shows a few blank rows beyond those already named. */
export const MAX_NAMED_PEOPLE = 12;

const ADD_AGENDA_ITEM = declareWrite('agenda_item.addAgendaItem', EDITORS, NO_INPUT);
const UPDATE_AGENDA_ITEM = declareWrite('agenda_item.updateAgendaItem', EDITORS, NO_INPUT);

export function createAgendaItemWorkspaceService(deps: MeetingWorkspaceDeps) {
  const { repos, unitOfWork } = deps;
  const write = createWriteRunner(unitOfWork);
  const { meeting, agendaItemWithPeople } = meetingWorkspaceSupport(deps);

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
      if (name.length > 200 || note.length > 200)
        errors.push({ field: `person${n}Name`, message: `The name and capacity of person ${n} must be 200 characters or fewer` });
      people.push({ role, person_id: person?.id ?? null, name: name === '' ? (person?.name ?? '') : name, note: note === '' ? null : note });
    }
    return { people, errors };
  }

  return {
    /**
     * Adds an item to the agenda. An exempt item names its Schedule 12A paragraph. An item that takes
     * up a pending referral marks the referral placed and carries its issue, so the matter's path
     * across bodies stays joined up.
     */
    async addAgendaItem(actor: Actor, meetingId: number, input: unknown) {
      // Refused before the form is read; the write below runs the same declaration.
      authorise(ADD_AGENDA_ITEM, actor);
      const values = parse(AgendaItemSchema, input);
      const m = await meeting(meetingId);
      return write(ADD_AGENDA_ITEM, actor, undefined, async (_values, work) => addAgendaItemIn(work, m, values));
    },

    /** An agenda item as it stands, with the people it names, its meeting and body, for the edit form. */
    async agendaItem(actor: Actor, itemId: number) {
      requireEditor(actor);
      const r = repos();
      const item = await agendaItemWithPeople(r, itemId);
      const m = await meeting(item.meeting_id);
      const body = await r.organisations.findById(m.organisation_id);
      return { item, meeting: m, body: present(body, 'body') };
    },

    /**
     * Corrects an item after it was added: its words, whether it is exempt, and the people it
     * names. Saved only over the version the officer opened; its search entries (and those of its
     * papers and minutes) follow, so an item made exempt leaves search at once.
     */
    async updateAgendaItem(actor: Actor, itemId: number, input: Record<string, string>) {
      // Refused before the form is read; the write below runs the same declaration.
      authorise(UPDATE_AGENDA_ITEM, actor);
      const parsed = AgendaItemEditSchema.safeParse(input);
      const { people, errors } = await peopleFrom(repos(), input);
      const allErrors = [...(parsed.success ? [] : ValidationError.fromZod(parsed.error).errors), ...errors];
      if (!parsed.success || allErrors.length > 0) throw new ValidationError(allErrors);
      const values = parsed.data;
      return write(UPDATE_AGENDA_ITEM, actor, undefined, async (_values, { repos: tx, audit, touched }) => {
        const before = await agendaItemWithPeople(tx, itemId);
        if (values.forwardPlanEntryId !== null && !(await tx.forwardPlan.findById(values.forwardPlanEntryId))) {
          throw new ValidationError([{ field: 'forwardPlanEntryId', message: 'Choose the forward plan entry from the list' }]);
        }
        const changed = await tx.meetingRecords.updateAgendaItem(itemId, values.version, {
          title: values.title,
          description: values.description,
          report_of: values.reportOf,
          exempt_paragraph: values.exemptParagraph,
          is_confidential: values.isConfidential,
          forward_plan_entry_id: values.forwardPlanEntryId,
        });
        if (!changed) throw new ConflictError('Someone else changed this agenda item after you opened it');
        await tx.meetingRecords.replaceAgendaItemPeople(itemId, people);
        const after = await agendaItemWithPeople(tx, itemId);
        await audit('update', 'agenda_item', itemId, before, after);
        // The item carries its meeting, papers, minutes and resolutions into the index refresh.
        touched('agenda_item', itemId);
        return after;
      });
    },
  };
}

export type AgendaItemWorkspaceService = ReturnType<typeof createAgendaItemWorkspaceService>;
