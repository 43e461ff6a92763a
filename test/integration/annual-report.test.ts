// The annual scrutiny report on both engines: for a committee and a municipal year, the reviews that reported, the recommendations made and accepted in any form, and those signed off as achieved; nothing from another year or a withdrawn review.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { paperText } from '../../src/domain/paper.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { NotFoundError } from '../../src/services/errors.ts';
import { DEMO_NOW } from '../support/demo-app.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

const COMMITTEE = 'improving-lives-select-commission';

describe.each(testDialects())('the annual scrutiny report on %s', (dialect) => {
  let db: TestDb;
  let services: Services;

  beforeAll(async () => {
    db = await createTestDb(dialect);
    services = createServices({ database: db, clock: fixedClock(DEMO_NOW) });
    await services.demo.loadIfAbsent();
  }, 120_000);
  afterAll(async () => db.destroy());

  it('counts the demo review in 2017/18: five recommendations made, four accepted in some form', async () => {
    const paper = await services.papers.annualReport(COMMITTEE, 2017);
    expect(paper.kind).toBe('annual-report');
    expect(paper.title).toBe('Annual scrutiny report 2017/18: Improving Lives Select Commission');
    const text = paperText(paper).join('\n');
    expect(text).toContain('1 May 2017 to 30 April 2018');
    expect(text).toContain(
      ['Alternative Management Arrangements for Children and Young People’s Services in Rotherham', '18 October 2017', '5', '4'].join('\n'),
    );
    expect(text).toContain(['Recommendations made', '5', 'Accepted in any form', '4'].join('\n'));
    expect(text).toContain(['Awaiting a response', '0'].join('\n'));
  });

  it('counts a recommendation as implemented in the year it was signed off as achieved, whenever it was made', async () => {
    // The sign-off outcome is set as the committee's sign-off form records it (review-lifecycle-service signOff).
    const [first, second] = await db.db.selectFrom('recommendations').select('id').orderBy('number').execute();
    await db.db
      .updateTable('recommendations')
      .set({ status: 'signed_off', signed_off_on: '2018-06-12', signed_off_outcome: 'achieved' })
      .where('id', '=', first!.id)
      .execute();
    await db.db
      .updateTable('recommendations')
      .set({ status: 'signed_off', signed_off_on: '2018-07-10', signed_off_outcome: 'no_longer_relevant' })
      .where('id', '=', second!.id)
      .execute();
    const text = paperText(await services.papers.annualReport(COMMITTEE, 2018)).join('\n');
    expect(text).toContain('No review reported in 2018/19.');
    expect(text).toContain('1 recommendation was signed off as achieved in 2018/19; 1 signed off with another outcome.');
    expect(text).toContain('12 June 2018');
    expect(text).toContain('No longer relevant');
    // The year it was made counts none implemented.
    expect(paperText(await services.papers.annualReport(COMMITTEE, 2017)).join('\n')).toContain('0 recommendations were signed off as achieved in 2017/18');
  });

  it('leaves out a withdrawn review, and refuses a body that is not on the record', async () => {
    await db.db.updateTable('scrutiny_reviews').set({ withdrawn_at: '2026-01-01T00:00:00Z' }).execute();
    expect(paperText(await services.papers.annualReport(COMMITTEE, 2017)).join('\n')).toContain('No review reported in 2017/18.');
    await expect(services.papers.annualReport('no-such-committee', 2017)).rejects.toBeInstanceOf(NotFoundError);
  });
});
