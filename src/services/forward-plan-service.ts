// The forward plan of key decisions: officers record each entry through the write pipeline (the notice rules checked), and the public reads the plan with exempt detail left out.
//
// SI 2012/2089 reg 9: the notice names the matter, the decision maker, the intended date, whether
// it will be taken in private (and the Schedule 12A paragraph), the documents and how to get them.
// Regs 10 and 11: a decision on less than 28 clear days' notice records the general exception or
// special urgency, each with its own notice. RULES.md rule 9: exempt text never reaches the public.
import { z } from 'zod';
import { londonToday, type Clock } from '../domain/clock.ts';
import { keyDecisionProblems, noticeDue, noticeProblems, type KeyDecisionTest, type NoticeSettings } from '../domain/forward-plan.ts';
import type { IsoDate } from '../domain/iso-date.ts';
import { present } from '../domain/present.ts';
import type { Actor } from '../domain/roles.ts';
import { isSlug, slugify } from '../domain/slug.ts';
import { DecisionMakerKind, NoticeRoute } from '../domain/vocabulary.ts';
import { isWithheld } from '../domain/withheld.ts';
import type { Repositories } from '../repositories/index.ts';
import { EDITORS, createWriteRunner, declareWrite, staleUnless } from './command.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import { blankToNull, dateInput, formVersion, optionalDate, optionalRecordId, optionalText, recordId, requireEditor, requiredText } from './form-input.ts';
import { exemptParagraph, confidential } from './meeting-workspace-support.ts';
import type { SettingsService } from './settings-service.ts';
import type { UnitOfWork } from './unit-of-work.ts';

const choice = <T extends string>(vocabulary: { is(value: unknown): value is T }, message: string) =>
  z.string({ error: message }).refine((v): v is T => vocabulary.is(v), message);

const yes = z
  .string()
  .optional()
  .transform((v) => (v === 'yes' ? 1 : 0));

/** A whole number typed with or without "£" and thousands commas ("£1,250,000"); blank is null. */
const wholeNumber = (message: string, max: number) =>
  z
    .string()
    .optional()
    .transform((v) => blankToNull(v === undefined ? undefined : v.replace(/[£,\s]/g, '')))
    .refine((v) => v === null || (/^\d{1,10}$/.test(v) && Number(v) <= max), message)
    .transform((v) => (v === null ? null : Number(v)));

const EntrySchema = z.object({
  organisationId: recordId('Choose the body whose forward plan lists the decision'),
  title: requiredText('Enter the decision to be taken', 500),
  description: optionalText(20_000),
  decisionMakerKind: choice(DecisionMakerKind, 'Choose who takes the decision'),
  decisionMakerName: optionalText(300),
  decisionMakerPersonId: optionalRecordId('Choose the decision maker from the list'),
  isKeyDecision: z.enum(['yes', 'no'], { error: 'Say whether it is a key decision' }).transform((v) => (v === 'yes' ? 1 : 0)),
  reasonSpending: yes,
  reasonWards: yes,
  amountPounds: wholeNumber('Enter the spending or savings as a whole number of pounds, like 750000', 2_000_000_000),
  wardsAffected: wholeNumber('Enter the number of wards as a whole number, like 3', 999),
  wardNames: optionalText(2_000),
  firstPublishedOn: dateInput('the date the entry was first published', { required: true }),
  intendedDate: dateInput('the intended date of the decision', { required: true }),
  documents: optionalText(5_000),
  exemptParagraph,
  isConfidential: confidential,
  scrutinyEngagement: optionalText(5_000),
  noticeRoute: choice(NoticeRoute, 'Choose how notice of the decision was given'),
  chairInformedOn: optionalDate('the date the scrutiny chair was told'),
  exceptionNoticeOn: optionalDate('the date the notice was published'),
  urgencyAgreedBy: optionalText(300),
  urgencyReasons: optionalText(5_000),
});

type EntryValues = z.output<typeof EntrySchema>;

const CREATE_ENTRY = declareWrite('forward_plan.create', EDITORS, EntrySchema);
const UPDATE_ENTRY = declareWrite('forward_plan.update', EDITORS, EntrySchema.extend({ version: formVersion }));

