// Meeting packs: the agenda pack, numbered supplementary packs and the exempt pack, built from the record off the request path and served as stored.
//
// RULES.md rule 9: "Exempt text never appears in anything public". The agenda pack and supplements
// hold only public papers of public items (the same test as the meeting page: a paper of a withheld
// item is withheld with it); withheld papers go into the exempt pack alone, marked "Not for
// publication" with the Schedule 12A paragraph on every page, and served only to those the
// exempt-access rule lets read the meeting's withheld business.
import { createHash } from 'node:crypto';
import { londonToday, type Clock } from '../domain/clock.ts';
import { formatLongDateWithWeekday, parseIsoDate } from '../domain/iso-date.ts';
import type { Paper } from '../domain/paper.ts';
import { isEditor, type Actor } from '../domain/roles.ts';
import { isSlug } from '../domain/slug.ts';
import { MembershipRole } from '../domain/vocabulary.ts';
import type { PackInput, PackItem, PackPaper } from '../export/meeting-pack.ts';
import type { Repositories } from '../repositories/index.ts';
import { ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import type { ExemptAccessService } from './exempt-access-service.ts';
import type { UnitOfWork } from './unit-of-work.ts';
import { EDITORS, NO_INPUT, authorise, createWriteRunner, declareWrite } from './command.ts';
import { PDF, storeDocumentFile } from './document-file-service.ts';
import { NO_FILE } from '../repositories/document-repository.ts';
import { isWithheld } from '../domain/withheld.ts';
import { withholdingReason } from './paper-service.ts';

/** Bump when the pack's layout changes, so every stored pack counts as out of date. */
const PACK_FORMAT = 1;

export type PackKind = 'agenda' | 'supplement' | 'exempt' | 'minutes';

/** Addresses printed in packs, from the web layer's paths (absolute when the site's address is known). */
export interface PackLinks {
  meeting(slug: string): string;
  document(slug: string): string;
}

export interface MeetingPackServiceDeps {
  repos: () => Repositories;
  /** Runs writes in one transaction: a pack and the record of which papers it holds are stored together. */
  transaction: <T>(fn: (repos: Repositories) => Promise<T>) => Promise<T>;
  clock: Clock;
  councilName: string;
  exemptAccess: ExemptAccessService;
  links?: PackLinks;
  /** Papers generated from the record, for a review's annex or response listed as a meeting's paper with no file of its own. */
  generated?: {
    annex(reviewSlug: string): Promise<Paper>;
    response(reviewSlug: string): Promise<Paper>;
    /** The public printed minutes of a meeting, and the public record of one executive decision. */
    minutes(meetingSlug: string): Promise<Paper>;
    decision(meetingSlug: string, resolutionId: number): Promise<Paper>;
  };
  /** For the signed-minutes upload: one audited transaction, which also queues the meeting's packs. */
  unitOfWork?: UnitOfWork;
}

/** Kinds of paper that belong in a pack: the agenda is generated, and minutes and decision notices come after the meeting. */
const PACKED_KINDS = new Set(['report', 'appendix', 'annex', 'response', 'other']);

const longDay = (d: string) => formatLongDateWithWeekday(parseIsoDate(d));

export interface PackProblemLine {
  title: string;
  reason: string;
}

function parseProblems(text: string): PackProblemLine[] {
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const tab = l.indexOf('\t');
      return tab < 0 ? { title: l, reason: '' } : { title: l.slice(0, tab), reason: l.slice(tab + 1) };
    });
}

function oneLine(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ');
}

/** A meeting has papers to pack once its agenda is published, or once it has been held (records imported without a publication date). */
function hasAgenda(meeting: { agenda_published_on: string | null; status: string }): boolean {
  return meeting.agenda_published_on !== null || meeting.status === 'held';
}

/** Only democratic services officers (and administrators) sign off minutes: LGA 1972 Sch 12 para 41(1) has the chair sign them, the officers record it. */
const CONFIRM_MINUTES = declareWrite('meeting.confirmMinutes', EDITORS, NO_INPUT);

