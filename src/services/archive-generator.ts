// Writes a deterministic synthetic council archive (bodies, people, meetings, agendas, minutes, reviews, recommendations) for benchmarks and load tests.
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { addDays, isWeekend, parseIsoDate } from '../domain/iso-date.ts';
import { municipalYear, slugify } from '../domain/slug.ts';
import { fixedClock } from '../domain/clock.ts';
import { createRepositories, type Repositories } from '../repositories/index.ts';
import type { TableName } from '../repositories/bulk-repository.ts';
import { ConflictError, ValidationError } from './errors.ts';
import { IMPORT_ACTORS, recordImportSummary } from './import-audit.ts';
import { refreshTrackerEntries } from './tracker-entries-service.ts';
import { present } from '../domain/present.ts';
import { NO_FILE } from '../repositories/document-repository.ts';

/** The municipal year the archive ends with: fixed, so the same seed gives the same archive on any day. */
export const ARCHIVE_LAST_YEAR = 2024;
export const ARCHIVE_MARKER = 'archive.generated';

/** Per municipal year, at the sizes the 20-year archive is specified at (25,000 meetings over 20 years, ...). */
export const PER_YEAR = {
  meetings: 1250,
  agendaItemsPerMeeting: 16,
  minutesPerMeeting: 4,
  documentsPerMeeting: 4,
  reviews: 250,
  recommendationsPerReview: 6,
  issues: 100,
} as const;

export interface GenerateOptions {
  years: number;
  seed: number;
  /** Called after every batch: rows written so far, and the estimate of the total. */
  onProgress?: (progress: GenerateProgress) => void;
}

export interface GenerateProgress {
  rowsDone: number;
  rowsTotal: number;
  yearsDone: number;
  years: number;
}

export interface GenerateResult {
  counts: Record<string, number>;
}

/** Rows per year written on average (for the progress estimate): measured from the generator itself. */
const ROWS_PER_YEAR_ESTIMATE = 60_000;

