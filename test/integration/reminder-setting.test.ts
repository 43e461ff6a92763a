// The reminder window as a council setting on both engines: 14 days by default, checked when set, and used when reminders are queued.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { ValidationError } from '../../src/services/errors.ts';
import * as factory from '../support/factories.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

const KEY = 'notifications.reminder-days';
const SETTINGS = { baseUrl: 'https://democracy.example.gov.uk', from: 'noreply@example.gov.uk' };

describe.each(testDialects())('reminder window setting on %s', (dialect) => {
  let db: TestDb;
  let services: Services;

  beforeAll(async () => {
    db = await createTestDb(dialect);
    services = createServices({ database: db, clock: fixedClock('2026-06-15T09:00:00Z') });
    const body = await factory.body(db, { slug: 'osmb', name: 'Scrutiny Board', kind: 'scrutiny_committee' });
    await factory.person(db, { slug: 'pat-lead', name: 'Pat Lead', kind: 'officer', email: 'pat@example.org' });
    const o = await services.auth.addUser('system', { email: 'dso@example.org', name: 'DSO', role: 'democratic_services', password: 'a long password here' });
    const officer: Actor = { userId: o.id, email: o.email, name: o.name, role: 'democratic_services', personId: null };
    const review = await services.scrutinyWorkspace.createReview(officer, { title: 'Libraries', organisationId: String(body.id), reportDate: '2026-01-10' });
    // A target 20 days ahead: outside the default window of 14 days, inside one of 30.
    const rec = await services.scrutinyWorkspace.addRecommendation(officer, review.id, { text: 'Open on Sundays.' });
    await services.scrutinyWorkspace.recordResponse(officer, rec.id, {
      decision: 'accepted',
      responseText: 'Yes.',
      proposedAction: 'Do it.',
      responsiblePerson: 'pat-lead',
      actionByDate: '2026-07-05',
      respondedOn: '2026-02-01',
    });
  });
  afterAll(async () => db.destroy());

  const reminders = async () => (await db.db.selectFrom('outbox').select('subject').execute()).map((m) => m.subject).filter((s) => s.includes('Libraries'));

  it('is 14 days unless the council sets it, and is listed with the other settings', async () => {
    expect(await services.settings.reminderDays()).toBe(14);
    expect((await services.settings.list()).find((s) => s.key === KEY)).toMatchObject({ value: '14', isSet: false });
    await services.notifications.queueDue(SETTINGS);
    expect(await reminders()).toEqual([]);
  });

  it('refuses a window that is not a whole number of days from 1 to 90, naming the setting', async () => {
    for (const value of ['0', '91', 'two weeks', '-3', '7.5']) {
      const error = await services.settings.set(KEY, value).catch((e: unknown) => e);
      expect(error, value).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).errors[0]?.field).toBe(KEY);
    }
    expect(await services.settings.reminderDays()).toBe(14);
  });

  it('sends reminders that far ahead once set, and returns to 14 days when reset', async () => {
    await services.settings.set(KEY, '30');
    expect(await services.settings.reminderDays()).toBe(30);
    await services.notifications.queueDue(SETTINGS);
    expect(await reminders()).toEqual(['Due 5 July 2026: Libraries, recommendation 1']);
    await services.settings.reset(KEY);
    expect(await services.settings.reminderDays()).toBe(14);
  });
});
