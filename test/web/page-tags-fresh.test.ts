// After each kind of write an officer makes, every public page that says what it shows is answered from store only if it is what a fresh rendering prints: a page whose tags missed something it shows would be caught here showing the record as it was.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { DEMO_COUNCIL } from '../../src/services/demo/rotherham.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { paths } from '../../src/web/paths.ts';
import { addOfficer } from '../support/accounts.ts';
import { DEMO_NOW } from '../support/demo-app.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

describe.each(testDialects())('stored pages against fresh renderings after each kind of write, on %s', (dialect) => {
  let database: TestDb;
  let services: Services;
  let app: FastifyInstance;
  let officer: Actor;
  let pages: string[];

  beforeAll(async () => {
    const clock = fixedClock(DEMO_NOW);
    database = await createTestDb(dialect, { clock });
    services = createServices({ database, clock, councilName: DEMO_COUNCIL.name });
    await services.demo.loadIfAbsent();
    app = await buildApp({ services, council: DEMO_COUNCIL });
    await app.ready();
    officer = await addOfficer(services);
    const db = database.db;
    const reviews = await db.selectFrom('scrutiny_reviews').select(['id', 'slug']).execute();
    const recommendations = await db
      .selectFrom('recommendations as rec')
      .innerJoin('scrutiny_reviews as r', 'r.id', 'rec.review_id')
      .select(['r.slug', 'rec.number'])
      .execute();
    const issues = await db.selectFrom('issues').select('slug').execute();
    const bodies = await db.selectFrom('organisations').select('slug').where('kind', 'not in', ['external', 'council']).execute();
    const meetings = await db.selectFrom('meetings').select('slug').orderBy('meeting_date', 'desc').limit(10).execute();
    pages = [
      paths.home(),
      paths.meetings(),
      paths.committees(),
      paths.reviews(),
      paths.people(),
      paths.issues(),
      paths.tracker(),
      ...reviews.map((r) => paths.review(r.slug)),
      ...recommendations.map((r) => paths.recommendation(r.slug, r.number)),
      ...issues.map((i) => paths.issue(i.slug)),
      ...bodies.map((b) => paths.committee(b.slug)),
      ...bodies.map((b) => paths.tracker({ committee: b.slug })),
      ...meetings.map((m) => paths.meeting(m.slug)),
    ];
    expect(reviews.length).toBeGreaterThan(0);
    expect(recommendations.length).toBeGreaterThan(4);
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  /** Each page as an anonymous visitor gets it (stored once asked for), and as rendered afresh (a request with a cookie is never answered from store). */
  async function compare(after: string): Promise<void> {
    for (const url of pages) {
      const stored = await app.inject({ method: 'GET', url });
      const fresh = await app.inject({ method: 'GET', url, headers: { cookie: 'fresh=1' } });
      expect(fresh.statusCode, url).toBe(stored.statusCode);
      expect(stored.body, `${url} after ${after}`).toBe(fresh.body);
    }
  }

  async function firstRecommendation() {
    return database.db
      .selectFrom('recommendations as rec')
      .innerJoin('scrutiny_reviews as r', 'r.id', 'rec.review_id')
      .innerJoin('executive_responses as er', 'er.recommendation_id', 'rec.id')
      .select(['rec.id', 'rec.number', 'rec.version', 'r.slug', 'r.id as review_id'])
      .where('rec.status', 'in', ['open', 'awaiting_response'])
      .where('rec.withdrawn_at', 'is', null)
      .orderBy('rec.id')
      .executeTakeFirstOrThrow();
  }

  it('agree before any write, and after each write', async () => {
    // Twice: the second asks are answered from store.
    await compare('nothing');
    await compare('nothing');
    const db = database.db;
    const rec = await firstRecommendation();

    await services.recommendations.addProgress(
      rec.slug,
      rec.number,
      {
        updateDate: '2026-11-20',
        status: 'slipped',
        rag: 'red',
        narrative: 'The contract was re-tendered.',
        newTargetDate: '2027-05-31',
        slipReason: 'Re-tendering',
      },
      officer,
    );
    await compare('a progress update that slipped the target');

    await services.recommendations.addProgress(
      rec.slug,
      rec.number,
      { updateDate: '2026-11-21', status: 'on_track', rag: 'green', narrative: 'The new contract is signed.' },
      officer,
    );
    await compare('a progress update back on track');

    const response = await db.selectFrom('executive_responses').select('version').where('recommendation_id', '=', rec.id).executeTakeFirstOrThrow();
    await services.recommendations.respond(
      rec.slug,
      rec.number,
      {
        decision: 'accepted',
        responseText: 'Accepted in full once the costs were known.',
        proposedAction: 'A revised plan',
        responsibleName: 'Head of Service',
        actionByDate: '2027-03-31',
        version: String(response.version),
      },
      officer,
    );
    await compare('a response revised');

    const current = await db.selectFrom('recommendations').select('version').where('id', '=', rec.id).executeTakeFirstOrThrow();
    await services.scrutinyWorkspace.updateRecommendation(officer, rec.id, {
      text: 'A recommendation reworded by the clerk.',
      version: String(current.version),
    });
    await compare('a recommendation reworded');

    await services.withdrawals.withdraw(officer, 'recommendation', rec.id, { reason: 'Entered twice by mistake' });
    await compare('a recommendation withdrawn');
    await services.withdrawals.restore(officer, 'recommendation', rec.id);
    await compare('a recommendation restored');

    const progress = await db
      .selectFrom('progress_updates')
      .select('id')
      .where('recommendation_id', '=', rec.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    await services.withdrawals.withdraw(officer, 'progress_update', progress.id, { reason: 'Recorded against the wrong recommendation' });
    await compare('a progress update withdrawn');

    const review = await db.selectFrom('scrutiny_reviews').selectAll().where('id', '=', rec.review_id).executeTakeFirstOrThrow();
    await services.scrutinyWorkspace.updateReview(officer, review.id, {
      title: 'A review retitled by the clerk',
      organisationId: String(review.organisation_id),
      startedOn: review.started_on ?? '',
      reportDate: review.report_date ?? '',
      receivedOn: review.received_on ?? '',
      summary: review.summary ?? '',
      version: String(review.version),
    });
    await compare('a review retitled');

    const person = await db.selectFrom('people').selectAll().orderBy('id').executeTakeFirstOrThrow();
    await services.organisationWorkspace.updatePerson(officer, person.id, { name: 'Councillor Renamed', kind: person.kind, version: String(person.version) });
    await compare('a person renamed');

    const body = await db.selectFrom('organisations').selectAll().where('id', '=', review.organisation_id).executeTakeFirstOrThrow();
    await services.organisationWorkspace.updateBody(officer, body.id, {
      name: 'Renamed Select Commission',
      kind: body.kind,
      isActive: 'yes',
      version: String(body.version),
    });
    await compare('a committee renamed');

    const item = await db.selectFrom('agenda_items').selectAll().where('issue_id', 'is not', null).orderBy('id').executeTakeFirst();
    if (item) {
      await services.meetingWorkspace.updateAgendaItem(officer, item.id, { version: String(item.version), title: 'An agenda item retitled' });
      await compare('an agenda item on an issue retitled');
      await services.withdrawals.withdraw(officer, 'agenda_item', item.id, { reason: 'Added to the wrong meeting' });
      await compare('an agenda item on an issue withdrawn');
    }

    const issue = await db.selectFrom('issues').selectAll().orderBy('id').executeTakeFirst();
    if (issue) {
      await services.issueWorkspace.rename(officer, issue.id, { title: 'An issue renamed', summary: issue.summary ?? '', version: String(issue.version) });
      await compare('an issue renamed');
    }

    const meeting = await db.selectFrom('meetings').selectAll().orderBy('meeting_date', 'desc').executeTakeFirstOrThrow();
    await services.meetingWorkspace.addMinute(officer, meeting.id, { title: 'Any other business', body: 'None was raised.' });
    await compare('a minute added');
    const moved = await db.selectFrom('meetings').selectAll().where('id', '=', meeting.id).executeTakeFirstOrThrow();
    await services.meetingWorkspace.updateMeeting(officer, meeting.id, {
      meetingDate: moved.meeting_date,
      startTime: '',
      location: 'Council Chamber, Town Hall',
      title: '',
      version: String(moved.version),
    });
    await compare('a meeting moved to another room');
    await services.meetingWorkspace.createMeeting(officer, { organisationId: String(body.id), meetingDate: '2026-12-10', location: 'Town Hall' });
    await compare('a meeting scheduled');

    const document = await db.selectFrom('documents').selectAll().where('review_id', 'is not', null).orderBy('id').executeTakeFirst();
    if (document) {
      await services.withdrawals.withdraw(officer, 'document', document.id, { reason: 'The wrong version was uploaded' });
      await compare('a review’s document withdrawn');
      await services.withdrawals.restore(officer, 'document', document.id);
      await compare('a review’s document restored');
    }
  });
});
