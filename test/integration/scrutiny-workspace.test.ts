// The scrutiny chain in the workspace on both engines: roles, versioned saves, responses through the tracker's rules, and all-or-nothing bulk progress.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../src/services/errors.ts';
import * as factory from '../support/factories.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

describe.each(testDialects())('scrutiny workspace on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  let officer: Actor;
  let lead: Actor;
  let otherLead: Actor;
  let reviewId: number;
  const recs: number[] = [];

  beforeAll(async () => {
    db = await createTestDb(dialect);
    services = createServices({ database: db, clock: fixedClock('2026-06-15T09:00:00Z') });
    const body = await factory.body(db, { slug: 'osmb', name: 'Overview and Scrutiny Management Board', kind: 'scrutiny_committee' });
    for (const [slug, name] of [
      ['pat-lead', 'Pat Lead'],
      ['sam-other', 'Sam Other'],
    ] as const) {
      await factory.person(db, { slug, name, kind: 'officer' });
    }
    const make = async (email: string, role: string, person?: string) => {
      const user = await services.auth.addUser('system', { email, name: email, role, person, password: 'a long password here' });
      return { userId: user.id, email: user.email, name: user.name, role, personId: user.person_id } as Actor;
    };
    officer = await make('dso@example.org', 'democratic_services');
    lead = await make('pat@example.org', 'lead_officer', 'pat-lead');
    otherLead = await make('sam@example.org', 'lead_officer', 'sam-other');
    const review = await services.scrutinyWorkspace.createReview(officer, {
      title: 'Adult social care waiting lists',
      organisationId: String(body.id),
      receivedOn: '2026-03-01',
    });
    reviewId = review.id;
    for (const text of ['That waiting times are published monthly.', 'That carers are asked first.']) {
      recs.push((await services.scrutinyWorkspace.addRecommendation(officer, reviewId, { text })).id);
    }
    for (const id of recs) {
      await services.scrutinyWorkspace.recordResponse(officer, id, {
        decision: 'accepted',
        responseText: 'Agreed.',
        proposedAction: 'Do it.',
        responsiblePerson: 'pat-lead',
        actionByDate: '2026-12-31',
        respondedOn: '2026-04-20',
      });
    }
  });
  afterAll(async () => db.destroy());

  it('numbers recommendations in order and gives the review a readable slug', async () => {
    const { review, recommendations } = await services.scrutinyWorkspace.review(officer, reviewId);
    expect(review.slug).toBe('adult-social-care-waiting-lists');
    expect(recommendations.map((r) => [r.number, r.status])).toEqual([
      [1, 'open'],
      [2, 'open'],
    ]);
  });

  it('lets only editors change the record', async () => {
    await expect(services.scrutinyWorkspace.addRecommendation(lead, reviewId, { text: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(services.scrutinyWorkspace.recordResponse(lead, recs[0]!, { decision: 'accepted' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('checks a response against RULES.md rule 2 through the tracker’s validation', async () => {
    const current = (await services.scrutinyWorkspace.recommendation(officer, recs[1]!)).recommendation;
    const error = await services.scrutinyWorkspace
      .recordResponse(officer, recs[1]!, { decision: 'not_accepted', responseText: 'No.', version: String(current.response_version) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((e) => e.field)).toContain('reason');
  });

  it('refuses a response saved from a stale form', async () => {
    const current = (await services.scrutinyWorkspace.recommendation(officer, recs[1]!)).recommendation;
    const stale = String(current.response_version! - 1);
    await expect(
      services.scrutinyWorkspace.recordResponse(officer, recs[1]!, {
        decision: 'accepted',
        responseText: 'Yes.',
        proposedAction: 'a',
        responsibleName: 'b',
        actionByText: 'Annually',
        version: stale,
      }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('refuses a stale save of a recommendation’s text and keeps the first', async () => {
    const { recommendation } = await services.scrutinyWorkspace.recommendation(officer, recs[0]!);
    await services.scrutinyWorkspace.updateRecommendation(officer, recs[0]!, { text: 'First', version: String(recommendation.version) });
    await expect(
      services.scrutinyWorkspace.updateRecommendation(officer, recs[0]!, { text: 'Second', version: String(recommendation.version) }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await services.scrutinyWorkspace.recommendation(officer, recs[0]!)).recommendation.text).toBe('First');
    const history = await services.audit.history('recommendation', recs[0]!);
    expect(history[0]).toMatchObject({ action: 'update', actor: `user:${officer.userId} dso@example.org` });
    expect(history[0]?.changes).toEqual([{ field: 'text', before: 'That waiting times are published monthly.', after: 'First' }]);
  });

  it('shows a lead officer only what is assigned to them, and refuses their updates to anything else', async () => {
    expect((await services.scrutinyWorkspace.assigned(lead)).map((r) => r.id)).toEqual(recs);
    expect(await services.scrutinyWorkspace.assigned(otherLead)).toEqual([]);
    await expect(
      services.scrutinyWorkspace.addProgress(otherLead, recs[0]!, { updateDate: '2026-06-01', status: 'on_track', narrative: 'x' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('writes no bulk update unless every row is valid, naming each bad row', async () => {
    const count = async () => (await db.db.selectFrom('progress_updates').select('id').execute()).length;
    const before = await count();
    const error = await services.scrutinyWorkspace
      .bulkProgress(lead, [
        { recommendationId: recs[0]!, updateDate: '2026-06-10', status: 'on_track', narrative: 'Fine.' },
        { recommendationId: recs[1]!, updateDate: '2026-06-10', status: 'slipped', narrative: 'Late.', newTargetDate: '2026-06-01' },
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((e) => e.field).sort()).toEqual([`rows.${recs[1]}.newTargetDate`, `rows.${recs[1]}.slipReason`]);
    expect(await count()).toBe(before);

    const refused = await services.scrutinyWorkspace
      .bulkProgress(otherLead, [{ recommendationId: recs[0]!, updateDate: '2026-06-10', status: 'on_track', narrative: 'x' }])
      .catch((e: unknown) => e);
    expect((refused as ValidationError).errors[0]?.message).toContain('is not assigned to you');

    const written = await services.scrutinyWorkspace.bulkProgress(lead, [
      { recommendationId: recs[0]!, updateDate: '2026-06-10', status: 'on_track', rag: 'green', narrative: 'Fine.' },
      { recommendationId: recs[1]!, updateDate: '2026-06-10', status: 'slipped', narrative: 'Late.', newTargetDate: '2027-03-31', slipReason: 'Recruitment' },
    ]);
    expect(written).toHaveLength(2);
    expect(await count()).toBe(before + 2);
    const slipped = await db.db.selectFrom('progress_updates').selectAll().where('recommendation_id', '=', recs[1]!).executeTakeFirstOrThrow();
    expect(slipped).toMatchObject({
      previous_target_date: '2026-12-31',
      new_target_date: '2027-03-31',
      slip_reason: 'Recruitment',
      author_name: 'pat@example.org',
    });
    expect((await services.audit.history('recommendation', recs[1]!)).some((e) => e.action === 'progress.added' && e.actor.includes('pat@example.org'))).toBe(
      true,
    );
  });
});
