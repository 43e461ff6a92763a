// A council's settings for the statutory clock and monitoring: read from the settings table (key and text value), defaults otherwise.
//
// RULES.md: "Where the law is unsettled the rule is a council setting with the default named here."
// Each setting is one key ('deadline.agenda.unit' = 'working'), so a council changes one choice
// without restating the rest; anything not set takes the default of DEFAULT_DEADLINE_SETTINGS and
// DEFAULT_MONITORING_SETTINGS. Every value is checked when it is set, and again when it is read (a
// value edited straight into the database must not silently change a deadline).

import {
  DEFAULT_DEADLINE_SETTINGS,
  InvalidDeadlineSettingsError,
  resolveDeadlineSettings,
  type DeadlineSettings,
  type DeadlineSettingsInput,
} from '../domain/deadlines.ts';
import { DEFAULT_MONITORING_SETTINGS, parseMonthList, validateMonitoringSettings, type MonitoringSettings } from '../domain/recommendation-lifecycle.ts';
import { DEFAULT_CALL_IN_RULES, callInRuleProblems, type CallInRules } from '../domain/call-in.ts';
import { CallInEligibility } from '../domain/vocabulary.ts';
import type { Repositories } from '../repositories/index.ts';
import { ValidationError } from './errors.ts';
import { NO_INPUT, createWriteRunner, declareWrite } from './command.ts';
import type { UnitOfWork } from './unit-of-work.ts';
import type { SystemActor } from '../domain/roles.ts';
import { DEFAULT_KEY_DECISION_TEST, type KeyDecisionTest } from '../domain/forward-plan.ts';

/** The council's settings are kept from the command line (`scrutineer settings …`), which writes as the system. */
const SET_SETTING = declareWrite('setting.set', ['system'], NO_INPUT);
const RESET_SETTING = declareWrite('setting.reset', ['system'], NO_INPUT);

interface SettingDefinition {
  key: string;
  description: string;
  defaultValue: string;
}

const d = DEFAULT_DEADLINE_SETTINGS;

/** Reminder emails go this many days before a target or deadline (practice, not statute: a council setting). */
export const REMINDER_DAYS_KEY = 'notifications.reminder-days';
export const DEFAULT_REMINDER_DAYS = 14;
/** A reminder more than a quarter ahead is noise, and the tracker's due report looks no further. */
export const MAX_REMINDER_DAYS = 90;

/** The reminder window as a whole number of days from 1 to MAX_REMINDER_DAYS, or a message saying what is wrong. */
function reminderDaysFrom(text: string | undefined): { days: number; problem: string | null } {
  if (text === undefined) return { days: DEFAULT_REMINDER_DAYS, problem: null };
  const days = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(days) || days < 1 || days > MAX_REMINDER_DAYS) {
    return { days: DEFAULT_REMINDER_DAYS, problem: `must be a whole number of days from 1 to ${MAX_REMINDER_DAYS}` };
  }
  return { days, problem: null };
}

/** The council's key-decision test (SI 2012/2089 reg 8 and its constitution): a threshold in pounds and a number of wards. */
export const KEY_DECISION_THRESHOLD_KEY = 'key-decision.threshold';
export const KEY_DECISION_WARDS_KEY = 'key-decision.wards';

/** The key-decision test from the stored values, or a message naming the key that is wrong. */
function keyDecisionTestFrom(values: ReadonlyMap<string, string>): { test: KeyDecisionTest; problem: { field: string; message: string } | null } {
  const threshold = values.get(KEY_DECISION_THRESHOLD_KEY);
  const wards = values.get(KEY_DECISION_WARDS_KEY);
  const test = {
    thresholdPounds: threshold === undefined ? DEFAULT_KEY_DECISION_TEST.thresholdPounds : /^\d{1,10}$/.test(threshold) ? Number(threshold) : Number.NaN,
    wards: wards === undefined ? DEFAULT_KEY_DECISION_TEST.wards : /^\d{1,3}$/.test(wards) ? Number(wards) : Number.NaN,
  };
  if (!Number.isInteger(test.thresholdPounds) || test.thresholdPounds < 1) {
    return { test: DEFAULT_KEY_DECISION_TEST, problem: { field: KEY_DECISION_THRESHOLD_KEY, message: 'must be a whole number of pounds, such as 500000' } };
  }
  if (!Number.isInteger(test.wards) || test.wards < 1) {
    return { test: DEFAULT_KEY_DECISION_TEST, problem: { field: KEY_DECISION_WARDS_KEY, message: 'must be a whole number of wards, such as 2' } };
  }
  return { test, problem: null };
}

