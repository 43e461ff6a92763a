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

  function note(kind: string, changed: boolean | 'created'): void {
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
      note('committees', await imports.updateChanged('organisations', existing, values));
      context.touched('body', existing.id);
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

  async function meetingRow(organisationId: number, organisationName: string, m: MgMeetingSummary & Partial<Pick<MgMeeting, 'location'>>) {
    const existing = await imports.findBySource('meetings', MODERNGOV, source(m.id));
    const values = {
      organisation_id: organisationId,
      meeting_date: m.date as string,
      start_time: m.time,
      // Times in modern.gov are on the council's clock; the instant is kept in UTC (DESIGN.md).
      starts_at: m.time === null ? null : londonWallTimeToInstant(m.date, m.time),
      status: meetingStatus(m.status),
      location: m.location,
    };
    if (existing) {
      note('meetings', await imports.updateChanged('meetings', existing, values));
      context.touched('meeting', existing.id);
      return existing;
    }
    const row = await imports.insert('meetings', {
      ...values,
      location: values.location ?? null,
      slug: await imports.freeSlug('meetings', `${slugify(organisationName, 60)}-${m.date}`),
      title: null,
      is_executive: committeeKind(organisationName) === 'executive' ? 1 : 0,
      agenda_published_on: null,
      urgency_reason: null,
      source_system: MODERNGOV,
      source_id: source(m.id),
    });
    note('meetings', 'created');
    context.touched('meeting', row.id);
    return row;
  }

  async function committeeMeetings(c: MgCommittee & { meetings: MgMeetingSummary[] }): Promise<void> {
    const organisationId = await committee(c);
    context.step();
    if (organisationId === null) return;
    for (const m of c.meetings) {
      await meetingRow(organisationId, c.title, m);
      context.step();
    }
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

  async function agendaItem(meetingId: number, organisationId: number, meetingDate: string, item: MgAgendaItem, position: number): Promise<void> {
    const existing = await imports.findBySource('agenda_items', MODERNGOV, source(item.id));
    const values = {
      meeting_id: meetingId,
      position,
      number: item.displayNumber,
      title: item.title,
      description: item.text,
      is_restricted: item.restricted ? 1 : 0,
      // Restricted material is also marked confidential so every public door withholds it; a later
      // import never lowers that protection (an officer clears it), so is_confidential only goes up.
      ...(item.restricted ? { is_confidential: 1 } : {}),
    };
    let itemId: number;
    if (existing) {
      note('agenda items', await imports.updateChanged('agenda_items', existing, values));
      itemId = existing.id;
    } else {
      const row = await imports.insert('agenda_items', {
        ...values,
        report_of: null,
        exempt_paragraph: null,
        urgency_reason: null,
        issue_id: null,
        source_system: MODERNGOV,
        source_id: source(item.id),
      });
      note('agenda items', 'created');
      itemId = row.id;
    }

    if (item.minutes !== null && item.minutesPublished) {
      const minute = await imports.findMinuteForItem(itemId);
      const minuteValues = {
        organisation_id: organisationId,
        meeting_id: meetingId,
        agenda_item_id: itemId,
        number: item.minutesNumber,
        municipal_year: municipalYear(meetingDate),
        title: item.title,
        body: item.minutes,
      };
      if (minute) note('minutes', await imports.updateChanged('minutes', minute, minuteValues));
      else {
        await imports.insert('minutes', { ...minuteValues, further_to_minute_id: null });
        note('minutes', 'created');
      }
    }

    for (const d of item.documents) {
      const found = await imports.findBySource('documents', MODERNGOV, source(d.id));
      const docValues = {
        title: d.title,
        meeting_id: meetingId,
        agenda_item_id: itemId,
        url: d.url,
        published_on: d.publishedOn,
        is_restricted: d.restricted ? 1 : 0,
        // A document on a restricted item is withheld with it.
        ...(d.restricted || item.restricted ? { is_confidential: 1 } : {}),
      };
      if (found) note('documents', await imports.updateChanged('documents', found, docValues));
      else {
        await imports.insert('documents', {
          ...docValues,
          slug: await imports.freeSlug('documents', slugify(d.title, 70)),
          kind: documentKind(d.title),
          review_id: null,
          exempt_paragraph: null,
          ...NO_FILE,
          text_content: null,
          source_system: MODERNGOV,
          source_id: source(d.id),
        });
        note('documents', 'created');
      }
    }
  }

  async function attendee(meetingId: number, a: MgAttendee): Promise<void> {
    const { honorific, name } = splitHonorific(a.name);
    let personId: number | null = null;
    if (a.memberId !== null) {
      // An attendee's memberid is the councillor id GetCouncillorsByWard uses: one person either way.
      const person = await imports.findBySource('people', MODERNGOV, source(a.memberId));
      if (person) {
        personId = person.id;
        // The councillors list is the better source; an attendee only fills what is missing.
        note(
          'people',
          await imports.updateChanged('people', person, {
            party: person.party ?? a.party ?? undefined,
            ward: person.ward ?? a.ward ?? undefined,
          }),
        );
        context.touched('person', person.id);
      } else {
        const row = await imports.insert('people', {
          slug: await imports.freeSlug('people', slugify(name)),
          name,
          honorific,
          kind: 'councillor',
          job_title: null,
          party: a.party,
          ward: a.ward,
          email: null,
          photo_url: null,
          source_system: MODERNGOV,
          source_id: source(a.memberId),
        });
        note('people', 'created');
        context.touched('person', row.id);
        personId = row.id;
      }
    }
    const status = attendanceStatus(a.attendance);
    const existing = await imports.findAttendance(meetingId, personId, name);
    if (existing) {
      const changed = existing.name !== name || existing.role !== a.role || existing.status !== status;
      if (changed) await imports.updateAttendance(existing.id, { name, role: a.role, status });
      note('attendees', changed);
    } else {
      await imports.addAttendance({ meeting_id: meetingId, person_id: personId, name, role: a.role, status });
      note('attendees', 'created');
    }
  }

  async function meeting(file: string, m: MgMeeting): Promise<void> {
    const organisation = await organisationForMeeting(file, m);
    if (!organisation) throw new ImportInputError(file, 'element meeting/meetingid', `meeting ${m.id} belongs to no body`);
    const row = await meetingRow(organisation.id, organisation.name, m);
    context.step();
    // The agenda's order is modern.gov's item number, which can differ from the number it displays.
    const ordered = [...m.items].sort((a, b) => a.order - b.order || a.subOrder - b.subOrder);
    for (const [index, item] of ordered.entries()) {
      await agendaItem(row.id, organisation.id, m.date, item, index + 1);
      context.step();
    }
    for (const a of m.attendees) await attendee(row.id, a);
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
      note('people', await imports.updateChanged('people', existing, values));
      personId = existing.id;
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
    }
    context.touched('person', personId);
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
