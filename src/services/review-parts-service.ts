// The officer workspace's edits to a review's parts: terms of reference, criteria, evidence and the review group's members, each guarded by the review's version and audited.
import { z } from 'zod';
import type { Actor } from '../domain/roles.ts';
import { slugify } from '../domain/slug.ts';
import { EvidenceKind, EvidenceMode, Judgement, MembershipRole } from '../domain/vocabulary.ts';
import type { Selectable } from 'kysely';
import type { ReviewTermTable } from '../db/schema.ts';
import type { Repositories } from '../repositories/index.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import type { UnitOfWork, Work } from './unit-of-work.ts';
import {
  parseInput as parse,
  requireEditor,
  formVersion as version,
  dateInput,
  optionalDate,
  optionalRecordId as optionalId,
  optionalText as optional,
  requiredText as required,
} from './form-input.ts';
import { present } from '../domain/present.ts';
import { createWriteRunner, declareWrite, EDITORS, NO_INPUT, staleUnless } from './command.ts';

type ReviewTerm = Selectable<ReviewTermTable>;

const TermSchema = z.object({
  number: optional(20),
  text: required('Enter the text of the term of reference'),
  parent: optionalId('Choose the term this one is part of'),
  version,
});

const CriterionSchema = z.object({
  number: optional(20),
  title: required('Enter the criterion', 2_000),
  text: optional(),
  version,
});

const EvidenceSchema = z.object({
  kind: z.string({ error: 'Choose the kind of evidence' }).refine((v) => EvidenceKind.is(v), 'Choose the kind of evidence'),
  mode: z.string({ error: 'Choose how the evidence was taken' }).refine((v) => EvidenceMode.is(v), 'Choose how the evidence was taken'),
  organisationId: optionalId('Choose an organisation from the list'),
  organisationName: optional(300),
  occurredOn: optionalDate('the date of the evidence'),
  subject: required('Enter what the evidence was about', 2_000),
  notes: optional(),
  optionId: optionalId('Choose an option from the list'),
  version,
});

const OptionSchema = z.object({
  name: required('Enter the name of the option', 300),
  description: optional(),
  version,
});

const JudgementSchema = z.object({
  criterionId: z
    .string({ error: 'Choose the criterion' })
    .regex(/^\d{1,9}$/, 'Choose the criterion')
    .transform(Number),
  optionId: z
    .string({ error: 'Choose the option' })
    .regex(/^\d{1,9}$/, 'Choose the option')
    .transform(Number),
  judgement: z.string({ error: 'Choose the judgement' }).refine((v) => Judgement.is(v), 'Choose the judgement'),
  rationale: optional(2_000),
  version,
});

const ReviewMeetingSchema = z
  .object({
    startsOn: dateInput('the date of the meeting', { required: true }),
    endsOn: optionalDate('the last day'),
    title: optional(300),
    // One item of business a line, as the schedule prints them.
    business: z
      .string()
      .optional()
      .transform((v) =>
        (v ?? '')
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter((line) => line !== ''),
      )
      .refine((lines) => lines.length > 0, 'Enter the business taken, one item a line')
      .refine((lines) => lines.every((line) => line.length <= 2_000), 'Each item of business must be 2000 characters or fewer'),
    version,
  })
  .refine((v) => v.endsOn === null || v.endsOn >= v.startsOn, { path: ['endsOn'], message: 'The last day must be on or after the first' });

/** The roles a person holds in a review group (MembershipRole): the review's chair, vice-chair or members. */
export const REVIEW_MEMBER_ROLES = ['chair', 'vice_chair', 'member'] as const;

const MemberSchema = z.object({
  personId: z
    .string({ error: 'Choose the person' })
    .regex(/^\d{1,9}$/, 'Choose the person')
    .transform(Number),
  role: z.string({ error: 'Choose their role' }).refine((v) => (REVIEW_MEMBER_ROLES as readonly string[]).includes(v), 'Choose their role'),
  startsOn: optionalDate('the date they joined the review'),
  version,
});