/** The call-in procedure rules' keys (RULES.md 5a: "all settings, defaults in brackets"). */
const CALL_IN_KEYS = {
  councillorsRequired: 'call-in.councillors',
  whoMay: 'call-in.who',
  urgentExcluded: 'call-in.urgent-excluded',
  hearingWithinWorkingDays: 'call-in.hearing-working-days',
  reconsiderationWithinWorkingDays: 'call-in.reconsideration-working-days',
} as const satisfies Record<keyof CallInRules, string>;

/** The call-in rules from the stored values, defaults filled in, and the first setting that cannot be used. */
function callInRulesFrom(values: ReadonlyMap<string, string>): { rules: CallInRules; problem: { field: string; message: string } | null } {
  const number = (key: string, fallback: number) => {
    const text = values.get(key);
    if (text === undefined) return fallback;
    return /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
  };
  const urgent = values.get(CALL_IN_KEYS.urgentExcluded);
  const rules: CallInRules = {
    councillorsRequired: number(CALL_IN_KEYS.councillorsRequired, DEFAULT_CALL_IN_RULES.councillorsRequired),
    whoMay: (values.get(CALL_IN_KEYS.whoMay) ?? DEFAULT_CALL_IN_RULES.whoMay) as CallInRules['whoMay'],
    urgentExcluded: urgent === undefined ? DEFAULT_CALL_IN_RULES.urgentExcluded : urgent === 'yes',
    hearingWithinWorkingDays: number(CALL_IN_KEYS.hearingWithinWorkingDays, DEFAULT_CALL_IN_RULES.hearingWithinWorkingDays),
    reconsiderationWithinWorkingDays: number(CALL_IN_KEYS.reconsiderationWithinWorkingDays, DEFAULT_CALL_IN_RULES.reconsiderationWithinWorkingDays),
  };
  if (urgent !== undefined && urgent !== 'yes' && urgent !== 'no')
    return { rules, problem: { field: CALL_IN_KEYS.urgentExcluded, message: 'must be yes or no' } };
  const first = callInRuleProblems(rules)[0];
  return { rules, problem: first ? { field: CALL_IN_KEYS[first.field], message: first.message } : null };
}

