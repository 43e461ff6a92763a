// Builds the papers councils publish from the record: response table, review annex, agenda front sheet, minutes, decision record, notice of key decisions, tracker report.
//
// Each paper is plain blocks (src/domain/paper.ts) that src/export writes as HTML, Word and PDF.
// The public version never holds exempt or confidential text (RULES.md rule 9: "Exempt text never
// appears in anything public: pages, API, feeds, exports, search, documents"); the officer version
// holds everything and is marked "Not for publication" with the Schedule 12A paragraph.
import { callInLine } from '../domain/call-in.ts';
import { londonToday, type Clock } from '../domain/clock.ts';
import { computeDeadline, describeDeadline, resolveDeadlineSettings, type DeadlineSettingsInput } from '../domain/deadlines.ts';
import { groupBy } from '../domain/group-by.ts';
import {
  addDays,
  addMonths,
  addMonthsBeginningWith,
  formatLongDate,
  formatLongDateWithWeekday,
  InvalidDateError,
  parseIsoDate,
  type IsoDate,
} from '../domain/iso-date.ts';
import { optionsAppraisal, type Appraisal } from '../domain/options-appraisal.ts';
import { cell, textCell, textParagraphs, type Paper, type PaperAudience, type PaperBlock, type PaperCell } from '../domain/paper.ts';
import { textLines } from '../domain/text-blocks.ts';
import { municipalYear, slugify, isSlug } from '../domain/slug.ts';
import {
  AttendanceStatus,
  EvidenceKind,
  EvidenceMode,
  EXEMPT_PARAGRAPHS,
  MembershipRole,
  ProgressStatus,
  Rag,
  ResponseDecision,
  PriorityCriterion,
  ScrutinyMethod,
  TopicState,
  DecisionMakerKind,
  NoticeRoute,
  SignOffOutcome,
  RecommendationOrigin,
  CallInOutcome,
  CallInReconsideration,
} from '../domain/vocabulary.ts';
import { recommendationReference } from '../domain/recommendation-origin.ts';
import { municipalYearLabel } from '../domain/work-programme.ts';
import type { Repositories } from '../repositories/index.ts';
import { ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { isWithheld, mayReadWithheldOf, type WithheldReach, type WithholdingFlags } from '../domain/withheld.ts';
import { present } from '../domain/present.ts';

/**
 * 'public' (the default) leaves out withheld text; 'officer' includes it, marked "Not for
 * publication", for a reader whose reach (src/domain/withheld.ts) covers the paper's body.
 */
export type PaperOptions = { readonly audience?: Exclude<PaperAudience, 'officer'> } | { readonly audience: 'officer'; readonly reach: WithheldReach };

export interface ForwardPlanPeriod {
  from?: string;
  to?: string;
}

export interface PaperServiceDeps {
  clock: Clock;
  councilName: string;
  /** The council's deadline settings (call-in window and its basis); the defaults of RULES.md when absent. */
  deadlineSettings?: () => Promise<DeadlineSettingsInput>;
}

/**
 * Whether this paper is the full version: asked for, and the reader may read the withheld business
 * of the body (the one rule of src/domain/withheld.ts). Asking without that right is refused, never
 * quietly answered with the public version, so a reader always knows which one they hold.
 */
function isFullVersion(options: PaperOptions, organisationId: number): boolean {
  if (options.audience !== 'officer') return false;
  if (!mayReadWithheldOf(options.reach, organisationId)) throw new ForbiddenError('You may not see the full version of this body’s papers');
  return true;
}

const long = (d: string) => formatLongDate(parseIsoDate(d));
const longDay = (d: string) => formatLongDateWithWeekday(parseIsoDate(d));

/** Why an item is withheld, citing the rule: "Exempt information under paragraph 3 of Part 1 of Schedule 12A …". */
export function withholdingReason(record: WithholdingFlags): string {
  if (record.exempt_paragraph !== null) {
    const description = EXEMPT_PARAGRAPHS[record.exempt_paragraph];
    return (
      `Exempt information under paragraph ${record.exempt_paragraph} of Part 1 of Schedule 12A to the Local Government Act 1972` +
      (description ? ` (${description.charAt(0).toLowerCase()}${description.slice(1)})` : '')
    );
  }
  if (record.is_confidential === 1) return 'Confidential information (Local Government Act 1972 s.100A(3))';
  return 'Restricted information';
}

function notForPublication(reasons: Set<string>): string | null {
  if (reasons.size === 0) return null;
  return `NOT FOR PUBLICATION: this version contains ${[...reasons].join('; ')}.`;
}

function personName(honorific: string | null, name: string): string {
  return honorific ? `${honorific} ${name}` : name;
}

/** Typed text as lines, one a paragraph or a point with its marker: a line break is kept, never printed as a glyph (src/domain/text-blocks.ts). */
function paragraphs(text: string | null | undefined): string[] {
  return textLines(text);
}

/** Why an entry is a key decision, in the council's words (SI 2012/2089 reg 8). */
function keyDecisionGrounds(e: {
  is_key_decision: number;
  key_reason_spending: number;
  key_reason_wards: number;
  amount_pounds: number | null;
  wards_affected: number | null;
}): string[] {
  if (e.is_key_decision !== 1) return ['Not a key decision: listed for information.'];
  const grounds: string[] = [];
  if (e.key_reason_spending === 1 && e.amount_pounds !== null) grounds.push(`spending or savings of £${e.amount_pounds.toLocaleString('en-GB')}`);
  if (e.key_reason_wards === 1 && e.wards_affected !== null) grounds.push(`a significant effect in ${e.wards_affected} wards`);
  return grounds.length === 0 ? [] : [`Key decision: ${grounds.join(' and ')}.`];
}

/** The options appraisal as the annex prints it: the options with the evidence seen of each, then the matrix of judgements. */
function appraisalBlocks(appraisal: Appraisal | null): PaperBlock[] {
  if (appraisal === null) return [];
  const blocks: PaperBlock[] = [
    { kind: 'heading', level: 2, text: 'Options appraisal' },
    {
      kind: 'table',
      caption: 'The options compared and the visits and sessions that illustrate each',
      headers: ['Option', 'Seen at'],
      widths: [2, 3],
      rows: appraisal.options.map((o) => [
        cell(o.name, { paragraphs: paragraphs(o.description) }),
        cell(o.evidence.length === 0 ? 'No visit or session linked' : o.evidence.map((e) => e.organisation).join('; ')),
      ]),
    },
  ];
  if (appraisal.rows.length === 0) return blocks;
  if (appraisal.judged === 0)
    blocks.push({ kind: 'paragraph', text: 'The review group recorded no judgement of an option against a criterion: each cell reads “Not assessed”.' });
  blocks.push({
    kind: 'table',
    caption: 'How each option meets each criterion',
    headers: ['Criterion', ...appraisal.options.map((o) => o.name)],
    widths: [3, ...appraisal.options.map(() => 2)],
    rows: appraisal.rows.map((row) => [
      cell(row.number ? `${row.number} ${row.title}` : row.title),
      ...row.cells.map((c) => cell(c.label, { paragraphs: paragraphs(c.rationale) })),
    ]),
  });
  return blocks;
}

/** "2017/18": a municipal year as councils name it, from the annual meeting in May to the end of April. */
function yearName(year: number): string {
  return `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
}

/** The decisions that accept a recommendation in some form (ResponseDecision). */
const ACCEPTED_FORMS: ReadonlySet<string> = new Set(['accepted', 'partially_accepted', 'accepted_in_principle']);

type AnnualRecommendation = Awaited<ReturnType<Repositories['papers']['recommendationsMadeBetween']>>[number];
type AnnualSignOff = Awaited<ReturnType<Repositories['papers']['signedOffBetween']>>[number];
type AnnualCallIn = Awaited<ReturnType<Repositories['callIns']['publishedHeardBy']>>[number];
type AnnualTopic = Awaited<ReturnType<Repositories['workProgramme']['forBody']>>[number];

/**
 * What the annual report is built from: the committee's reviews reported in the year, the
 * recommendations it made in the year by every origin, those signed off in it, the call-ins it
 * heard and its work programme for the year. Public records only.
 */
interface AnnualFigures {
  readonly year: string;
  readonly reviews: readonly { id: number; title: string; report_date: string | null }[];
  readonly recommendations: readonly AnnualRecommendation[];
  readonly signedOff: readonly AnnualSignOff[];
  readonly callIns: readonly AnnualCallIn[];
  readonly topics: readonly AnnualTopic[];
  /** Each recommendation's sub-points ("The Practice Partner model will: …"), by its id. */
  readonly points: ReadonlyMap<number, readonly { text: string }[]>;
}

/** A recommendation's text with its sub-points, as the response table prints it. */
function recommendationCell(f: AnnualFigures, rec: { id: number; text: string }): PaperCell {
  return textCell(rec.text, { bullets: (f.points.get(rec.id) ?? []).map((p) => p.text) });
}

/** A recommendation's reference as people know it ("2025/26-014"), else its number. */
function referenceOf(rec: { number: number; municipal_year: number | null; year_sequence: number | null }): string {
  return recommendationReference(rec.municipal_year, rec.year_sequence) ?? String(rec.number);
}

/** Where a recommendation came from: "Scrutiny review: <title>, recommendation 3", or "Committee meeting, 14 January 2026, minute 12, to Cabinet". */
function madeByText(rec: Omit<AnnualSignOff, 'signed_off_on' | 'signed_off_outcome'>): string {
  const title = rec.review_short_title ?? rec.review_title;
  if (title !== null) return `${RecommendationOrigin.label('review')}: ${title}, recommendation ${rec.number}`;
  const day = rec.made_at_date ?? rec.made_on;
  return [
    RecommendationOrigin.label(rec.origin_kind),
    day === null ? null : long(day),
    rec.minute_number === null ? null : `minute ${rec.minute_number}`,
    rec.addressee_name === null ? null : `to ${rec.addressee_name}`,
  ]
    .filter((part) => part !== null)
    .join(', ');
}

/** How the annual report counts recommendations by where they came from. */
const ORIGIN_FIGURE: Readonly<Record<RecommendationOrigin, string>> = {
  review: 'Made by a scrutiny review',
  meeting: 'Made at a committee meeting',
  motion: 'Made by a Council motion',
};

const isAccepted = (rec: { decision: string | null }) => rec.decision !== null && ACCEPTED_FORMS.has(rec.decision);

/** Reviews done: those that reported in the year, each with how many recommendations it made and how many were accepted. */
function reviewsSection(f: AnnualFigures): PaperBlock[] {
  return [
    { kind: 'heading', level: 2, text: 'Reviews completed' },
    f.reviews.length === 0
      ? { kind: 'paragraph', text: `No review reported in ${f.year}.` }
      : {
          kind: 'table',
          caption: `Reviews that reported in ${f.year}`,
          headers: ['Review', 'Reported', 'Recommendations made', 'Accepted'],
          widths: [5, 2, 2, 2],
          rows: f.reviews.map((rv) => {
            const recs = f.recommendations.filter((rec) => rec.review_id === rv.id);
            return [cell(rv.title), cell(rv.report_date ? long(rv.report_date) : ''), cell(String(recs.length)), cell(String(recs.filter(isAccepted).length))];
          }),
        },
  ];
}

/**
 * Recommendations the committee made in the year, of every origin (its reviews' and its meetings'
 * minutes, RULES.md and issue 15 part 4), by the executive's response, then each with its reference.
 */
function recommendationsSection(f: AnnualFigures): PaperBlock[] {
  const recs = f.recommendations;
  const count = (decision: string) => recs.filter((rec) => rec.decision === decision).length;
  return [
    { kind: 'heading', level: 2, text: 'Recommendations and the executive’s response' },
    {
      kind: 'facts',
      rows: [
        ['Recommendations made', String(recs.length)],
        ...RecommendationOrigin.values.map((o): [string, string] => [ORIGIN_FIGURE[o], String(recs.filter((rec) => rec.origin_kind === o).length)]),
        ['Accepted in any form', String(recs.filter(isAccepted).length)],
        ...ResponseDecision.values.map((d): [string, string] => [ResponseDecision.label(d), String(count(d))]),
        ['Awaiting a response', String(recs.filter((rec) => rec.decision === null).length)],
      ],
    },
    ...(recs.length === 0
      ? []
      : [
          {
            kind: 'table' as const,
            caption: `Recommendations made in ${f.year}`,
            headers: ['Reference and origin', 'Recommendation', 'Response'],
            widths: [4, 7, 2],
            rows: recs.map((rec) => [
              cell(referenceOf(rec), { paragraphs: [madeByText(rec)] }),
              recommendationCell(f, rec),
              cell(rec.decision ? ResponseDecision.label(rec.decision) : 'Awaiting response'),
            ]),
          },
        ]),
  ];
}

/** Implemented: recommendations the committee signed off as achieved in the year (whenever and however they were made), and the other sign-offs. */
function implementedSection(f: AnnualFigures): PaperBlock[] {
  const achieved = f.signedOff.filter((rec) => rec.signed_off_outcome === 'achieved');
  return [
    { kind: 'heading', level: 2, text: 'Recommendations implemented' },
    {
      kind: 'paragraph',
      text: `${achieved.length} ${achieved.length === 1 ? 'recommendation was' : 'recommendations were'} signed off as achieved in ${f.year}; ${f.signedOff.length - achieved.length} signed off with another outcome.`,
    },
    ...(f.signedOff.length === 0
      ? []
      : [
          {
            kind: 'table' as const,
            caption: `Recommendations signed off in ${f.year}`,
            headers: ['Reference and origin', 'Recommendation', 'Signed off', 'Outcome'],
            widths: [4, 6, 2, 2],
            rows: f.signedOff.map((rec) => [
              cell(referenceOf(rec), { paragraphs: [madeByText(rec)] }),
              recommendationCell(f, rec),
              cell(rec.signed_off_on ? long(rec.signed_off_on) : ''),
              cell(SignOffOutcome.label(rec.signed_off_outcome)),
            ]),
          },
        ]),
  ];
}

/**
 * Call-ins the committee heard in the year (RULES.md 5a): the decision and the body that took it,
 * when it was called in and heard, the committee's outcome and the decision maker's reconsideration.
 */
function callInsSection(f: AnnualFigures): PaperBlock[] {
  const n = f.callIns.length;
  return [
    { kind: 'heading', level: 2, text: 'Call-ins' },
    {
      kind: 'paragraph',
      text:
        n === 0
          ? `No call-in of an executive decision was heard in ${f.year}.`
          : `${n} ${n === 1 ? 'call-in' : 'call-ins'} of executive decisions heard in ${f.year}.`,
    },
    ...(n === 0
      ? []
      : [
          {
            kind: 'table' as const,
            caption: `Call-ins heard in ${f.year}`,
            headers: ['Decision', 'Called in', 'Heard', 'Outcome', 'Reconsideration'],
            widths: [5, 2, 2, 4, 3],
            rows: f.callIns.map((c) => [
              cell(c.minute_title, { paragraphs: [`${c.body_name}, ${long(c.meeting_date)}, minute ${c.minute_number}`] }),
              cell(long(c.received_on)),
              cell(c.hearing_meeting_date ? long(c.hearing_meeting_date) : ''),
              c.outcome === null ? cell('Not yet decided') : cell(CallInOutcome.label(c.outcome), { paragraphs: paragraphs(c.outcome_text) }),
              c.reconsideration !== null
                ? cell(CallInReconsideration.label(c.reconsideration), {
                    paragraphs: [...(c.reconsidered_on ? [long(c.reconsidered_on)] : []), ...paragraphs(c.reconsideration_reasons)],
                  })
                : cell(c.outcome === 'referred_back' ? 'Awaited' : 'Not needed'),
            ]),
          },
        ]),
  ];
}

/** The committee's work programme for the year (RULES.md 5b), by state: heard, scheduled and not yet heard, dropped with the reason. */
function workProgrammeSection(f: AnnualFigures): PaperBlock[] {
  const groups: [string, readonly string[]][] = [
    ['Heard', ['done']],
    ['Scheduled, not yet heard', ['agreed', 'scheduled']],
    ['Dropped', ['dropped']],
  ];
  const blocks: PaperBlock[] = [
    { kind: 'heading', level: 2, text: 'Work programme' },
    { kind: 'facts', rows: groups.map(([label, states]): [string, string] => [label, String(f.topics.filter((t) => states.includes(t.state)).length)]) },
  ];
  for (const [label, states] of groups) {
    const topics = f.topics.filter((t) => states.includes(t.state));
    if (topics.length === 0) continue;
    blocks.push({
      kind: 'table',
      caption: `Work programme ${f.year}: ${label.toLowerCase()}`,
      headers: ['Topic', 'Method', 'Meeting', label === 'Dropped' ? 'Why dropped' : 'State'],
      widths: [5, 3, 2, 3],
      rows: topics.map((t) => [
        cell(t.title),
        cell(ScrutinyMethod.label(t.method)),
        cell(t.meeting_date === null ? 'Not planned' : long(t.meeting_date)),
        cell(t.state === 'dropped' ? (t.dropped_reason ?? 'No reason recorded') : TopicState.label(t.state)),
      ]),
    });
  }
  if (f.topics.length === 0) blocks.push({ kind: 'paragraph', text: `No work programme was recorded for ${f.year}.` });
  return blocks;
}

/** The annual report's sections in order, each built from the year's figures alone. */
const ANNUAL_SECTIONS: readonly ((f: AnnualFigures) => PaperBlock[])[] = [
  reviewsSection,
  recommendationsSection,
  implementedSection,
  callInsSection,
  workProgrammeSection,
];

function fileName(title: string): string {
  return slugify(title, 80) || 'paper';
}

/** A period's day as 'YYYY-MM-DD', or its default; a day that is no date is refused with the field named. */
function readPeriodDate(field: string, value: string | undefined, fallback: () => IsoDate): IsoDate {
  if (value === undefined || value === '') return fallback();
  try {
    return parseIsoDate(value);
  } catch (error) {
    if (!(error instanceof InvalidDateError)) throw error;
    throw new ValidationError([{ field, message: 'Enter a real date as YYYY-MM-DD' }]);
  }
}

export function createPaperService(repos: () => Repositories, deps: PaperServiceDeps) {
  const council = deps.councilName;

  async function findReview(slug: string) {
    if (!isSlug(slug)) throw new NotFoundError('No such review');
    const review = await repos().reviews.findBySlug(slug);
    if (!review) throw new NotFoundError('No such review');
    return review;
  }

  async function findMeeting(slug: string) {
    if (!isSlug(slug)) throw new NotFoundError('No such meeting');
    const meeting = await repos().meetings.findBySlug(slug);
    if (!meeting) throw new NotFoundError('No such meeting');
    return meeting;
  }

  async function findCommittee(slug: string) {
    if (!isSlug(slug)) throw new NotFoundError('No such committee');
    const organisation = await repos().organisations.findBySlug(slug);
    if (!organisation || organisation.kind === 'external') throw new NotFoundError('No such committee');
    return organisation;
  }

  /** The year an annual report covers: the one asked for, else the last complete municipal year. */
  function annualYear(year: number | undefined): number {
    const startYear = year ?? municipalYear(londonToday(deps.clock)) - 1;
    if (!Number.isInteger(startYear) || startYear < 1900 || startYear > 2999)
      throw new ValidationError([{ field: 'year', message: 'Enter a year such as 2017' }]);
    return startYear;
  }

  /** "1 May 2017 to 30 April 2018": a municipal year's days. */
  function annualPeriod(startYear: number): string {
    return `${long(`${startYear}-05-01`)} to ${long(`${startYear + 1}-04-30`)}`;
  }

  /** A committee's year of scrutiny, public records only, from which each section of the annual report is built. */
  async function annualFigures(organisationId: number, startYear: number): Promise<AnnualFigures> {
    const from = `${startYear}-05-01`;
    const to = `${startYear + 1}-04-30`;
    const r = repos();
    const [reviews, recommendations, signedOff, callIns, topics] = await Promise.all([
      r.papers.reviewsReported(organisationId, from, to),
      r.papers.recommendationsMadeBetween(organisationId, from, to),
      r.papers.signedOffBetween(organisationId, from, to),
      r.callIns.publishedHeardBy(organisationId, from, to),
      r.workProgramme.forBody(organisationId, startYear, { publicOnly: true }),
    ]);
    const points = await r.recommendations.points([...new Set([...recommendations, ...signedOff].map((rec) => rec.id))]);
    return { year: yearName(startYear), reviews, recommendations, signedOff, callIns, topics, points: groupBy(points, (p) => p.recommendation_id) };
  }

  async function settings(): Promise<DeadlineSettingsInput> {
    return deps.deadlineSettings ? deps.deadlineSettings() : {};
  }

  return {
    /** The executive's response to a review, as the reference case's Appendix A: one row per recommendation. */
    async response(slug: string): Promise<Paper> {
      const review = await findReview(slug);
      const r = repos();
      const recommendations = await r.recommendations.forReview(review.id);
      const points = await r.recommendations.points(recommendations.map((x) => x.id));
      const meetings = await r.meetings.findByIds([review.report_meeting_id, review.response_meeting_id].filter((id): id is number => id !== null));
      const reportMeeting = meetings.find((m) => m.id === review.report_meeting_id);
      const responseMeeting = meetings.find((m) => m.id === review.response_meeting_id);
      const title = review.response_title ?? `Cabinet’s Response to Scrutiny Review of ${review.title}`;
      const facts: [string, string][] = [
        ['Review', review.title],
        ['Reviewed by', review.group_name ?? review.organisation_name],
      ];
      if (reportMeeting) facts.push(['Report received', `${reportMeeting.organisation_name}, ${long(reportMeeting.meeting_date)}`]);
      if (responseMeeting) facts.push(['Response agreed', `${responseMeeting.organisation_name}, ${long(responseMeeting.meeting_date)}`]);
      const rows: PaperCell[][] = recommendations.map((rec) => {
        const recPoints = points.filter((p) => p.recommendation_id === rec.id).map((p) => p.text);
        const officer = rec.officer_name ?? rec.responsible_name ?? null;
        const extra: string[] = [];
        if (rec.proposed_action) extra.push(`Action: ${rec.proposed_action}`);
        if (rec.reason && !(rec.response_text ?? '').includes(rec.reason)) extra.push(`Reason: ${rec.reason}`);
        // Appendix A writes "N.F.A required" where no officer is named because no further action is needed.
        const officerCell = officer ?? (rec.outcome === 'no_further_action' ? 'N.F.A required' : '');
        const actionBy = rec.action_by_date ? long(rec.action_by_date) : (rec.action_by_text ?? '');
        return [
          textCell(rec.text, { prefix: `${rec.number}.`, bullets: recPoints }),
          cell(rec.decision ? ResponseDecision.label(rec.decision) : 'Awaiting response'),
          textCell(rec.response_text, { paragraphs: extra }),
          cell(officerCell),
          cell(actionBy),
        ];
      });
      const blocks: PaperBlock[] = [
        { kind: 'facts', rows: facts },
        rows.length === 0
          ? { kind: 'paragraph', text: 'This review has no recommendations recorded yet.' }
          : {
              kind: 'table',
              caption: 'Appendix A: the response to each recommendation',
              headers: ['Recommendation', 'Agreed / not agreed / deferred', 'Response and proposed action', 'Officer responsible', 'Action by (date)'],
              rows,
              widths: [30, 12, 32, 13, 13],
            },
      ];
      return { kind: 'response', title, council, marking: null, blocks, fileName: fileName(title) };
    },

    /** The review report's annex: terms of reference, members, criteria, schedule of meetings, evidence and the options appraisal. */
    async annex(slug: string): Promise<Paper> {
      const review = await findReview(slug);
      const r = repos();
      const [terms, criteria, schedule, evidence, members, options, judgements] = await Promise.all([
        r.reviews.terms(review.id),
        r.reviews.criteria(review.id),
        r.reviews.schedule(review.id),
        r.reviews.evidence(review.id),
        review.group_organisation_id ? r.organisations.members(review.group_organisation_id) : Promise.resolve([]),
        r.reviews.options(review.id),
        r.reviews.judgements(review.id),
      ]);
      const title = `Scrutiny Review of ${review.title}: terms of reference, members, criteria, schedule of meetings and evidence`;
      const blocks: PaperBlock[] = [{ kind: 'heading', level: 2, text: 'Terms of reference' }];
      let pending: string[] = [];
      const flush = () => {
        if (pending.length > 0) blocks.push({ kind: 'list', items: pending });
        pending = [];
      };
      for (const term of terms) {
        if (term.parent_position !== null) {
          pending.push(term.text);
          continue;
        }
        flush();
        const [first, ...rest] = textParagraphs(term.text);
        if (first?.kind === 'paragraph') blocks.push({ kind: 'paragraph', text: term.number ? `${term.number} ${first.text}` : first.text }, ...rest);
        else blocks.push(...(term.number ? [{ kind: 'paragraph', text: term.number } as const] : []), ...(first ? [first] : []), ...rest);
      }
      flush();
      if (terms.length === 0) blocks.push({ kind: 'paragraph', text: 'No terms of reference are recorded.' });

      blocks.push({ kind: 'heading', level: 2, text: 'Members of the review group' });
      if (review.group_name) blocks.push({ kind: 'paragraph', text: review.group_name });
      blocks.push(
        members.length === 0
          ? { kind: 'paragraph', text: 'No members are recorded.' }
          : { kind: 'list', items: members.map((m) => `${personName(m.honorific, m.person_name)} (${MembershipRole.label(m.role)})`) },
      );

      blocks.push({ kind: 'heading', level: 2, text: review.criteria_heading ?? 'Criteria' });
      for (const c of criteria) {
        blocks.push({ kind: 'heading', level: 3, text: c.number ? `${c.number} ${c.title}` : c.title });
        blocks.push(...textParagraphs(c.text));
      }
      if (criteria.length === 0) blocks.push({ kind: 'paragraph', text: 'No criteria are recorded.' });

      blocks.push({ kind: 'heading', level: 2, text: 'Schedule of meetings' });
      blocks.push(
        schedule.length === 0
          ? { kind: 'paragraph', text: 'No meetings are recorded.' }
          : {
              kind: 'table',
              caption: 'Meetings of the review group and the business of each',
              headers: ['Date', 'Business'],
              widths: [1, 3],
              rows: schedule.map((s) => [
                cell(s.ends_on ? `${long(s.starts_on)} to ${long(s.ends_on)}` : longDay(s.starts_on)),
                s.business.length === 1 ? cell(present(s.business[0], 's.business[0]')) : cell(s.title ?? '', { bullets: s.business }),
              ]),
            },
      );

      blocks.push({ kind: 'heading', level: 2, text: 'Evidence' });
      blocks.push(
        evidence.length === 0
          ? { kind: 'paragraph', text: 'No evidence is recorded.' }
          : {
              kind: 'table',
              caption: 'Visits, tele-conferences, workshops and other evidence taken by the review group',
              headers: ['Date', 'Organisation', 'How', 'Subject'],
              widths: [2, 3, 2, 4],
              rows: evidence.map((e) => [
                cell(e.occurred_on ? long(e.occurred_on) : 'Undated'),
                cell(e.organisation_name ?? e.linked_organisation_name ?? ''),
                cell(`${EvidenceKind.label(e.kind)} (${EvidenceMode.label(e.mode).toLowerCase()})`),
                cell(e.subject ?? '', { paragraphs: paragraphs(e.notes) }),
              ]),
            },
      );
      blocks.push(...appraisalBlocks(optionsAppraisal(criteria, options, judgements, evidence)));
      return { kind: 'annex', title, council, marking: null, blocks, fileName: fileName(`annex-${review.slug}`) };
    },

    /** The agenda front sheet: body, date, time, place, members, numbered items with their documents. */
    async agenda(slug: string, options: PaperOptions = {}): Promise<Paper> {
      const meeting = await findMeeting(slug);
      const full = isFullVersion(options, meeting.organisation_id);
      const r = repos();
      const [items, documents, members] = await Promise.all([
        r.meetings.publicAgendaItems(meeting.id),
        r.documents.forMeeting(meeting.id),
        r.organisations.members(meeting.organisation_id),
      ]);
      const people = await r.meetings.agendaItemPeople(items.map((i) => i.id));
      const reasons = new Set<string>();
      const title = `Agenda: ${meeting.organisation_name}, ${longDay(meeting.meeting_date)}`;
      const agendaDue = computeDeadline('agenda', meeting.meeting_date, await settings());
      const blocks: PaperBlock[] = [
        {
          kind: 'facts',
          rows: [
            ['Meeting of', meeting.organisation_name],
            ['Date', longDay(meeting.meeting_date)],
            ['Time', meeting.start_time ?? 'To be confirmed'],
            ['Place', meeting.location ?? 'To be confirmed'],
            ['Agenda published', meeting.agenda_published_on ? longDay(meeting.agenda_published_on) : 'Not yet published'],
            ['Agenda due by', describeDeadline(agendaDue)],
          ],
        },
        { kind: 'heading', level: 2, text: 'Members' },
        members.length === 0
          ? { kind: 'paragraph', text: 'No members are recorded for this body.' }
          : {
              kind: 'list',
              items: members.map((m) => `${personName(m.honorific, m.person_name)}${m.role === 'member' ? '' : ` (${MembershipRole.label(m.role)})`}`),
            },
        { kind: 'heading', level: 2, text: 'Items of business' },
      ];
      const rows: PaperCell[][] = items.map((item) => {
        const withheld = isWithheld(item);
        const reason = withheld ? withholdingReason(item) : null;
        if (reason && full) reasons.add(reason);
        const business: string[] = [];
        if (!withheld || full) {
          business.push(...paragraphs(item.description));
          if (item.report_of) business.push(`Report of the ${item.report_of}`);
          for (const p of people.filter((x) => x.agenda_item_id === item.id)) business.push(p.note ? `${p.name}: ${p.note}` : p.name);
        }
        if (reason) business.push(`Not for publication: ${reason}.`);
        if (item.is_urgent === 1) business.push(`Urgent item${item.urgency_reason ? `: ${item.urgency_reason}` : ''}.`);
        const itemDocuments = !withheld || full ? documents.filter((d) => d.agenda_item_id === item.id && (full || !isWithheld(d))) : [];
        for (const d of itemDocuments) if (isWithheld(d)) reasons.add(withholdingReason(d));
        return [
          cell(item.number ?? String(item.position)),
          cell(item.title, { paragraphs: business }),
          itemDocuments.length === 0
            ? cell(withheld && !full ? 'Not for publication' : 'None')
            : cell(
                present(itemDocuments[0], 'itemDocuments[0]').title +
                  (isWithheld(present(itemDocuments[0], 'itemDocuments[0]')) ? ' (not for publication)' : ''),
                {
                  paragraphs: itemDocuments.slice(1).map((d) => d.title + (isWithheld(d) ? ' (not for publication)' : '')),
                },
              ),
        ];
      });
      blocks.push(
        rows.length === 0
          ? { kind: 'paragraph', text: 'No items of business have been published yet.' }
          : {
              kind: 'table',
              caption: `Agenda for ${meeting.organisation_name} on ${longDay(meeting.meeting_date)}`,
              headers: ['Item', 'Business', 'Reports and documents'],
              rows,
              widths: [1, 6, 4],
            },
      );
      if (items.some(isWithheld)) {
        blocks.push({
          kind: 'paragraph',
          text: 'Items marked “Not for publication” are likely to be considered with the press and public excluded, under section 100A(4) of the Local Government Act 1972, because they involve the likely disclosure of exempt information as described in the paragraph of Part 1 of Schedule 12A named against each.',
        });
      }
      return { kind: 'agenda', title, council, marking: full ? notForPublication(reasons) : null, blocks, fileName: fileName(`agenda-${meeting.slug}`) };
    },

    /** The minutes: attendance, apologies, declarations, and each minute with its resolution. */
    async minutes(slug: string, options: PaperOptions = {}): Promise<Paper> {
      const meeting = await findMeeting(slug);
      const full = isFullVersion(options, meeting.organisation_id);
      const r = repos();
      const [items, minutes, attendance, declarations] = await Promise.all([
        r.meetings.publicAgendaItems(meeting.id),
        r.minutes.forMeeting(meeting.id),
        r.meetings.attendance(meeting.id),
        r.meetings.declarations(meeting.id),
      ]);
      const [resolutions, references] = await Promise.all([
        r.minutes.resolutionsFor(minutes.map((m) => m.id)),
        r.minutes.references(minutes.map((m) => m.further_to_minute_id).filter((id): id is number => id !== null)),
      ]);
      const limbs = await r.minutes.limbsFor(resolutions.map((x) => x.id));
      const reasons = new Set<string>();
      const withheldItems = new Map(items.filter(isWithheld).map((i) => [i.id, withholdingReason(i)]));
      const title = `Minutes of the meeting of ${meeting.organisation_name} held on ${longDay(meeting.meeting_date)}`;
      const blocks: PaperBlock[] = [];
      if (meeting.start_time || meeting.location) {
        blocks.push({
          kind: 'facts',
          rows: [
            ['Time', meeting.start_time ?? 'Not recorded'],
            ['Place', meeting.location ?? 'Not recorded'],
          ],
        });
      }
      const byStatus = (status: string) => attendance.filter((a) => a.status === status).map((a) => (a.role ? `${a.name} (${a.role})` : a.name));
      for (const status of ['present', 'in_attendance', 'apologies', 'absent'] as const) {
        const names = byStatus(status);
        if (status === 'present' || names.length > 0) {
          blocks.push({ kind: 'heading', level: 2, text: status === 'apologies' ? 'Apologies for absence' : AttendanceStatus.label(status) });
          blocks.push(names.length === 0 ? { kind: 'paragraph', text: 'Attendance is not recorded.' } : { kind: 'list', items: names });
        }
      }
      blocks.push({ kind: 'heading', level: 2, text: 'Declarations of interest' });
      const shownDeclarations = declarations.filter((d) => full || !withheldItems.has(d.agenda_item_id ?? -1));
      for (const d of shownDeclarations) {
        const reason = withheldItems.get(d.agenda_item_id ?? -1);
        if (reason) reasons.add(reason);
      }
      blocks.push(
        shownDeclarations.length === 0
          ? { kind: 'paragraph', text: 'There were no declarations of interest.' }
          : {
              kind: 'table',
              caption: 'Interests declared at the meeting',
              headers: ['Member', 'Item', 'Interest', 'Dispensation'],
              widths: [2, 3, 4, 2],
              rows: shownDeclarations.map((d) => {
                const item = items.find((i) => i.id === d.agenda_item_id);
                return [
                  cell(d.name),
                  cell(item ? `${item.number ?? item.position}. ${item.title}` : 'The meeting'),
                  cell(`${d.interest} (${d.kind})`),
                  cell(d.dispensation ?? 'None'),
                ];
              }),
            },
      );
      for (const minute of minutes) {
        const reason = minute.agenda_item_id !== null ? withheldItems.get(minute.agenda_item_id) : undefined;
        const hidden = reason !== undefined && !full;
        if (reason && full) reasons.add(reason);
        // A withheld item's minute may name what is exempt; the agenda's public title stands in for it.
        const heading = hidden ? (items.find((i) => i.id === minute.agenda_item_id)?.title ?? 'Exempt item') : minute.title;
        blocks.push({ kind: 'heading', level: 2, text: minute.number !== null ? `${minute.number}. ${heading}` : heading });
        const ref = references.find((x) => x.id === minute.further_to_minute_id);
        if (ref) {
          blocks.push({
            kind: 'paragraph',
            text: `Further to Minute No. ${ref.number ?? ''} of the meeting of ${ref.organisation_name} held on ${long(ref.meeting_date)}.`.replace(
              'No.  ',
              'No. ',
            ),
          });
        }
        if (hidden) {
          blocks.push({ kind: 'paragraph', text: `Not for publication: ${reason}. The press and public were excluded for this item.` });
          continue;
        }
        if (reason) blocks.push({ kind: 'marking', text: `Not for publication: ${reason}.` });
        blocks.push(...textParagraphs(minute.body));
        for (const res of resolutions.filter((x) => x.minute_id === minute.id)) {
          const resLimbs = limbs.filter((l) => l.resolution_id === res.id);
          if (resLimbs.length > 0) {
            blocks.push({ kind: 'paragraph', text: 'Resolved:', strong: true });
            // Each limb keeps its number; a limb's own sub-points follow it as lines, never as a stray line break.
            blocks.push({
              kind: 'list',
              marked: true,
              items: resLimbs.flatMap((l) => {
                const [first = '', ...rest] = textLines(l.text);
                return [`(${l.number}) ${first}`, ...rest];
              }),
            });
          }
          const motion: string[] = [];
          if (res.mover_name) motion.push(`Mover: ${res.mover_name}`);
          if (res.seconder_name) motion.push(`Seconder: ${res.seconder_name}`);
          if (motion.length > 0) blocks.push({ kind: 'paragraph', text: `${motion.join('. ')}.` });
          if (res.votes_for !== null || res.votes_against !== null || res.votes_abstained !== null) {
            blocks.push({
              kind: 'facts',
              rows: [
                ['For', String(res.votes_for ?? 0)],
                ['Against', String(res.votes_against ?? 0)],
                ['Abstentions', String(res.votes_abstained ?? 0)],
              ],
            });
          }
        }
      }
      if (minutes.length === 0) blocks.push({ kind: 'paragraph', text: 'No minutes have been recorded for this meeting yet.' });
      return { kind: 'minutes', title, council, marking: full ? notForPublication(reasons) : null, blocks, fileName: fileName(`minutes-${meeting.slug}`) };
    },

    /** The record of an executive decision (SI 2012/2089 reg 12), with its call-in window. */
    async decision(meetingSlug: string, resolutionId: number, options: PaperOptions = {}): Promise<Paper> {
      const meeting = await findMeeting(meetingSlug);
      const full = isFullVersion(options, meeting.organisation_id);
      if (!Number.isSafeInteger(resolutionId) || resolutionId < 1) throw new NotFoundError('No such decision');
      const r = repos();
      const d = await r.papers.decision(resolutionId);
      if (!d || d.meeting_id !== meeting.id || d.is_executive_decision !== 1) throw new NotFoundError('No such decision');
      const limbs = await r.minutes.limbsFor([d.id]);
      const withheld = d.agenda_item_id !== null && isWithheld(d);
      const reason = withheld ? withholdingReason(d) : null;
      const hidden = withheld && !full;
      // A withheld item's minute may name what is exempt; the agenda's public title stands in for it.
      const title = `Record of executive decision: ${hidden ? d.item_title : d.minute_title}`;
      const s = await settings();
      // Rule 4: the window runs from publication of the decision by default, or from the meeting where the constitution says so.
      const basisDate = resolveDeadlineSettings(s)['call-in'].basis === 'publication' ? (d.published_on ?? meeting.meeting_date) : meeting.meeting_date;
      const window = computeDeadline('call-in', basisDate, s);
      const facts: [string, string][] = [
        ['Decision maker', d.organisation_name],
        ['Date of decision', longDay(d.meeting_date)],
        ['Minute', d.minute_number !== null ? `Minute ${d.minute_number}` : 'Not numbered'],
        ['Key decision', d.is_key_decision === 1 ? 'Yes' : 'No'],
        ['Record published', d.published_on ? longDay(d.published_on) : `Not recorded: the call-in period is counted from the date of the meeting`],
      ];
      if (d.report_of && !hidden) facts.push(['Report of', d.report_of]);
      if (d.is_urgent === 1) {
        facts.push(['Call-in', 'Urgent decision: not subject to call-in, and may be implemented at once']);
      } else {
        facts.push(['Call-in period ends', window.windowEnds ? longDay(window.windowEnds) : 'No call-in period applies']);
        facts.push(['May be implemented from', longDay(window.implementableFrom)]);
        facts.push(['How this was worked out', describeDeadline(window)]);
      }
      // RULES.md 5a, Effect: an accepted call-in suspends implementation; the record says so, and the outcome once known.
      // A call-in of withheld business is never public: the full version alone names it.
      if (!withheld || full) for (const c of await r.callIns.forResolutions([d.id])) facts.push(['Called in', callInLine(c)]);
      const blocks: PaperBlock[] = [{ kind: 'facts', rows: facts }];
      const section = (heading: string, text: string | null, none: string) => {
        blocks.push({ kind: 'heading', level: 2, text: heading });
        if (hidden) {
          blocks.push({ kind: 'paragraph', text: `Not for publication: ${reason}.` });
          return;
        }
        const ps = textParagraphs(text);
        if (ps.length === 0) blocks.push({ kind: 'paragraph', text: none });
        blocks.push(...ps);
      };
      blocks.push({ kind: 'heading', level: 2, text: 'Decision' });
      if (hidden) blocks.push({ kind: 'paragraph', text: `Not for publication: ${reason}.` });
      else if (limbs.length > 0) blocks.push({ kind: 'list', items: limbs.map((l) => `(${l.number}) ${l.text}`) });
      else blocks.push({ kind: 'paragraph', text: 'The decision is recorded in the minute.' });
      section('Reasons for the decision', d.reasons, 'Set out in the report to the meeting.');
      section('Alternative options considered and rejected', d.alternatives, 'None recorded.');
      // Reg 12(c) and (d): conflicts of interest and dispensations are published in full.
      blocks.push({ kind: 'heading', level: 2, text: 'Conflicts of interest declared' });
      blocks.push({ kind: 'paragraph', text: d.conflicts ?? 'None declared.' });
      blocks.push({ kind: 'heading', level: 2, text: 'Dispensation granted' });
      blocks.push({ kind: 'paragraph', text: d.dispensation ?? 'None.' });
      const marking = full && reason ? notForPublication(new Set([reason])) : null;
      return { kind: 'decision', title, council, marking, blocks, fileName: fileName(`decision-${meeting.slug}-${d.id}`) };
    },

    /** The notice of key decisions (forward plan) of a decision-making body for a period (SI 2012/2089 reg 9). */
    async forwardPlan(committeeSlug: string, period: ForwardPlanPeriod = {}, options: PaperOptions = {}): Promise<Paper> {
      const organisation = await findCommittee(committeeSlug);
      const full = isFullVersion(options, organisation.id);
      const errors: { field: string; message: string }[] = [];
      const parse = (field: string, value: string | undefined, fallback: () => string) => {
        if (value === undefined || value === '') return fallback();
        try {
          return parseIsoDate(value);
        } catch (error) {
          if (!(error instanceof InvalidDateError)) throw error;
          errors.push({ field, message: 'Enter a real date as YYYY-MM-DD' });
          return '';
        }
      };
      const from = parse('from', period.from, () => londonToday(deps.clock));
      // The default period is four months beginning with its start, as councils usually publish the notice.
      const to = parse('to', period.to, () => (from === '' ? '' : addMonthsBeginningWith(parseIsoDate(from), 4)));
      if (errors.length === 0 && to < from) errors.push({ field: 'to', message: 'The end of the period must be on or after its start' });
      if (errors.length > 0) throw new ValidationError(errors);
      const entries = await repos().forwardPlan.list({ organisationId: organisation.id, from, to });
      const s = await settings();
      const reasons = new Set<string>();
      const rows: PaperCell[][] = entries.map((e) => {
        const withheld = isWithheld(e);
        const reason = withheld ? withholdingReason(e) : null;
        const matter: string[] = [];
        if (!withheld || full) matter.push(...paragraphs(e.description));
        matter.push(...keyDecisionGrounds(e));
        if (reason) {
          if (full) reasons.add(reason);
          // Reg 9(1)(e) and reg 5: notice that the decision will be taken in private, and why.
          matter.push(`The decision will be taken in private: ${reason}.`);
        }
        const maker = [
          DecisionMakerKind.label(e.decision_maker_kind),
          e.decision_maker_person ? personName(e.decision_maker_honorific, e.decision_maker_person) : e.decision_maker_name,
        ]
          .filter((x): x is string => x !== null && x !== '')
          .join(': ');
        const notice = computeDeadline('key-decision', parseIsoDate(e.intended_date), s);
        const when = [`First published ${long(e.first_published_on)}`];
        if (e.notice_route === 'notice') when.push(`Notice due by ${longDay(notice.latestWorkingDay)}`);
        else when.push(`${NoticeRoute.label(e.notice_route)}: ${e.notice_route === 'general_exception' ? 'SI 2012/2089 reg 10' : 'SI 2012/2089 reg 11'}`);
        const docs = !withheld || full ? paragraphs(e.documents) : [];
        return [
          cell(e.title, { paragraphs: matter }),
          cell(maker, { paragraphs: [e.organisation_name] }),
          cell(longDay(e.intended_date), { paragraphs: when }),
          docs.length > 0
            ? cell(docs[0] ?? '', { paragraphs: docs.slice(1) })
            : cell(withheld && !full ? 'Exempt report to the decision maker' : 'Report to the decision maker'),
          cell(
            `Copies of the documents from Democratic Services, ${council}, when published with the agenda. Representations to Democratic Services before the decision is taken.`,
            { paragraphs: paragraphs(e.scrutiny_engagement).map((t) => `Scrutiny: ${t}`) },
          ),
        ];
      });
      const title = `Notice of key decisions: ${organisation.name}, ${long(from)} to ${long(to)}`;
      const blocks: PaperBlock[] = [
        {
          kind: 'paragraph',
          text: 'This notice is given under regulation 9 of the Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England) Regulations 2012: each key decision below is published at least 28 clear days before it is taken.',
        },
        rows.length === 0
          ? { kind: 'paragraph', text: 'No key decisions are due to be taken in this period.' }
          : {
              kind: 'table',
              caption: `Key decisions to be taken between ${long(from)} and ${long(to)}`,
              headers: [
                'Matter for decision',
                'Decision maker',
                'Date of decision',
                'Documents to be considered',
                'How to get the documents, representations and scrutiny',
              ],
              rows,
              widths: [4, 3, 2, 3, 3],
            },
      ];
      return {
        kind: 'forward-plan',
        title,
        council,
        marking: full ? notForPublication(reasons) : null,
        blocks,
        fileName: fileName(`forward-plan-${organisation.slug}-${from}-${to}`),
      };
    },

    /**
     * The report of key decisions taken under special urgency (SI 2012/2089 reg 19: the leader reports
     * them to Council; many constitutions say quarterly), with those taken under the general exception
     * (reg 10) beside them. The default period is the three months ending today.
     */
    async urgencyReport(period: ForwardPlanPeriod = {}): Promise<Paper> {
      const to = readPeriodDate('to', period.to, () => parseIsoDate(londonToday(deps.clock)));
      const from = readPeriodDate('from', period.from, () => addDays(addMonths(to, -3), 1));
      if (to < from) throw new ValidationError([{ field: 'to', message: 'The end of the period must be on or after its start' }]);
      const r = repos();
      const [urgent, exceptions] = await Promise.all([
        r.forwardPlan.list({ from, to, noticeRoute: 'special_urgency' }),
        r.forwardPlan.list({ from, to, noticeRoute: 'general_exception' }),
      ]);
      const matter = (e: (typeof urgent)[number]) => cell(e.title, { paragraphs: isWithheld(e) ? [`Taken in private: ${withholdingReason(e)}.`] : [] });
      const title = `Key decisions taken under special urgency: ${long(from)} to ${long(to)}`;
      const blocks: PaperBlock[] = [
        {
          kind: 'paragraph',
          text: 'This report is made under regulation 19 of the Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England) Regulations 2012: each key decision taken under special urgency (regulation 11), with the agreement that it could not reasonably be deferred.',
        },
        urgent.length === 0
          ? { kind: 'paragraph', text: 'No key decisions were taken under special urgency in this period.' }
          : {
              kind: 'table',
              caption: `Decisions taken under special urgency between ${long(from)} and ${long(to)}`,
              headers: ['Matter for decision', 'Decision maker', 'Date of decision', 'Urgency agreed by', 'Reasons for urgency'],
              widths: [4, 3, 2, 3, 4],
              rows: urgent.map((e) => [
                matter(e),
                cell(DecisionMakerKind.label(e.decision_maker_kind), { paragraphs: [e.organisation_name] }),
                cell(longDay(e.intended_date), { paragraphs: e.exception_notice_on ? [`Notice published ${long(e.exception_notice_on)}`] : [] }),
                cell(e.urgency_agreed_by ?? 'Not recorded'),
                textCell(e.urgency_reasons ?? 'Not recorded'),
              ]),
            },
        { kind: 'heading', level: 2, text: 'Decisions taken under the general exception' },
        exceptions.length === 0
          ? { kind: 'paragraph', text: 'No key decisions were taken under the general exception in this period.' }
          : {
              kind: 'table',
              caption: `Decisions taken under the general exception between ${long(from)} and ${long(to)}`,
              headers: ['Matter for decision', 'Decision maker', 'Date of decision', 'Scrutiny chair told', 'Notice published'],
              widths: [4, 3, 2, 2, 2],
              rows: exceptions.map((e) => [
                matter(e),
                cell(DecisionMakerKind.label(e.decision_maker_kind), { paragraphs: [e.organisation_name] }),
                cell(longDay(e.intended_date)),
                cell(e.chair_informed_on ? long(e.chair_informed_on) : 'Not recorded'),
                cell(e.exception_notice_on ? long(e.exception_notice_on) : 'Not recorded'),
              ]),
            },
      ];
      return { kind: 'urgency-report', title, council, marking: null, blocks, fileName: fileName(`urgency-report-${from}-${to}`) };
    },

    /** The tracker report for a committee: each open recommendation with response, officer, target, latest update and RAG. */
    /**
     * The annual scrutiny report of a committee for a municipal year (May to April, RULES.md): the
     * reviews it completed, the recommendations it made (by its reviews and at its meetings) and
     * those accepted, those implemented, the call-ins it heard and its work programme. `year` is the
     * year the municipal year starts in; by default the one before the current municipal year.
     */
    async annualReport(committeeSlug: string, year?: number): Promise<Paper> {
      const organisation = await findCommittee(committeeSlug);
      const startYear = annualYear(year);
      const figures = await annualFigures(organisation.id, startYear);
      const title = `Annual scrutiny report ${figures.year}: ${organisation.name}`;
      const blocks: PaperBlock[] = [
        {
          kind: 'paragraph',
          text: `The work of ${organisation.name} in the municipal year ${figures.year} (${annualPeriod(startYear)}): the reviews it completed, the recommendations it made (by its reviews and at its meetings) and the executive accepted, the recommendations signed off as implemented, the call-ins it heard and its work programme.`,
        },
        ...ANNUAL_SECTIONS.flatMap((section) => section(figures)),
      ];
      return { kind: 'annual-report', title, council, marking: null, blocks, fileName: fileName(`annual-report-${organisation.slug}-${startYear}`) };
    },

    /**
     * The council's annual scrutiny report: every scrutiny committee's year, committee by committee,
     * each with the sections of its own report (its task groups' reviews count under it).
     */
    async councilAnnualReport(year?: number): Promise<Paper> {
      const startYear = annualYear(year);
      const committees = (await repos().workProgramme.scrutinyBodies()).filter((b) => b.kind === 'scrutiny_committee');
      const title = `Annual scrutiny report ${yearName(startYear)}: ${council}`;
      const blocks: PaperBlock[] = [
        {
          kind: 'paragraph',
          text: `The work of the council’s scrutiny committees in the municipal year ${yearName(startYear)} (${annualPeriod(startYear)}), committee by committee: the reviews each completed, the recommendations each made and the executive accepted, those signed off as implemented, the call-ins each heard and each committee’s work programme.`,
        },
      ];
      for (const committee of committees) {
        const figures = await annualFigures(committee.id, startYear);
        blocks.push({ kind: 'heading', level: 2, text: committee.name });
        // Each committee's sections one level down, under its name.
        for (const block of ANNUAL_SECTIONS.flatMap((section) => section(figures))) blocks.push(block.kind === 'heading' ? { ...block, level: 3 } : block);
      }
      if (committees.length === 0) blocks.push({ kind: 'paragraph', text: 'The council has no scrutiny committee on the record.' });
      return { kind: 'council-annual-report', title, council, marking: null, blocks, fileName: fileName(`annual-report-${startYear}`) };
    },

    async trackerReport(committeeSlug: string): Promise<Paper> {
      const organisation = await findCommittee(committeeSlug);
      const r = repos();
      const open = await r.papers.openRecommendations(organisation.id);
      const progress = groupBy(await r.tracker.progressFor(open.map((x) => x.id)), (p) => p.recommendation_id);
      const today = londonToday(deps.clock);
      const title = `Tracker report: ${organisation.name}, ${long(today)}`;
      const blocks: PaperBlock[] = [
        {
          kind: 'paragraph',
          text: `Each recommendation of this committee’s reviews and meetings that it has not yet signed off, with the executive’s response and the latest progress update, as at ${long(today)}.`,
        },
      ];
      // A review's recommendations under its title; those its meetings made under one heading, each by its reference.
      for (const recs of groupBy(open, (x) => x.review_id).values()) {
        const first = present(recs[0], 'recs[0]');
        const reviewTitle = first.review_title;
        blocks.push({ kind: 'heading', level: 2, text: reviewTitle ?? 'Recommendations of the committee’s meetings' });
        blocks.push({
          kind: 'table',
          caption:
            reviewTitle === null
              ? `Open recommendations of ${organisation.name}’s meetings`
              : `Open recommendations of the review of ${first.review_short_title ?? reviewTitle}`,
          headers: ['Recommendation', 'Response', 'Officer', 'Target', 'Latest update', 'RAG'],
          widths: [5, 5, 2, 2, 5, 1.2],
          rows: recs.map((rec) => {
            const updates = progress.get(rec.id) ?? [];
            const latest = updates.at(-1);
            const slipped = [...updates].reverse().find((p) => p.new_target_date !== null);
            const target = slipped?.new_target_date ?? rec.action_by_date;
            return [
              rec.review_id === null
                ? textCell(rec.text, { prefix: `${referenceOf(rec)}:`, paragraphs: [madeByText(rec)] })
                : textCell(rec.text, { prefix: `${rec.number}.` }),
              rec.decision ? cell(ResponseDecision.label(rec.decision), { paragraphs: paragraphs(rec.response_text) }) : cell('Awaiting response'),
              cell(rec.officer_name ?? rec.responsible_name ?? 'Not named'),
              cell(target ? long(target) : (rec.action_by_text ?? 'Not set')),
              latest
                ? cell(`${long(latest.update_date)}: ${ProgressStatus.label(latest.status)}`, { paragraphs: paragraphs(latest.narrative) })
                : cell('No update yet'),
              cell(latest?.rag ? Rag.label(latest.rag) : 'Not rated'),
            ];
          }),
        });
      }
      if (open.length === 0) blocks.push({ kind: 'paragraph', text: 'There are no open recommendations.' });
      return { kind: 'tracker-report', title, council, marking: null, blocks, fileName: fileName(`tracker-report-${organisation.slug}-${today}`) };
    },

    /**
     * The committee's work programme for a municipal year, for its agenda (RULES.md 5b: kept under
     * review at each meeting): topics planned, heard, suggested and dropped, with why and how. Only
     * what is public: accepted for consideration and not withheld business; never a suggester's email.
     */
    async workProgramme(committeeSlug: string, year?: number): Promise<Paper> {
      const organisation = await findCommittee(committeeSlug);
      const chosen = year ?? municipalYear(londonToday(deps.clock));
      const topics = await repos().workProgramme.forBody(organisation.id, chosen, { publicOnly: true });
      const title = `Work programme ${municipalYearLabel(chosen)}: ${organisation.name}`;
      const blocks: PaperBlock[] = [
        {
          kind: 'paragraph',
          text: `The topics ${organisation.name} has agreed to scrutinise in the municipal year ${municipalYearLabel(chosen)}, with why each was chosen, how it will be scrutinised, who leads it and the meeting it is planned for, as at ${long(londonToday(deps.clock))}.`,
        },
      ];
      const groups: [string, string[]][] = [
        ['Planned', ['agreed', 'scheduled']],
        ['Heard', ['done']],
        ['Suggested, not yet agreed', ['suggested']],
        ['Dropped', ['dropped']],
      ];
      for (const [heading, states] of groups) {
        const rows = topics.filter((t) => states.includes(t.state));
        if (rows.length === 0) continue;
        blocks.push({ kind: 'heading', level: 2, text: heading });
        blocks.push({
          kind: 'table',
          caption: `${heading}: ${organisation.name} work programme ${municipalYearLabel(chosen)}`,
          headers: ['Topic', 'Why', 'Method', 'Lead', 'Meeting', 'State'],
          widths: [5, 3, 2, 3, 2, 2],
          rows: rows.map((t) => [
            textCell(t.title, t.description === null ? {} : { paragraphs: paragraphs(t.description) }),
            cell(
              PriorityCriterion.values
                .filter((c) => t[c] === 1)
                .map((c) => PriorityCriterion.label(c))
                .join(', ') || 'Not stated',
            ),
            cell(ScrutinyMethod.label(t.method)),
            cell([t.lead_member_name, t.lead_officer_name].filter((n) => n !== null).join('; ') || 'Not named'),
            cell(t.meeting_date === null ? 'Not planned yet' : long(t.meeting_date)),
            cell(TopicState.label(t.state), t.dropped_reason === null ? {} : { paragraphs: [t.dropped_reason] }),
          ]),
        });
      }
      if (topics.length === 0) blocks.push({ kind: 'paragraph', text: 'There are no topics in this work programme yet.' });
      return { kind: 'work-programme', title, council, marking: null, blocks, fileName: fileName(`work-programme-${organisation.slug}-${chosen}`) };
    },
  };
}

export type PaperService = ReturnType<typeof createPaperService>;
