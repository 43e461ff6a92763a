// The tracker's page, counted by the database, against a recount from every open recommendation, on both engines, after each kind of write that moves a recommendation on or off it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import type { TrackerFilter } from '../../src/services/tracker-service.ts';
import { limbRows } from '../../src/web/routes/admin/resolution-rows.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { createTestReview } from '../support/tracker-fixtures.ts';

const TODAY = '2026-11-22T12:00:00Z';
const PAGE_SIZE = 2;

describe.each(testDialects())('the tracker page against a recount on %s', (dialect) => {
  let handle: TestDb;
  let services: Services;
  let officer: Actor;
  let fixture: Awaited<ReturnType<typeof createTestReview>>;

  /** Every view a visitor may ask for: no filter, each filter alone, and two together. */
  function views(): TrackerFilter[] {
    const committee = `${fixture.review.slug}-committee`;
    return [
      {},
      { committee },
      { committee, status: 'slipped' },
      { status: 'none' },
      { status: 'achieved' },
      { officer: 'Jo Bloggs' },
      { year: '2026' },
      { origin: 'meeting' },
      { origin: 'review', committee },
    ];
  }

  /** The page's summary, choices and rows equal what counting every open recommendation gives, on every page of every view. */
  async function expectSameAsRecount(): Promise<void> {
    for (const filter of views()) {
      const recount = await services.tracker.tracker(filter);
      const pages = Math.max(1, Math.ceil(recount.rows.length / PAGE_SIZE));
      for (let number = 1; number <= pages; number += 1) {
        const page = await services.tracker.trackerPage(filter, { number, size: PAGE_SIZE });
        expect({ filter, number, summary: page.summary }).toEqual({ filter, number, summary: recount.summary });
        expect(page.options).toEqual(recount.options);
        expect(page.rows).toEqual(recount.rows.slice((number - 1) * PAGE_SIZE, number * PAGE_SIZE));
      }
    }
  }

  beforeAll(async () => {
    handle = await createTestDb(dialect);
    services = createServices({ database: handle, clock: fixedClock(TODAY) });
    await services.demo.loadIfAbsent();
    fixture = await createTestReview(handle);
    const user = await services.auth.addUser('system', {
      email: 'dso@example.org',
      name: 'Dem Services',
      role: 'democratic_services',
      password: 'a long password here',
    });
    officer = { userId: user.id, email: user.email, name: user.name, role: 'democratic_services', personId: null };
  });
  afterAll(async () => handle?.destroy());

  it('agrees before any write', async () => {
    expect((await services.tracker.trackerPage({}, { number: 1, size: PAGE_SIZE })).summary.total).toBeGreaterThan(3);
    await expectSameAsRecount();
  });

  it('agrees after responses, a slip, an achieved update and a sign-off', async () => {
    const respond = (number: number, actionByDate: string, who: Record<string, string>) =>
      services.recommendations.respond(
        fixture.review.slug,
        number,
        { decision: 'accepted', responseText: 'Agreed.', proposedAction: 'Act', actionByDate, agreedMeeting: fixture.responseMeeting.slug, ...who },
        'system',
      );
    await respond(1, '2026-06-30', { responsiblePerson: fixture.officer.slug });
    await expectSameAsRecount();
    await respond(2, '2027-03-31', { responsibleName: 'Cabinet Member for Culture' });
    await expectSameAsRecount();
    const progress = (number: number, values: Record<string, string>) => services.recommendations.addProgress(fixture.review.slug, number, values, 'system');
    await progress(1, {
      updateDate: '2026-07-15',
      status: 'slipped',
      rag: 'amber',
      narrative: 'Delayed',
      newTargetDate: '2026-12-31',
      slipReason: 'Vacancies',
    });
    await expectSameAsRecount();
    await progress(2, { updateDate: '2026-08-01', status: 'on_track', rag: 'green', narrative: 'Going well' });
    await progress(1, { updateDate: '2026-11-01', status: 'achieved', rag: 'green', narrative: 'Done' });
    await expectSameAsRecount();
    expect((await services.tracker.trackerPage({ status: 'achieved' }, { number: 1, size: PAGE_SIZE })).summary.achieved).toBeGreaterThanOrEqual(1);
    await services.recommendations.signOff(fixture.review.slug, 1, { meeting: fixture.signOffMeeting.slug }, 'system');
    await expectSameAsRecount();
  });

  it('agrees after a withdrawal and its restoring', async () => {
    const [third] = await handle.db.selectFrom('recommendations').select('id').where('review_id', '=', fixture.review.id).where('number', '=', 3).execute();
    await services.withdrawals.withdraw(officer, 'recommendation', third!.id, { reason: 'Entered twice' });
    await expectSameAsRecount();
    await services.withdrawals.restore(officer, 'recommendation', third!.id);
    await expectSameAsRecount();
  });

  it('agrees when the business that made a recommendation becomes exempt', async () => {
    const body = fixture.committee.id;
    const meeting = await services.meetingWorkspace.createMeeting(officer, { organisationId: String(body), meetingDate: '2026-10-14' });
    const item = await services.meetingWorkspace.addAgendaItem(officer, meeting.id, { title: 'Home care', description: 'Home care market' });
    await services.meetingWorkspace.publishAgenda(officer, meeting.id, { version: String(meeting.version), urgencyReason: 'Recorded after the meeting' });
    const form = {
      title: 'Home care market',
      agendaItemId: String(item.id),
      limb1Verb: 'recommended',
      limb1Text: 'That Cabinet review home care rates.',
      limb1TargetOrganisationId: String(fixture.cabinet.id),
    };
    await services.meetingWorkspace.addMinute(officer, meeting.id, form, limbRows(form));
    const before = await services.tracker.trackerPage({ origin: 'meeting' }, { number: 1, size: PAGE_SIZE });
    await expectSameAsRecount();
    const current = await handle.db.selectFrom('agenda_items').selectAll().where('id', '=', item.id).executeTakeFirstOrThrow();
    await services.meetingWorkspace.updateAgendaItem(officer, item.id, { title: current.title, exemptParagraph: '3', version: String(current.version) });
    const after = await services.tracker.trackerPage({ origin: 'meeting' }, { number: 1, size: PAGE_SIZE });
    expect(after.summary.total).toBe(before.summary.total - 1);
    await expectSameAsRecount();
  });
});
