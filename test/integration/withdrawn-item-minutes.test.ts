// A withdrawn agenda item takes its minutes, resolutions and limbs off every public output (page, feed, CSV, API, papers, search) in the same commit, on both engines, and restoring it brings them back.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { paths } from '../../src/web/paths.ts';
import { createLifecycleCase, type LifecycleCase } from '../support/lifecycle-fixtures.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

/** The words a search results page highlights in its results. */
const highlighted = (page: string) => (page.match(/<mark>[^<]*<\/mark>/g) ?? []).join(' ');

/** Words that appear only in the minute and its resolution. */
const MINUTE_WORDS = 'Zanzibar parking permits';
const LIMB_WORDS = 'quokka wardens';

describe.each(testDialects())('minutes of a withdrawn agenda item on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  let app: FastifyInstance;
  let c: LifecycleCase;
  let itemId: number;
  let meetingSlug: string;
  let resolutionId: number;
  let moverSlug: string;

  const get = async (url: string) => {
    const response = await app.inject({ url });
    expect(response.statusCode, url).toBe(200);
    return response.body;
  };
  /** Every public output that carried the minute, each read as the public reads it. */
  const outputs = async () => ({
    meetingPage: await get(paths.meeting(meetingSlug)),
    moverPage: await get(paths.person(moverSlug)),
    feed: await get(paths.decisionsFeed()),
    csv: await get(paths.decisionsCsv()),
    apiMeeting: await get(`${paths.api.collection('meetings')}/${c.cabinetMeetingId}`),
    apiDecisions: await get(paths.api.collection('decisions')),
    minutesPaper: await get(paths.papers.minutes(meetingSlug, 'print')),
    // The search page repeats the words searched for; what it found is what it highlights.
    searchMinute: highlighted(await get(paths.search({ q: 'Zanzibar' }))),
    searchLimb: highlighted(await get(paths.search({ q: 'quokka' }))),
  });

  beforeAll(async () => {
    const clock = fixedClock('2026-06-15T09:00:00Z');
    db = await createTestDb(dialect, { clock });
    services = createServices({ database: db, clock });
    c = await createLifecycleCase(services);
    const officer = c.officer;
    const item = await services.meetingWorkspace.addAgendaItem(officer, c.cabinetMeetingId, { title: 'Parking permits scheme' });
    itemId = item.id;
    const version = (await services.meetingWorkspace.meeting(officer, c.cabinetMeetingId)).meeting.version;
    await services.meetingWorkspace.publishAgenda(officer, c.cabinetMeetingId, { version: String(version), urgencyReason: 'Held already' });
    const minute = await services.meetingWorkspace.addMinute(
      officer,
      c.cabinetMeetingId,
      { title: MINUTE_WORDS, agendaItemId: String(item.id), body: `The Cabinet considered ${MINUTE_WORDS}.` },
      { limbs: [{ verb: 'agreed', text: `That ${LIMB_WORDS} be appointed.`, targetOrganisationId: null, targetMeetingId: null }], errors: [] },
    );
    const [resolution] = await db.db.selectFrom('resolutions').select('id').where('minute_id', '=', minute.id).execute();
    if (!resolution) throw new Error('no resolution was recorded');
    resolutionId = resolution.id;
    // The mover, linked to their person as an import links them: their page lists the motion.
    const mover = await services.organisationWorkspace.createPerson(officer, { name: 'Cllr Mo Ver', kind: 'councillor' });
    moverSlug = mover.slug;
    await db.db.updateTable('resolutions').set({ mover_name: 'Cllr Mo Ver', mover_person_id: mover.id }).where('id', '=', resolution.id).execute();
    meetingSlug = (await services.meetingWorkspace.meeting(officer, c.cabinetMeetingId)).meeting.slug;
    app = await buildApp({ services });
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  it('shows the minute and its decision on every public output while the item stands', async () => {
    const shown = await outputs();
    for (const [name, body] of Object.entries(shown)) {
      expect(body, name).toMatch(name === 'searchLimb' ? /quokka/i : /Zanzibar/);
    }
    expect(shown.meetingPage).toContain(LIMB_WORDS);
    expect(shown.minutesPaper).toContain(LIMB_WORDS);
    await get(paths.papers.decision(meetingSlug, resolutionId, 'print'));
    await get(`${paths.api.collection('decisions')}/${resolutionId}`);
  });

  it('takes them off every public output when the item is withdrawn', async () => {
    await services.withdrawals.withdraw(c.officer, 'agenda_item', itemId, { reason: 'Added to the wrong meeting' });
    for (const [name, body] of Object.entries(await outputs())) {
      expect(body, name).not.toMatch(/Zanzibar|quokka/i);
    }
    expect((await app.inject({ url: paths.papers.decision(meetingSlug, resolutionId, 'print') })).statusCode).toBe(404);
    expect((await app.inject({ url: `${paths.api.collection('decisions')}/${resolutionId}` })).statusCode).toBe(404);
  });

  it('brings them back when the item is restored', async () => {
    await services.withdrawals.restore(c.officer, 'agenda_item', itemId);
    const shown = await outputs();
    for (const [name, body] of Object.entries(shown)) {
      expect(body, name).toMatch(name === 'searchLimb' ? /quokka/i : /Zanzibar/);
    }
    await get(paths.papers.decision(meetingSlug, resolutionId, 'print'));
  });
});