// ---------------------------------------------------------------------------------------------
// A seeded pseudo-random generator (sfc32, seeded through splitmix32): the same seed always gives
// the same stream, on every platform. Math.random is never used.

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i += 1) this.float();
  }

  /** A number in [0, 1). */
  float(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  /** A whole number from min to max inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return present(items[Math.floor(this.float() * items.length)], 'an item');
  }

  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.float() * (i + 1));
      [copy[i], copy[j]] = [present(copy[j], 'copy[j]'), present(copy[i], 'copy[i]')];
    }
    return copy.slice(0, Math.min(count, copy.length));
  }
}

// ---------------------------------------------------------------------------------------------
// Words of a council's business, from which titles and text are made.

const TOPICS = [
  'adult social care',
  'children’s services',
  'school place planning',
  'special educational needs',
  'highways maintenance',
  'winter gritting',
  'waste collection',
  'recycling rates',
  'housing allocations',
  'homelessness prevention',
  'council housing repairs',
  'private rented sector licensing',
  'town centre regeneration',
  'local plan',
  'air quality',
  'flood risk management',
  'public health',
  'leisure centres',
  'libraries',
  'parks and green spaces',
  'community safety',
  'anti-social behaviour',
  'domestic abuse',
  'early help',
  'looked after children',
  'youth services',
  'bus services',
  'cycling and walking',
  'climate emergency',
  'council tax support',
  'business rates',
  'medium term financial strategy',
  'capital programme',
  'treasury management',
  'procurement',
  'workforce strategy',
  'digital services',
  'customer contact',
  'cemeteries and crematoria',
  'street lighting',
  'planning enforcement',
  'licensing policy',
  'taxi licensing',
  'markets',
  'culture and tourism',
  'skills and employment',
  'apprenticeships',
  'mental health',
  'dementia care',
  'hospital discharge',
  'carers',
  'safeguarding adults',
  'safeguarding children',
  'fostering and adoption',
  'education attainment',
  'school transport',
  'energy efficiency',
  'social value',
  'equalities',
  'member development',
] as const;

const REPORT_TITLES = [
  (t: string) => `${cap(t)}: annual report`,
  (t: string) => `${cap(t)} performance update`,
  (t: string) => `Review of ${t}`,
  (t: string) => `${cap(t)} strategy`,
  (t: string) => `${cap(t)}: budget monitoring`,
  (t: string) => `Proposed changes to ${t}`,
  (t: string) => `${cap(t)} consultation outcome`,
  (t: string) => `${cap(t)} action plan`,
  (t: string) => `${cap(t)}: options appraisal`,
  (t: string) => `Update on ${t}`,
] as const;

const STANDARD_ITEMS = [
  'Apologies for absence',
  'Declarations of interest',
  'Minutes of the previous meeting',
  'Questions from members of the public and the press',
] as const;

const SENTENCES = [
  (t: string) => `This report sets out the position on ${t} at the end of the quarter and the actions proposed for the coming year.`,
  (t: string) => `Members are asked to note the progress made on ${t} since the last report to this body.`,
  (t: string) => `Demand for ${t} has risen by an estimated ${'{n}'} per cent over the period, placing pressure on the approved budget.`,
  (t: string) => `The service has consulted residents, partners and ward members on ${t}, and their views are summarised in the appendix.`,
  (t: string) => `Officers recommend that the proposals for ${t} are approved, subject to the risks set out in section ${'{n}'}.`,
  (t: string) => `An equality impact assessment has been completed for ${t} and no disproportionate impact was identified.`,
  (t: string) => `The financial implications of ${t} are contained within existing resources for this financial year.`,
  (t: string) => `Performance against the indicators for ${t} is shown in the table, with ${'{n}'} of the measures rated green.`,
  (t: string) => `The legal implications of ${t} have been considered and the council has the powers to act as proposed.`,
  (t: string) => `Further work on ${t} will be reported to a future meeting, together with the outcome of the procurement exercise.`,
  (t: string) => `Partners in health, the police and the voluntary sector have contributed to the plan for ${t}.`,
  (t: string) => `The scrutiny panel’s earlier recommendations on ${t} have been taken into account in preparing these proposals.`,
] as const;

const FIRST_NAMES = [
  'Alan',
  'Amy',
  'Bernard',
  'Carol',
  'David',
  'Denise',
  'Emma',
  'Frank',
  'Gillian',
  'Graham',
  'Helen',
  'Ian',
  'Janet',
  'John',
  'Karen',
  'Keith',
  'Linda',
  'Mark',
  'Margaret',
  'Neil',
  'Nasreen',
  'Oliver',
  'Pat',
  'Peter',
  'Rachel',
  'Richard',
  'Sajid',
  'Sarah',
  'Simon',
  'Susan',
  'Taiba',
  'Tom',
  'Victoria',
  'William',
  'Zaheer',
  'Brian',
  'Jean',
  'Mohammed',
];
const LAST_NAMES = [
  'Atkin',
  'Beck',
  'Bird',
  'Clark',
  'Cusworth',
  'Elliot',
  'Evans',
  'Fenwick',
  'Hague',
  'Hoddinott',
  'Jarvis',
  'Jones',
  'Keenan',
  'Khan',
  'Lelliott',
  'Mallinder',
  'Marriott',
  'Napper',
  'Pitchley',
  'Read',
  'Roche',
  'Sansome',
  'Sheppard',
  'Steele',
  'Taylor',
  'Turner',
  'Vjestica',
  'Walsh',
  'Watson',
  'Williams',
  'Wilson',
  'Wyatt',
  'Yasseen',
  'Allen',
];
const PARTIES = ['Labour', 'Conservative', 'Liberal Democrat', 'Independent', 'Green'];
const WARDS = [
  'Anston and Woodsetts',
  'Boston Castle',
  'Brinsworth',
  'Dinnington',
  'Hellaby',
  'Keppel',
  'Maltby',
  'Rawmarsh',
  'Rother Vale',
  'Sitwell',
  'Swinton',
  'Valley',
  'Wath',
  'Wickersley',
  'Wingfield',
  'Hoober',
  'Kilnhurst',
  'Aughton',
];
const JOB_TITLES = [
  'Strategic Director',
  'Assistant Director',
  'Head of Service',
  'Service Manager',
  'Democratic Services Officer',
  'Scrutiny Officer',
  'Finance Manager',
  'Legal Adviser',
  'Policy Officer',
  'Programme Manager',
];
const ROOMS = [
  'Town Hall, Council Chamber',
  'Town Hall, Committee Room 1',
  'Town Hall, Committee Room 2',
  'Riverside House, Room 3',
  'Civic Centre, Main Hall',
];

const COMMITTEES: readonly [string, string, number][] = [
  // name, kind, relative number of meetings a year
  ['Council Meeting', 'full_council', 8],
  ['Cabinet', 'executive', 24],
  ['Planning Board', 'committee', 26],
  ['Licensing Board', 'committee', 12],
  ['Licensing Sub-Committee', 'committee', 60],
  ['Audit Committee', 'committee', 8],
  ['Standards and Ethics Committee', 'committee', 6],
  ['Staffing Committee', 'committee', 10],
  ['Health and Wellbeing Board', 'committee', 8],
  ['Corporate Parenting Panel', 'committee', 10],
  ['Appeals Panel', 'committee', 40],
  ['Pensions Committee', 'committee', 6],
  ['Regulatory Committee', 'committee', 12],
  ['Employment Panel', 'committee', 20],
  ['Health and Safety Committee', 'committee', 6],
  ['North Area Assembly', 'committee', 12],
  ['South Area Assembly', 'committee', 12],
  ['Central Area Assembly', 'committee', 12],
  ['Overview and Scrutiny Management Board', 'scrutiny_committee', 24],
  ['Improving Lives Select Commission', 'scrutiny_committee', 18],
  ['Improving Places Select Commission', 'scrutiny_committee', 18],
  ['Health Select Commission', 'scrutiny_committee', 18],
  ['Finance Scrutiny Committee', 'scrutiny_committee', 12],
];
const SCRUTINY = COMMITTEES.filter(([, kind]) => kind === 'scrutiny_committee').map(([name]) => name);
const TASK_GROUP_COUNT = 28;
const EXTERNAL_BODIES = [
  'Sheffield City Council',
  'Barnsley Metropolitan Borough Council',
  'Doncaster Council',
  'NHS Integrated Care Board',
  'South Yorkshire Police',
  'South Yorkshire Fire and Rescue',
  'Local Government Association',
  'Centre for Governance and Scrutiny',
];

const EXEMPT_RATE = 0.025;
const PEOPLE = { councillors: 190, officers: 95, others: 15 };

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function instant(date: string, hour = 9): string {
  return `${date}T${String(hour).padStart(2, '0')}:00:00.000Z`;
}

function stamps(date: string) {
  return { created_at: instant(date), updated_at: instant(date) };
}

type Row<T extends TableName> = Insertable<Database[T]>;

/** Rows of one batch, by table, written in the order the tables are listed (parents first). */
class Batch {
  readonly rows = new Map<TableName, unknown[]>();

  add<T extends TableName>(table: T, row: Row<T>): void {
    const list = this.rows.get(table) ?? [];
    list.push(row);
    this.rows.set(table, list);
  }
}

const TABLE_ORDER: readonly TableName[] = [
  'organisations',
  'people',
  'memberships',
  'issues',
  'meetings',
  'agenda_items',
  'documents',
  'minutes',
  'resolutions',
  'resolution_limbs',
  'issue_considerations',
  'scrutiny_reviews',
  'review_terms',
  'review_criteria',
  'review_meetings',
  'review_meeting_business',
  'evidence',
  'recommendations',
  'recommendation_points',
  'executive_responses',
  'progress_updates',
];

interface Body {
  id: number;
  slug: string;
  name: string;
  kind: string;
  weight: number;
}

interface Person {
  id: number;
  name: string;
  kind: string;
  /** Municipal years served (councillors). */
  from: number;
  to: number;
}

export function createArchiveGenerator(deps: { db: Kysely<Database> }) {
  return {
    /**
     * Writes the archive into an empty database: one transaction per municipal year (and one for the
     * bodies and people), each made of multi-row inserts, so an interrupted run leaves whole years.
     */
    async generate(options: GenerateOptions): Promise<GenerateResult> {
      if (!Number.isInteger(options.years) || options.years < 1 || options.years > 60) {
        throw new ValidationError([{ field: 'years', message: 'Years must be a whole number from 1 to 60' }]);
      }
      if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 0xffffffff) {
        throw new ValidationError([{ field: 'seed', message: 'Seed must be a whole number from 0 to 4294967295' }]);
      }
      const clock = fixedClock(instant(`${ARCHIVE_LAST_YEAR + 1}-04-30`));
      const repos = createRepositories({ db: deps.db, clock });
      if ((await repos.organisations.count()) > 0) {
        throw new ConflictError('The database already holds a council: generate an archive only into an empty database.');
      }

      const random = new Random(options.seed);
      const firstYear = ARCHIVE_LAST_YEAR - options.years + 1;
      const counts: Record<string, number> = {};
      const total = options.years * ROWS_PER_YEAR_ESTIMATE;
      let done = 0;
      const ids = new Map<TableName, number>();
      for (const table of TABLE_ORDER) ids.set(table, await repos.bulk.maxId(table));
      const nextId = (table: TableName) => {
        const id = (ids.get(table) ?? 0) + 1;
        ids.set(table, id);
        return id;
      };

      const write = async (batch: Batch, yearsDone: number) => {
        await deps.db.transaction().execute(async (trx) => {
          const tx = createRepositories({ db: trx, clock });
          for (const table of TABLE_ORDER) {
            const rows = batch.rows.get(table) ?? [];
            for (let start = 0; start < rows.length; start += 2000) {
              const chunk = rows.slice(start, start + 2000);
              await tx.bulk.insert(table, chunk as Row<typeof table>[]);
              done += chunk.length;
              counts[table] = (counts[table] ?? 0) + chunk.length;
              options.onProgress?.({ rowsDone: done, rowsTotal: Math.max(total, done), yearsDone, years: options.years });
            }
          }
          // Written outside the write pipeline: the tracker's entries follow in the same transaction,
          // so an interrupted run leaves whole years with their entries.
          await refreshTrackerEntries(tx, 'everything');
        });
      };

      // Bodies and people first.
      const foundation = new Batch();
      const start = `${firstYear}-05-01`;
      const addBody = (name: string, kind: string, weight: number, parentId: number | null): Body => {
        const body = { id: nextId('organisations'), slug: slugify(name), name, kind, weight };
        foundation.add('organisations', {
          id: body.id,
          slug: body.slug,
          name,
          kind,
          parent_id: parentId,
          description: `The ${name} of the council.`,
          category: null,
          source_system: null,
          source_id: null,
          ...stamps(start),
        });
        return body;
      };
      const council = addBody('Northmoor Metropolitan Borough Council', 'council', 0, null);
      const bodies = COMMITTEES.map(([name, kind, weight]) => addBody(name, kind, weight, council.id));
      const scrutinyBodies = bodies.filter((b) => SCRUTINY.includes(b.name));
      const taskGroups: Body[] = [];
      for (const [index, topic] of random.sample(TOPICS, TASK_GROUP_COUNT).entries()) {
        const parent = present(scrutinyBodies[index % scrutinyBodies.length], 'scrutinyBodies[index % scrutinyBodies.length]');
        taskGroups.push(addBody(`${cap(topic)} Task and Finish Group`, 'task_group', 4, parent.id));
      }
      for (const name of EXTERNAL_BODIES) addBody(name, 'external', 0, null);
      const meetingBodies = [...bodies, ...taskGroups];
      const cabinet = present(
        bodies.find((b) => b.kind === 'executive'),
        'the cabinet',
      );

      const people: Person[] = [];
      const usedSlugs = new Set<string>();
      const addPerson = (kind: string, from: number, to: number): Person => {
        let name = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
        let slug = slugify(`${kind === 'councillor' ? 'Councillor ' : ''}${name}`);
        for (let n = 2; usedSlugs.has(slug); n += 1) {
          name = `${random.pick(FIRST_NAMES)} ${random.pick(FIRST_NAMES).charAt(0)}. ${random.pick(LAST_NAMES)}`;
          slug = slugify(`${kind === 'councillor' ? 'Councillor ' : ''}${name}${n > 5 ? ` ${n}` : ''}`);
        }
        usedSlugs.add(slug);
        const person = { id: nextId('people'), name, kind, from, to };
        foundation.add('people', {
          id: person.id,
          slug,
          name,
          honorific: kind === 'councillor' ? 'Councillor' : null,
          kind,
          job_title: kind === 'officer' ? random.pick(JOB_TITLES) : null,
          party: kind === 'councillor' ? random.pick(PARTIES) : null,
          ward: kind === 'councillor' ? random.pick(WARDS) : null,
          email: null,
          photo_url: null,
          source_system: null,
          source_id: null,
          ...stamps(start),
        });
        people.push(person);
        return person;
      };
      // Councillors serve four-year terms, a third of seats changing in most years.
      for (let i = 0; i < PEOPLE.councillors; i += 1) {
        const from = firstYear - 4 + Math.floor((i / PEOPLE.councillors) * (options.years + 4));
        addPerson('councillor', from, from + random.int(3, 12));
      }
      for (let i = 0; i < PEOPLE.officers; i += 1) {
        const from = firstYear + random.int(-5, options.years - 1);
        addPerson('officer', from, from + random.int(2, 15));
      }
      for (let i = 0; i < PEOPLE.others; i += 1) addPerson(random.chance(0.5) ? 'commissioner' : 'external', firstYear - 1, ARCHIVE_LAST_YEAR + 1);
      await write(foundation, 0);

      const serving = (year: number, kind: string) => people.filter((p) => p.kind === kind && p.from <= year && p.to >= year);

      let issuePool: { id: number; slug: string; title: string; considered: number }[] = [];
      const weightTotal = meetingBodies.reduce((sum, b) => sum + b.weight, 0);

      for (let year = firstYear; year <= ARCHIVE_LAST_YEAR; year += 1) {
        const batch = new Batch();
        const yearStart = `${year}-05-01`;
        const yearEnd = `${year + 1}-04-30`;
        const councillors = serving(year, 'councillor');
        const officers = serving(year, 'officer');
        const officerPool = officers.length > 0 ? officers : people.filter((p) => p.kind === 'officer');

        // Memberships for the municipal year: appointed at the annual meeting in May.
        const membersOf = new Map<number, Person[]>();
        for (const body of meetingBodies) {
          const size = body.kind === 'full_council' ? councillors.length : body.kind === 'executive' ? 9 : body.kind === 'task_group' ? 5 : random.int(8, 13);
          const members = body.kind === 'full_council' ? councillors : random.sample(councillors, size);
          membersOf.set(body.id, members);
          if (body.kind === 'full_council') continue; // Every councillor sits on Council: no rows needed.
          for (const [index, person] of members.entries()) {
            batch.add('memberships', {
              id: nextId('memberships'),
              person_id: person.id,
              organisation_id: body.id,
              role: index === 0 ? 'chair' : index === 1 ? 'vice_chair' : body.kind === 'executive' ? 'cabinet_member' : 'member',
              portfolio: body.kind === 'executive' && index > 0 ? cap(random.pick(TOPICS)) : null,
              starts_on: yearStart,
              ends_on: yearEnd,
              notes: null,
              source_system: null,
              source_id: null,
              ...stamps(yearStart),
            });
          }
        }

        // New issues this year; some of last year's carry on.
        issuePool = issuePool.filter((i) => i.considered < 5 && random.chance(0.6));
        for (let n = 0; n < PER_YEAR.issues; n += 1) {
          const topic = random.pick(TOPICS);
          const id = nextId('issues');
          const title = `${random.pick(REPORT_TITLES)(topic)} (${year})`;
          const slug = `${slugify(title, 60)}-${id}`;
          batch.add('issues', { id, slug, title, summary: `How the council has dealt with ${topic} since ${year}.`, ...stamps(yearStart) });
          issuePool.push({ id, slug, title, considered: 0 });
        }

        // Meetings, spread over the year's working days by each body's weight.
        const meetingsOfBody = new Map<number, { id: number; date: string }[]>();
        const meetings: { id: number; body: Body; date: string; held: boolean }[] = [];
        const workingDays: string[] = [];
        for (let d = parseIsoDate(yearStart); d <= yearEnd; d = addDays(d, 1)) {
          if (!isWeekend(d)) workingDays.push(d);
        }
        const today = `${ARCHIVE_LAST_YEAR + 1}-03-01`;
        let remaining = PER_YEAR.meetings;
        for (const [index, body] of meetingBodies.entries()) {
          const share = index === meetingBodies.length - 1 ? remaining : Math.round((PER_YEAR.meetings * body.weight) / weightTotal);
          const count = Math.min(share, remaining, workingDays.length);
          remaining -= count;
          const step = workingDays.length / Math.max(count, 1);
          const dates = new Set<string>();
          for (let k = 0; k < count; k += 1) {
            let dayIndex = Math.min(workingDays.length - 1, Math.floor(k * step + random.float() * step * 0.8));
            while (dates.has(present(workingDays[dayIndex], 'workingDays[dayIndex]')) && dayIndex < workingDays.length - 1) dayIndex += 1;
            dates.add(present(workingDays[dayIndex], 'workingDays[dayIndex]'));
          }
          for (const date of [...dates].sort()) {
            const id = nextId('meetings');
            const held = date < today;
            const cancelled = held && random.chance(0.02);
            batch.add('meetings', {
              id,
              slug: `${slugify(body.name, 60)}-${date}`,
              organisation_id: body.id,
              title: null,
              meeting_date: date,
              start_time: random.pick(['10:00', '14:00', '18:00']),
              starts_at: null,
              location: random.pick(ROOMS),
              status: cancelled ? 'cancelled' : held ? 'held' : 'scheduled',
              is_executive: body.kind === 'executive' ? 1 : 0,
              agenda_published_on: shift(date, -7),
              urgency_reason: null,
              source_system: null,
              source_id: null,
              ...stamps(shift(date, -14)),
            });
            meetings.push({ id, body, date, held: held && !cancelled });
            const list = meetingsOfBody.get(body.id) ?? [];
            list.push({ id, date });
            meetingsOfBody.set(body.id, list);
          }
        }
        meetings.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));

        // Agenda items, reports, minutes and resolutions.
        const minuteNumbers = new Map<number, number>();
        for (const meeting of meetings) {
          const itemCount = random.int(PER_YEAR.agendaItemsPerMeeting - 8, PER_YEAR.agendaItemsPerMeeting + 8);
          const exemptCount = random.chance(EXEMPT_RATE * 8) ? random.int(1, 2) : 0;
          const business: { id: number; title: string; topic: string; exempt: boolean }[] = [];
          let position = 0;
          const addItem = (title: string, topic: string | null, exempt: number | null, issueId: number | null) => {
            position += 1;
            const id = nextId('agenda_items');
            batch.add('agenda_items', {
              id,
              meeting_id: meeting.id,
              position,
              number: String(position),
              title,
              description: topic ? `To consider the report on ${topic}.` : null,
              report_of: topic ? random.pick(JOB_TITLES) : null,
              exempt_paragraph: exempt,
              urgency_reason: null,
              issue_id: issueId,
              source_system: null,
              source_id: null,
              ...stamps(meeting.date),
            });
            return id;
          };
          for (const title of STANDARD_ITEMS) addItem(title, null, null, null);
          for (let k = STANDARD_ITEMS.length; k < itemCount - exemptCount - (exemptCount > 0 ? 1 : 0); k += 1) {
            const topic = random.pick(TOPICS);
            let issueId: number | null = null;
            if (random.chance(0.03) && issuePool.length > 0) {
              const issue = random.pick(issuePool);
              issue.considered += 1;
              issueId = issue.id;
            }
            const title = random.pick(REPORT_TITLES)(topic);
            const id = addItem(title, topic, null, issueId);
            business.push({ id, title, topic, exempt: false });
            if (issueId !== null) {
              batch.add('issue_considerations', {
                id: nextId('issue_considerations'),
                issue_id: issueId,
                position: present(
                  issuePool.find((i) => i.id === issueId),
                  'the issue',
                ).considered,
                meeting_id: meeting.id,
                agenda_item_id: id,
                minute_id: null,
                decision_summary: `${meeting.body.name} considered ${title.toLowerCase()}.`,
                created_at: instant(meeting.date),
              });
            }
          }
          if (exemptCount > 0) {
            addItem('Exclusion of the press and public', null, null, null);
            for (let k = 0; k < exemptCount; k += 1) {
              const topic = random.pick(TOPICS);
              const paragraph = random.pick([1, 2, 3, 3, 3, 4, 5]);
              const title = `Exempt: ${random.pick(REPORT_TITLES)(topic)}`;
              const id = addItem(title, topic, paragraph, null);
              business.push({ id, title, topic, exempt: true });
            }
          }

          // Reports: public documents with text on public items, exempt ones on exempt items.
          const reported = random.sample(business, PER_YEAR.documentsPerMeeting + random.int(-1, 1));
          for (const item of reported) {
            const id = nextId('documents');
            batch.add('documents', {
              id,
              slug: `${meeting.date}-${slugify(item.title, 50)}-${id}`,
              title: item.title,
              kind: random.chance(0.8) ? 'report' : 'appendix',
              meeting_id: meeting.id,
              agenda_item_id: item.id,
              review_id: null,
              exempt_paragraph: item.exempt ? 3 : null,
              url: null,
              ...NO_FILE,
              text_content: paragraphs(random, item.topic, random.int(4, 9)),
              published_on: shift(meeting.date, -7),
              source_system: null,
              source_id: null,
              ...stamps(meeting.date),
            });
          }

          if (!meeting.held) continue;
          const minuted = random.sample(
            business.filter((b) => !b.exempt),
            PER_YEAR.minutesPerMeeting + random.int(-1, 1),
          );
          const councilYear = municipalYear(meeting.date);
          for (const item of minuted) {
            const number = (minuteNumbers.get(meeting.body.id) ?? 0) + 1;
            minuteNumbers.set(meeting.body.id, number);
            const minuteId = nextId('minutes');
            batch.add('minutes', {
              id: minuteId,
              organisation_id: meeting.body.id,
              meeting_id: meeting.id,
              agenda_item_id: item.id,
              number,
              municipal_year: councilYear,
              title: item.title,
              body: `Consideration was given to the report on ${item.topic}. ${sentence(random, item.topic)}`,
              further_to_minute_id: null,
              ...stamps(meeting.date),
            });
            const members = membersOf.get(meeting.body.id) ?? [];
            const mover = members.length > 1 && (meeting.body.kind === 'full_council' || random.chance(0.3)) ? random.pick(members) : null;
            const seconder = mover ? random.pick(members.filter((m) => m !== mover)) : null;
            const resolutionId = nextId('resolutions');
            batch.add('resolutions', {
              id: resolutionId,
              minute_id: minuteId,
              mover_name: mover ? `Councillor ${mover.name}` : null,
              mover_person_id: mover?.id ?? null,
              seconder_name: seconder ? `Councillor ${seconder.name}` : null,
              seconder_person_id: seconder?.id ?? null,
              votes_for: null,
              votes_against: null,
              votes_abstained: null,
              is_executive_decision: meeting.body.kind === 'executive' ? 1 : 0,
              is_key_decision: meeting.body.kind === 'executive' && random.chance(0.2) ? 1 : 0,
              is_urgent: 0,
              published_on: meeting.date,
              reasons: null,
              alternatives: null,
              conflicts: null,
              dispensation: null,
              ...stamps(meeting.date),
            });
            const limbs = random.int(1, 3);
            for (let l = 1; l <= limbs; l += 1) {
              const verb = l === 1 ? random.pick(['noted', 'received', 'approved', 'agreed']) : random.pick(['agreed', 'recommended', 'noted', 'deferred']);
              batch.add('resolution_limbs', {
                id: nextId('resolution_limbs'),
                resolution_id: resolutionId,
                number: l,
                verb,
                text: limbText(verb, item.topic),
              });
            }
          }
        }

        // Scrutiny reviews of the year, their recommendations, the executive's responses and progress.
        const cabinetMeetings = (meetingsOfBody.get(cabinet.id) ?? []).filter((m) => m.date < today);
        for (let n = 0; n < PER_YEAR.reviews; n += 1) {
          const committee = random.pick(scrutinyBodies);
          const group = random.chance(0.6) ? random.pick(taskGroups) : null;
          const topic = random.pick(TOPICS);
          const committeeMeetings = meetingsOfBody.get(committee.id) ?? [];
          const reportMeeting = committeeMeetings.length > 0 ? random.pick(committeeMeetings) : null;
          const reportDate = reportMeeting?.date ?? shift(yearStart, random.int(30, 300));
          const responseMeeting = cabinetMeetings.find((m) => m.date > shift(reportDate, 40));
          const reported = reportDate < today;
          const responded = reported && responseMeeting !== undefined && random.chance(0.92);
          const closed = responded && year < ARCHIVE_LAST_YEAR - 2;
          const reviewId = nextId('scrutiny_reviews');
          const title = `Scrutiny review of ${topic} (${year}/${String((year + 1) % 100).padStart(2, '0')}) ${n + 1}`;
          batch.add('scrutiny_reviews', {
            id: reviewId,
            slug: `${slugify(`review of ${topic}`, 50)}-${year}-${n + 1}`,
            title,
            short_title: cap(topic),
            organisation_id: committee.id,
            group_organisation_id: group?.id ?? null,
            summary: `The review examined ${topic} and how the council could improve outcomes for residents.`,
            scope: sentence(random, topic),
            criteria_heading: random.chance(0.3) ? 'The tests applied' : null,
            status: closed ? 'closed' : responded ? 'monitoring' : reported ? 'reported' : 'in_progress',
            started_on: shift(reportDate, -120),
            report_date: reported ? reportDate : null,
            report_meeting_id: reported ? (reportMeeting?.id ?? null) : null,
            received_on: reported ? reportDate : null,
            response_meeting_id: responded ? responseMeeting.id : null,
            response_title: responded ? `Response to the scrutiny review of ${topic}` : null,
            issue_id: null,
            ...stamps(shift(reportDate, -120)),
          });
          for (let t = 1; t <= 3; t += 1) {
            batch.add('review_terms', {
              id: nextId('review_terms'),
              review_id: reviewId,
              position: t,
              number: String(t),
              text: sentence(random, topic),
              parent_position: null,
            });
          }
          if (random.chance(0.3)) {
            for (let c = 1; c <= 3; c += 1) {
              batch.add('review_criteria', {
                id: nextId('review_criteria'),
                review_id: reviewId,
                position: c,
                number: String(c),
                title: `Test ${c}`,
                text: sentence(random, topic),
              });
            }
          }
          for (let m = 1; m <= 2; m += 1) {
            const reviewMeetingId = nextId('review_meetings');
            const on = shift(reportDate, -100 + m * 30);
            batch.add('review_meetings', { id: reviewMeetingId, review_id: reviewId, position: m, starts_on: on, ends_on: null, title: null });
            for (let b = 1; b <= 2; b += 1) {
              batch.add('review_meeting_business', {
                id: nextId('review_meeting_business'),
                review_meeting_id: reviewMeetingId,
                position: b,
                text: sentence(random, topic),
              });
            }
          }
          for (let e = 1; e <= 2; e += 1) {
            batch.add('evidence', {
              id: nextId('evidence'),
              review_id: reviewId,
              position: e,
              kind: random.pick(['visit', 'witness', 'literature', 'teleconference']),
              mode: random.pick(['in_person', 'remote', 'written']),
              organisation_id: null,
              organisation_name: random.pick(EXTERNAL_BODIES),
              occurred_on: shift(reportDate, -90 + e * 20),
              subject: cap(topic),
              notes: null,
            });
          }
          const recCount = random.int(PER_YEAR.recommendationsPerReview - 3, PER_YEAR.recommendationsPerReview + 3);
          for (let r = 1; r <= recCount; r += 1) {
            const recommendationId = nextId('recommendations');
            const decision = random.pick(['accepted', 'accepted', 'accepted', 'partially_accepted', 'accepted_in_principle', 'not_accepted']);
            const signedOff = closed && decision !== 'not_accepted' && random.chance(0.8);
            batch.add('recommendations', {
              id: recommendationId,
              review_id: reviewId,
              number: r,
              text: `That the council ${random.pick(['reviews', 'strengthens', 'publishes', 'reports on', 'consults on', 'improves'])} ${random.pick(TOPICS)} as part of its work on ${topic}.`,
              status: !reported ? 'awaiting_response' : !responded ? 'awaiting_response' : signedOff ? 'signed_off' : closed ? 'closed' : 'open',
              signed_off_on: signedOff ? shift(responseMeeting.date, 365) : null,
              signed_off_meeting_id: null,
              source_system: null,
              source_id: null,
              ...stamps(reportDate),
            });
            if (random.chance(0.25)) {
              batch.add('recommendation_points', {
                id: nextId('recommendation_points'),
                recommendation_id: recommendationId,
                position: 1,
                text: sentence(random, topic),
              });
            }
            if (!responded) continue;
            const officer = random.pick(officerPool);
            const actionBy = shift(responseMeeting.date, random.int(60, 400));
            batch.add('executive_responses', {
              id: nextId('executive_responses'),
              recommendation_id: recommendationId,
              decision,
              response_text: `${decision === 'not_accepted' ? 'Not accepted.' : 'Accepted.'} ${sentence(random, topic)}`,
              proposed_action: sentence(random, topic),
              reason: decision === 'not_accepted' ? 'The cost cannot be met within the budget.' : null,
              responsible_person_id: officer.id,
              responsible_name: officer.name,
              action_by_date: random.chance(0.85) ? actionBy : null,
              action_by_text: random.chance(0.15) ? 'Annual review' : null,
              outcome: null,
              agreed_meeting_id: responseMeeting.id,
              responded_on: responseMeeting.date,
              ...stamps(responseMeeting.date),
            });
            const updates = decision === 'not_accepted' ? 0 : random.int(1, 4);
            for (let u = 1; u <= updates; u += 1) {
              const on = shift(responseMeeting.date, u * 90);
              if (on >= today) break;
              const last = u === updates && signedOff;
              const slipped = !last && random.chance(0.2);
              batch.add('progress_updates', {
                id: nextId('progress_updates'),
                recommendation_id: recommendationId,
                update_date: on,
                status: last ? 'achieved' : slipped ? 'slipped' : 'on_track',
                rag: last ? 'green' : slipped ? 'red' : random.pick(['green', 'amber']),
                narrative: sentence(random, topic),
                previous_target_date: slipped ? actionBy : null,
                new_target_date: slipped ? shift(actionBy, 90) : null,
                slip_reason: slipped ? 'Delayed by the procurement timetable.' : null,
                author_name: officer.name,
                created_at: instant(on),
              });
            }
          }
        }

        await write(batch, year - firstYear + 1);
      }

      await deps.db.transaction().execute(async (trx) => {
        const tx: Repositories = createRepositories({ db: trx, clock });
        await tx.bulk.syncIdSequences(TABLE_ORDER);
        await tx.settings.set(ARCHIVE_MARKER, JSON.stringify({ years: options.years, seed: options.seed }));
        // One audit event for the whole archive (never one per row: that would double the rows written).
        await recordImportSummary(tx, IMPORT_ACTORS.archive, { data: 'generated archive', years: options.years, seed: options.seed, created: counts });
      });
      return { counts };
    },
  };
}

