// The tracker's standing entries (migration 0043) against what entries() derives, on both engines: after each kind of write through the services, in the change log's tags, under concurrent refreshes, and as the migration fills them.
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as m0043 from '../../src/db/migrations/0043-tracker-entries.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { splitTags } from '../../src/domain/page-tags.ts';
import { TRACKER_ENTRY_TAG } from '../../src/domain/tracker-entries.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { createRepositories } from '../../src/repositories/index.ts';
import { createArchiveGenerator } from '../../src/services/archive-generator.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { limbRows } from '../../src/web/routes/admin/resolution-rows.ts';
import { addOfficer } from '../support/accounts.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { createTestReview } from '../support/tracker-fixtures.ts';

const TODAY = '2026-11-22T12:00:00Z';

describe.each(testDialects())('the tracker entries on %s', (dialect) => {
  let handle: TestDb;
  let services: Services;
  let officer: Actor;
  let fixture: Awaited<ReturnType<typeof createTestReview>>;
  const repos = () => createRepositories({ db: handle.db, clock: fixedClock(TODAY) });

  /** The standing entries hold exactly the rows entries() derives now. */
  async function expectInStep(): Promise<void> {
    const r = repos();
    expect(await r.tracker.standingEntries()).toEqual(await r.tracker.derivedEntries());
  }

  /** The tags of the last write committed. */
  async function lastTags(): Promise<string[]> {
    const row = await handle.db.selectFrom('change_log').select('tags').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    return splitTags(row.tags);
  }

  const recommendationId = async (number: number) =>
    (
      await handle.db
        .selectFrom('recommendations')
        .select('id')
        .where('review_id', '=', fixture.review.id)
        .where('number', '=', number)
        .executeTakeFirstOrThrow()
    ).id;
  const respond = (number: number, values: Record<string, string>) =>
    services.recommendations.respond(
      fixture.review.slug,
      number,
      { decision: 'accepted', responseText: 'Agreed.', proposedAction: 'Act', agreedMeeting: fixture.responseMeeting.slug, ...values },
      'system',
    );
  const progress = (number: number, values: Record<string, string>) => services.recommendations.addProgress(fixture.review.slug, number, values, 'system');
  const version = async (table: 'meetings' | 'agenda_items' | 'organisations' | 'people' | 'scrutiny_reviews' | 'resolution_limbs', id: number) =>
    String((await handle.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);

  beforeAll(async () => {
    handle = await createTestDb(dialect);
    services = createServices({ database: handle, clock: fixedClock(TODAY) });
    await services.demo.loadIfAbsent();
    fixture = await createTestReview(handle);
    officer = await addOfficer(services);
  });
  afterAll(async () => handle?.destroy());

  it('hold the demo and the fixture as loaded', async () => {
    expect((await repos().tracker.standingEntries()).length).toBeGreaterThan(3);
    await expectInStep();
  });

  it('follow responses, progress, a slip, its withdrawal and restoring, and a sign-off', async () => {
    await respond(1, { actionByDate: '2026-06-30', responsiblePerson: fixture.officer.slug });
    await expectInStep();
    await respond(2, { actionByDate: '2027-03-31', responsibleName: 'Cabinet Member for Culture' });
    await expectInStep();
    await progress(1, { updateDate: '2026-07-01', status: 'on_track', rag: 'green', narrative: 'Under way' });
    await expectInStep();
    const slip = await progress(1, {
      updateDate: '2026-07-15',
      status: 'slipped',
      rag: 'amber',
      narrative: 'Delayed',
      newTargetDate: '2026-12-31',
      slipReason: 'Vacancies',
    });
    await expectInStep();
    expect((await repos().tracker.standingEntries()).find((e) => e.recommendation_id === slip.recommendation_id)?.target_date).toBe('2026-12-31');
    await services.withdrawals.withdraw(officer, 'progress_update', slip.id, { reason: 'Entered against the wrong recommendation' });
    await expectInStep();
    expect((await repos().tracker.standingEntries()).find((e) => e.recommendation_id === slip.recommendation_id)).toMatchObject({
      latest_status: 'on_track',
      target_date: '2026-06-30',
    });
    await services.withdrawals.restore(officer, 'progress_update', slip.id);
    await expectInStep();
    await progress(1, { updateDate: '2026-11-01', status: 'achieved', rag: 'green', narrative: 'Done' });
    await expectInStep();
    await services.recommendations.signOff(fixture.review.slug, 1, { meeting: fixture.signOffMeeting.slug }, 'system');
    await expectInStep();
    expect((await repos().tracker.standingEntries()).map((e) => e.recommendation_id)).not.toContain(await recommendationId(1));
  });

  it('follow a recommendation withdrawn and restored', async () => {
    const third = await recommendationId(3);
    await services.withdrawals.withdraw(officer, 'recommendation', third, { reason: 'Entered twice' });
    await expectInStep();
    expect((await repos().tracker.standingEntries()).map((e) => e.recommendation_id)).not.toContain(third);
    await services.withdrawals.restore(officer, 'recommendation', third);
    await expectInStep();
  });

  it('follow a committee renamed, a review moved to another committee and a responsible person renamed', async () => {
    const committee = fixture.committee;
    await services.organisationWorkspace.updateBody(officer, committee.id, {
      name: 'Renamed Scrutiny Committee',
      kind: 'scrutiny_committee',
      isActive: 'yes',
      version: await version('organisations', committee.id),
    });
    await expectInStep();
    expect(await lastTags()).toContain(TRACKER_ENTRY_TAG);

    const other = await services.organisationWorkspace.createBody(officer, { name: 'Other Scrutiny Committee', kind: 'scrutiny_committee', isActive: 'yes' });
    await services.scrutinyWorkspace.updateReview(officer, fixture.review.id, {
      title: 'Review of library opening hours',
      organisationId: String(other.id),
      reportDate: '2026-01-05',
      receivedOn: '2026-01-05',
      version: await version('scrutiny_reviews', fixture.review.id),
    });
    await expectInStep();
    const second = await recommendationId(2);
    expect((await repos().tracker.standingEntries()).find((e) => e.recommendation_id === second)?.committee_slug).toBe(other.slug);

    // A response that names its officer only by the person (as an import may leave it) shows the person's name.
    await handle.db
      .updateTable('executive_responses')
      .set({ responsible_person_id: fixture.officer.id, responsible_name: null })
      .where('recommendation_id', '=', second)
      .execute();
    await repos().tracker.refreshEntries([second]);
    await services.organisationWorkspace.updatePerson(officer, fixture.officer.id, {
      name: 'Joanna Bloggs',
      kind: 'officer',
      version: await version('people', fixture.officer.id),
    });
    await expectInStep();
    expect((await repos().tracker.standingEntries()).find((e) => e.recommendation_id === second)?.officer).toBe('Joanna Bloggs');
    expect(await lastTags()).toContain(TRACKER_ENTRY_TAG);
  });

  it('follow a meeting recommendation made by a limb, its item made exempt and public again, and the limb withdrawn as recorded in error', async () => {
    const meeting = await services.meetingWorkspace.createMeeting(officer, { organisationId: String(fixture.committee.id), meetingDate: '2026-10-14' });
    const item = await services.meetingWorkspace.addAgendaItem(officer, meeting.id, { title: 'Home care', description: 'Home care market' });
    await services.meetingWorkspace.publishAgenda(officer, meeting.id, { version: await version('meetings', meeting.id), urgencyReason: 'Recorded after' });
    const form = {
      title: 'Home care market',
      agendaItemId: String(item.id),
      limb1Verb: 'recommended',
      limb1Text: 'That Cabinet review home care rates.',
      limb1TargetOrganisationId: String(fixture.cabinet.id),
    };
    const minute = await services.meetingWorkspace.addMinute(officer, meeting.id, form, limbRows(form));
    await expectInStep();
    expect(await lastTags()).toContain(TRACKER_ENTRY_TAG);
    const made = await handle.db
      .selectFrom('recommendations as rec')
      .innerJoin('resolution_limbs as l', 'l.id', 'rec.resolution_limb_id')
      .innerJoin('resolutions as res', 'res.id', 'l.resolution_id')
      .select(['rec.id', 'l.id as limb_id'])
      .where('res.minute_id', '=', minute.id)
      .executeTakeFirstOrThrow();
    expect((await repos().tracker.standingEntries()).map((e) => e.recommendation_id)).toContain(made.id);

    await services.meetingWorkspace.updateAgendaItem(officer, item.id, {
      title: item.title,
      exemptParagraph: '3',
      version: await version('agenda_items', item.id),
    });
    await expectInStep();
    expect((await repos().tracker.standingEntries()).map((e) => e.recommendation_id)).not.toContain(made.id);
    await services.meetingWorkspace.updateAgendaItem(officer, item.id, {
      title: item.title,
      exemptParagraph: '',
      version: await version('agenda_items', item.id),
    });
    await expectInStep();
    expect((await repos().tracker.standingEntries()).map((e) => e.recommendation_id)).toContain(made.id);

    await services.meetingWorkspace.withdrawLimb(officer, made.limb_id, {
      reason: 'Recorded against the wrong item.',
      version: await version('resolution_limbs', made.limb_id),
    });
    await expectInStep();
    expect((await repos().tracker.standingEntries()).map((e) => e.recommendation_id)).not.toContain(made.id);
  });

  it('follow a recommendation minuted on a draft item onto the tracker when the agenda is published', async () => {
    const meeting = await services.meetingWorkspace.createMeeting(officer, { organisationId: String(fixture.committee.id), meetingDate: '2026-12-09' });
    const item = await services.meetingWorkspace.addAgendaItem(officer, meeting.id, { title: 'Libraries', description: 'Library hours' });
    const form = {
      title: 'Library hours',
      agendaItemId: String(item.id),
      limb1Verb: 'recommended',
      limb1Text: 'That Cabinet extend library opening hours.',
      limb1TargetOrganisationId: String(fixture.cabinet.id),
    };
    await services.meetingWorkspace.addMinute(officer, meeting.id, form, limbRows(form));
    await expectInStep();
    const before = (await repos().tracker.standingEntries()).length;
    await services.meetingWorkspace.publishAgenda(officer, meeting.id, { version: await version('meetings', meeting.id), urgencyReason: 'Recorded after' });
    await expectInStep();
    expect((await repos().tracker.standingEntries()).length).toBe(before + 1);
  });

  it('are filled by migration 0043 as entries() derives them, from every record written above', async () => {
    const db = handle.db as unknown as Kysely<unknown>;
    await m0043.down(db);
    await m0043.up(db);
    await expectInStep();
  });
});

describe.each(testDialects())('the change log of writes to the tracker on %s', (dialect) => {
  let handle: TestDb;
  let services: Services;
  let officer: Actor;
  let fixture: Awaited<ReturnType<typeof createTestReview>>;

  async function lastTags(): Promise<string[]> {
    const row = await handle.db.selectFrom('change_log').select('tags').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    return splitTags(row.tags);
  }

  beforeAll(async () => {
    handle = await createTestDb(dialect);
    services = createServices({ database: handle, clock: fixedClock(TODAY) });
    fixture = await createTestReview(handle);
    officer = await addOfficer(services);
    await services.recommendations.respond(
      fixture.review.slug,
      1,
      {
        decision: 'accepted',
        responseText: 'Agreed.',
        proposedAction: 'Act',
        actionByDate: '2027-06-30',
        agreedMeeting: fixture.responseMeeting.slug,
        responsibleName: 'Head of Libraries',
      },
      'system',
    );
  });
  afterAll(async () => handle?.destroy());

  it('names the tracker entries when a progress status changes one, and not when a second of the same status leaves it as it was', async () => {
    const add = (updateDate: string) =>
      services.recommendations.addProgress(fixture.review.slug, 1, { updateDate, status: 'on_track', rag: 'green', narrative: 'Going well' }, 'system');
    const first = await add('2026-06-01');
    expect(await lastTags()).toContain(TRACKER_ENTRY_TAG);
    await add('2026-07-01');
    const tags = await lastTags();
    expect(tags).toContain(`recommendation:${first.recommendation_id}`);
    expect(tags).not.toContain(TRACKER_ENTRY_TAG);
  });

  it('does not name them for a minute that makes no recommendation, and does for a new recommendation', async () => {
    const meeting = await services.meetingWorkspace.createMeeting(officer, { organisationId: String(fixture.committee.id), meetingDate: '2026-10-14' });
    await services.meetingWorkspace.addMinute(officer, meeting.id, { title: 'Apologies', body: 'Apologies were received.' });
    expect(await lastTags()).not.toContain(TRACKER_ENTRY_TAG);
    await services.scrutinyWorkspace.addRecommendation(officer, fixture.review.id, { text: 'Open on Sundays.' });
    expect(await lastTags()).toContain(TRACKER_ENTRY_TAG);
  });
});

describe.each(testDialects())('refreshes of the same entries at once on %s', (dialect) => {
  let handle: TestDb;
  let fixture: Awaited<ReturnType<typeof createTestReview>>;
  const clock = fixedClock(TODAY);

  beforeAll(async () => {
    handle = await createTestDb(dialect);
    fixture = await createTestReview(handle);
  });
  afterAll(async () => handle?.destroy());

  it('all commit, and the entries end as the records say, whichever order they commit in', async () => {
    const [first, second] = await handle.db.selectFrom('recommendations').select('id').where('review_id', '=', fixture.review.id).orderBy('number').execute();
    const ids = [first!.id, second!.id];
    const committed: number[] = [];
    // Each adds an update dated later than the one before to both recommendations and refreshes
    // their entries (some all of them); the latest status is the last save's only if each refresh
    // read what the others had committed.
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        handle.db.transaction().execute(async (trx) => {
          const r = createRepositories({ db: trx, clock });
          for (const id of i % 2 === 0 ? ids : [...ids].reverse()) {
            await r.recommendations.addProgress({
              recommendation_id: id,
              update_date: `2026-0${i + 1}-01`,
              status: i === 5 ? 'slipped' : 'on_track',
              rag: null,
              narrative: `Save ${i + 1}`,
              previous_target_date: null,
              new_target_date: i === 5 ? '2027-01-31' : null,
              slip_reason: null,
              author_name: null,
            });
          }
          await r.tracker.refreshEntries(i === 3 ? 'all' : i % 2 === 0 ? ids : [...ids].reverse());
          committed.push(i + 1);
        }),
      ),
    );
    expect(committed).toHaveLength(6);
    const r = createRepositories({ db: handle.db, clock });
    const entries = await r.tracker.standingEntries();
    expect(entries).toEqual(await r.tracker.derivedEntries());
    expect(entries.filter((e) => ids.includes(e.recommendation_id)).map((e) => [e.latest_status, e.target_date])).toEqual([
      ['slipped', '2027-01-31'],
      ['slipped', '2027-01-31'],
    ]);
  });
});

describe.each(testDialects())('the tracker entries after a load outside the write pipeline on %s', (dialect) => {
  const handles: TestDb[] = [];
  const fresh = async () => {
    const handle = await createTestDb(dialect);
    handles.push(handle);
    return handle;
  };
  afterAll(async () => {
    for (const handle of handles) await handle.destroy();
  });

  async function expectListed(handle: TestDb): Promise<void> {
    const r = createRepositories({ db: handle.db, clock: fixedClock(TODAY) });
    const held = await r.tracker.standingEntries();
    expect(held.length).toBeGreaterThan(0);
    expect(held).toEqual(await r.tracker.derivedEntries());
  }

  it('hold the demo as loaded', async () => {
    const handle = await fresh();
    await createServices({ database: handle, clock: fixedClock(TODAY) }).demo.loadIfAbsent();
    await expectListed(handle);
  });

  it('hold a generated archive as written', async () => {
    const handle = await fresh();
    await createArchiveGenerator({ db: handle.db }).generate({ years: 1, seed: 3 });
    await expectListed(handle);
  });
});
