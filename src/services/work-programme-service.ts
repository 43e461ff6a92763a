// The scrutiny committees' work programmes (RULES.md 5b): topics suggested by members, officers, the public and the forward plan, agreed, planned for a meeting, placed on its agenda or made a review, heard, or dropped with a reason.
import { z } from 'zod';
import { londonToday, type Clock } from '../domain/clock.ts';
import { parseIsoDate } from '../domain/iso-date.ts';
import { present } from '../domain/present.ts';
import type { Actor, SystemActor } from '../domain/roles.ts';
import { municipalYear } from '../domain/slug.ts';
import { ScrutinyMethod, TopicSource } from '../domain/vocabulary.ts';
import { isWithheld } from '../domain/withheld.ts';
import { municipalYearLabel, refusal, topicActions, type TopicAction } from '../domain/work-programme.ts';
import type { Repositories } from '../repositories/index.ts';
import { addAgendaItemIn } from './agenda-item-workspace-service.ts';
import { createWriteRunner, declareWrite, EDITORS, staleUnless } from './command.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import { blankToNull, formVersion as version, optionalRecordId, optionalText, recordId, requireEditor, requiredText } from './form-input.ts';
import { confidential, exemptParagraph } from './meeting-workspace-support.ts';
import { createReviewIn } from './scrutiny-workspace-service.ts';
import type { UnitOfWork, Work } from './unit-of-work.ts';

/** A ticked checkbox posts '1'; an unticked one posts nothing. */
const ticked = z
  .string()
  .optional()
  .transform((v) => (v === '1' ? 1 : 0));

const email = z
  .string()
  .max(320, 'Enter an email address of 320 characters or fewer')
  .optional()
  .transform(blankToNull)
  .refine((v) => v === null || z.email().safeParse(v).success, 'Enter an email address in the correct format, like name@example.com');

const TopicSchema = z.object({
  organisationId: recordId('Choose the committee whose work programme this is'),
  municipalYear: z
    .string({ error: 'Enter the municipal year by the year it starts in, like 2026' })
    .trim()
    .regex(/^(19|20|21)\d{2}$/, 'Enter the municipal year by the year it starts in, like 2026')
    .transform(Number),
  title: requiredText('Enter the topic', 300),
  description: optionalText(),
  publicInterest: ticked,
  impact: ticked,
  councilPriority: ticked,
  timeliness: ticked,
  addedValue: ticked,
  method: z
    .string({ error: 'Choose how the committee will scrutinise the topic' })
    .refine((v) => ScrutinyMethod.is(v), 'Choose how the committee will scrutinise the topic'),
  leadMemberId: optionalRecordId('Choose the lead member from the list'),
  leadOfficerId: optionalRecordId('Choose the lead officer from the list'),
  source: z.string({ error: 'Choose where the suggestion came from' }).refine((v) => TopicSource.is(v), 'Choose where the suggestion came from'),
  suggestedBy: optionalText(200),
  exemptParagraph,
  isConfidential: confidential,
});

/** A member of the public's suggestion: no sign-in; name and email optional, the email never published. */
const PublicSuggestionSchema = z.object({
  organisationId: recordId('Choose the committee you are suggesting the topic to'),
  title: requiredText('Enter the topic you suggest', 300),
  description: requiredText('Say why the committee should look at this topic', 5000),
  name: optionalText(200),
  email,
});

/** Suggesting a forward-plan entry for pre-decision scrutiny: only the committee is chosen. */
const FromForwardPlanSchema = z.object({
  organisationId: recordId('Choose the scrutiny committee whose work programme the decision is suggested for'),
});

const VERSION_ONLY = z.object({ version });
const ACTION_INPUT: Record<TopicAction, z.ZodType<{ version: number; meetingId?: number; reason?: string }>> = {
  accept: VERSION_ONLY,
  agree: VERSION_ONLY,
  schedule: z.object({ meetingId: recordId('Choose the meeting the topic is planned for'), version }),
  placeOnAgenda: VERSION_ONLY,
  startReview: VERSION_ONLY,
  markHeard: VERSION_ONLY,
  drop: z.object({ reason: requiredText('Enter why the topic is dropped', 2000), version }),
};