const EndMemberSchema = z.object({
  endsOn: dateInput('the date the membership ended', { required: true }),
  version,
});

const VersionOnly = z.object({ version });
const MoveSchema = z.object({ direction: z.enum(['up', 'down'], { error: 'Choose up or down' }), version });

/** A top-level term with the sub-terms that hang from it (review_terms.parent_position). */
interface TermNode {
  term: ReviewTerm;
  children: ReviewTerm[];
}

/** The terms as a tree in their order; a sub-term whose parent is missing is treated as a term of its own. */
export function termTree(terms: readonly ReviewTerm[]): TermNode[] {
  const sorted = [...terms].sort((a, b) => a.position - b.position || a.id - b.id);
  const tops = sorted.filter((t) => t.parent_position === null || !sorted.some((p) => p.parent_position === null && p.position === t.parent_position));
  return tops.map((term) => ({
    term,
    children: term.parent_position === null ? sorted.filter((c) => c.parent_position === term.position && c.id !== term.id) : [],
  }));
}

/** True when the top-level terms are numbered 1, 2, 3 … in order: then the numbers follow any change of order. */
function numberedInOrder(tree: readonly TermNode[]): boolean {
  return tree.every((node, index) => node.term.number === String(index + 1));
}

/** Positions 1…n in tree order, each sub-term pointing at its parent's new position. */
function placements(tree: readonly TermNode[], renumber: boolean) {
  const rows: { id: number; position: number; parent_position: number | null; number: string | null }[] = [];
  let position = 0;
  tree.forEach((node, index) => {
    const parentPosition = ++position;
    rows.push({ id: node.term.id, position: parentPosition, parent_position: null, number: renumber ? String(index + 1) : node.term.number });
    for (const child of node.children) rows.push({ id: child.id, position: ++position, parent_position: parentPosition, number: child.number });
  });
  return rows;
}

/** A part of a review as its edits find it: the audit events' prefix ('criterion.added'), and what a missing one is called. */
interface PartKind<Row> {
  readonly audit: string;
  readonly missing: string;
  find(repos: Repositories, reviewId: number, id: number): Promise<Row | undefined>;
}

const TERM: PartKind<ReviewTerm> = {
  audit: 'term',
  missing: 'No such term of reference',
  find: (r, reviewId, id) => r.reviewParts.term(reviewId, id),
};

/** An evidence form's answers: the organisation is chosen from the list (and must exist) or its name typed; the option it illustrates is one of this review's. */
async function evidenceInput(input: unknown, repos: Repositories, reviewId: number) {
  const values = parse(EvidenceSchema, input);
  if (values.optionId !== null && !(await repos.reviewParts.option(reviewId, values.optionId))) {
    throw new ValidationError([{ field: 'optionId', message: 'Choose an option from the list' }]);
  }
  if (values.organisationId === null && values.organisationName === null) {
    throw new ValidationError([{ field: 'organisationName', message: 'Choose the organisation or enter its name' }]);
  }
  if (values.organisationId !== null && !(await repos.organisations.findById(values.organisationId))) {
    throw new ValidationError([{ field: 'organisationId', message: 'Choose an organisation from the list' }]);
  }
  return values;
}

/**
 * A part whose add, change and removal are the same sequence, but for the form it reads and the
 * rows it writes: criteria, evidence and the schedule.
 */
interface SimplePart<Row, Values extends { version: number }, Written> extends PartKind<Row> {
  read(input: unknown, repos: Repositories, reviewId: number): Promise<Values>;
  insert(repos: Repositories, reviewId: number, values: Values): Promise<{ id: number }>;
  update(repos: Repositories, reviewId: number, id: number, values: Values): Promise<Written>;
  remove(repos: Repositories, reviewId: number, id: number): Promise<void>;
}

function simplePart<Row, Values extends { version: number }, Written>(part: SimplePart<Row, Values, Written>) {
  return part;
}

