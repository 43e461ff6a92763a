// Computes a statutory deadline by rule name and date, with the council's settings: what the CLI and the API call.
import {
  computeDeadline,
  DEADLINE_RULES,
  FIRST_DEADLINE_DATE,
  isWithinDeadlineRange,
  LAST_DEADLINE_DATE,
  type DeadlineSettingsInput,
  describeDeadline,
  isDeadlineRule,
  serialiseDeadline,
  type DeadlineResult,
  type DeadlineRule,
  type SerialisedDeadline,
} from '../domain/deadlines.ts';
import { formatLongDate, InvalidDateError, parseIsoDate } from '../domain/iso-date.ts';
import { ValidationError, type FieldError } from './errors.ts';
import type { SettingsService } from './settings-service.ts';

export interface ComputedDeadline {
  result: DeadlineResult;
  /** `{ rule, name, from, …dates, unit, length, citation }` */
  json: SerialisedDeadline;
  /** One sentence an officer can paste. */
  sentence: string;
}

/** Checks a rule name and a date before anything is computed; the field errors name 'rule' and 'date'. */
export function checkDeadlineRequest(rule: string, date: string | undefined): FieldError[] {
  const errors: FieldError[] = [];
  if (!isDeadlineRule(rule)) {
    errors.push({ field: 'rule', message: `Unknown deadline rule “${rule}”: use one of ${DEADLINE_RULES.join(', ')}` });
  }
  if (date === undefined || date === '') {
    errors.push({ field: 'date', message: 'Give the date to count from, as YYYY-MM-DD' });
  } else {
    try {
      if (!isWithinDeadlineRange(parseIsoDate(date))) errors.push({ field: 'date', message: OUT_OF_RANGE });
    } catch (error) {
      if (!(error instanceof InvalidDateError)) throw error;
      errors.push({ field: 'date', message: error.message });
    }
  }
  return errors;
}

const OUT_OF_RANGE = `Deadlines are counted from dates from ${formatLongDate(parseIsoDate(FIRST_DEADLINE_DATE))} to ${formatLongDate(parseIsoDate(LAST_DEADLINE_DATE))}: give a date in that range`;

/**
 * Within the range, a council's longest settings could still count past the calendar's ends (a
 * notice of thousands of days): the calendar's refusal (RangeError, or an InvalidDateError for a
 * year past 9999) is then the date's problem, named as such, rather than a server error.
 */
function computeWithinCalendar(rule: DeadlineRule, date: string, deadlineSettings: DeadlineSettingsInput): DeadlineResult {
  try {
    return computeDeadline(rule, date, deadlineSettings);
  } catch (error) {
    if (error instanceof RangeError || error instanceof InvalidDateError) {
      throw new ValidationError([{ field: 'date', message: OUT_OF_RANGE }], OUT_OF_RANGE, { cause: error });
    }
    throw error;
  }
}

export function createDeadlineService(settings: SettingsService) {
  return {
    rules: DEADLINE_RULES,

    /** Computes one rule from one date; ValidationError (fields 'rule', 'date') for an unknown rule or an impossible date. */
    async compute(rule: string, date: string | undefined): Promise<ComputedDeadline> {
      const errors = checkDeadlineRequest(rule, date);
      if (errors.length > 0) throw new ValidationError(errors, errors.map((e) => e.message).join('; '));
      const result = computeWithinCalendar(rule as DeadlineRule, date ?? '', await settings.deadlineSettings());
      return { result, json: serialiseDeadline(result), sentence: describeDeadline(result) };
    },
  };
}

export type DeadlineService = ReturnType<typeof createDeadlineService>;
