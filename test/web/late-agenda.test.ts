// An agenda published late through the workspace: the public meeting page says when, how late, and the chair's reason for urgency (RULES.md rule 6).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { paths } from '../../src/web/paths.ts';
import { mainText } from '../support/page-text.ts';
import * as factories from '../support/factories.ts';
import { createTestDb, type TestDb } from '../support/test-db.ts';
import { csrfTokenIn, signedIn, workspaceClient, type WorkspaceClient } from '../support/workspace-client.ts';

let app: FastifyInstance;
let database: TestDb;
let officer: WorkspaceClient;
let cabinetId: number;

const OFFICER = { email: 'dso@example.org', password: 'officer password 1' };
const REASON = 'The auditors’ report arrived late; the chair agreed the item is urgent.';

beforeAll(async () => {
  database = await createTestDb('sqlite');
  // Monday 2 March 2026.
  const services = createServices({ database, clock: fixedClock('2026-03-02T10:00:00Z') });
  app = await buildApp({ services, signInRateLimit: 1000 });
  await services.auth.addUser('system', { ...OFFICER, name: 'Dee Ess', role: 'democratic_services' });
  cabinetId = (await factories.body(database, { slug: 'cabinet', name: 'Cabinet', kind: 'executive' })).id;
  officer = await signedIn(app, OFFICER.email, OFFICER.password);
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

async function scheduleWithItem(day: string) {
  const scheduled = await officer.submit(paths.admin.newMeeting(), {
    organisationId: String(cabinetId),
    'meetingDate-day': day,
    'meetingDate-month': '3',
    'meetingDate-year': '2026',
  });
  expect(scheduled.statusCode).toBe(303);
  const id = Number(/\/admin\/meetings\/(\d+)/.exec(String(scheduled.headers.location))?.[1]);
  expect((await officer.submit(paths.admin.newAgendaItem(id), { title: 'Library opening hours' })).statusCode).toBe(303);
  return database.db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function publish(meeting: { id: number; version: number }, urgencyReason: string) {
  const form = await officer.get(paths.admin.meeting(meeting.id));
  const response = await officer.post(paths.admin.publishAgenda(meeting.id), {
    _csrf: csrfTokenIn(form.body),
    version: String(meeting.version),
    urgencyReason,
  });
  expect(response.statusCode).toBe(303);
}

describe('an agenda published late', () => {
  it('shows the public when it was published, how late, and the reason for urgency', async () => {
    // Thursday 5 March: five clear days before it ended on 25 February.
    const meeting = await scheduleWithItem('5');
    await publish(meeting, REASON);
    const text = mainText((await workspaceClient(app).get(paths.meeting(meeting.slug))).body);
    expect(text).toContain('Agenda published 2 March 2026');
    expect(text).toMatch(/Published \d+ days late/);
    expect(text).toContain(`Reason for urgency: ${REASON}`);
  });

  it('gives no reason for an agenda published in time', async () => {
    const meeting = await scheduleWithItem('31');
    await publish(meeting, '');
    const text = mainText((await workspaceClient(app).get(paths.meeting(meeting.slug))).body);
    expect(text).toContain('Agenda published 2 March 2026');
    expect(text).not.toContain('Reason for urgency');
  });
});