const CREATE_TOPIC = declareWrite('work_programme.create', EDITORS, TopicSchema);
const UPDATE_TOPIC = declareWrite('work_programme.update', EDITORS, TopicSchema.extend({ version }));
const SUGGEST_TOPIC = declareWrite('work_programme.suggest', ['public'], PublicSuggestionSchema);
const FROM_FORWARD_PLAN = declareWrite('work_programme.from_forward_plan', EDITORS, FromForwardPlanSchema);
const ACTIONS = Object.fromEntries(
  (Object.keys(ACTION_INPUT) as TopicAction[]).map((action) => [action, declareWrite(`work_programme.${action}`, EDITORS, ACTION_INPUT[action])]),
) as Record<TopicAction, ReturnType<typeof declareWrite>>;

/** The field on which each action's refusal is shown (a confirmation page's button when it has no field). */
export const ACTION_FIELD: Record<TopicAction, string> = {
  accept: 'confirm',
  agree: 'confirm',
  schedule: 'meetingId',
  placeOnAgenda: 'confirm',
  startReview: 'confirm',
  markHeard: 'confirm',
  drop: 'reason',
};

export const TOPIC_ACTIONS = Object.keys(ACTION_INPUT) as TopicAction[];

type TopicValues = z.output<typeof TopicSchema>;

function topicRow(values: TopicValues) {
  return {
    organisation_id: values.organisationId,
    municipal_year: values.municipalYear,
    title: values.title,
    description: values.description,
    public_interest: values.publicInterest,
    impact: values.impact,
    council_priority: values.councilPriority,
    timeliness: values.timeliness,
    added_value: values.addedValue,
    method: values.method,
    lead_member_id: values.leadMemberId,
    lead_officer_id: values.leadOfficerId,
    source: values.source,
    suggested_by: values.suggestedBy,
    exempt_paragraph: values.exemptParagraph,
    is_confidential: values.isConfidential,
  };
}