/** Every setting a council may change, with what it means and its default. */
export const SETTING_DEFINITIONS: readonly SettingDefinition[] = [
  { key: 'deadline.response.unit', description: 'Executive response period unit: months or weeks', defaultValue: d.response.unit },
  { key: 'deadline.response.length', description: 'Executive response period length (at most 2 months or 8 weeks)', defaultValue: String(d.response.length) },
  { key: 'deadline.agenda.unit', description: 'Agenda clear days: working or calendar', defaultValue: d.agenda.unit },
  { key: 'deadline.agenda.length', description: 'Agenda clear days (at least 5)', defaultValue: String(d.agenda.length) },
  { key: 'deadline.key-decision.unit', description: 'Key decision notice clear days: working or calendar', defaultValue: d['key-decision'].unit },
  { key: 'deadline.key-decision.length', description: 'Key decision notice clear days (at least 28)', defaultValue: String(d['key-decision'].length) },
  { key: 'deadline.general-exception.unit', description: 'General exception clear days: working or calendar', defaultValue: d['general-exception'].unit },
  { key: 'deadline.general-exception.length', description: 'General exception clear days (at least 5)', defaultValue: String(d['general-exception'].length) },
  {
    key: 'deadline.private-meeting.first-notice.unit',
    description: 'Private meeting first notice: working or calendar',
    defaultValue: d['private-meeting'].firstNotice.unit,
  },
  {
    key: 'deadline.private-meeting.first-notice.length',
    description: 'Private meeting first notice clear days (at least 28)',
    defaultValue: String(d['private-meeting'].firstNotice.length),
  },
  {
    key: 'deadline.private-meeting.second-notice.unit',
    description: 'Private meeting further notice: working or calendar',
    defaultValue: d['private-meeting'].secondNotice.unit,
  },
  {
    key: 'deadline.private-meeting.second-notice.length',
    description: 'Private meeting further notice clear days (at least 5)',
    defaultValue: String(d['private-meeting'].secondNotice.length),
  },
  { key: 'deadline.call-in.basis', description: 'Call-in counted from: publication or meeting', defaultValue: d['call-in'].basis },
  { key: 'deadline.call-in.unit', description: 'Call-in period unit: working or calendar', defaultValue: d['call-in'].unit },
  { key: 'deadline.call-in.length', description: 'Call-in period length (0: no call-in)', defaultValue: String(d['call-in'].length) },
  {
    key: CALL_IN_KEYS.councillorsRequired,
    description: 'Councillors needed to call in a decision',
    defaultValue: String(DEFAULT_CALL_IN_RULES.councillorsRequired),
  },
  { key: CALL_IN_KEYS.whoMay, description: `Who may call in: ${CallInEligibility.values.join(' or ')}`, defaultValue: DEFAULT_CALL_IN_RULES.whoMay },
  { key: CALL_IN_KEYS.urgentExcluded, description: 'Urgent decisions excluded from call-in: yes or no', defaultValue: 'yes' },
  {
    key: CALL_IN_KEYS.hearingWithinWorkingDays,
    description: 'Working days after a call-in is accepted within which scrutiny hears it',
    defaultValue: String(DEFAULT_CALL_IN_RULES.hearingWithinWorkingDays),
  },
  {
    key: CALL_IN_KEYS.reconsiderationWithinWorkingDays,
    description: 'Working days within which the decision maker reconsiders a decision referred back',
    defaultValue: String(DEFAULT_CALL_IN_RULES.reconsiderationWithinWorkingDays),
  },
  {
    key: 'monitoring.months',
    description: 'Monitoring reports due, in months after the response (comma-separated)',
    defaultValue: DEFAULT_MONITORING_SETTINGS.months.join(','),
  },
  {
    key: 'monitoring.interval-months',
    description: 'Months between later monitoring reports until sign-off (0: none)',
    defaultValue: String(DEFAULT_MONITORING_SETTINGS.intervalMonths),
  },
  {
    key: REMINDER_DAYS_KEY,
    description: `Days before a target or response deadline that reminders are emailed (1 to ${MAX_REMINDER_DAYS})`,
    defaultValue: String(DEFAULT_REMINDER_DAYS),
  },
  {
    key: KEY_DECISION_THRESHOLD_KEY,
    description: 'Key decision: spending or savings of at least this many pounds',
    defaultValue: String(DEFAULT_KEY_DECISION_TEST.thresholdPounds),
  },
  {
    key: KEY_DECISION_WARDS_KEY,
    description: 'Key decision: a significant effect in at least this many wards',
    defaultValue: String(DEFAULT_KEY_DECISION_TEST.wards),
  },
];

const KEYS = new Set(SETTING_DEFINITIONS.map((s) => s.key));

