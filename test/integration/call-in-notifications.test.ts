// Emails of a call-in on both engines: when it is accepted, heard and reconsidered, the followers of the decision's meeting and the decision maker the forward plan names are told, once each; a call-in of exempt business is told to nobody.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import * as make from '../support/factories.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

const officer: Actor = { userId: 1, email: 'officer@example.org', name: 'Olive Officer', role: 'democratic_services', personId: null };
const MAIL = { baseUrl: 'https://democracy.example.gov.uk', from: 'democracy@example.gov.uk' };

describe.each(testDialects())('call-in emails on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  let open = 0;
  let exempt = 0;
  let hearingMeetingId = 0;

  const version = async (id: number) => String((await services.callIns.callIn(officer, id)).callIn.version);
  const told = async () => db.db.selectFrom('outbox').select(['recipient', 'subject', 'body']).where('kind', '=', 'call-in').orderBy('id').execute();

  beforeAll(async () => {
    db = await createTestDb(dialect);
    services = createServices({ database: db, clock: fixedClock('2026-03-05T10:00:00Z') });
    const cabinet = await make.body(db, { name: 'Cabinet', kind: 'executive' });
    const scrutiny = await make.body(db, { name: 'Scrutiny Board', kind: 'scrutiny_committee' });
    const councillors: number[] = [];
    for (const name of ['Ash', 'Birch', 'Cedar', 'Elm', 'Fir']) {
      const p = await make.person(db, { name: `Councillor ${name}` });
      await make.membership(db, { person_id: p.id, organisation_id: scrutiny.id });
      councillors.push(p.id);
    }
    const leader = await make.person(db, { name: 'Councillor Lee', email: 'leader@example.org' });
    const entry = await make.forwardPlanEntry(db, { organisation_id: cabinet.id, title: 'Library closures', decision_maker_person_id: leader.id });
    const meeting = await make.meeting(db, { organisation_id: cabinet.id, meeting_date: '2026-03-04', is_executive: 1, status: 'scheduled' });
    hearingMeetingId = (await make.meeting(db, { organisation_id: scrutiny.id, meeting_date: '2026-03-12', status: 'scheduled' })).id;
    await make.follower(db, { email: 'resident@example.org', entity_type: 'meeting', entity_id: meeting.id });
    const items = [
      await make.agendaItem(db, { meeting_id: meeting.id, title: 'Library closures', position: 1, number: '1', forward_plan_entry_id: entry.id }),
      await make.agendaItem(db, { meeting_id: meeting.id, title: 'Land sale', position: 2, number: '2', exempt_paragraph: 3, forward_plan_entry_id: entry.id }),
    ];
    const ids: number[] = [];
    for (const [i, item] of items.entries()) {
      const title = i === 0 ? 'Library closures' : 'Sale of the Quayside site';
      const limbs = {
        limbs: [{ verb: 'approved', text: `That the ${title} proposal be approved.`, targetOrganisationId: null, targetMeetingId: null }],
        errors: [],
      };
      const minute = await services.meetingWorkspace.addMinute(officer, meeting.id, { title, agendaItemId: String(item.id) }, limbs);
      const resolution = await db.db.selectFrom('resolutions').select('id').where('minute_id', '=', minute.id).executeTakeFirstOrThrow();
      const created = await services.callIns.lodge(officer, resolution.id, {
        'receivedOn-day': '5',
        'receivedOn-month': '3',
        'receivedOn-year': '2026',
        grounds: 'Users were not consulted.',
        ...Object.fromEntries(councillors.map((id) => [`councillor-${id}`, '1'])),
      });
      ids.push(created.id);
    }
    [open = 0, exempt = 0] = ids;
  });
  afterAll(async () => db?.destroy());

  it('tells nobody of a notice until it is accepted, then the followers and the decision maker, once', async () => {
    await services.notifications.queueDue(MAIL);
    expect(await told()).toEqual([]);
    for (const id of [open, exempt]) await services.callIns.check(officer, id, { verdict: 'accepted', reason: 'Valid.', version: await version(id) });
    await services.notifications.queueDue(MAIL);
    await services.notifications.queueDue(MAIL);
    const messages = await told();
    expect(messages.map((m) => [m.recipient, m.subject])).toEqual([
      ['resident@example.org', 'Called in: Cabinet, Minute 1: Library closures'],
      ['leader@example.org', 'Called in: Cabinet, Minute 1: Library closures'],
    ]);
    expect(messages[0]?.body).toContain('Called in on 5 March 2026 — implementation held');
    expect(messages[0]?.body).toContain(`${MAIL.baseUrl}/call-ins#call-in-${open}`);
    expect(messages[0]?.body).toContain(`${MAIL.baseUrl}/unsubscribe/`);
    expect(JSON.stringify(messages)).not.toContain('Quayside');
  });

  it('tells them the committee’s outcome and the reconsideration that closes it', async () => {
    await services.callIns.scheduleHearing(officer, open, { meetingId: String(hearingMeetingId), version: await version(open) });
    await services.callIns.recordOutcome(officer, open, { outcome: 'referred_back', outcomeText: 'Consult users first.', version: await version(open) });
    await services.notifications.queueDue(MAIL);
    await services.callIns.recordReconsideration(officer, open, { reconsideration: 'modified', reasons: 'Deferred.', version: await version(open) });
    await services.notifications.queueDue(MAIL);
    const messages = (await told()).slice(2);
    expect(messages.map((m) => [m.recipient, m.subject])).toEqual([
      ['resident@example.org', 'Call-in outcome: Cabinet, Minute 1: Library closures'],
      ['leader@example.org', 'Call-in outcome: Cabinet, Minute 1: Library closures'],
      ['resident@example.org', 'Call-in closed: Cabinet, Minute 1: Library closures'],
      ['leader@example.org', 'Call-in closed: Cabinet, Minute 1: Library closures'],
    ]);
    expect(messages[0]?.body).toContain('Referred back to the decision maker with recommendations');
    expect(messages[2]?.body).toContain('reconsidered on 5 March 2026: Decision modified');
  });
});
