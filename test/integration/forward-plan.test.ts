// The forward plan on both engines: entries written through the pipeline with their audit events, the notice rules and the council's key-decision settings refusing with the field named and writing nothing, stale saves refused, and exempt detail kept out of every public reading.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { paperText } from '../../src/domain/paper.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../src/services/errors.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { body, agendaItem, meeting } from '../support/factories.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

async function fieldsOf(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).errors.map((e) => e.field).sort();
}

describe.each(testDialects())('the forward plan on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  let officer: Actor;
  let councillor: Actor;
  let cabinetId: number;
  let cabinetSlug: string;

  const count = async (table: 'forward_plan_entries' | 'audit_events') => (await db.db.selectFrom(table).select('id').execute()).length;
  const entry = (values: Record<string, string> = {}) => ({
    organisationId: String(cabinetId),
    title: 'Award of the leisure management contract',
    description: 'A ten-year contract for the borough’s leisure centres.',
    decisionMakerKind: 'cabinet',
    isKeyDecision: 'yes',
    reasonSpending: 'yes',
    amountPounds: '2,400,000',
    firstPublishedOn: '2026-02-13',
    intendedDate: '2026-03-16',
    noticeRoute: 'notice',
    ...values,
  });

  beforeAll(async () => {
    db = await createTestDb(dialect);
    services = createServices({ database: db, clock: fixedClock('2026-02-13T09:00:00Z') });
    const make = async (email: string, role: string) => {
      const user = await services.auth.addUser('system', { email, name: email, role, password: 'a long password here' });
      return { userId: user.id, email: user.email, name: user.name, role, personId: user.person_id } as Actor;
    };
    officer = await make('dso@example.org', 'democratic_services');
    councillor = await make('cllr@example.org', 'councillor');
    const cabinet = await body(db, { name: 'Cabinet', slug: 'cabinet', kind: 'executive' });
    cabinetId = cabinet.id;
    cabinetSlug = cabinet.slug;
  });
  afterAll(async () => db.destroy());

  it('publishes an entry with its audit event, and lists it on the plan and in the notice of key decisions', async () => {
    const audits = await count('audit_events');
    const created = await services.forwardPlan.create(officer, entry());
    expect(created).toMatchObject({
      slug: 'award-of-the-leisure-management-contract',
      amount_pounds: 2_400_000,
      key_reason_spending: 1,
      notice_route: 'notice',
    });
    expect(await count('audit_events')).toBe(audits + 1);
    const plan = await services.forwardPlan.publicPlan();
    expect(plan.entries.map((e) => e.title)).toContain('Award of the leisure management contract');
    const paper = paperText(await services.papers.forwardPlan(cabinetSlug, { from: '2026-03-01', to: '2026-03-31' })).join('\n');
    expect(paper).toContain('Award of the leisure management contract');
    // RULES.md rule 7: decision Mon 16 Mar 2026 → latest Sun 15 Feb, latest working day Fri 13 Feb 2026.
    expect(paper).toContain('Notice due by Friday 13 February 2026');
    expect(paper).toContain('Key decision: spending or savings of £2,400,000.');
  });

  it('lets only democratic services officers and administrators write it', async () => {
    await expect(services.forwardPlan.create(councillor, entry({ title: 'Sneaky decision' }))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('asks for the exception route when notice is short, and for what each exception needs, writing nothing', async () => {
    const before = await count('forward_plan_entries');
    const audits = await count('audit_events');
    expect(await fieldsOf(services.forwardPlan.create(officer, entry({ title: 'Short notice', firstPublishedOn: '2026-02-16' })))).toEqual(['noticeRoute']);
    expect(
      await fieldsOf(services.forwardPlan.create(officer, entry({ title: 'Short notice', firstPublishedOn: '2026-03-02', noticeRoute: 'general_exception' }))),
    ).toEqual(['chairInformedOn', 'exceptionNoticeOn']);
    expect(
      await fieldsOf(
        services.forwardPlan.create(
          officer,
          entry({
            title: 'Short notice',
            firstPublishedOn: '2026-03-02',
            noticeRoute: 'general_exception',
            chairInformedOn: '2026-03-12',
            exceptionNoticeOn: '2026-03-12',
          }),
        ),
      ),
    ).toEqual(['intendedDate']);
    expect(
      await fieldsOf(services.forwardPlan.create(officer, entry({ title: 'Short notice', noticeRoute: 'special_urgency', firstPublishedOn: '2026-03-13' }))),
    ).toEqual(['exceptionNoticeOn', 'urgencyAgreedBy', 'urgencyReasons']);
    expect(await fieldsOf(services.forwardPlan.create(officer, entry({ title: '', organisationId: '999999', decisionMakerKind: 'mayor' })))).toEqual([
      'decisionMakerKind',
      'title',
    ]);
    expect(await count('forward_plan_entries')).toBe(before);
    expect(await count('audit_events')).toBe(audits);
    const accepted = await services.forwardPlan.create(
      officer,
      entry({
        title: 'Short notice',
        firstPublishedOn: '2026-03-02',
        noticeRoute: 'general_exception',
        chairInformedOn: '2026-03-02',
        exceptionNoticeOn: '2026-03-02',
        intendedDate: '2026-03-10',
      }),
    );
    expect(accepted.notice_route).toBe('general_exception');
  });

  it('tests a key decision against the council’s threshold and wards settings', async () => {
    await services.settings.set('key-decision.threshold', '3000000');
    await services.settings.set('key-decision.wards', '3');
    try {
      expect(await fieldsOf(services.forwardPlan.create(officer, entry({ title: 'Under threshold' })))).toEqual(['amountPounds']);
      expect(
        await fieldsOf(services.forwardPlan.create(officer, entry({ title: 'Two wards', reasonSpending: '', reasonWards: 'yes', wardsAffected: '2' }))),
      ).toEqual(['wardsAffected']);
      await expect(services.settings.set('key-decision.wards', 'two')).rejects.toBeInstanceOf(ValidationError);
    } finally {
      await services.settings.reset('key-decision.threshold');
      await services.settings.reset('key-decision.wards');
    }
  });

  it('saves over the version opened, refusing a stale save', async () => {
    const created = await services.forwardPlan.create(officer, entry({ title: 'Library opening hours' }));
    const saved = await services.forwardPlan.update(officer, created.id, entry({ title: 'Library opening hours review', version: String(created.version) }));
    expect(saved).toMatchObject({ title: 'Library opening hours review', slug: created.slug, version: created.version + 1 });
    await expect(services.forwardPlan.update(officer, created.id, entry({ title: 'Stale', version: String(created.version) }))).rejects.toBeInstanceOf(
      ConflictError,
    );
    const history = await services.audit.history('forward_plan_entry', created.id);
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(['create', 'update']));
  });

  it('keeps an exempt entry’s detail out of every public reading, saying only that it is private', async () => {
    const secret = 'Bid from Zanzibar Holdings';
    const created = await services.forwardPlan.create(
      officer,
      entry({ title: 'Sale of the market hall', description: secret, documents: secret, exemptParagraph: '3' }),
    );
    const readings = [
      JSON.stringify(await services.forwardPlan.publicPlan()),
      JSON.stringify(await services.forwardPlan.publicEntries()),
      JSON.stringify(await services.forwardPlan.publicEntryBySlug(created.slug)),
      JSON.stringify(await services.forwardPlan.apiPage({ limit: 100 })),
      paperText(await services.papers.forwardPlan(cabinetSlug, { from: '2026-03-01', to: '2026-03-31' })).join('\n'),
    ];
    for (const text of readings) expect(text).not.toContain('Zanzibar');
    expect(readings[4]).toContain('paragraph 3 of Part 1 of Schedule 12A');
  });

  it('links an agenda item to its entry, shown on the entry’s public page', async () => {
    const created = await services.forwardPlan.create(officer, entry({ title: 'Town centre masterplan' }));
    const m = await meeting(db, { organisation_id: cabinetId, meeting_date: '2026-03-16' });
    const item = await agendaItem(db, { meeting_id: m.id, title: 'Town centre masterplan' });
    await services.meetingWorkspace.updateAgendaItem(officer, item.id, {
      title: item.title,
      version: String(item.version),
      forwardPlanEntryId: String(created.id),
    });
    const page = await services.forwardPlan.publicEntryBySlug(created.slug);
    expect(page.items.map((i) => i.title)).toEqual(['Town centre masterplan']);
    expect(
      await fieldsOf(
        services.meetingWorkspace.updateAgendaItem(officer, item.id, { title: item.title, version: String(item.version + 1), forwardPlanEntryId: '999999' }),
      ),
    ).toEqual(['forwardPlanEntryId']);
  });

  it('lists special urgency and general exception decisions in the urgency report', async () => {
    await services.forwardPlan.create(
      officer,
      entry({
        title: 'Flood recovery grant',
        firstPublishedOn: '2026-02-10',
        intendedDate: '2026-02-11',
        noticeRoute: 'special_urgency',
        exceptionNoticeOn: '2026-02-10',
        urgencyAgreedBy: 'Councillor Clark, Chair of the Overview and Scrutiny Management Board',
        urgencyReasons: 'The grant must be claimed by 12 February.',
      }),
    );
    const report = paperText(await services.papers.urgencyReport({ from: '2026-01-01', to: '2026-03-31' })).join('\n');
    expect(report).toContain('Flood recovery grant');
    expect(report).toContain('Councillor Clark, Chair of the Overview and Scrutiny Management Board');
    expect(report).toContain('Short notice');
    await expect(services.papers.urgencyReport({ from: '2026-02-30' })).rejects.toBeInstanceOf(ValidationError);
  });
});