/** The date n days after (or before) a 'YYYY-MM-DD' date. */
function shift(date: string, days: number): string {
  return addDays(parseIsoDate(date), days);
}

function fill(template: (t: string) => string, topic: string, random: Random): string {
  return template(topic).replaceAll('{n}', String(random.int(2, 40)));
}

function sentence(random: Random, topic: string): string {
  return fill(random.pick(SENTENCES), topic, random);
}

function paragraphs(random: Random, topic: string, count: number): string {
  const out: string[] = [];
  for (let p = 0; p < count; p += 1) {
    const sentences: string[] = [];
    for (let s = random.int(2, 4); s > 0; s -= 1) sentences.push(sentence(random, random.chance(0.7) ? topic : random.pick(TOPICS)));
    out.push(sentences.join(' '));
  }
  return out.join('\n\n');
}

function limbText(verb: string, topic: string): string {
  switch (verb) {
    case 'noted':
      return `That the report on ${topic} be noted.`;
    case 'received':
      return `That the update on ${topic} be received.`;
    case 'approved':
      return `That the proposals for ${topic} be approved.`;
    case 'recommended':
      return `That Council be recommended to adopt the revised approach to ${topic}.`;
    case 'deferred':
      return `That a decision on ${topic} be deferred to a future meeting.`;
    default:
      return `That the actions set out in the report on ${topic} be agreed.`;
  }
}

export type ArchiveGenerator = ReturnType<typeof createArchiveGenerator>;