/** The columns the form sets, the same on creation and on every save. */
function entryRow(values: EntryValues) {
  const key = values.isKeyDecision === 1;
  return {
    organisation_id: values.organisationId,
    title: values.title,
    description: values.description,
    decision_maker_kind: values.decisionMakerKind,
    decision_maker_name: values.decisionMakerName,
    decision_maker_person_id: values.decisionMakerPersonId,
    is_key_decision: values.isKeyDecision,
    key_reason_spending: key ? values.reasonSpending : 0,
    key_reason_wards: key ? values.reasonWards : 0,
    amount_pounds: values.amountPounds,
    wards_affected: values.wardsAffected,
    ward_names: values.wardNames,
    first_published_on: values.firstPublishedOn,
    intended_date: values.intendedDate,
    documents: values.documents,
    exempt_paragraph: values.exemptParagraph,
    is_confidential: values.isConfidential,
    scrutiny_engagement: values.scrutinyEngagement,
    notice_route: values.noticeRoute,
    // What an exception route records is kept only with that route, so a changed route leaves nothing stale.
    chair_informed_on: values.noticeRoute === 'general_exception' ? values.chairInformedOn : null,
    exception_notice_on: values.noticeRoute === 'notice' ? null : values.exceptionNoticeOn,
    urgency_agreed_by: values.noticeRoute === 'special_urgency' ? values.urgencyAgreedBy : null,
    urgency_reasons: values.noticeRoute === 'notice' ? null : values.urgencyReasons,
  };
}

export interface ForwardPlanDeps {
  readonly repos: () => Repositories;
  readonly unitOfWork: UnitOfWork;
  readonly clock: Clock;
  readonly settings: Pick<SettingsService, 'deadlineSettings' | 'keyDecisionTest'>;
}

type StoredEntry = NonNullable<Awaited<ReturnType<Repositories['forwardPlan']['findById']>>>;

/** An entry as the public may see it: the matter, maker, dates and route always; the detail only when not withheld. */
export function publicEntry(entry: StoredEntry) {
  const withheld = isWithheld(entry);
  return {
    ...entry,
    withheld,
    description: withheld ? null : entry.description,
    documents: withheld ? null : entry.documents,
    ward_names: withheld ? null : entry.ward_names,
  };
}
export type PublicForwardPlanEntry = ReturnType<typeof publicEntry>;

