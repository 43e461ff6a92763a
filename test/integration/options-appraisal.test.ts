// A review's options appraisal on both engines: options, evidence linked to the option it illustrates and one judgement per criterion and option, each versioned against the review and audited; the matrix as the public page, the API and the annex read it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { paperText } from '../../src/domain/paper.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { ConflictError, ValidationError } from '../../src/services/errors.ts';
import { reviewDetailDocument } from '../../src/web/routes/api/api-documents.ts';
import { ReviewDetail } from '../../src/web/api-schemas.ts';
import * as make from '../support/factories.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

describe.each(testDialects())('options appraisal on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  let officer: Actor;
  let reviewId: number;
  let otherReviewId: number;
  let slug: string;

  const ws = () => services.scrutinyWorkspace;
  const version = async (id = reviewId) => String((await ws().review(officer, id)).review.version);
  const errorOf = async (promise: Promise<unknown>) => {
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).errors.map((e) => [e.field, e.message]);
  };

  beforeAll(async () => {
    db = await createTestDb(dialect);
    services = createServices({ database: db, clock: fixedClock('2026-06-15T09:00:00Z') });
    const committeeId = (await make.body(db, { slug: 'ilsc', name: 'Improving Lives Select Commission', kind: 'scrutiny_committee' })).id;
    const user = await services.auth.addUser('system', {
      email: 'dso@example.org',
      name: 'Dee Officer',
      role: 'democratic_services',
      password: 'a long password here',
    });
    officer = { userId: user.id, email: user.email, name: user.name, role: 'democratic_services', personId: null };
    reviewId = (await ws().createReview(officer, { title: 'Alternative management arrangements', organisationId: String(committeeId) })).id;
    otherReviewId = (await ws().createReview(officer, { title: 'Home to school transport', organisationId: String(committeeId) })).id;
    slug = (await ws().review(officer, reviewId)).review.slug;
  });
  afterAll(async () => db.destroy());

  it('records options, links a visit to its option and judges options against criteria, one judgement a cell', async () => {
    const leadership = await ws().parts.criteria.add(officer, reviewId, { number: '2.2', title: 'Stable and capable leadership', version: await version() });
    const finance = await ws().parts.criteria.add(officer, reviewId, { number: '2.5', title: 'Robust financial management', version: await version() });
    const partner = await ws().parts.options.add(officer, reviewId, { name: 'Practice Partner model', version: await version() });
    const trust = await ws().parts.options.add(officer, reviewId, { name: 'DfE Trust', description: 'A children’s trust', version: await version() });
    const visit = await ws().parts.evidence.add(officer, reviewId, {
      kind: 'visit',
      mode: 'in_person',
      organisationName: 'Doncaster Council and Doncaster Children’s Trust',
      subject: 'Neighbouring Authority – DfE trust',
      optionId: String(trust.id),
      version: await version(),
    });
    expect(visit.option_id).toBe(trust.id);
    await ws().parts.judgements.add(officer, reviewId, {
      criterionId: String(finance.id),
      optionId: String(trust.id),
      judgement: 'partly_meets',
      rationale: 'Contract costs rose in the first two years.',
      version: await version(),
    });

    // A second judgement of the same cell is refused, naming the option and criterion as the review does.
    expect(
      await errorOf(
        ws().parts.judgements.add(officer, reviewId, {
          criterionId: String(finance.id),
          optionId: String(trust.id),
          judgement: 'meets',
          version: await version(),
        }),
      ),
    ).toEqual([['optionId', 'A judgement of DfE Trust against “2.5 Robust financial management” is already recorded: change that one instead']]);
    // Another review's option or criterion, or no judgement at all, is a form error.
    const foreign = await ws().parts.options.add(officer, otherReviewId, { name: 'In-house', version: await version(otherReviewId) });
    expect(
      await errorOf(
        ws().parts.judgements.add(officer, reviewId, {
          criterionId: String(leadership.id),
          optionId: String(foreign.id),
          judgement: 'meets',
          version: await version(),
        }),
      ),
    ).toEqual([['optionId', 'Choose the option']]);
    expect(
      await errorOf(
        ws().parts.judgements.add(officer, reviewId, { criterionId: String(leadership.id), optionId: String(partner.id), version: await version() }),
      ),
    ).toEqual([['judgement', 'Choose the judgement']]);
    expect(
      await errorOf(
        ws().parts.evidence.add(officer, reviewId, {
          kind: 'visit',
          mode: 'in_person',
          organisationName: 'Leeds City Council',
          subject: 'Sector Led Improvement',
          optionId: String(foreign.id),
          version: await version(),
        }),
      ),
    ).toEqual([['optionId', 'Choose an option from the list']]);
    expect(await errorOf(ws().parts.options.add(officer, reviewId, { name: '  ', version: await version() }))).toEqual([
      ['name', 'Enter the name of the option'],
    ]);

    // A stale form is refused.
    const stale = String(Number(await version()) - 1);
    await expect(ws().parts.options.add(officer, reviewId, { name: 'Late option', version: stale })).rejects.toBeInstanceOf(ConflictError);

    const page = await services.reviews.bySlug(slug);
    expect(page.options.map((o) => o.name)).toEqual(['Practice Partner model', 'DfE Trust']);
    expect(page.evidence.map((e) => e.option_name)).toEqual(['DfE Trust']);

    const actions = (await services.audit.history('review', reviewId)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['option.added', 'judgement.added', 'evidence.added']));
  });

  it('shows the matrix in the API document and the annex: a cell with no judgement reads “Not assessed”', async () => {
    const detail = ReviewDetail.parse(JSON.parse(JSON.stringify(reviewDetailDocument(await services.api.review(reviewId)))));
    expect(detail.options.map((o) => o.name)).toEqual(['Practice Partner model', 'DfE Trust']);
    expect(detail.appraisal.map((row) => [row.criterion.number, row.judgements.map((j) => [j.judgement, j.recorded, j.rationale])])).toEqual([
      [
        '2.2',
        [
          ['not_assessed', false, null],
          ['not_assessed', false, null],
        ],
      ],
      [
        '2.5',
        [
          ['not_assessed', false, null],
          ['partly_meets', true, 'Contract costs rose in the first two years.'],
        ],
      ],
    ]);
    expect(detail.evidence[0]?.option_id).toBe(detail.options[1]?.id);

    const annex = paperText(await services.papers.annex(slug)).join('\n');
    expect(annex).toContain('Options appraisal');
    expect(annex).toContain('How each option meets each criterion');
    expect(annex).toContain('Partly meets');
    expect(annex).toContain('Contract costs rose in the first two years.');
    expect(annex).toContain('Doncaster Council and Doncaster Children’s Trust');
  });

  it('changes a judgement, and removing an option takes its judgements and unlinks its evidence', async () => {
    const [judgement] = (await ws().reviewParts(officer, reviewId)).judgements;
    if (!judgement) throw new Error('no judgement');
    await ws().parts.judgements.update(officer, reviewId, judgement.id, {
      criterionId: String(judgement.criterion_id),
      optionId: String(judgement.option_id),
      judgement: 'meets',
      rationale: 'Costs were back within budget by the third year.',
      version: await version(),
    });
    const changed = (await services.audit.history('review', reviewId)).find((e) => e.action === 'judgement.updated');
    expect(changed).toBeDefined();
    expect((await ws().reviewParts(officer, reviewId)).judgements.map((j) => [j.option_name, j.judgement_label])).toEqual([['DfE Trust', 'Meets']]);

    await ws().parts.options.remove(officer, reviewId, judgement.option_id, { version: await version() });
    const parts = await ws().reviewParts(officer, reviewId);
    expect(parts.options.map((o) => o.name)).toEqual(['Practice Partner model']);
    expect(parts.judgements).toEqual([]);
    expect(parts.evidence.map((e) => [e.subject, e.option_id])).toEqual([['Neighbouring Authority – DfE trust', null]]);
    expect((await services.audit.history('review', reviewId)).map((e) => e.action)).toContain('option.removed');
  });

  it('removing a criterion takes the judgements made against it', async () => {
    const parts = await ws().reviewParts(officer, reviewId);
    const [criterion] = parts.criteria;
    const [option] = parts.options;
    if (!criterion || !option) throw new Error('no criterion or option');
    await ws().parts.judgements.add(officer, reviewId, {
      criterionId: String(criterion.id),
      optionId: String(option.id),
      judgement: 'meets',
      version: await version(),
    });
    await ws().parts.criteria.remove(officer, reviewId, criterion.id, { version: await version() });
    expect((await ws().reviewParts(officer, reviewId)).judgements).toEqual([]);
  });
});