const CRITERION = simplePart({
  audit: 'criterion',
  missing: 'No such criterion',
  find: (r, reviewId, id) => r.reviewParts.criterion(reviewId, id),
  read: (input) => Promise.resolve(parse(CriterionSchema, input)),
  insert: (r, reviewId, v) => r.reviewParts.addCriterion(reviewId, { number: v.number, title: v.title, text: v.text }),
  update: (r, _reviewId, id, v) => r.reviewParts.updateCriterion(id, { number: v.number, title: v.title, text: v.text }),
  remove: (r, _reviewId, id) => r.reviewParts.removeCriterion(id),
});

/** A judgement's answers: the criterion and the option are this review's. */
async function judgementInput(input: unknown, repos: Repositories, reviewId: number) {
  const values = parse(JudgementSchema, input);
  const [criterion, option] = await Promise.all([
    repos.reviewParts.criterion(reviewId, values.criterionId),
    repos.reviewParts.option(reviewId, values.optionId),
  ]);
  const errors = [
    ...(criterion ? [] : [{ field: 'criterionId', message: 'Choose the criterion' }]),
    ...(option ? [] : [{ field: 'optionId', message: 'Choose the option' }]),
  ];
  if (errors.length > 0) throw new ValidationError(errors);
  return { ...values, criterionLabel: criterion?.number ? `${criterion.number} ${criterion.title}` : (criterion?.title ?? ''), optionName: option?.name ?? '' };
}

/** One judgement a criterion and option: a second is refused, naming both as the review names them. */
async function refuseSecondJudgement(
  r: Repositories,
  v: { criterionId: number; optionId: number; criterionLabel: string; optionName: string },
  ownId: number | null,
) {
  const existing = await r.reviewParts.judgementFor(v.criterionId, v.optionId);
  if (existing && existing.id !== ownId) {
    throw new ValidationError([
      {
        field: 'optionId',
        message: `A judgement of ${v.optionName} against “${v.criterionLabel.slice(0, 80)}” is already recorded: change that one instead`,
      },
    ]);
  }
}

/** Judgements in the matrix's order (criterion, then option), each with the criterion and option as the review names them. */
function describedJudgements(
  judgements: readonly { id: number; criterion_id: number; option_id: number; judgement: string; rationale: string | null }[],
  criteria: readonly { id: number; number: string | null; title: string }[],
  options: readonly { id: number; name: string }[],
) {
  return criteria.flatMap((c) =>
    options.flatMap((o) =>
      judgements
        .filter((j) => j.criterion_id === c.id && j.option_id === o.id)
        .map((j) => ({
          ...j,
          criterion_label: c.number ? `${c.number} ${c.title}` : c.title,
          option_name: o.name,
          judgement_label: Judgement.label(j.judgement),
        })),
    ),
  );
}

function judgementRow(v: { criterionId: number; optionId: number; judgement: string; rationale: string | null }) {
  return { criterion_id: v.criterionId, option_id: v.optionId, judgement: v.judgement, rationale: v.rationale };
}

const OPTION = simplePart({
  audit: 'option',
  missing: 'No such option',
  find: (r, reviewId, id) => r.reviewParts.option(reviewId, id),
  read: (input) => Promise.resolve(parse(OptionSchema, input)),
  insert: (r, reviewId, v) => r.reviewParts.addOption(reviewId, { name: v.name, description: v.description }),
  update: (r, _reviewId, id, v) => r.reviewParts.updateOption(id, { name: v.name, description: v.description }),
  remove: (r, _reviewId, id) => r.reviewParts.removeOption(id),
});

const JUDGEMENT = simplePart({
  audit: 'judgement',
  missing: 'No such judgement',
  find: (r, reviewId, id) => r.reviewParts.judgement(reviewId, id),
  read: judgementInput,
  insert: async (r, reviewId, v) => {
    await refuseSecondJudgement(r, v, null);
    return r.reviewParts.addJudgement(reviewId, judgementRow(v));
  },
  update: async (r, _reviewId, id, v) => {
    await refuseSecondJudgement(r, v, id);
    return r.reviewParts.updateJudgement(id, judgementRow(v));
  },
  remove: (r, _reviewId, id) => r.reviewParts.removeJudgement(id),
});