export function createWorkProgrammeService(deps: { repos: () => Repositories; unitOfWork: UnitOfWork; clock: Clock }) {
  const { repos, unitOfWork, clock } = deps;
  const write = createWriteRunner(unitOfWork);
  const today = () => londonToday(clock);

  /** The committee must keep a work programme and the people named must exist: each refusal names its field. */
  async function checkTopic(r: Repositories, values: { organisationId: number; leadMemberId?: number | null; leadOfficerId?: number | null }) {
    const bodies = await r.workProgramme.scrutinyBodies();
    if (!bodies.some((b) => b.id === values.organisationId))
      throw new ValidationError([{ field: 'organisationId', message: 'Choose a scrutiny committee from the list' }]);
    const people = await r.workspace.people();
    if (values.leadMemberId != null && !people.some((p) => p.id === values.leadMemberId))
      throw new ValidationError([{ field: 'leadMemberId', message: 'Choose the lead member from the list' }]);
    if (values.leadOfficerId != null && !people.some((p) => p.id === values.leadOfficerId))
      throw new ValidationError([{ field: 'leadOfficerId', message: 'Choose the lead officer from the list' }]);
  }

  async function topicIn(r: Repositories, id: number) {
    const topic = await r.workProgramme.findById(id);
    if (!topic) throw new NotFoundError('No such work programme topic');
    return topic;
  }

  /** The meeting a topic is planned for, as hearing it goes. */
  const plannedMeeting = (topic: { meeting_date: string | null; meeting_status: string | null }) =>
    topic.meeting_date === null ? null : { meeting_date: topic.meeting_date, status: topic.meeting_status ?? 'scheduled' };

  /** Tells the lead member and lead officer that their topic is planned for a meeting (sent by `scrutineer notify`). */
  async function tellLeads(work: Work, topicId: number) {
    const topic = await topicIn(work.repos, topicId);
    const when = topic.meeting_date ?? '';
    for (const personId of [topic.lead_member_id, topic.lead_officer_id]) {
      if (personId === null) continue;
      for (const recipient of await work.repos.notifications.emailsOfPerson(personId)) {
        await work.repos.notifications.enqueue({
          recipient,
          subject: `Work programme: ${topic.title} is planned for ${topic.organisation_name} on ${when}`,
          body: `${topic.organisation_name} has planned "${topic.title}" for its meeting on ${when}. You are named as a lead for this topic.`,
          kind: 'work_programme.scheduled',
          dedupe_key: `work-programme:${topic.id}:${topic.meeting_id ?? '-'}:${recipient}`,
        });
      }
    }
  }

  return {
    /** What the topic forms offer: the scrutiny committees, the people to name as leads. */
    async choices(actor: Actor) {
      requireEditor(actor);
      const r = repos();
      const [bodies, people] = await Promise.all([r.workProgramme.scrutinyBodies(), r.workspace.people()]);
      return { bodies, people, currentYear: municipalYear(today()) };
    },

    /** The workspace's overview: each scrutiny committee, and public suggestions waiting to be accepted. */
    async overview(actor: Actor) {
      requireEditor(actor);
      const r = repos();
      const [bodies, awaiting] = await Promise.all([r.workProgramme.scrutinyBodies(), r.workProgramme.awaitingModeration()]);
      return { bodies, awaiting, currentYear: municipalYear(today()) };
    },

    /** A committee's programme for a year, every topic (withheld and unmoderated ones marked) for the workspace. */
    async programme(actor: Actor | null, organisationId: number, year: number | null) {
      if (actor !== null) requireEditor(actor);
      const r = repos();
      const body = await r.organisations.findById(organisationId);
      if (!body) throw new NotFoundError('No such committee');
      const publicOnly = actor === null;
      const chosen = year ?? municipalYear(today());
      const [topics, years] = await Promise.all([
        r.workProgramme.forBody(organisationId, chosen, { publicOnly }),
        r.workProgramme.years(organisationId, { publicOnly }),
      ]);
      return { body, year: chosen, years: years.includes(chosen) ? years : [chosen, ...years].sort((a, b) => b - a), topics };
    },

    /** The public programme of a committee (by its slug): accepted topics that are not withheld; the suggester's email is never read. */
    async publicProgramme(slug: string, year: number | null) {
      const body = await repos().organisations.findBySlug(slug);
      if (!body || (body.kind !== 'scrutiny_committee' && body.kind !== 'task_group')) throw new NotFoundError('No such scrutiny committee');
      const programme = await this.programme(null, body.id, year);
      return { ...programme, topics: programme.topics.map(({ suggester_email: _hidden, ...topic }) => topic) };
    },

    /** A committee's feed: its public topics agreed, scheduled, heard or dropped, latest changed first; the suggester's email is never read out. */
    async publicFeed(slug: string, limit: number) {
      const body = await repos().organisations.findBySlug(slug);
      if (!body || (body.kind !== 'scrutiny_committee' && body.kind !== 'task_group')) throw new NotFoundError('No such scrutiny committee');
      const topics = await repos().workProgramme.publicChanges(body.id, limit);
      return { body, topics: topics.map(({ suggester_email: _hidden, ...topic }) => topic) };
    },

    /** The scrutiny committees a member of the public may suggest a topic to. */
    async suggestionChoices() {
      return repos().workProgramme.scrutinyBodies();
    },

    /** A topic with what may be done to it now, for its workspace page. */
    async topic(actor: Actor, id: number) {
      requireEditor(actor);
      const r = repos();
      const topic = await topicIn(r, id);
      const meetings = await r.workProgramme.meetingsOf(topic.organisation_id, `${topic.municipal_year}-05-01`);
      return { topic, actions: topicActions(topic, plannedMeeting(topic), today()), meetings };
    },

    /** An officer records a topic: from a member, an officer or the forward plan (or a public suggestion received otherwise); it is accepted for consideration at once. */
    async createTopic(actor: Actor, input: unknown) {
      return write(CREATE_TOPIC, actor, input, async (values, { repos: tx, audit }) => {
        await checkTopic(tx, values);
        const topic = await tx.workProgramme.create({ ...topicRow(values), state: 'suggested', suggested_on: today(), accepted_on: today() });
        await audit('create', 'work_programme_topic', topic.id, null, topic);
        return topic;
      });
    },

    /** Saves a topic's details over the version the officer opened. */
    async updateTopic(actor: Actor, id: number, input: unknown) {
      return write(UPDATE_TOPIC, actor, input, async (values, { repos: tx, audit }) => {
        await checkTopic(tx, values);
        const before = await topicIn(tx, id);
        staleUnless(await tx.workProgramme.update(id, values.version, topicRow(values)), 'this topic', values.version);
        await audit('update', 'work_programme_topic', id, before, await topicIn(tx, id));
        return id;
      });
    },

    /**
     * An officer suggests a forward-plan entry to a scrutiny committee for pre-decision scrutiny
     * (RULES.md 5b: the forward plan is a source of the work programme), in one step: a topic for
     * the current municipal year, from the forward plan, linked to the entry and accepted for
     * consideration. The same entry is suggested to a committee once a year (refused naming the
     * committee field; migration 0039's unique index holds it against a race). A withheld entry's
     * detail is not copied, so the topic shows only the matter the forward plan itself publishes.
     */
    async suggestFromForwardPlan(actor: Actor, entryId: number, input: unknown) {
      return write(FROM_FORWARD_PLAN, actor, input, async (values, { repos: tx, audit }) => {
        const entry = await tx.forwardPlan.findById(entryId);
        if (!entry) throw new NotFoundError('No such forward plan entry');
        const bodies = await tx.workProgramme.scrutinyBodies();
        const body = bodies.find((b) => b.id === values.organisationId);
        if (!body) throw new ValidationError([{ field: 'organisationId', message: 'Choose a scrutiny committee from the list' }]);
        const year = municipalYear(today());
        const already = (await tx.workProgramme.forEntry(entryId, { publicOnly: false })).some(
          (t) => t.organisation_id === body.id && t.municipal_year === year,
        );
        if (already) {
          throw new ValidationError([
            {
              field: 'organisationId',
              message: `${entry.title} is already in the ${body.name} work programme for ${municipalYearLabel(year)}: choose another committee`,
            },
          ]);
        }
        const topic = await tx.workProgramme.create({
          organisation_id: body.id,
          municipal_year: year,
          title: entry.title,
          description: isWithheld(entry) ? null : entry.description,
          public_interest: 0,
          impact: 0,
          council_priority: 0,
          // Pre-decision scrutiny is only of use before the decision's intended date.
          timeliness: 1,
          added_value: 0,
          method: 'pre_decision',
          lead_member_id: null,
          lead_officer_id: null,
          meeting_id: null,
          state: 'suggested',
          source: 'forward_plan',
          suggested_by: null,
          suggester_email: null,
          suggested_on: today(),
          accepted_on: today(),
          forward_plan_entry_id: entry.id,
          agenda_item_id: null,
          review_id: null,
          exempt_paragraph: null,
        });
        await audit('create', 'work_programme_topic', topic.id, null, topic);
        return topic;
      });
    },

    /** A page of public topics for the API, by committee and municipal year when asked; the suggester's email is never read out. */
    async apiPage(page: { after?: number; limit: number; updatedSince?: string; body?: number; year?: number }) {
      return (await repos().workProgramme.publicPage(page)).map(({ suggester_email: _hidden, ...topic }) => topic);
    },

    /** One public topic for the API; a suggestion awaiting moderation or a withheld topic is not found. */
    async publicTopicById(id: number) {
      const topic = await repos().workProgramme.findPublicById(id);
      if (!topic) throw new NotFoundError('No such work programme topic');
      const { suggester_email: _hidden, ...shown } = topic;
      return shown;
    },

    /** The topics suggested from a forward-plan entry: every one for the workspace, the public ones otherwise. */
    async topicsOfEntry(actor: Actor | null, entryId: number) {
      if (actor !== null) requireEditor(actor);
      return repos().workProgramme.forEntry(entryId, { publicOnly: actor === null });
    },

    /**
     * A member of the public suggests a topic: it lands as suggested, for the current municipal year,
     * and stays off every public page until an officer accepts it for consideration (moderation).
     */
    async suggest(actor: SystemActor, input: unknown) {
      return write(SUGGEST_TOPIC, actor, input, async (values, { repos: tx, audit }) => {
        const bodies = await tx.workProgramme.scrutinyBodies();
        if (!bodies.some((b) => b.id === values.organisationId))
          throw new ValidationError([{ field: 'organisationId', message: 'Choose the committee you are suggesting the topic to' }]);
        const topic = await tx.workProgramme.create({
          organisation_id: values.organisationId,
          municipal_year: municipalYear(today()),
          title: values.title,
          description: values.description,
          public_interest: 0,
          impact: 0,
          council_priority: 0,
          timeliness: 0,
          added_value: 0,
          method: 'agenda_item',
          lead_member_id: null,
          lead_officer_id: null,
          meeting_id: null,
          state: 'suggested',
          source: 'public',
          suggested_by: values.name,
          suggester_email: values.email,
          suggested_on: today(),
          accepted_on: null,
          forward_plan_entry_id: null,
          agenda_item_id: null,
          review_id: null,
          exempt_paragraph: null,
        });
        // The audit trail is read by officers only; the email is kept there as on the record.
        await audit('suggest', 'work_programme_topic', topic.id, null, topic);
        return topic;
      });
    },

    /**
     * One step of a topic's path, over the version the officer opened; refused, naming the field,
     * when the topic's state does not allow it (src/domain/work-programme.ts). Placing it on the
     * agenda and starting a review run the agenda item's and the review's own creation in this same
     * transaction, so the topic never points at a record that was not made, nor the reverse.
     */
    async act(actor: Actor, id: number, action: TopicAction, input: unknown) {
      return write(ACTIONS[action], actor, input, async (raw, work) => {
        const values = raw as { version: number; meetingId?: number; reason?: string };
        const { repos: tx, audit } = work;
        const before = await topicIn(tx, id);
        const now = today();
        const field = ACTION_FIELD[action];
        const refused = refusal(action, before, plannedMeeting(before), now);
        if (refused !== null) throw new ValidationError([{ field, message: `${refused}: ${before.title}` }]);
        const save = async (change: Parameters<typeof tx.workProgramme.update>[2]) =>
          staleUnless(await tx.workProgramme.update(id, values.version, change), 'this topic', values.version);
        switch (action) {
          case 'accept':
            await save({ accepted_on: now });
            break;
          case 'agree':
            await save({ state: 'agreed', accepted_on: before.accepted_on ?? now });
            break;
          case 'schedule': {
            const meetingId = present(values.meetingId, 'meeting');
            const meetings = await tx.workProgramme.meetingsOf(before.organisation_id, now);
            if (!meetings.some((m) => m.id === meetingId))
              throw new ValidationError([{ field, message: `Choose a meeting of ${before.organisation_name} still to come` }]);
            if (before.agenda_item_id !== null && before.meeting_id !== meetingId)
              throw new ValidationError([{ field, message: `${before.title} is already on the agenda of the meeting it was planned for` }]);
            await save({ state: 'scheduled', meeting_id: meetingId });
            break;
          }
          case 'placeOnAgenda': {
            const meeting = await tx.meetings.findById(present(before.meeting_id, 'planned meeting'));
            if (!meeting) throw new NotFoundError('No such meeting');
            const item = await addAgendaItemIn(work, meeting, {
              title: before.title,
              description: before.description,
              reportOf: before.lead_officer_name,
              exemptParagraph: before.exempt_paragraph,
              isConfidential: before.is_confidential === 1 ? 1 : 0,
              referralId: null,
            }).catch((error: unknown) => {
              // The item form's refusal is about its title; here the topic's title is what the officer knows.
              if (error instanceof ValidationError) throw new ValidationError([{ field, message: error.errors[0]?.message ?? 'The item cannot be added' }]);
              throw error;
            });
            await save({ agenda_item_id: item.id });
            break;
          }
          case 'startReview': {
            const review = await createReviewIn(work, clock, {
              title: before.title,
              organisationId: before.organisation_id,
              startedOn: parseIsoDate(now),
              reportDate: null,
              receivedOn: null,
              summary: before.description,
            });
            await save({ review_id: review.id });
            break;
          }
          case 'markHeard':
            await save({ state: 'done', done_on: now });
            break;
          case 'drop':
            await save({ state: 'dropped', dropped_reason: present(values.reason, 'reason') });
            break;
        }
        const after = await topicIn(tx, id);
        await audit(action, 'work_programme_topic', id, before, after);
        if (action === 'schedule') await tellLeads(work, id);
        return after;
      });
    },
  };
}

export type WorkProgrammeService = ReturnType<typeof createWorkProgrammeService>;
export type PublicTopic = Awaited<ReturnType<WorkProgrammeService['publicTopicById']>>;