/** Where each deadline key lands in DeadlineSettingsInput. */
const DEADLINE_PATHS: Record<string, [string, string] | [string, string, string]> = {
  'deadline.response.unit': ['response', 'unit'],
  'deadline.response.length': ['response', 'length'],
  'deadline.agenda.unit': ['agenda', 'unit'],
  'deadline.agenda.length': ['agenda', 'length'],
  'deadline.key-decision.unit': ['key-decision', 'unit'],
  'deadline.key-decision.length': ['key-decision', 'length'],
  'deadline.general-exception.unit': ['general-exception', 'unit'],
  'deadline.general-exception.length': ['general-exception', 'length'],
  'deadline.private-meeting.first-notice.unit': ['private-meeting', 'firstNotice', 'unit'],
  'deadline.private-meeting.first-notice.length': ['private-meeting', 'firstNotice', 'length'],
  'deadline.private-meeting.second-notice.unit': ['private-meeting', 'secondNotice', 'unit'],
  'deadline.private-meeting.second-notice.length': ['private-meeting', 'secondNotice', 'length'],
  'deadline.call-in.basis': ['call-in', 'basis'],
  'deadline.call-in.unit': ['call-in', 'unit'],
  'deadline.call-in.length': ['call-in', 'length'],
};

/** Thrown when a stored setting is invalid: a fault in the data, not in the request. */
export class InvalidStoredSettingError extends Error {
  override name = 'InvalidStoredSettingError';
}

function deadlineInput(values: ReadonlyMap<string, string>): DeadlineSettingsInput {
  const input: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of values) {
    const path = DEADLINE_PATHS[key];
    if (!path) continue;
    // Lengths are whole numbers; anything else stays a string so the check names it.
    const typed = path.at(-1) === 'length' && /^\d{1,4}$/.test(value) ? Number(value) : value;
    const group = (input[path[0]] ??= {});
    if (path.length === 3) {
      const inner = (group[path[1]] ??= {}) as Record<string, unknown>;
      inner[path[2]] = typed;
    } else {
      group[path[1]] = typed;
    }
  }
  return input;
}

function monitoringFrom(values: ReadonlyMap<string, string>): { settings: MonitoringSettings; problem: { field: string; message: string } | null } {
  const monthsText = values.get('monitoring.months');
  const intervalText = values.get('monitoring.interval-months');
  const months = monthsText === undefined ? [...DEFAULT_MONITORING_SETTINGS.months] : parseMonthList(monthsText);
  if (months === null) {
    return {
      settings: DEFAULT_MONITORING_SETTINGS,
      problem: { field: 'monitoring.months', message: 'must be whole numbers of months separated by commas, such as 6,12' },
    };
  }
  const intervalMonths =
    intervalText === undefined ? DEFAULT_MONITORING_SETTINGS.intervalMonths : /^\d{1,3}$/.test(intervalText) ? Number(intervalText) : Number.NaN;
  const settings = { months, intervalMonths };
  const errors = validateMonitoringSettings(settings);
  const first = errors[0];
  if (first) return { settings, problem: { field: first.field === 'months' ? 'monitoring.months' : 'monitoring.interval-months', message: first.message } };
  return { settings, problem: null };
}