const EVIDENCE = simplePart({
  audit: 'evidence',
  missing: 'No such evidence',
  find: (r, reviewId, id) => r.reviewParts.evidenceItem(reviewId, id),
  read: evidenceInput,
  insert: (r, reviewId, v) => r.reviewParts.addEvidence(reviewId, evidenceRow(v)),
  update: (r, _reviewId, id, v) => r.reviewParts.updateEvidence(id, evidenceRow(v)),
  remove: (r, _reviewId, id) => r.reviewParts.removeEvidence(id),
});

// The schedule stays in date order after every change.
const SCHEDULE = simplePart({
  audit: 'meeting',
  missing: 'No such meeting of the review',
  find: (r, reviewId, id) => r.reviewParts.reviewMeeting(reviewId, id),
  read: (input) => Promise.resolve(parse(ReviewMeetingSchema, input)),
  insert: async (r, reviewId, v) => {
    const meeting = await r.reviewParts.addReviewMeeting(reviewId, scheduleRow(v), v.business);
    await r.reviewParts.orderSchedule(reviewId);
    return meeting;
  },
  update: async (r, reviewId, id, v) => {
    await r.reviewParts.updateReviewMeeting(id, scheduleRow(v), v.business);
    await r.reviewParts.orderSchedule(reviewId);
  },
  remove: async (r, reviewId, id) => {
    await r.reviewParts.removeReviewMeeting(id);
    await r.reviewParts.orderSchedule(reviewId);
  },
});

/** Every edit of a review's terms, criteria, evidence, meetings and members: each method reads its own form's schema first. */
const EDIT_REVIEW_PARTS = declareWrite('review.parts', EDITORS, NO_INPUT);

