// The forward plan's rules: what makes a decision a key decision, and whether the public had the notice SI 2012/2089 requires or an exception was recorded.
//
// RULES.md rule 7. Reg 9: notice of a key decision at least 28 clear days before it is taken.
// Reg 10 (general exception): where that is impracticable, the decision may be taken once the
// chair of the scrutiny committee has been told in writing, a notice has been published, and 5
// clear days have elapsed. Reg 11 (special urgency): where even that is impracticable, only with
// the agreement of the scrutiny chair (else the council's chair, else its vice-chair) that the
// decision is urgent and cannot reasonably be deferred, with a notice of the reasons published.
import { generalExceptionDeadline, keyDecisionDeadline, type ClearDaysSetting } from './deadlines.ts';
import { formatLongDate, type IsoDate } from './iso-date.ts';
import type { NoticeRoute } from './vocabulary.ts';

/**
 * A council's key-decision test (SI 2012/2089 reg 8 and each constitution): spending or savings
 * significant in relation to the budget (a threshold in pounds), or significant in its effect on
 * communities in two or more wards.
 */
export interface KeyDecisionTest {
  readonly thresholdPounds: number;
  readonly wards: number;
}

export const DEFAULT_KEY_DECISION_TEST: KeyDecisionTest = Object.freeze({ thresholdPounds: 500_000, wards: 2 });

export interface NoticeSettings {
  readonly keyDecision: ClearDaysSetting;
  readonly generalException: ClearDaysSetting;
}

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** The parts of a forward-plan entry the key-decision test reads. */
export interface KeyDecisionAnswer {
  readonly isKeyDecision: boolean;
  readonly reasonSpending: boolean;
  readonly reasonWards: boolean;
  readonly amountPounds: number | null;
  readonly wardsAffected: number | null;
}

const pounds = (n: number) => `£${n.toLocaleString('en-GB')}`;

/** Why an entry marked as a key decision is not one under the council's test, naming the field; empty when it holds. */
export function keyDecisionProblems(answer: KeyDecisionAnswer, test: KeyDecisionTest = DEFAULT_KEY_DECISION_TEST): FieldProblem[] {
  if (!answer.isKeyDecision) return [];
  const problems: FieldProblem[] = [];
  if (!answer.reasonSpending && !answer.reasonWards) {
    problems.push({ field: 'keyReasons', message: 'Say why it is a key decision: spending or savings over the threshold, or an effect on two or more wards' });
  }
  if (answer.reasonSpending) {
    if (answer.amountPounds === null) problems.push({ field: 'amountPounds', message: 'Enter the spending or savings in pounds' });
    else if (answer.amountPounds < test.thresholdPounds) {
      problems.push({
        field: 'amountPounds',
        message: `The spending or savings must be at least the council’s key-decision threshold of ${pounds(test.thresholdPounds)}`,
      });
    }
  }
  if (answer.reasonWards) {
    if (answer.wardsAffected === null) problems.push({ field: 'wardsAffected', message: 'Enter how many wards the decision affects' });
    else if (answer.wardsAffected < test.wards) {
      problems.push({ field: 'wardsAffected', message: `A key decision by its effect on wards must affect at least ${test.wards} wards` });
    }
  }
  return problems;
}

/** The parts of a forward-plan entry the notice rules read. */
export interface NoticeAnswer {
  readonly route: NoticeRoute;
  readonly firstPublishedOn: IsoDate;
  readonly intendedDate: IsoDate;
  /** General exception: the day the scrutiny chair was told in writing (reg 10(2)(a)). */
  readonly chairInformedOn: IsoDate | null;
  /** General exception or special urgency: the day the notice was published (regs 10(2)(b), 11(3)). */
  readonly exceptionNoticeOn: IsoDate | null;
  /** Special urgency: who agreed the decision is urgent (reg 11(2)). */
  readonly urgencyAgreedBy: string | null;
  /** Why the decision cannot wait: the notice's reasons. */
  readonly urgencyReasons: string | null;
}

/** The 28-clear-day notice the entry must have had: the latest day to publish and whether it was met. */
export function noticeDue(answer: Pick<NoticeAnswer, 'firstPublishedOn' | 'intendedDate'>, settings: NoticeSettings) {
  const due = keyDecisionDeadline(answer.intendedDate, settings.keyDecision);
  return { latest: due.latest, latestWorkingDay: due.latestWorkingDay, met: answer.firstPublishedOn <= due.latest };
}

/**
 * Whether a key decision may be taken on the intended date by the route recorded: the problems, each
 * naming its field, or none. An entry with too little notice is asked for the exception route;
 * each exception asks for what its regulation requires.
 */
export function noticeProblems(answer: NoticeAnswer, settings: NoticeSettings): FieldProblem[] {
  if (answer.intendedDate < answer.firstPublishedOn) {
    return [{ field: 'intendedDate', message: 'The intended date of the decision must be on or after the date the entry was first published' }];
  }
  const due = noticeDue(answer, settings);
  const problems: FieldProblem[] = [];
  switch (answer.route) {
    case 'notice':
      if (!due.met) {
        problems.push({
          field: 'noticeRoute',
          message: `The decision is less than ${settings.keyDecision.length} clear days after the entry was first published (it had to be published by ${formatLongDate(due.latest)}): record the general exception or special urgency`,
        });
      }
      break;
    case 'general_exception': {
      if (answer.chairInformedOn === null) problems.push({ field: 'chairInformedOn', message: 'Enter the date the scrutiny chair was told of the decision' });
      if (answer.exceptionNoticeOn === null)
        problems.push({ field: 'exceptionNoticeOn', message: 'Enter the date the general exception notice was published' });
      // Reg 10(2)(c): 5 clear days from the later of the two before the decision is taken.
      const from = [answer.chairInformedOn, answer.exceptionNoticeOn]
        .filter((d): d is IsoDate => d !== null)
        .sort()
        .at(-1);
      if (from !== undefined && problems.length === 0) {
        const earliest = generalExceptionDeadline(from, settings.generalException).earliest;
        if (answer.intendedDate < earliest) {
          problems.push({
            field: 'intendedDate',
            message: `Under the general exception the decision may be taken on or after ${formatLongDate(earliest)}, ${settings.generalException.length} clear days after the chair was told and the notice published`,
          });
        }
      }
      break;
    }
    case 'special_urgency':
      if (answer.urgencyAgreedBy === null)
        problems.push({
          field: 'urgencyAgreedBy',
          message: 'Enter who agreed the decision is urgent (the scrutiny chair, else the chair or vice-chair of the council)',
        });
      if (answer.urgencyReasons === null)
        problems.push({ field: 'urgencyReasons', message: 'Enter why the decision is urgent and cannot reasonably be deferred' });
      if (answer.exceptionNoticeOn === null) problems.push({ field: 'exceptionNoticeOn', message: 'Enter the date the special urgency notice was published' });
      break;
  }
  return problems;
}
