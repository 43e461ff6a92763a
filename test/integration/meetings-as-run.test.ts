// Meetings as they run, on both engines, through the services and the app in-process: draft papers kept from the public, the signed minutes' London date, referrals waiting for a body's next meeting, corrected and withdrawn limbs, cancellation emails and sign-off facts.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { paths } from '../../src/web/paths.ts';
import { limbRows } from '../../src/web/routes/admin/resolution-rows.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { tinyPdf } from '../support/tiny-pdf.ts';
import { workspaceClient } from '../support/workspace-client.ts';

// Monday 2 March 2026, 10:00 in London.
const clock = fixedClock('2026-03-02T10:00:00Z');
const MAIL = { baseUrl: 'https://democracy.example.gov.uk', from: 'noreply@example.gov.uk' };

describe.each(testDialects())('meetings as they run on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  let app: FastifyInstance;
  let officer: Actor;
  let cabinetId: number;
  let committeeId: number;

  beforeAll(async () => {
    db = await createTestDb(dialect, { clock });
    services = createServices({ database: db, clock });
    app = await buildApp({ services, signInRateLimit: 1000, mail: MAIL });
    const now = '2026-01-01T00:00:00Z';
    const org = async (slug: string, name: string, kind: string) => (await db.db.insertInto('organisations')
      .values({ slug, name, kind, created_at: now, updated_at: now, source_system: null, source_id: null, parent_id: null, description: null, category: null })
      .returning('id').executeTakeFirstOrThrow()).id;
    cabinetId = await org('cabinet', 'Cabinet', 'executive');
    committeeId = await org('scrutiny', 'Overview and Scrutiny Committee', 'scrutiny_committee');
    const user = await services.auth.addUser('system', { email: 'dso@example.org', name: 'Dem Services', role: 'democratic_services', password: 'a long password here' });
    officer = { userId: user.id, email: user.email, name: user.name, role: 'democratic_services', personId: null };
  });
  afterAll(async () => { await app.close(); await db.destroy(); });

  /** An anonymous visitor, fresh each time, as the public would come. */
  const visitor = () => workspaceClient(app);
  const schedule = (organisationId: number, meetingDate: string) => services.meetingWorkspace.createMeeting(officer, { organisationId: String(organisationId), meetingDate });
  const addMinute = (meetingId: number, values: Record<string, string>) => services.meetingWorkspace.addMinute(officer, meetingId, values, limbRows(values));

  it('keeps a paper on a draft item off its page, its file and search until the agenda is published', async () => {
    const meeting = await schedule(cabinetId, '2026-03-30');
    const item = await services.meetingWorkspace.addAgendaItem(officer, meeting.id, { title: 'Harbour dredging' });
    expect(item.is_draft).toBe(1);
    const pdf = await tinyPdf(['Dredging options', 'The narwhal channel needs dredging.']);
    const paper = await services.meetingWorkspace.uploadDocument(officer, meeting.id, { title: 'Dredging options report', kind: 'report', agendaItemId: String(item.id) }, { buffer: Buffer.from(pdf), fileName: 'dredging.pdf' });

    const before = visitor();
    expect((await before.get(paths.document(paper.slug))).statusCode).toBe(404);
    expect((await before.get(paths.documentFile(paper.slug))).statusCode).toBe(404);
    expect((await before.get(paths.search({ q: 'narwhal' }))).body).not.toContain('Dredging options report');
    expect((await before.get(paths.api.item('meetings', meeting.id))).body).not.toContain('Dredging options');

    const current = await db.db.selectFrom('meetings').select('version').where('id', '=', meeting.id).executeTakeFirstOrThrow();
    await services.meetingWorkspace.publishAgenda(officer, meeting.id, { version: String(current.version) });
    // The publication refreshed the paper's search row in its own transaction: no reindex was run.
    const indexed = await db.db.selectFrom('search_documents').select('record_id').where('kind', '=', 'document').where('record_id', '=', paper.id).execute();
    expect(indexed).toHaveLength(1);

    const after = visitor();
    const page = await after.get(paths.document(paper.slug));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Dredging options report');
    expect((await after.get(paths.documentFile(paper.slug))).statusCode).toBe(200);
    expect((await after.get(paths.search({ q: 'narwhal' }))).body).toContain('Dredging options report');
  });

  it('dates signed minutes uploaded at 00:30 on a summer night with the London day, not the UTC one', async () => {
    // 23:30 UTC on 14 July 2026 is 00:30 on 15 July in London (BST).
    const night = fixedClock('2026-07-14T23:30:00Z');
    const late = createServices({ database: db, clock: night });
    const meeting = await late.meetingWorkspace.createMeeting(officer, { organisationId: String(committeeId), meetingDate: '2026-06-01' });
    const next = await late.meetingWorkspace.createMeeting(officer, { organisationId: String(committeeId), meetingDate: '2026-07-13' });
    await addMinute(meeting.id, { title: 'Apologies' });
    const confirming = await addMinute(next.id, { title: 'Minutes of the previous meeting' });
    await late.packs.confirmMinutes(officer, meeting.id, { minuteId: String(confirming.id) }, { buffer: Buffer.from(await tinyPdf(['Signed by the chair'])), fileName: 'signed.pdf' });
    const signed = await db.db.selectFrom('documents').select('published_on').where('slug', '=', `${meeting.slug}-signed-minutes`).executeTakeFirstOrThrow();
    expect(signed.published_on).toBe('2026-07-15');
  });

  it('tells the followers of a meeting that it is cancelled, with the reason and a link from BASE_URL', async () => {
    const meeting = await schedule(committeeId, '2026-04-20');
    const reader = visitor();
    const page = await reader.get(paths.meeting(meeting.slug));
    expect(page.body).toContain(`href="${paths.follow('meeting', meeting.id).replace(/&/g, '&amp;')}"`);
    const asked = await reader.submit(paths.follow('meeting', meeting.id), { entityType: 'meeting', entityId: String(meeting.id), email: 'resident@example.org' }, paths.follow());
    expect(asked.statusCode).toBe(200);
    const confirmation = await db.db.selectFrom('outbox').select('body').where('recipient', '=', 'resident@example.org').where('kind', '=', 'follow.confirm').executeTakeFirstOrThrow();
    const token = new RegExp(`${MAIL.baseUrl}/follow/confirm/([A-Za-z0-9_-]+)`).exec(confirmation.body)?.[1] ?? '';
    expect((await reader.get(paths.followConfirm(token))).statusCode).toBe(200);
    // Someone who asked but never confirmed is told nothing.
    await reader.submit(paths.follow('meeting', meeting.id), { entityType: 'meeting', entityId: String(meeting.id), email: 'unconfirmed@example.org' }, paths.follow());

    await services.meetingWorkspace.cancelMeeting(officer, meeting.id, { reason: 'Not quorate: the chair is ill.', version: String(meeting.version) });
    await services.notifications.queueDue(MAIL);
    const told = await db.db.selectFrom('outbox').select(['recipient', 'subject', 'body']).where('kind', '=', 'meeting.cancelled').execute();
    expect(told.map((m) => m.recipient)).toEqual(['resident@example.org']);
    expect(told[0]?.subject).toBe('Cancelled: Overview and Scrutiny Committee, 20 April 2026');
    expect(told[0]?.body).toContain('Not quorate: the chair is ill.');
    expect(told[0]?.body).toContain(`${MAIL.baseUrl}${paths.meeting(meeting.slug)}`);
    expect(told[0]?.body).toContain(`${MAIL.baseUrl}/unsubscribe/`);
    // Told once: the next run queues nothing more.
    await services.notifications.queueDue(MAIL);
    expect(await db.db.selectFrom('outbox').select('id').where('kind', '=', 'meeting.cancelled').execute()).toHaveLength(1);
  });
});