export function createSettingsService(repos: () => Repositories, unitOfWork: UnitOfWork) {
  const write = createWriteRunner(unitOfWork);

  async function stored(r: Repositories = repos()): Promise<Map<string, string>> {
    const rows = [
      ...(await r.settings.withPrefix('deadline.')),
      ...(await r.settings.withPrefix('monitoring.')),
      ...(await r.settings.withPrefix('notifications.')),
      ...(await r.settings.withPrefix('key-decision.')),
      ...(await r.settings.withPrefix('call-in.')),
    ];
    return new Map(rows.filter((row) => KEYS.has(row.key)).map((row) => [row.key, row.value]));
  }

  return {
    /** The council's deadline settings, defaults filled in. */
    async deadlineSettings(): Promise<DeadlineSettings> {
      try {
        return resolveDeadlineSettings(deadlineInput(await stored()));
      } catch (error) {
        if (error instanceof InvalidDeadlineSettingsError) throw new InvalidStoredSettingError(`The stored council settings are invalid: ${error.message}`);
        throw error;
      }
    },

    /** The council's default monitoring schedule (RULES.md rule 5), defaults filled in. */
    async monitoringSettings(): Promise<MonitoringSettings> {
      const { settings, problem } = monitoringFrom(await stored());
      if (problem) throw new InvalidStoredSettingError(`The stored council setting ${problem.field} is invalid: ${problem.message}`);
      return settings;
    },

    /** The council's call-in procedure rules (RULES.md 5a), defaults filled in. */
    async callInRules(): Promise<CallInRules> {
      const { rules, problem } = callInRulesFrom(await stored());
      if (problem) throw new InvalidStoredSettingError(`The stored council setting ${problem.field} is invalid: it ${problem.message}`);
      return rules;
    },

    /** How many days ahead reminders of targets and response deadlines are emailed (default 14). */
    async reminderDays(): Promise<number> {
      const { days, problem } = reminderDaysFrom((await stored()).get(REMINDER_DAYS_KEY));
      if (problem) throw new InvalidStoredSettingError(`The stored council setting ${REMINDER_DAYS_KEY} is invalid: it ${problem}`);
      return days;
    },

    /** The council's key-decision test: the threshold in pounds and the number of wards (defaults £500,000 and 2). */
    async keyDecisionTest(): Promise<KeyDecisionTest> {
      const { test, problem } = keyDecisionTestFrom(await stored());
      if (problem) throw new InvalidStoredSettingError(`The stored council setting ${problem.field} is invalid: it ${problem.message}`);
      return test;
    },

    /** Every setting with its value in force and whether the council set it. */
    async list() {
      const values = await stored();
      return SETTING_DEFINITIONS.map((def) => ({
        ...def,
        value: values.get(def.key) ?? def.defaultValue,
        isSet: values.has(def.key),
      }));
    },

    /** Sets one setting after checking the whole set it would make; ValidationError names the key. Audited with the value it replaced. */
    async set(key: string, value: string, actor: SystemActor = 'system'): Promise<void> {
      if (!KEYS.has(key)) throw new ValidationError([{ field: 'key', message: `There is no setting “${key}”` }]);
      await write(SET_SETTING, actor, undefined, async (_values, { repos: tx, audit }) => {
        const values = await stored(tx);
        const before = values.get(key) ?? null;
        values.set(key, value.trim());
        if (key.startsWith('deadline.')) {
          try {
            resolveDeadlineSettings(deadlineInput(values));
          } catch (error) {
            if (error instanceof InvalidDeadlineSettingsError) throw new ValidationError([{ field: key, message: error.message }]);
            throw error;
          }
        } else if (key.startsWith('key-decision.')) {
          const { problem } = keyDecisionTestFrom(values);
          if (problem) throw new ValidationError([{ field: key, message: problem.message }]);
        } else if (key.startsWith('call-in.')) {
          const { problem } = callInRulesFrom(values);
          if (problem) throw new ValidationError([{ field: key, message: problem.message }]);
        } else if (key === REMINDER_DAYS_KEY) {
          const { problem } = reminderDaysFrom(values.get(key));
          if (problem) throw new ValidationError([{ field: key, message: problem }]);
        } else {
          const { problem } = monitoringFrom(values);
          if (problem) throw new ValidationError([{ field: key, message: problem.message }]);
        }
        await tx.settings.set(key, value.trim());
        await audit('set', 'setting', null, { key, value: before }, { key, value: value.trim() });
      });
    },

    /** Returns a setting to its default, audited with the value it had. */
    async reset(key: string, actor: SystemActor = 'system'): Promise<void> {
      if (!KEYS.has(key)) throw new ValidationError([{ field: 'key', message: `There is no setting “${key}”` }]);
      await write(RESET_SETTING, actor, undefined, async (_values, { repos: tx, audit }) => {
        const before = (await stored(tx)).get(key) ?? null;
        await tx.settings.remove(key);
        await audit('reset', 'setting', null, { key, value: before }, { key, value: null });
      });
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