export function createForwardPlanService(deps: ForwardPlanDeps) {
  const { repos, clock } = deps;
  const write = createWriteRunner(deps.unitOfWork);

  async function noticeSettings(): Promise<NoticeSettings> {
    const s = await deps.settings.deadlineSettings();
    return { keyDecision: s['key-decision'], generalException: s['general-exception'] };
  }

  /** Every refusal names its field: an unknown body or person, the key-decision test, the notice rules. */
  async function check(tx: Repositories, values: EntryValues, test: KeyDecisionTest, settings: NoticeSettings) {
    const errors: { field: string; message: string }[] = [];
    const body = await tx.organisations.findById(values.organisationId);
    if (!body || body.kind === 'external') errors.push({ field: 'organisationId', message: 'Choose a body of the council from the list' });
    if (values.decisionMakerPersonId !== null && !(await tx.people.findById(values.decisionMakerPersonId))) {
      errors.push({ field: 'decisionMakerPersonId', message: 'Choose the decision maker from the list' });
    }
    errors.push(
      ...keyDecisionProblems(
        {
          isKeyDecision: values.isKeyDecision === 1,
          reasonSpending: values.reasonSpending === 1,
          reasonWards: values.reasonWards === 1,
          amountPounds: values.amountPounds,
          wardsAffected: values.wardsAffected,
        },
        test,
      ),
    );
    errors.push(
      ...noticeProblems(
        {
          route: values.noticeRoute,
          firstPublishedOn: values.firstPublishedOn,
          intendedDate: values.intendedDate,
          chairInformedOn: values.chairInformedOn,
          exceptionNoticeOn: values.exceptionNoticeOn,
          urgencyAgreedBy: values.urgencyAgreedBy,
          urgencyReasons: values.urgencyReasons,
        },
        settings,
      ),
    );
    if (errors.length > 0) throw new ValidationError(errors);
  }

  async function findPublic(slug: string) {
    if (!isSlug(slug)) throw new NotFoundError('No such forward plan entry');
    const entry = await repos().forwardPlan.findBySlug(slug);
    if (!entry) throw new NotFoundError('No such forward plan entry');
    return entry;
  }

  return {
    // Workspace -------------------------------------------------------------------------------

    async list(actor: Actor) {
      requireEditor(actor);
      return repos().forwardPlan.list();
    },

    async entry(actor: Actor, id: number) {
      requireEditor(actor);
      const entry = await repos().forwardPlan.findById(id);
      if (!entry) throw new NotFoundError('No such forward plan entry');
      return entry;
    },

    /** What the form offers: the council's bodies and its people. */
    async choices() {
      const r = repos();
      const [bodies, people] = await Promise.all([r.organisationWorkspace.bodyChoices(), r.organisationWorkspace.personChoices()]);
      return { bodies: bodies.filter((b) => b.kind !== 'external'), people };
    },

    /** The entries an agenda item may take up, latest first. */
    async entryChoices() {
      return repos().forwardPlan.choices();
    },

    /** The 28-clear-day notice an intended date needs, for the form to say by when to publish. */
    async noticeDue(firstPublishedOn: IsoDate, intendedDate: IsoDate) {
      return noticeDue({ firstPublishedOn, intendedDate }, await noticeSettings());
    },

    async create(actor: Actor, input: unknown) {
      const [test, settings] = await Promise.all([deps.settings.keyDecisionTest(), noticeSettings()]);
      return write(CREATE_ENTRY, actor, input, async (values, { repos: tx, audit }) => {
        await check(tx, values, test, settings);
        const entry = await tx.forwardPlan.create({
          slug: await tx.slugs.free('forward_plan_entries', slugify(values.title) || 'decision'),
          ...entryRow(values),
        });
        await audit('create', 'forward_plan_entry', entry.id, null, entry);
        return entry;
      });
    },

    /** Saves an entry over the version the officer opened; the slug stays, so links to it keep working. */
    async update(actor: Actor, id: number, input: unknown) {
      const [test, settings] = await Promise.all([deps.settings.keyDecisionTest(), noticeSettings()]);
      return write(UPDATE_ENTRY, actor, input, async (values, { repos: tx, audit }) => {
        const before = await tx.forwardPlan.findById(id);
        if (!before) throw new NotFoundError('No such forward plan entry');
        await check(tx, values, test, settings);
        staleUnless(await tx.forwardPlan.update(id, values.version, entryRow(values)), 'this forward plan entry', values.version);
        const after = present(await tx.forwardPlan.findById(id), 'after');
        await audit('update', 'forward_plan_entry', id, before, after);
        return after;
      });
    },

    // Public ----------------------------------------------------------------------------------

    /** The public forward plan: entries from today (or a given day) on, exempt detail left out. */
    async publicPlan(options: { from?: IsoDate; to?: IsoDate } = {}) {
      const from = options.from ?? londonToday(clock);
      const entries = await repos().forwardPlan.list({ from, ...(options.to ? { to: options.to } : {}) });
      return { from, entries: entries.map(publicEntry) };
    },

    /** Every entry, for the open-data file and the API: exempt detail left out. */
    async publicEntries() {
      return (await repos().forwardPlan.list()).map(publicEntry);
    },

    async publicEntryBySlug(slug: string) {
      const entry = await findPublic(slug);
      const items = await repos().forwardPlan.publicItems(entry.id);
      const settings = await noticeSettings();
      return {
        entry: publicEntry(entry),
        items,
        due: noticeDue({ firstPublishedOn: entry.first_published_on as IsoDate, intendedDate: entry.intended_date as IsoDate }, settings),
      };
    },

    /** The entries newest first by first publication, for the Atom feed, exempt detail left out. */
    async feedEntries(limit: number) {
      return (await repos().forwardPlan.newestFirst(limit)).map(publicEntry);
    },

    /** A page of entries for the API, exempt detail left out. */
    async apiPage(page: { after?: number; limit: number; updatedSince?: string }) {
      return (await repos().forwardPlan.page(page)).map(publicEntry);
    },

    async publicEntryById(id: number) {
      const entry = await repos().forwardPlan.findById(id);
      if (!entry) throw new NotFoundError('No such forward plan entry');
      return publicEntry(entry);
    },
  };
}

export type ForwardPlanService = ReturnType<typeof createForwardPlanService>;
