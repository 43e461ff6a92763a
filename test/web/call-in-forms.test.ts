// The call-in forms in process: a refused notice re-renders with 400 and the GOV.UK error summary naming the rule, a valid one leads to the call-in's page, and the public meeting page, /call-ins and its CSV show it; exempt decisions never.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { paths } from '../../src/web/paths.ts';
import { mainText } from '../support/page-text.ts';
import * as factories from '../support/factories.ts';
import { createTestDb, type TestDb } from '../support/test-db.ts';
import { signedIn, workspaceClient, type WorkspaceClient } from '../support/workspace-client.ts';

const OFFICER = { email: 'dso@example.org', password: 'officer password 1' };
const actor = { userId: 1, email: OFFICER.email, name: 'Dee Ess', role: 'democratic_services' as const, personId: null };

let app: FastifyInstance;
let database: TestDb;
let services: Services;
let officer: WorkspaceClient;
let resolutionId: number;
let exemptResolutionId: number;
let meetingSlug: string;
const councillors: number[] = [];

beforeAll(async () => {
  database = await createTestDb('sqlite');
  // Thursday 5 March 2026.
  services = createServices({ database, clock: fixedClock('2026-03-05T10:00:00Z') });
  app = await buildApp({ services, signInRateLimit: 1000 });
  await services.auth.addUser('system', { ...OFFICER, name: 'Dee Ess', role: 'democratic_services' });
  const cabinet = await factories.body(database, { name: 'Cabinet', kind: 'executive' });
  const board = await factories.body(database, { name: 'Scrutiny Board', kind: 'scrutiny_committee' });
  for (const name of ['Ash', 'Birch', 'Cedar', 'Elm', 'Fir']) {
    const p = await factories.person(database, { name: `Councillor ${name}` });
    await factories.membership(database, { person_id: p.id, organisation_id: board.id });
    councillors.push(p.id);
  }
  const meeting = await factories.meeting(database, { organisation_id: cabinet.id, meeting_date: '2026-03-04', is_executive: 1, status: 'scheduled' });
  meetingSlug = meeting.slug;
  const open = await factories.agendaItem(database, { meeting_id: meeting.id, title: 'Library closures', position: 1, number: '1' });
  const exempt = await factories.agendaItem(database, { meeting_id: meeting.id, title: 'Land sale', position: 2, number: '2', exempt_paragraph: 3 });
  const limb = (text: string) => ({ limbs: [{ verb: 'approved', text, targetOrganisationId: null, targetMeetingId: null }], errors: [] });
  await services.meetingWorkspace.addMinute(actor, meeting.id, { title: 'Library closures', agendaItemId: String(open.id) }, limb('That two libraries close.'));
  await services.meetingWorkspace.addMinute(
    actor,
    meeting.id,
    { title: 'Sale of the Quayside site', agendaItemId: String(exempt.id) },
    limb('That the Quayside site be sold to Zephyr Ltd.'),
  );
  const resolutions = await database.db.selectFrom('resolutions').select('id').orderBy('id').execute();
  resolutionId = resolutions[0]?.id ?? 0;
  exemptResolutionId = resolutions[1]?.id ?? 0;
  officer = await signedIn(app, OFFICER.email, OFFICER.password);
});
afterAll(async () => {
  await app.close();
  await database.destroy();
});

const notice = (ids: readonly number[], grounds: string) => ({
  'receivedOn-day': '5',
  'receivedOn-month': '3',
  'receivedOn-year': '2026',
  grounds,
  ...Object.fromEntries(ids.map((id) => [`councillor-${id}`, '1'])),
});

describe('recording a call-in notice', () => {
  it('refuses too few councillors with 400, the rule named in the error summary, and keeps what was typed', async () => {
    const response = await officer.submit(paths.admin.newCallIn(resolutionId), notice(councillors.slice(0, 2), 'Users were not consulted.'));
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain('href="#councillors"');
    expect(mainText(response.body)).toContain('A call-in needs 5 councillors under the council’s rules; this notice has 2');
    expect(response.body).toContain('Users were not consulted.');
    expect(await database.db.selectFrom('call_ins').selectAll().execute()).toEqual([]);
  });

  it('records a valid notice, and the public sees it under the decision, on /call-ins and in the CSV', async () => {
    const response = await officer.submit(paths.admin.newCallIn(resolutionId), notice(councillors, 'Users were not consulted.'));
    expect(response.statusCode).toBe(303);
    expect(String(response.headers.location)).toMatch(/^\/admin\/call-ins\/\d+$/);
    const page = await officer.get(String(response.headers.location));
    expect(mainText(page.body)).toContain('Check the notice');
    const visitor = workspaceClient(app);
    expect(mainText((await visitor.get(paths.meeting(meetingSlug))).body)).toContain('Call-in: Notice received: validity being checked');
    const list = mainText((await visitor.get(paths.callIns())).body);
    expect(list).toContain('Cabinet, Minute 1: Library closures');
    expect(list).toContain('Councillor Elm');
    const csv = (await visitor.get(paths.callInsCsv())).body;
    expect(csv).toContain('Users were not consulted.');
  });

  it('never publishes a call-in of a decision taken under exempt business', async () => {
    const response = await officer.submit(paths.admin.newCallIn(exemptResolutionId), notice(councillors, 'The Zephyr sale is undervalued.'));
    expect(response.statusCode).toBe(303);
    const visitor = workspaceClient(app);
    for (const path of [paths.callIns(), paths.callInsCsv(), paths.meeting(meetingSlug)]) {
      const body = (await visitor.get(path)).body;
      expect(body, path).not.toContain('Zephyr');
      expect(body, path).not.toContain('Quayside');
    }
    expect(mainText((await officer.get(paths.admin.callIns())).body)).toContain('Sale of the Quayside site');
  });
});
