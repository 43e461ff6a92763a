// The demo loads in one transaction on both engines, once, and the read services find every record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { NotFoundError } from '../../src/services/errors.ts';

describe.each(testDialects())('demo data on %s', (dialect) => {
  let handle: TestDb;
  let services: Services;

  beforeAll(async () => {
    handle = await createTestDb(dialect);
    services = createServices({ database: handle, clock: fixedClock('2026-11-22T12:00:00Z') });
  });
  afterAll(async () => handle?.destroy());

  it('loads once: a second start adds nothing', async () => {
    const first = await services.demo.loadIfAbsent();
    expect(first.loaded).toBe(true);
    expect(first.counts).toMatchObject({ recommendations: 5, responses: 5, evidence: 14, meetings: 4 });
    const second = await services.demo.loadIfAbsent();
    expect(second.loaded).toBe(false);
    const people = await services.people.list({ page: 1 });
    expect(people.total).toBe(11);
  });

  it('reads the review, its response and the meeting chain', async () => {
    const reviews = await services.reviews.list({ page: 1 });
    expect(reviews.total).toBe(1);
    const page = await services.reviews.bySlug(reviews.reviews[0]!.slug);
    expect(page.members.map((m) => [m.person_name, m.role])).toContainEqual(['Maggi Clark', 'chair']);
    expect(page.members).toHaveLength(5);
    expect(page.criteria).toHaveLength(7);
    expect(page.evidence.filter((e) => e.kind === 'visit' || e.kind === 'teleconference')).toHaveLength(10);
    expect(page.recommendations[1]!.points).toHaveLength(3);

    const cabinet = await services.meetings.bySlug(page.responseMeeting!.slug);
    const minute = cabinet.agenda[0]!.minutes[0]!;
    expect(minute.number).toBe(109);
    expect(minute.furtherTo).toMatchObject({ number: 83, meeting_date: '2017-10-18', organisation_name: 'Council' });
    expect(minute.resolutions[0]!.limbs.map((l) => l.verb)).toEqual(['approved', 'referred', 'referred']);
    expect(minute.resolutions[0]!.limbs[1]!.referrals.map((r) => r.target_meeting_date)).toEqual(['2018-02-28', '2018-03-13']);
  });

  it('rejects malformed and unknown slugs as not found', async () => {
    await expect(services.meetings.bySlug('../etc/passwd')).rejects.toBeInstanceOf(NotFoundError);
    await expect(services.reviews.bySlug('no-such-review')).rejects.toBeInstanceOf(NotFoundError);
    await expect(services.reviews.recommendation('alternative-management-arrangements-for-childrens-services', 99)).rejects.toBeInstanceOf(NotFoundError);
  });
});
