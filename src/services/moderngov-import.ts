// Writes modern.gov responses through the repositories: creates or updates bodies, meetings, agendas and councillors by source id.
import { londonWallTimeToInstant } from '../domain/london-time.ts';
import { municipalYear, slugify } from '../domain/slug.ts';
import { ImportInputError } from '../import/import-error.ts';
import type { MgAgendaItem, MgAttendee, MgCommittee, MgCouncillor, MgMeeting, MgMeetingSummary, ModernGovResponse } from '../import/moderngov/responses.ts';
import type { Repositories } from '../repositories/index.ts';
import type { SearchKind } from './search-index-service.ts';
import { present } from '../domain/present.ts';
import { NO_FILE } from '../repositories/document-repository.ts';

export const MODERNGOV = 'moderngov';

/** What an import did, by kind of record. */
export interface ImportTally {
  created: Record<string, number>;
  updated: Record<string, number>;
  unchanged: Record<string, number>;
  skipped: Record<string, number>;
}

export function emptyTally(): ImportTally {
  return { created: {}, updated: {}, unchanged: {}, skipped: {} };
}

export interface ModernGovWriteContext {
  repos: Repositories;
  tally: ImportTally;
  /** Put before every source id ("democracy.example.gov.uk:144") so two councils' ids never meet. */
  prefix: string;
  councilName: string;
  /** Called once per record of substance written (a committee, meeting, agenda item or councillor). */
  step: () => void;
  /**
   * Marks a record whose search-index rows the import changes, to be refreshed in the import's own
   * transaction (a meeting carries its items, papers and minutes): an item modern.gov now marks
   * restricted leaves search in the same commit that restricts it.
   */
  touched: (kind: SearchKind, id: number) => void;
}

function bump(map: Record<string, number>, kind: string): void {
  map[kind] = (map[kind] ?? 0) + 1;
}

/** modern.gov's meeting status, in our vocabulary. */
export function meetingStatus(value: string | null): string {
  const text = (value ?? '').trim().toLowerCase();
  if (text.startsWith('cancel')) return 'cancelled';
  if (text === 'confirmed') return 'confirmed';
  if (text === 'held' || text === 'completed') return 'held';
  if (text.startsWith('postpone') || text === 'moved') return 'postponed';
  return 'scheduled';
}

function committeeKind(title: string): string {
  if (/scrutiny|overview|select commission/i.test(title)) return 'scrutiny_committee';
  if (/^(the )?(cabinet|executive)\b/i.test(title)) return 'executive';
  if (/^(full )?council$/i.test(title)) return 'full_council';
  return 'committee';
}

function attendanceStatus(value: string | null): string {
  const text = (value ?? '').trim().toLowerCase();
  if (text.includes('apolog')) return 'apologies';
  if (text.includes('in attendance')) return 'in_attendance';
  if (text.startsWith('absent')) return 'absent';
  if (text.startsWith('present') || text.startsWith('attended')) return 'present';
  return 'expected';
}

function documentKind(title: string): string {
  if (/\bminutes\b/i.test(title)) return 'minutes';
  if (/\bappendix\b/i.test(title)) return 'appendix';
  if (/\bannex\b/i.test(title)) return 'annex';
  if (/\bagenda\b/i.test(title)) return 'agenda';
  if (/\bdecision notice\b/i.test(title)) return 'decision_notice';
  return 'report';
}

/** "Councillor Basil Curley" → honorific "Councillor", name "Basil Curley". */
function splitHonorific(name: string): { honorific: string | null; name: string } {
  const match = /^(Councillor|Cllr\.?|County Councillor)\s+(.+)$/i.exec(name);
  return match ? { honorific: 'Councillor', name: present(match[2], 'match[2]') } : { honorific: null, name };
}