export function createReviewPartsService(deps: { repos: () => Repositories; unitOfWork: UnitOfWork }) {
  const { repos, unitOfWork } = deps;
  const write = createWriteRunner(unitOfWork);

  /**
   * Runs an edit of a review's parts in one transaction: the review's version must still be the one
   * the form was opened on (it is bumped, so any other open form goes stale), then `fn` writes and audits.
   */
  function editReview<T>(
    actor: Actor,
    reviewId: number,
    expectedVersion: number,
    fn: (work: Work, review: NonNullable<Awaited<ReturnType<Repositories['reviews']['findById']>>>) => Promise<T>,
  ) {
    return write(EDIT_REVIEW_PARTS, actor, undefined, async (_values, work) => {
      const review = await work.repos.reviews.findById(reviewId);
      if (!review) throw new NotFoundError('No such review');
      staleUnless(await work.repos.reviewParts.bumpReview(reviewId, expectedVersion), 'this review', expectedVersion);
      // The review's search entry holds the words of its terms and criteria.
      work.touched('review', reviewId);
      return fn(work, review);
    });
  }

  /** Applies a change of order and writes positions 1…n; `renumberAs` is whether the terms were numbered in order before a removal. */
  async function rewriteTerms(work: Work, reviewId: number, change: (tree: TermNode[]) => void, renumberAs?: boolean) {
    const tree = termTree(await work.repos.reviews.terms(reviewId));
    const renumber = renumberAs ?? numberedInOrder(tree);
    change(tree);
    await work.repos.reviewParts.placeTerms(placements(tree, renumber));
  }

  /** One part of the review, for its form. */
  async function readPart<Row>(actor: Actor, kind: PartKind<Row>, reviewId: number, id: number): Promise<Row> {
    requireEditor(actor);
    const part = await kind.find(repos(), reviewId, id);
    if (part === undefined) throw new NotFoundError(kind.missing);
    return part;
  }

  /**
   * The step every add and change of a term, criterion, evidence or schedule entry shares, inside
   * editReview's one transaction: the part as it was (refused as not found when it is not this
   * review's), the change (which gives the id of the part it wrote), the part as it is now, and the
   * audit event with both.
   */
  function savePart<Row>(
    actor: Actor,
    reviewId: number,
    expectedVersion: number,
    kind: PartKind<Row>,
    partId: number | null,
    change: (work: Work, before: Row | null) => Promise<number>,
  ): Promise<Row> {
    return editReview(actor, reviewId, expectedVersion, async (work) => {
      const before = partId === null ? null : await kind.find(work.repos, reviewId, partId);
      if (partId !== null && before === undefined) throw new NotFoundError(kind.missing);
      const id = await change(work, before ?? null);
      const after = present(await kind.find(work.repos, reviewId, id), kind.audit);
      await work.audit(`${kind.audit}.${partId === null ? 'added' : 'updated'}`, 'review', reviewId, before ?? null, after);
      return after;
    });
  }

  /** The same step for a removal: the form's version read, the part found (or not found), removed, and the removal audited. */
  function removePart<Row>(actor: Actor, reviewId: number, input: unknown, kind: PartKind<Row>, partId: number, remove: (work: Work) => Promise<void>) {
    const values = parse(VersionOnly, input);
    return editReview(actor, reviewId, values.version, async (work) => {
      const before = await kind.find(work.repos, reviewId, partId);
      if (before === undefined) throw new NotFoundError(kind.missing);
      await remove(work);
      await work.audit(`${kind.audit}.removed`, 'review', reviewId, before, null);
    });
  }

  /** A simple part's three edits, each the shared step with the part's own form and rows. */
  function simpleEdits<Row, Values extends { version: number }, Written>(part: SimplePart<Row, Values, Written>) {
    return {
      add: async (actor: Actor, reviewId: number, input: unknown) => {
        const values = await part.read(input, repos(), reviewId);
        return savePart(actor, reviewId, values.version, part, null, async (work) => (await part.insert(work.repos, reviewId, values)).id);
      },
      update: async (actor: Actor, reviewId: number, id: number, input: unknown) => {
        const values = await part.read(input, repos(), reviewId);
        return savePart(actor, reviewId, values.version, part, id, async (work) => {
          await part.update(work.repos, reviewId, id, values);
          return id;
        });
      },
      remove: (actor: Actor, reviewId: number, id: number, input: unknown) =>
        removePart(actor, reviewId, input, part, id, (work) => part.remove(work.repos, reviewId, id)),
    };
  }

  const criteria = simpleEdits(CRITERION);
  const evidence = simpleEdits(EVIDENCE);
  const schedule = simpleEdits(SCHEDULE);
  const options = simpleEdits(OPTION);
  const judgements = simpleEdits(JUDGEMENT);

  const uniqueOrganisationSlug = (r: Repositories, name: string) => r.slugs.free('organisations', slugify(name));

  const service = {
    /** Everything the review's workspace page lists besides its recommendations. */
    async reviewParts(actor: Actor, reviewId: number) {
      requireEditor(actor);
      const r = repos();
      const review = await r.reviews.findById(reviewId, { includeWithdrawn: true });
      if (!review) throw new NotFoundError('No such review');
      const [terms, criteria, evidence, members, schedule, options, judgements] = await Promise.all([
        r.reviews.terms(reviewId),
        r.reviews.criteria(reviewId),
        r.reviews.evidence(reviewId),
        review.group_organisation_id === null ? Promise.resolve([]) : r.organisations.members(review.group_organisation_id, { includeWithdrawn: true }),
        r.reviews.schedule(reviewId),
        r.reviews.options(reviewId),
        r.reviews.judgements(reviewId),
      ]);
      return { terms: termTree(terms), criteria, evidence, members, schedule, options, judgements: describedJudgements(judgements, criteria, options) };
    },

    /** What the part forms offer: people to name as members, outside bodies for evidence. */
    async partChoices() {
      const r = repos();
      const [people, externalBodies] = await Promise.all([r.workspace.people(), r.reviewParts.externalBodies()]);
      return { people, externalBodies };
    },

    term: (actor: Actor, reviewId: number, termId: number) => readPart(actor, TERM, reviewId, termId),
    criterion: (actor: Actor, reviewId: number, criterionId: number) => readPart(actor, CRITERION, reviewId, criterionId),
    evidenceItem: (actor: Actor, reviewId: number, evidenceId: number) => readPart(actor, EVIDENCE, reviewId, evidenceId),
    reviewMeeting: (actor: Actor, reviewId: number, meetingId: number) => readPart(actor, SCHEDULE, reviewId, meetingId),

    async membership(actor: Actor, reviewId: number, membershipId: number) {
      requireEditor(actor);
      const r = repos();
      const review = await r.reviews.findById(reviewId);
      const membership = review?.group_organisation_id ? await r.reviewParts.membership(review.group_organisation_id, membershipId) : undefined;
      if (!membership) throw new NotFoundError('No such member of the review');
      const person = await r.people.findById(membership.person_id);
      return { ...membership, person_name: person?.name ?? '' };
    },

    // Terms of reference ----------------------------------------------------------------------

    /** Adds a term at the end, or a sub-term at the end of its parent's (a bullet under a numbered term). */
    async addTerm(actor: Actor, reviewId: number, input: unknown) {
      const values = parse(TermSchema, input);
      return savePart(actor, reviewId, values.version, TERM, null, async (work) => {
        const tree = termTree(await work.repos.reviews.terms(reviewId));
        const parent = values.parent === null ? null : tree.find((n) => n.term.id === values.parent);
        if (values.parent !== null && !parent) throw new ValidationError([{ field: 'parent', message: 'Choose the term this one is part of' }]);
        const number = values.number ?? (parent === null && numberedInOrder(tree) ? String(tree.length + 1) : null);
        const term = await work.repos.reviewParts.addTerm(
          reviewId,
          { number, text: values.text, parent_position: parent ? parent.term.position : null },
          1_000_000,
        );
        await rewriteTerms(work, reviewId, (t) => {
          // The new row sorts last; put a sub-term under its parent instead.
          const added = t.findIndex((n) => n.term.id === term.id);
          if (parent && added >= 0) {
            t.splice(added, 1);
            present(
              t.find((n) => n.term.id === parent.term.id),
              'the parent term',
            ).children.push(term);
          }
        });
        return term.id;
      });
    },

    /** Changes a term's number, text or the term it is part of (moving it to the end of its new place). */
    async updateTerm(actor: Actor, reviewId: number, termId: number, input: unknown) {
      const values = parse(TermSchema, input);
      return savePart(actor, reviewId, values.version, TERM, termId, async (work, before) => {
        const tree = termTree(await work.repos.reviews.terms(reviewId));
        const node = tree.find((n) => n.term.id === termId);
        if (values.parent !== null) {
          if (values.parent === termId || !tree.some((n) => n.term.id === values.parent))
            throw new ValidationError([{ field: 'parent', message: 'Choose the term this one is part of' }]);
          if (node && node.children.length > 0)
            throw new ValidationError([{ field: 'parent', message: 'This term has sub-terms of its own, so it cannot be part of another term' }]);
        }
        const currentParent = node ? null : (tree.find((n) => n.children.some((c) => c.id === termId))?.term.id ?? null);
        await work.repos.reviewParts.updateTerm(termId, { number: values.number, text: values.text });
        if (currentParent !== values.parent) {
          await rewriteTerms(work, reviewId, (t) => {
            const moved = { ...present(before, 'the term'), number: values.number, text: values.text };
            const at = t.findIndex((n) => n.term.id === termId);
            if (at >= 0) t.splice(at, 1);
            for (const n of t) n.children = n.children.filter((c) => c.id !== termId);
            if (values.parent === null) t.push({ term: moved, children: [] });
            else
              present(
                t.find((n) => n.term.id === values.parent),
                'the parent term',
              ).children.push(moved);
          });
        }
        return termId;
      });
    },

    /** Moves a term one place up or down among its siblings; a numbered term takes its sub-terms with it. */
    async moveTerm(actor: Actor, reviewId: number, termId: number, input: unknown) {
      const values = parse(MoveSchema, input);
      return editReview(actor, reviewId, values.version, async (work) => {
        const before = await work.repos.reviews.terms(reviewId);
        if (!before.some((t) => t.id === termId)) throw new NotFoundError('No such term of reference');
        const swap = <T>(list: T[], index: number) => {
          const other = values.direction === 'up' ? index - 1 : index + 1;
          if (index < 0 || other < 0 || other >= list.length) return;
          [list[index], list[other]] = [present(list[other], 'list[other]'), present(list[index], 'list[index]')];
        };
        await rewriteTerms(work, reviewId, (tree) => {
          const top = tree.findIndex((n) => n.term.id === termId);
          if (top >= 0) return swap(tree, top);
          for (const n of tree)
            swap(
              n.children,
              n.children.findIndex((c) => c.id === termId),
            );
        });
        await work.audit('term.moved', 'review', reviewId, { terms: before.map(orderOf) }, { terms: (await work.repos.reviews.terms(reviewId)).map(orderOf) });
      });
    },

    /** Removes a term, and with it any sub-terms that hang from it. */
    async removeTerm(actor: Actor, reviewId: number, termId: number, input: unknown) {
      const values = parse(VersionOnly, input);
      return editReview(actor, reviewId, values.version, async (work) => {
        const tree = termTree(await work.repos.reviews.terms(reviewId));
        const node = tree.find((n) => n.term.id === termId);
        const child = tree.flatMap((n) => n.children).find((c) => c.id === termId);
        if (!node && !child) throw new NotFoundError('No such term of reference');
        const removed = node ? [node.term, ...node.children] : [present(child, 'child')];
        // Terms numbered 1, 2, 3 stay so after one is removed (1, 2 rather than 1, 3).
        const renumber = numberedInOrder(tree);
        await work.repos.reviewParts.removeTerms(removed.map((t) => t.id));
        await rewriteTerms(work, reviewId, () => {}, renumber);
        await work.audit('term.removed', 'review', reviewId, { terms: removed }, null);
      });
    },

    // Criteria, evidence (a visit, tele-conference, workshop, literature, witness or challenge session, with the
    // organisation it came from) and the schedule of the review group's meetings (a meeting, or a span of days
    // such as a round of visits, with the business it took) ------------------------------------------------------

    addCriterion: criteria.add,
    updateCriterion: criteria.update,
    removeCriterion: criteria.remove,
    addEvidence: evidence.add,
    updateEvidence: evidence.update,
    removeEvidence: evidence.remove,
    addReviewMeeting: schedule.add,
    updateReviewMeeting: schedule.update,
    removeReviewMeeting: schedule.remove,

    // Members -------------------------------------------------------------------------------------

    /**
     * Makes a person a member (or chair) of the body that carries out the review. A review with no
     * group yet gets one: a task and finish group under the review's committee, named for the review.
     */
    async addMember(actor: Actor, reviewId: number, input: unknown) {
      const values = parse(MemberSchema, input);
      const person = await repos().people.findById(values.personId);
      if (!person) throw new ValidationError([{ field: 'personId', message: 'Choose the person' }]);
      return editReview(actor, reviewId, values.version, async (work, review) => {
        const tx = work.repos;
        let groupId = review.group_organisation_id;
        if (groupId === null) {
          const name = `${review.short_title ?? review.title} review group`;
          const group = await tx.organisations.create({
            slug: await uniqueOrganisationSlug(tx, name),
            name,
            kind: 'task_group',
            parent_id: review.organisation_id,
            description: `The members who carry out the scrutiny review “${review.title}”.`,
            category: null,
            source_system: null,
            source_id: null,
          });
          await tx.reviewParts.bumpReview(reviewId, values.version + 1, { group_organisation_id: group.id });
          await work.audit('create', 'organisation', group.id, null, group);
          await work.audit('update', 'review', reviewId, { group_organisation_id: null }, { group_organisation_id: group.id });
          groupId = group.id;
        }
        const current = (await tx.organisations.members(groupId)).filter((m) => m.ends_on === null);
        const already = current.find((m) => m.person_id === person.id);
        if (already) {
          throw new ValidationError([
            { field: 'personId', message: `${person.name} is already a member of this review`, existing: { kind: 'membership', id: already.id } },
          ]);
        }
        const sameRole = current.find((m) => m.role === values.role && values.role !== 'member');
        if (sameRole) {
          throw new ValidationError([
            { field: 'role', message: `${sameRole.person_name} is already ${MembershipRole.label(values.role).toLowerCase()}: end their membership first` },
          ]);
        }
        const membership = await tx.reviewParts.addMembership({
          person_id: person.id,
          organisation_id: groupId,
          role: values.role,
          starts_on: values.startsOn,
        });
        await work.audit('member.added', 'review', reviewId, null, { ...membership, person_name: person.name });
        return membership;
      });
    },

    /** Ends a membership of the review group on a date (the record of who served is kept). */
    async endMember(actor: Actor, reviewId: number, membershipId: number, input: unknown) {
      const values = parse(EndMemberSchema, input);
      return editReview(actor, reviewId, values.version, async (work, review) => {
        const before = review.group_organisation_id === null ? undefined : await work.repos.reviewParts.membership(review.group_organisation_id, membershipId);
        if (!before) throw new NotFoundError('No such member of the review');
        if (before.ends_on !== null) throw new ValidationError([{ field: 'endsOn', message: `This membership already ended on ${before.ends_on}` }]);
        if (before.starts_on !== null && values.endsOn < before.starts_on) {
          throw new ValidationError([{ field: 'endsOn', message: `The end date must be on or after the start date, ${before.starts_on}` }]);
        }
        const after = await work.repos.reviewParts.endMembership(membershipId, values.endsOn);
        await work.audit('member.ended', 'review', reviewId, before, after);
        return after;
      });
    },
  };

  return {
    ...service,
    /** Each part's reader and edits by the name its workspace address uses, so that one set of routes serves them all. */
    parts: {
      terms: {
        load: service.term,
        add: (actor: Actor, reviewId: number, input: unknown) => service.addTerm(actor, reviewId, input),
        update: (actor: Actor, reviewId: number, id: number, input: unknown) => service.updateTerm(actor, reviewId, id, input),
        remove: (actor: Actor, reviewId: number, id: number, input: unknown) => service.removeTerm(actor, reviewId, id, input),
      },
      criteria: { load: service.criterion, ...criteria },
      evidence: { load: service.evidenceItem, ...evidence },
      meetings: { load: service.reviewMeeting, ...schedule },
      options: { load: (actor: Actor, reviewId: number, id: number) => readPart(actor, OPTION, reviewId, id), ...options },
      judgements: { load: (actor: Actor, reviewId: number, id: number) => readPart(actor, JUDGEMENT, reviewId, id), ...judgements },
    },
  };
}

function orderOf(t: ReviewTerm) {
  return { id: t.id, position: t.position, number: t.number, parent_position: t.parent_position };
}

function scheduleRow(values: { startsOn: string; endsOn: string | null; title: string | null }) {
  return { starts_on: values.startsOn, ends_on: values.endsOn, title: values.title };
}

function evidenceRow(values: {
  kind: string;
  mode: string;
  organisationId: number | null;
  organisationName: string | null;
  occurredOn: string | null;
  subject: string;
  notes: string | null;
  optionId: number | null;
}) {
  return {
    option_id: values.optionId,
    kind: values.kind,
    mode: values.mode,
    organisation_id: values.organisationId,
    organisation_name: values.organisationName,
    occurred_on: values.occurredOn,
    subject: values.subject,
    notes: values.notes,
  };
}

export type ReviewPartsService = ReturnType<typeof createReviewPartsService>;
