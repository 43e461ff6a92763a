// Emails queued by the forward plan and the work programme on both engines (the outbox read, nothing sent): followers of a body told when a key decision is published or its date moves, once each, private detail never in them; a topic's lead member and lead officer told when it is planned for a meeting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { body, meeting, person } from '../support/factories.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

const SETTINGS = { baseUrl: 'https://democracy.example.gov.uk', from: 'Scrutineer <noreply@example.gov.uk>' };

describe.each(testDialects())('forward plan and work programme emails on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  let officer: Actor;
  let cabinetId = 0;
  let committeeId = 0;

  const outbox = async (recipient: string) =>
    db.db.selectFrom('outbox').select(['subject', 'body', 'kind']).where('recipient', '=', recipient).orderBy('id').execute();

  /** The form's fields for a key decision by Cabinet, first published today (15 June 2026). */
  const fields = (values: Record<string, string> = {}) => ({
    organisationId: String(cabinetId),
    title: 'Closure of the Riverside day centre',
    description: 'Proposal to close the centre.',
    decisionMakerKind: 'cabinet',
    isKeyDecision: 'yes',
    reasonWards: 'yes',
    wardsAffected: '3',
    firstPublishedOn: '2026-06-15',
    intendedDate: '2026-08-20',
    noticeRoute: 'notice',
    ...values,
  });

  /** Follows a body and confirms with the token from the confirmation email, as its owner would. */
  async function follow(email: string, bodyId: number) {
    await services.notifications.follow({ email, entityType: 'body', entityId: String(bodyId) }, SETTINGS);
    const confirmation = (await outbox(email)).at(-1)?.body ?? '';
    await services.notifications.confirm(/follow\/confirm\/([A-Za-z0-9_-]+)/.exec(confirmation)?.[1] ?? '');
  }

  beforeAll(async () => {
    db = await createTestDb(dialect);
    services = createServices({ database: db, clock: fixedClock('2026-06-15T09:00:00Z') });
    const user = await services.auth.addUser('system', {
      email: 'dso@example.org',
      name: 'DSO',
      role: 'democratic_services',
      password: 'a long password here',
    });
    officer = { userId: user.id, email: user.email, name: user.name, role: 'democratic_services', personId: null };
    cabinetId = (await body(db, { name: 'Cabinet', kind: 'executive' })).id;
    committeeId = (await body(db, { name: 'Health Select Commission', kind: 'scrutiny_committee' })).id;
  });
  afterAll(async () => db?.destroy());

  it('tells confirmed followers of the body when a key decision is published and when its date moves, once each', async () => {
    await follow('resident@example.org', cabinetId);
    await services.notifications.follow({ email: 'unconfirmed@example.org', entityType: 'body', entityId: String(cabinetId) }, SETTINGS);
    await follow('other@example.org', committeeId);
    await services.notifications.queueDue(SETTINGS);

    const entry = await services.forwardPlan.create(officer, fields());
    await services.forwardPlan.create(officer, fields({ title: 'Minor grant', isKeyDecision: 'no', reasonWards: '', wardsAffected: '' }));
    await services.notifications.queueDue(SETTINGS);
    const published = await outbox('resident@example.org');
    expect(published.at(-1)).toMatchObject({ subject: 'Key decision: Closure of the Riverside day centre', kind: 'forward_plan.published' });
    expect(published.at(-1)?.body).toContain(`https://democracy.example.gov.uk/forward-plan/${entry.slug}`);
    expect(published.at(-1)?.body).toContain('20 August 2026');
    expect(published.at(-1)?.body).toContain('/unsubscribe/');
    expect(published.some((m) => m.subject.includes('Minor grant'))).toBe(false);
    expect((await outbox('unconfirmed@example.org')).map((m) => m.kind)).toEqual(['follow.confirm']);
    expect((await outbox('other@example.org')).map((m) => m.kind)).toEqual(['follow.confirm']);

    // Saved with the same date: nothing; with a new date: one message; asked again: nothing more.
    await services.forwardPlan.update(officer, entry.id, fields({ documents: 'Report of the Strategic Director', version: String(entry.version) }));
    await services.notifications.queueDue(SETTINGS);
    expect(await outbox('resident@example.org')).toHaveLength(published.length);
    await services.forwardPlan.update(officer, entry.id, fields({ intendedDate: '2026-09-17', version: String(entry.version + 1) }));
    expect((await services.notifications.queueDue(SETTINGS)).queued).toBe(1);
    const moved = (await outbox('resident@example.org')).at(-1);
    expect(moved?.subject).toBe('New date for key decision: Closure of the Riverside day centre');
    expect(moved?.body).toContain('from 20 August 2026 to 17 September 2026');
    expect((await services.notifications.queueDue(SETTINGS)).queued).toBe(0);
  });

  it('says only that a private key decision will be taken in private', async () => {
    await services.forwardPlan.create(officer, fields({ title: 'Sale of the old library', description: 'Offer from Quillon Estates', exemptParagraph: '3' }));
    await services.notifications.queueDue(SETTINGS);
    const message = (await outbox('resident@example.org')).at(-1);
    expect(message?.subject).toBe('Key decision: Sale of the old library');
    expect(message?.body).toContain('The decision will be taken in private.');
    expect(message?.body).not.toContain('Quillon');
  });

  it('tells a topic’s lead member and lead officer (by their own and their account’s address) when it is planned for a meeting', async () => {
    const member = await person(db, { name: 'Cllr Ann Lead', email: 'ann.lead@example.org' });
    const leadOfficer = await person(db, { name: 'Olu Officer', kind: 'officer', email: null });
    await services.auth.addUser('system', {
      email: 'olu@example.org',
      name: 'Olu',
      role: 'lead_officer',
      person: leadOfficer.slug,
      password: 'a long password here',
    });
    const planned = await meeting(db, { organisation_id: committeeId, meeting_date: '2026-07-10', status: 'scheduled' });
    const topic = await services.workProgramme.createTopic(officer, {
      organisationId: String(committeeId),
      municipalYear: '2026',
      title: 'Adult social care waiting lists',
      method: 'agenda_item',
      source: 'member',
      leadMemberId: String(member.id),
      leadOfficerId: String(leadOfficer.id),
    });
    await services.workProgramme.act(officer, topic.id, 'agree', { version: String(topic.version) });
    await services.workProgramme.act(officer, topic.id, 'schedule', { meetingId: String(planned.id), version: String(topic.version + 1) });
    for (const address of ['ann.lead@example.org', 'olu@example.org']) {
      expect((await outbox(address)).map((m) => m.kind)).toEqual(['work_programme.scheduled']);
      expect((await outbox(address))[0]?.subject).toContain('Adult social care waiting lists is planned for Health Select Commission');
    }
  });
});