export function createModernGovWriter(context: ModernGovWriteContext) {
  const { repos, tally, prefix } = context;
  const imports = repos.imports;
  const source = (id: string) => `${prefix}${id}`;

  /** How many records this writer has created or changed: a meeting none of whose records changed keeps its search rows as they are. */
  let writes = 0;

  function note(kind: string, changed: boolean | 'created'): void {
    if (changed !== false) writes += 1;
    if (changed === 'created') bump(tally.created, kind);
    else bump(changed ? tally.updated : tally.unchanged, kind);
  }

  async function committee(c: MgCommittee): Promise<number | null> {
    const existing = await imports.findBySource('organisations', MODERNGOV, source(c.id));
    if (c.deleted && !existing) {
      bump(tally.skipped, 'committees');
      return null;
    }
    const values = {
      name: c.title,
      category: c.category ?? undefined,
      // A committee modern.gov calls expired (or deleted) keeps its history but is no longer active.
      is_active: c.expired || c.deleted ? 0 : 1,
    };
    if (existing) {
      const changed = await imports.updateChanged('organisations', existing, values);
      note('committees', changed);
      // A body's search row is rewritten only when the body changed: a re-import rewrites none.
      if (changed) context.touched('body', existing.id);
      return existing.id;
    }
    const row = await imports.insert('organisations', {
      ...values,
      category: c.category,
      slug: await imports.freeSlug('organisations', slugify(c.title)),
      kind: committeeKind(c.title),
      parent_id: null,
      description: null,
      source_system: MODERNGOV,
      source_id: source(c.id),
    });
    note('committees', 'created');
    context.touched('body', row.id);
    return row.id;
  }

  /**
   * Creates or updates the records of one kind by source id, in a few statements however many there
   * are: one query finds the rows earlier imports made, changed ones are updated (only what
   * differs, as updateChanged), and new ones are inserted together, with free slugs chosen
   * together. A source id met twice in one file is one record, as it was when written one at a time.
   * Returns each record's row id, in the order given.
   */
  async function upsertBySource(
    table: 'meetings' | 'agenda_items' | 'documents' | 'people',
    kind: string,
    records: readonly { sourceId: string; values: Record<string, unknown>; insert: Record<string, unknown>; slugBase?: string }[],
  ): Promise<{ ids: number[]; written: Set<number> }> {
    const ids: number[] = [];
    const written = new Set<number>();
    if (records.length === 0) return { ids, written };
    const existing = await imports.findManyBySource(
      table,
      MODERNGOV,
      records.map((r) => r.sourceId),
    );
    const fresh = new Map<string, { indexes: number[]; row: Record<string, unknown>; slugBase: string | undefined }>();
    for (const [index, record] of records.entries()) {
      const found = existing.get(record.sourceId) as ({ id: number } & Record<string, unknown>) | undefined;
      if (found) {
        const changed = await imports.updateChanged(table, found, record.values);
        note(kind, changed);
        if (changed) written.add(found.id);
        // The row as it now stands, for a later mention of the same record in this file.
        for (const [key, value] of Object.entries(record.values)) if (value !== undefined) found[key] = value;
        ids[index] = found.id;
        continue;
      }
      const pending = fresh.get(record.sourceId);
      if (pending) {
        const changed = Object.entries(record.values).some(([key, value]) => value !== undefined && pending.row[key] !== value);
        for (const [key, value] of Object.entries(record.values)) if (value !== undefined) pending.row[key] = value;
        pending.indexes.push(index);
        note(kind, changed);
        continue;
      }
      fresh.set(record.sourceId, {
        indexes: [index],
        row: { ...record.insert, source_system: MODERNGOV, source_id: record.sourceId },
        slugBase: record.slugBase,
      });
    }
    const entries = [...fresh.values()];
    if (table !== 'agenda_items') {
      const slugs = await imports.freeSlugs(
        table,
        entries.map((e) => present(e.slugBase, 'a slug for a new record')),
      );
      entries.forEach((e, k) => (e.row.slug = slugs[k]));
    }
    const rows = await imports.insertMany(
      table,
      entries.map((e) => e.row),
    );
    rows.forEach((row, k) => {
      for (const index of present(entries[k], 'an inserted record').indexes) ids[index] = row.id;
      written.add(row.id);
      note(kind, 'created');
    });
    return { ids, written };
  }

  function meetingRecord(organisationId: number, organisationName: string, m: MgMeetingSummary & Partial<Pick<MgMeeting, 'location'>>) {
    const values = {
      organisation_id: organisationId,
      meeting_date: m.date as string,
      start_time: m.time,
      // Times in modern.gov are on the council's clock; the instant is kept in UTC (DESIGN.md).
      starts_at: m.time === null ? null : londonWallTimeToInstant(m.date, m.time),
      status: meetingStatus(m.status),
      location: m.location,
    };
    return {
      sourceId: source(m.id),
      values,
      insert: {
        ...values,
        location: values.location ?? null,
        title: null,
        is_executive: committeeKind(organisationName) === 'executive' ? 1 : 0,
        agenda_published_on: null,
        urgency_reason: null,
      },
      slugBase: `${slugify(organisationName, 60)}-${m.date}`,
    };
  }

  async function committeeMeetings(c: MgCommittee & { meetings: MgMeetingSummary[] }): Promise<void> {
    const organisationId = await committee(c);
    context.step();
    if (organisationId === null) return;
    const { ids, written } = await upsertBySource(
      'meetings',
      'meetings',
      c.meetings.map((m) => meetingRecord(organisationId, c.title, m)),
    );
    for (const id of written) context.touched('meeting', id);
    for (let k = 0; k < ids.length; k += 1) context.step();
  }

  /** The body a GetMeeting response belongs to: from an earlier import of the meeting, or by the committee it names. */
  async function organisationForMeeting(file: string, m: MgMeeting) {
    const existing = await imports.findBySource('meetings', MODERNGOV, source(m.id));
    if (existing) return repos.organisations.findById(existing.organisation_id);
    const byName = m.committeeTitle ? await imports.findSourcedOrganisationByName(MODERNGOV, prefix, m.committeeTitle) : undefined;
    if (byName) return byName;
    throw new ImportInputError(
      file,
      'element meeting/meetingid',
      `meeting ${m.id} is not known and ${m.committeeTitle ? `no committee called "${m.committeeTitle}"` : 'no committee'} has been imported: import the GetCommittees or GetMeetings response for its committee first (or with it)`,
    );
  }

  /** A meeting's agenda items in agenda order, their minutes and their papers: a few statements for the whole agenda. */
  async function agendaItems(meetingId: number, organisationId: number, meetingDate: string, items: readonly MgAgendaItem[]): Promise<void> {
    const { ids: itemIds } = await upsertBySource(
      'agenda_items',
      'agenda items',
      items.map((item, index) => {
        const values = {
          meeting_id: meetingId,
          position: index + 1,
          number: item.displayNumber,
          title: item.title,
          description: item.text,
          is_restricted: item.restricted ? 1 : 0,
          // Restricted material is also marked confidential so every public door withholds it; a later
          // import never lowers that protection (an officer clears it), so is_confidential only goes up.
          ...(item.restricted ? { is_confidential: 1 } : {}),
        };
        return {
          sourceId: source(item.id),
          values,
          insert: { ...values, is_confidential: item.restricted ? 1 : 0, report_of: null, exempt_paragraph: null, urgency_reason: null, issue_id: null },
        };
      }),
    );
    const idOf = (index: number) => present(itemIds[index], 'an agenda item written');

    const minuted = [...items.entries()].filter(([, item]) => item.minutes !== null && item.minutesPublished);
    const minutes = await imports.minutesForItems(minuted.map(([index]) => idOf(index)));
    const newMinutes = new Map<number, Record<string, unknown>>();
    for (const [index, item] of minuted) {
      const itemId = idOf(index);
      const minuteValues = {
        organisation_id: organisationId,
        meeting_id: meetingId,
        agenda_item_id: itemId,
        number: item.minutesNumber,
        municipal_year: municipalYear(meetingDate),
        title: item.title,
        body: item.minutes,
      };
      const minute = minutes.get(itemId);
      const pending = newMinutes.get(itemId);
      if (minute) note('minutes', await imports.updateChanged('minutes', minute, minuteValues));
      else if (pending) {
        note(
          'minutes',
          Object.entries(minuteValues).some(([key, value]) => pending[key] !== value),
        );
        Object.assign(pending, minuteValues);
      } else newMinutes.set(itemId, { ...minuteValues, further_to_minute_id: null });
    }
    await imports.insertMany('minutes', [...newMinutes.values()] as never[]);
    for (let k = 0; k < newMinutes.size; k += 1) note('minutes', 'created');

    await upsertBySource(
      'documents',
      'documents',
      items.flatMap((item, index) =>
        item.documents.map((d) => {
          const docValues = {
            title: d.title,
            meeting_id: meetingId,
            agenda_item_id: idOf(index),
            url: d.url,
            published_on: d.publishedOn,
            is_restricted: d.restricted ? 1 : 0,
            // A document on a restricted item is withheld with it.
            ...(d.restricted || item.restricted ? { is_confidential: 1 } : {}),
          };
          return {
            sourceId: source(d.id),
            values: docValues,
            insert: {
              ...docValues,
              is_confidential: d.restricted || item.restricted ? 1 : 0,
              kind: documentKind(d.title),
              review_id: null,
              exempt_paragraph: null,
              ...NO_FILE,
              text_content: null,
            },
            slugBase: slugify(d.title, 70),
          };
        }),
      ),
    );
  }

  /** A meeting's attendees: councillors found (or made) by their member ids, and the attendance rows, a few statements for all. */
  async function attendees(meetingId: number, list: readonly MgAttendee[]): Promise<void> {
    const named = list.map((a) => ({ a, ...splitHonorific(a.name) }));
    const members = named.filter((x) => x.a.memberId !== null);
    const people = await imports.findManyBySource(
      'people',
      MODERNGOV,
      members.map((x) => source(present(x.a.memberId, 'memberid'))),
    );
    // An attendee's memberid is the councillor id GetCouncillorsByWard uses: one person either way.
    const memberKey = (a: MgAttendee) => source(present(a.memberId, 'memberid'));
    const newPeople = members.filter((x, i) => !people.has(memberKey(x.a)) && members.findIndex((y) => memberKey(y.a) === memberKey(x.a)) === i);
    const { ids: createdIds } = await upsertBySource(
      'people',
      'people',
      newPeople.map((x) => ({
        sourceId: memberKey(x.a),
        values: {},
        insert: { name: x.name, honorific: x.honorific, kind: 'councillor', job_title: null, party: x.a.party, ward: x.a.ward, email: null, photo_url: null },
        slugBase: slugify(x.name),
      })),
    );
    const made = new Map<string, { id: number; party: string | null; ward: string | null }>();
    newPeople.forEach((x, k) => made.set(memberKey(x.a), { id: present(createdIds[k], 'a person made'), party: x.a.party, ward: x.a.ward }));
    const firstMention = new Set<string>();

    const rows: { id: number | null; person_id: number | null; name: string; role: string | null; status: string }[] = await imports.attendanceOf(meetingId);
    const toAdd: typeof rows = [];
    for (const { a, name } of named) {
      let personId: number | null = null;
      if (a.memberId !== null) {
        const key = memberKey(a);
        const person = present(people.get(key) ?? made.get(key), "the attendee's person");
        personId = person.id;
        if (made.has(key) && !firstMention.has(key)) firstMention.add(key);
        else {
          // The councillors list is the better source; an attendee only fills what is missing.
          const fill = { party: person.party ?? a.party ?? undefined, ward: person.ward ?? a.ward ?? undefined };
          const changed = await imports.updateChanged('people', person, fill);
          note('people', changed);
          person.party = fill.party ?? null;
          person.ward = fill.ward ?? null;
          if (changed) context.touched('person', personId);
        }
        if (made.has(key)) context.touched('person', personId);
      }
      const status = attendanceStatus(a.attendance);
      const existing = rows.find((r) => (personId === null ? r.person_id === null && r.name === name : r.person_id === personId));
      if (existing) {
        const changed = existing.name !== name || existing.role !== a.role || existing.status !== status;
        if (changed) {
          if (existing.id !== null) await imports.updateAttendance(existing.id, { name, role: a.role, status });
          Object.assign(existing, { name, role: a.role, status });
        }
        note('attendees', changed);
      } else {
        const row = { id: null, person_id: personId, name, role: a.role, status };
        rows.push(row);
        toAdd.push(row);
        note('attendees', 'created');
      }
    }
    await imports.addAttendances(toAdd.map(({ person_id, name, role, status }) => ({ meeting_id: meetingId, person_id, name, role, status })));
  }

  async function meeting(file: string, m: MgMeeting): Promise<void> {
    const organisation = await organisationForMeeting(file, m);
    if (!organisation) throw new ImportInputError(file, 'element meeting/meetingid', `meeting ${m.id} belongs to no body`);
    const before = writes;
    const { ids } = await upsertBySource('meetings', 'meetings', [meetingRecord(organisation.id, organisation.name, m)]);
    const id = present(ids[0], 'the meeting written');
    context.step();
    // The agenda's order is modern.gov's item number, which can differ from the number it displays.
    const ordered = [...m.items].sort((a, b) => a.order - b.order || a.subOrder - b.subOrder);
    await agendaItems(id, organisation.id, m.date, ordered);
    for (let k = 0; k < ordered.length; k += 1) context.step();
    await attendees(id, m.attendees);
    // The meeting carries its items, papers and minutes in search: refreshed when any of them was
    // created or changed (an item now restricted leaves search in this commit), and left as it is
    // when the file changed nothing, so a re-import rewrites no search rows.
    if (writes !== before) context.touched('meeting', id);
  }

  async function council(): Promise<number> {
    const existing = await imports.findBySource('organisations', MODERNGOV, source('council'));
    if (existing) return existing.id;
    const row = await imports.insert('organisations', {
      slug: await imports.freeSlug('organisations', slugify(context.councilName)),
      name: context.councilName,
      kind: 'council',
      parent_id: null,
      description: null,
      category: null,
      source_system: MODERNGOV,
      source_id: source('council'),
    });
    note('bodies', 'created');
    context.touched('body', row.id);
    return row.id;
  }

  async function councillor(councilId: number, c: MgCouncillor): Promise<void> {
    const existing = await imports.findBySource('people', MODERNGOV, source(c.id));
    const values = {
      name: c.name,
      kind: 'councillor',
      job_title: c.keyPosts,
      party: c.party,
      ward: c.ward,
      email: c.email,
      photo_url: c.photoUrl,
    };
    let personId: number;
    if (existing) {
      const changed = await imports.updateChanged('people', existing, values);
      note('people', changed);
      personId = existing.id;
      if (changed) context.touched('person', personId);
    } else {
      const row = await imports.insert('people', {
        ...values,
        slug: await imports.freeSlug('people', slugify(c.name)),
        honorific: null,
        source_system: MODERNGOV,
        source_id: source(c.id),
      });
      note('people', 'created');
      personId = row.id;
      context.touched('person', personId);
    }
    // Each term of office is a membership of the council with its dates; "unspecified" ends are open.
    for (const term of c.terms) {
      const termSource = source(`${c.id}/${term.startsOn}`);
      const found = await imports.findBySource('memberships', MODERNGOV, termSource);
      const termValues = { person_id: personId, organisation_id: councilId, role: 'member', starts_on: term.startsOn as string, ends_on: term.endsOn };
      if (found) note('terms of office', await imports.updateChanged('memberships', found, termValues));
      else {
        await imports.insert('memberships', { ...termValues, portfolio: null, notes: null, source_system: MODERNGOV, source_id: termSource });
        note('terms of office', 'created');
      }
    }
    context.step();
  }

  return {
    /** Writes one parsed response. */
    async write(response: ModernGovResponse): Promise<void> {
      switch (response.kind) {
        case 'committees':
          for (const c of response.committees) {
            await committee(c);
            context.step();
          }
          return;
        case 'getmeetings':
          for (const c of response.committees) await committeeMeetings(c);
          return;
        case 'meeting':
          return meeting(response.file, response.meeting);
        case 'councillorsbyward': {
          const councilId = await council();
          for (const c of response.councillors) await councillor(councilId, c);
          return;
        }
      }
    },

    /** Checks, reading only, that a GetMeeting response can be placed, given the other responses in the same run. */
    async canPlace(response: Extract<ModernGovResponse, { kind: 'meeting' }>, batch: ModernGovResponse[]): Promise<void> {
      const m = response.meeting;
      if (await imports.findBySource('meetings', MODERNGOV, source(m.id))) return;
      const title = m.committeeTitle?.toLowerCase();
      for (const other of batch) {
        if (other.kind === 'getmeetings' && other.committees.some((c) => c.meetings.some((x) => x.id === m.id))) return;
        if (
          (other.kind === 'getmeetings' || other.kind === 'committees') &&
          title &&
          other.committees.some((c) => c.title.toLowerCase() === title && !c.deleted)
        )
          return;
      }
      await organisationForMeeting(response.file, m);
    },
  };
}

/** How many progress steps a response will take, for the progress line's total. */
export function stepsIn(response: ModernGovResponse): number {
  switch (response.kind) {
    case 'committees':
      return response.committees.length;
    case 'getmeetings':
      return response.committees.reduce((n, c) => n + 1 + c.meetings.length, 0);
    case 'meeting':
      return 1 + response.meeting.items.length;
    case 'councillorsbyward':
      return response.councillors.length;
  }
}