export function createMeetingPackService(deps: MeetingPackServiceDeps) {
  const { repos, councilName: council } = deps;

  async function load(meetingId: number) {
    const r = repos();
    const meeting = await r.meetings.findById(meetingId);
    if (!meeting) return null;
    const [organisation, items, documents, members, assignments] = await Promise.all([
      r.organisations.findById(meeting.organisation_id),
      r.meetings.agendaItems(meeting.id),
      r.documents.forMeeting(meeting.id),
      r.organisations.members(meeting.organisation_id),
      r.paperPacks.assignments(meeting.id),
    ]);
    if (!organisation) return null;
    const packed = documents.filter((d) => PACKED_KINDS.has(d.kind));
    const itemOf = new Map(items.map((i) => [i.id, i]));
    const withheldDoc = (d: (typeof documents)[number]) => {
      const item = d.agenda_item_id !== null ? itemOf.get(d.agenda_item_id) : undefined;
      return isWithheld(d) || (item !== undefined && isWithheld(item));
    };
    return {
      meeting,
      organisation,
      items,
      members,
      assignments,
      publicDocs: packed.filter((d) => !withheldDoc(d)),
      withheldDocs: packed.filter(withheldDoc),
    };
  }
  type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>;
  type Doc = Loaded['publicDocs'][number];

  async function paperOf(d: Doc): Promise<PackPaper> {
    const href = deps.links ? deps.links.document(d.slug) : null;
    const file = d.storage_key ? await repos().documentFiles.forDocument(d.id) : undefined;
    if (file && file.media_type === 'application/pdf') return { title: d.title, href, source: { kind: 'pdf', bytes: new Uint8Array(file.content) } };
    let text = d.text_content ?? '';
    // mammoth, like the PDF libraries below, is loaded when a pack is first built, not at start-up.
    const mammoth = file && text === '' ? (await import('mammoth')).default : undefined;
    if (mammoth && file) text = (await mammoth.extractRawText({ buffer: Buffer.from(file.content) }).catch(() => ({ value: '' }))).value;
    if (text === '' && !file && d.review_id !== null && deps.generated && (d.kind === 'annex' || d.kind === 'response')) {
      const review = await repos().reviews.findById(d.review_id);
      if (review) {
        const paper = d.kind === 'annex' ? await deps.generated.annex(review.slug) : await deps.generated.response(review.slug);
        return { title: d.title, href, source: { kind: 'blocks', blocks: [{ kind: 'heading', level: 2, text: paper.title }, ...paper.blocks] } };
      }
    }
    if (text === '' && d.url) text = `This paper is published separately at ${d.url}`;
    return { title: d.title, href, source: { kind: 'text', text } };
  }

  function facts(l: Loaded): [string, string][] {
    const m = l.meeting;
    return [
      ['Meeting of', l.organisation.name],
      ['Date', longDay(m.meeting_date)],
      ['Time', m.start_time ?? 'To be confirmed'],
      ['Place', m.location ?? 'To be confirmed'],
      ['Agenda published', m.agenda_published_on ? longDay(m.agenda_published_on) : 'Not yet published'],
      ['Contact', `Democratic Services, ${council}`],
    ];
  }

  function memberNames(l: Loaded): string[] {
    return l.members.map(
      (m) => `${m.honorific ? `${m.honorific} ${m.person_name}` : m.person_name}${m.role === 'member' ? '' : ` (${MembershipRole.label(m.role)})`}`,
    );
  }

  function inputHash(kind: PackKind, number: number, l: Loaded, docs: readonly Doc[], extra: unknown): string {
    const m = l.meeting;
    return createHash('sha256')
      .update(
        JSON.stringify({
          format: PACK_FORMAT,
          kind,
          number,
          council,
          meetingUrl: deps.links?.meeting(m.slug) ?? null,
          meeting: [m.id, m.version, m.updated_at, m.agenda_published_on, m.urgency_reason, l.organisation.name],
          members: memberNames(l),
          items: l.items.map((i) => [i.id, i.version, i.updated_at]),
          docs: docs.map((d) => [d.id, d.version, d.updated_at, deps.links?.document(d.slug) ?? null]),
          extra,
        }),
      )
      .digest('hex');
  }

  /** Builds one pack unless the stored one was built from the same inputs; returns whether it built. */
  async function buildOne(l: Loaded, kind: PackKind, number: number, docs: readonly Doc[], shape: () => Promise<PackInput>, extra: unknown): Promise<boolean> {
    const hash = inputHash(kind, number, l, docs, extra);
    const reasons = kind === 'supplement' && typeof extra === 'string' ? extra : null;
    const stored = await repos().paperPacks.find(l.meeting.id, kind, number);
    if (stored && stored.input_hash === hash) return false;
    const input = await shape();
    const { buildMeetingPack } = await import('../export/meeting-pack.ts');
    const built = await buildMeetingPack(input);
    await deps.transaction((r) =>
      r.paperPacks.put({
        meeting_id: l.meeting.id,
        kind,
        number,
        title: input.title,
        input_hash: hash,
        content_hash: createHash('sha256').update(built.bytes).digest('base64url'),
        content: built.bytes,
        byte_size: built.bytes.length,
        page_count: built.pageCount,
        problems: built.problems.map((p) => `${oneLine(p.title)}\t${oneLine(p.reason)}`).join('\n'),
        reasons,
        built_at: deps.clock.now().toISOString(),
      }),
    );
    return true;
  }

  async function items(
    l: Loaded,
    docs: readonly Doc[],
    options: { allItems: boolean; notes: (item: Loaded['items'][number]) => string[] },
  ): Promise<PackItem[]> {
    const out: PackItem[] = [];
    for (const item of l.items) {
      const itemDocs = docs.filter((d) => d.agenda_item_id === item.id);
      if (!options.allItems && itemDocs.length === 0) continue;
      out.push({
        number: item.number ?? String(item.position),
        title: item.title,
        notes: options.notes(item),
        papers: await Promise.all(itemDocs.map(paperOf)),
      });
    }
    const loose = docs.filter((d) => d.agenda_item_id === null);
    if (loose.length > 0) out.push({ number: '–', title: 'Other papers for the meeting', notes: [], papers: await Promise.all(loose.map(paperOf)) });
    return out;
  }

  const publicNotes = (item: Loaded['items'][number]): string[] => {
    const notes: string[] = [];
    if (isWithheld(item)) notes.push(`Not for publication: ${withholdingReason(item)}.`);
    else if (item.report_of) notes.push(`Report of the ${item.report_of}`);
    if (item.is_urgent === 1) notes.push(`Urgent item${item.urgency_reason ? `: ${item.urgency_reason}` : ''}.`);
    return notes;
  };

  /**
   * Builds (or leaves as they are) every pack of a meeting whose agenda is published. Public papers
   * first packed go into the agenda pack; any added after it was built go into the next numbered
   * supplement, each with the reason for urgency recorded for its item or the meeting.
   */
  async function buildMeeting(meetingId: number): Promise<{ kind: PackKind; number: number; built: boolean }[]> {
    const first = await load(meetingId);
    if (!first || !hasAgenda(first.meeting)) return [];
    const assigned = new Map(first.assignments.map((a) => [a.document_id, a.number]));
    const unassigned = first.publicDocs.filter((d) => !assigned.has(d.id)).map((d) => d.id);
    if (unassigned.length > 0) {
      const hasAgendaPack = first.assignments.length > 0 || (await repos().paperPacks.find(meetingId, 'agenda', 0)) !== undefined;
      const number = hasAgendaPack ? Math.max(0, ...first.assignments.map((a) => a.number)) + 1 : 0;
      await deps.transaction((r) => r.paperPacks.assign(meetingId, unassigned, number));
    }
    const l = unassigned.length > 0 ? await load(meetingId) : first;
    if (!l) return [];
    const numberOf = new Map(l.assignments.map((a) => [a.document_id, a.number]));
    const results: { kind: PackKind; number: number; built: boolean }[] = [];
    const orgDate = `${l.organisation.name}, ${longDay(l.meeting.meeting_date)}`;
    const meetingUrl = deps.links?.meeting(l.meeting.slug) ?? null;

    const agendaDocs = l.publicDocs.filter((d) => numberOf.get(d.id) === 0);
    results.push({
      kind: 'agenda',
      number: 0,
      built: await buildOne(
        l,
        'agenda',
        0,
        agendaDocs,
        async () => ({
          title: `Agenda pack: ${orgDate}`,
          council,
          marking: null,
          facts: facts(l),
          members: memberNames(l),
          meetingUrl,
          introduction: [],
          agendaHeading: 'Agenda',
          items: await items(l, agendaDocs, { allItems: true, notes: publicNotes }),
          closing: l.items.some(isWithheld)
            ? [
                'Items marked “Not for publication” are likely to be considered with the press and public excluded, under section 100A(4) of the Local Government Act 1972, because they involve the likely disclosure of exempt information as described in the paragraph of Part 1 of Schedule 12A named against each. Their papers are not in this pack.',
              ]
            : [],
        }),
        null,
      ),
    });

    const supplements = [...new Set(l.assignments.map((a) => a.number).filter((n) => n > 0))].sort((a, b) => a - b);
    for (const n of supplements) {
      const docs = l.publicDocs.filter((d) => numberOf.get(d.id) === n);
      if (docs.length === 0) continue;
      // The reason for urgency already recorded: the item's own, or the meeting's late-agenda reason.
      const why = (item: Loaded['items'][number] | undefined) =>
        item?.urgency_reason ?? l.meeting.urgency_reason ?? 'The paper was not available when the agenda was published.';
      const reasonLines = [...new Set(docs.map((d) => `${d.title}: ${why(l.items.find((i) => i.id === d.agenda_item_id))}`))];
      results.push({
        kind: 'supplement',
        number: n,
        built: await buildOne(
          l,
          'supplement',
          n,
          docs,
          async () => ({
            title: `Supplementary agenda pack ${n}: ${orgDate}`,
            council,
            marking: null,
            facts: facts(l),
            members: memberNames(l),
            meetingUrl,
            introduction: ['This supplement adds papers that were not available when the agenda was published. Why each is late:', ...reasonLines],
            agendaHeading: `Supplement ${n}: papers added`,
            items: await items(l, docs, { allItems: false, notes: (item) => [...publicNotes(item), `Why it is late: ${why(item)}`] }),
            closing: [],
          }),
          reasonLines.join('\n'),
        ),
      });
    }

    const withheldItems = l.items.filter(isWithheld);
    if (l.withheldDocs.length > 0) {
      const reasons = [
        ...new Set([
          ...withheldItems.filter((i) => l.withheldDocs.some((d) => d.agenda_item_id === i.id)).map(withholdingReason),
          ...l.withheldDocs.filter(isWithheld).map(withholdingReason),
        ]),
      ];
      const marking = `NOT FOR PUBLICATION: ${reasons.join('; ')}`;
      results.push({
        kind: 'exempt',
        number: 0,
        built: await buildOne(
          l,
          'exempt',
          0,
          l.withheldDocs,
          async () => ({
            title: `Exempt papers, not for publication: ${orgDate}`,
            council,
            marking,
            facts: facts(l),
            members: memberNames(l),
            meetingUrl,
            introduction: [
              'These papers are exempt or confidential. They are for members of the body and officers who keep the record only: do not copy, forward or publish them.',
            ],
            agendaHeading: 'Exempt papers',
            items: await items(l, l.withheldDocs, {
              allItems: false,
              notes: (item) => (isWithheld(item) ? [`Not for publication: ${withholdingReason(item)}.`] : []),
            }),
            closing: [],
          }),
          marking,
        ),
      });
    } else {
      await deps.transaction((r) => r.paperPacks.remove(l.meeting.id, 'exempt', 0));
    }

    // Papers withheld since they were packed leave their public pack's list only now that it has
    // been rebuilt without them: until then the pack is refused (publicPack), never served.
    const nowWithheld = l.withheldDocs.filter((d) => numberOf.has(d.id)).map((d) => d.id);
    if (nowWithheld.length > 0) await deps.transaction((r) => r.paperPacks.unassign(nowWithheld));

    const minutesPack = await buildMinutes(l, orgDate, meetingUrl);
    if (minutesPack !== null) results.push({ kind: 'minutes', number: 0, built: minutesPack });
    return results;
  }

  /**
   * The minutes pack: the printed minutes with the record of each executive decision, marked as a
   * draft until the next meeting confirms them; then the signed copy that was uploaded, with the
   * minute that confirmed it. Null when the meeting has no minutes yet.
   */
  async function buildMinutes(l: Loaded, orgDate: string, meetingUrl: string | null): Promise<boolean | null> {
    const r = repos();
    const [signed, minutes] = await Promise.all([r.paperPacks.signedMinutes(l.meeting.id), r.minutes.forMeeting(l.meeting.id)]);
    const base = {
      council,
      marking: null,
      facts: facts(l).filter(([label]) => label !== 'Agenda published'),
      members: memberNames(l),
      meetingUrl,
      closing: [],
    };
    if (signed) {
      const confirmed = `Confirmed as a correct record by ${signed.minute_number !== null ? `Minute ${signed.minute_number}` : 'the minute'} of ${signed.confirming_body} held on ${longDay(signed.confirmed_on)}.`;
      const file = await r.documentFiles.forDocument(signed.document_id);
      if (!file) return null;
      return buildOne(
        l,
        'minutes',
        0,
        [],
        () =>
          Promise.resolve({
            ...base,
            title: `Signed minutes: ${orgDate}`,
            introduction: [confirmed],
            agendaHeading: 'Contents',
            items: [
              {
                number: '1',
                title: 'Minutes, as signed',
                notes: [confirmed],
                papers: [
                  {
                    title: signed.document_title,
                    href: deps.links?.document(signed.document_slug) ?? null,
                    source: { kind: 'pdf', bytes: new Uint8Array(file.content) },
                  },
                ],
              },
            ],
          }),
        `signed:${signed.document_id}:${signed.document_version}:${signed.document_updated_at}:${signed.minute_id}`,
      );
    }
    if (minutes.length === 0 || !deps.generated) return null;
    const generated = deps.generated;
    const printed = await generated.minutes(l.meeting.slug);
    const resolutions = (await r.minutes.resolutionsFor(minutes.map((m) => m.id))).filter((x) => x.is_executive_decision === 1);
    const decisions = await Promise.all(resolutions.map((x) => generated.decision(l.meeting.slug, x.id)));
    const papers: PackPaper[] = [printed, ...decisions].map((paper) => ({ title: paper.title, href: null, source: { kind: 'blocks', blocks: paper.blocks } }));
    const draft = 'Draft: these minutes are not yet confirmed. They are signed once the next meeting agrees them as a correct record.';
    // The generated papers are the inputs: the pack changes exactly when what they say changes.
    return buildOne(
      l,
      'minutes',
      0,
      [],
      () =>
        Promise.resolve({
          ...base,
          title: `Minutes pack: ${orgDate}`,
          introduction: [draft],
          agendaHeading: 'Contents',
          items: papers.map((paper, i) => ({ number: String(i + 1), title: i === 0 ? 'Minutes' : 'Record of executive decision', notes: [], papers: [paper] })),
        }),
      [printed, ...decisions].map((p) => [p.title, p.blocks]),
    );
  }

  async function meetingBySlug(slug: string) {
    if (!isSlug(slug)) throw new NotFoundError('No such meeting');
    const meeting = await repos().meetings.findBySlug(slug);
    if (!meeting) throw new NotFoundError('No such meeting');
    return meeting;
  }

  async function withContent<T extends { id: number }>(pack: T) {
    const content = await repos().paperPacks.content(pack.id);
    if (!content) throw new NotFoundError('No such pack');
    return { ...pack, content };
  }

  /** A public pack's facts and bytes: the agenda pack (number 0) or supplement N. */
  async function publicPack(slug: string, kind: 'agenda' | 'supplement' | 'minutes', number: number) {
    const meeting = await meetingBySlug(slug);
    if (!hasAgenda(meeting)) throw new NotFoundError('No such pack');
    const r = repos();
    const pack = await r.paperPacks.find(meeting.id, kind, number);
    if (!pack) throw new NotFoundError('No such pack');
    // Rule 9 at every instant: a pack built before one of its papers (or an item) was withheld is
    // not served while the rebuild that write queued is still to run.
    const stale = kind === 'minutes' ? await r.paperPacks.itemsWithheldSince(meeting.id, pack.built_at) : await r.paperPacks.withheldInPack(meeting.id, number);
    if (stale > 0) throw new NotFoundError('No such pack');
    return { meeting, ...(await withContent(pack)) };
  }

  return {
    buildMeeting,

    /** Queues a meeting's packs to be built (or checked) by the worker. */
    async request(meetingId: number) {
      await repos().paperPacks.request('meeting', meetingId);
    },

    /** Queues every meeting whose agenda is published (after a bulk load, which writes no audit events). */
    async requestAll() {
      const ids = await repos().paperPacks.publishedMeetingIds();
      await deps.transaction(async (r) => {
        for (const id of ids) await r.paperPacks.request('meeting', id);
      });
      return ids.length;
    },

    async queued() {
      return repos().paperPacks.queued();
    },

    /**
     * Works the queue: takes up to `limit` requests, builds each meeting concerned once, and removes
     * the requests. A meeting whose build fails is reported and its requests dropped, so one bad
     * record cannot stop the queue; the next write to it queues it again.
     */
    async work(limit = 25) {
      const pending = await repos().paperPacks.pending(limit);
      const meetings = [...new Set(pending.map((p) => p.meetingId).filter((id): id is number => id !== null))];
      let built = 0;
      const failures: { meetingId: number; error: unknown }[] = [];
      for (const id of meetings) {
        try {
          built += (await buildMeeting(id)).filter((x) => x.built).length;
        } catch (error) {
          failures.push({ meetingId: id, error });
        }
      }
      await repos().paperPacks.done(pending.map((p) => p.id));
      return { requests: pending.length, meetings: meetings.length, built, failures };
    },

    /** The public packs of a meeting (agenda pack, then supplements), without their bytes. */
    async publicPacks(meetingId: number) {
      const packs = await repos().paperPacks.forMeeting(meetingId);
      return packs
        .filter((p) => p.kind === 'agenda' || p.kind === 'supplement' || p.kind === 'minutes')
        .map((p) => ({ ...p, problems: parseProblems(p.problems) }));
    },

    /** What the meeting's workspace page names: papers left out of a pack, and whether an exempt pack exists. */
    async workspaceSummary(meetingId: number) {
      const packs = await repos().paperPacks.forMeeting(meetingId);
      return {
        packs: packs.map((p) => ({
          kind: p.kind as PackKind,
          number: p.number,
          title: p.title,
          pageCount: p.page_count,
          byteSize: p.byte_size,
          builtAt: p.built_at,
        })),
        problems: packs.flatMap((p) => parseProblems(p.problems).map((x) => ({ ...x, pack: p.title }))),
      };
    },

    publicPack,

    /**
     * The exempt pack, only for someone the exempt-access rule lets read this meeting's withheld
     * business; anyone else is told it does not exist, as for each exempt paper.
     */
    async exemptPack(actor: Actor | null, meetingId: number) {
      const r = repos();
      const meeting = await r.meetings.findById(meetingId);
      if (!meeting) throw new NotFoundError('No such pack');
      const [items, documents] = await Promise.all([r.meetings.agendaItems(meeting.id), r.documents.forMeeting(meeting.id)]);
      const item = items.find(isWithheld);
      const document = documents.find(isWithheld);
      if (item) await deps.exemptAccess.item(actor, item.id);
      else if (document) await deps.exemptAccess.document(actor, document.slug);
      else throw new NotFoundError('No such pack');
      const pack = await r.paperPacks.find(meeting.id, 'exempt', 0);
      if (!pack) throw new NotFoundError('No such pack');
      return { meeting, ...(await withContent(pack)) };
    },

    /** Minutes of later meetings of the body, one of which confirms this meeting's minutes (the upload form's choices). */
    async confirmingMinutes(actor: Actor, meetingId: number) {
      if (!isEditor(actor.role)) throw new ForbiddenError('Only democratic services officers may sign off minutes');
      const r = repos();
      const meeting = await r.meetings.findById(meetingId);
      if (!meeting) throw new NotFoundError('No such meeting');
      return { meeting, signed: await r.paperPacks.signedMinutes(meetingId), choices: await r.paperPacks.confirmingMinutes(meetingId) };
    },

    /**
     * Records the signed minutes: the uploaded PDF replaces the draft in the minutes pack, with the
     * minute of the later meeting that confirmed them (LGA 1972 Sch 12 para 41(1)).
     */
    async confirmMinutes(actor: Actor, meetingId: number, input: { minuteId?: unknown }, file: { buffer: Buffer; fileName: string } | null) {
      authorise(CONFIRM_MINUTES, actor);
      const { unitOfWork } = deps;
      if (!unitOfWork) throw new Error('The signed-minutes upload needs a unit of work');
      // Dates are shown in Europe/London (DESIGN.md): minutes signed at 00:30 in summer are dated that London day, not the UTC one before.
      const today = londonToday(deps.clock);
      return createWriteRunner(unitOfWork)(CONFIRM_MINUTES, actor, undefined, async (_values, { repos: tx, audit, touched }) => {
        const meeting = await tx.meetings.findById(meetingId);
        if (!meeting) throw new NotFoundError('No such meeting');
        const errors: { field: string; message: string }[] = [];
        const choices = await tx.paperPacks.confirmingMinutes(meetingId);
        const minuteId = typeof input.minuteId === 'string' && /^[1-9][0-9]{0,8}$/.test(input.minuteId) ? Number(input.minuteId) : null;
        if (minuteId === null || !choices.some((c) => c.id === minuteId))
          errors.push({ field: 'minuteId', message: 'Choose the minute of the later meeting that confirmed these minutes' });
        if (!file || file.buffer.length === 0) errors.push({ field: 'file', message: 'Select the signed minutes as a PDF' });
        else if (file.buffer.subarray(0, 5).toString('latin1') !== '%PDF-') errors.push({ field: 'file', message: 'The signed minutes must be a PDF' });
        if (errors.length > 0 || minuteId === null || !file) throw new ValidationError(errors);
        const organisation = await tx.organisations.findById(meeting.organisation_id);
        const title = `Signed minutes of ${organisation?.name ?? 'the meeting'}, ${longDay(meeting.meeting_date)}`;
        const slug = `${meeting.slug}-signed-minutes`;
        const existing = await tx.documents.findBySlug(slug, { includeWithdrawn: true });
        const document =
          existing ??
          (await tx.documents.create({
            slug,
            title,
            kind: 'minutes',
            meeting_id: meeting.id,
            agenda_item_id: null,
            review_id: null,
            exempt_paragraph: null,
            url: null,
            ...NO_FILE,
            text_content: null,
            published_on: today,
            source_system: null,
            source_id: null,
          }));
        // A scan of signed paper: its text is not read, so search finds it by its title.
        const stored = await storeDocumentFile(tx, document, file.buffer, file.fileName, {
          text: '',
          pageCount: null,
          byteSize: file.buffer.length,
          mediaType: PDF,
        });
        await tx.paperPacks.putSignedMinutes(meeting.id, stored.id, minuteId);
        await audit('confirm_minutes', 'meeting', meeting.id, null, { signed_minutes_document_id: stored.id, confirmed_by_minute_id: minuteId });
        // The signed minutes are a public document of the meeting: into search in this same commit.
        touched('document', stored.id);
        return stored;
      });
    },

    /** Builds a meeting's packs now (the CLI), returning the agenda pack. */
    async agendaPackNow(slug: string) {
      const meeting = await meetingBySlug(slug);
      if (!hasAgenda(meeting)) throw new NotFoundError('The agenda of this meeting is not published');
      await buildMeeting(meeting.id);
      return publicPack(slug, 'agenda', 0);
    },
  };
}

export type MeetingPackService = ReturnType<typeof createMeetingPackService>;
