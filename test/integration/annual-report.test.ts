// The annual scrutiny report on both engines: for a committee and a municipal year, the reviews that reported, the recommendations it made by every origin and those accepted and signed off, the call-ins it heard and its work programme; nothing from another year, withdrawn or withheld.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { paperText } from '../../src/domain/paper.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { NotFoundError } from '../../src/services/errors.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { paperToDocx } from '../../src/export/paper-docx.ts';
import { paperToPdf } from '../../src/export/paper-pdf.ts';
import { limbRows } from '../../src/web/routes/admin/resolution-rows.ts';
import * as make from '../support/factories.ts';
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
    expect(text).toContain(['Recommendations made', '5', 'Made by a scrutiny review', '5', 'Made at a committee meeting', '0'].join('\n'));
    expect(text).toContain(['Accepted in any form', '4'].join('\n'));
    // Each recommendation with its reference and the review that made it.
    expect(text).toContain(['2017/18-001', 'Scrutiny review: Alternative Management Arrangements for Children’s Services, recommendation 1'].join('\n'));
    expect(text).toContain(['Awaiting a response', '0'].join('\n'));
    // A recommendation is printed with its sub-points, as the response table has them.
    const [point] = await db.db.selectFrom('recommendation_points').select('text').orderBy('recommendation_id').orderBy('position').execute();
    expect(text).toContain(['The Practice Partner model will:', point?.text].join('\n'));
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

describe.each(testDialects())('the annual scrutiny report of a committee’s own year on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  let officer: Actor;
  let scrutinyId: number;
  let cabinetId: number;

  /** Minutes an item of a new meeting of the body, with the given limb rows, as the workspace form posts them. */
  async function minute(bodyId: number, meetingDate: string, title: string, limbs: Record<string, string>, item: { exemptParagraph?: string } = {}) {
    const meeting = await services.meetingWorkspace.createMeeting(officer, { organisationId: String(bodyId), meetingDate });
    const agendaItem = await services.meetingWorkspace.addAgendaItem(officer, meeting.id, { title, description: title, ...item });
    await services.meetingWorkspace.publishAgenda(officer, meeting.id, { version: String(meeting.version), urgencyReason: 'Recorded after the meeting' });
    const form = { title, agendaItemId: String(agendaItem.id), ...limbs };
    await services.meetingWorkspace.addMinute(officer, meeting.id, form, limbRows(form));
    const resolution = await db.db
      .selectFrom('resolutions as r')
      .innerJoin('minutes as mi', 'mi.id', 'r.minute_id')
      .select('r.id')
      .where('mi.meeting_id', '=', meeting.id)
      .executeTakeFirstOrThrow();
    return { meeting, resolutionId: resolution.id };
  }

  const report = async (year: number) => paperText(await services.papers.annualReport('health-select', year)).join('\n');

  beforeAll(async () => {
    db = await createTestDb(dialect);
    services = createServices({ database: db, clock: fixedClock('2026-03-20T10:00:00Z') });
    scrutinyId = (await make.body(db, { slug: 'health-select', name: 'Health Select Commission', kind: 'scrutiny_committee' })).id;
    cabinetId = (await make.body(db, { slug: 'cabinet', name: 'Cabinet', kind: 'executive' })).id;
    const user = await services.auth.addUser('system', {
      email: 'dso@example.org',
      name: 'Dem Services',
      role: 'democratic_services',
      password: 'a long password here',
    });
    officer = { userId: user.id, email: user.email, name: user.name, role: 'democratic_services', personId: null };

    // A recommendation of the committee's meeting to Cabinet, accepted and signed off as achieved in the year.
    await minute(scrutinyId, '2026-01-14', 'Home care market', {
      limb1Verb: 'recommended',
      limb1Text: 'That Cabinet commission an independent review of home care rates.',
      limb1TargetOrganisationId: String(cabinetId),
    });
    // One minuted on exempt business: never in the public report.
    await minute(
      scrutinyId,
      '2026-02-04',
      'Provider contract',
      { limb1Verb: 'recommended', limb1Text: 'That Cabinet renegotiate the contract with Provider X.', limb1TargetOrganisationId: String(cabinetId) },
      { exemptParagraph: '3' },
    );
    const rec = await db.db.selectFrom('recommendations').selectAll().where('text', 'like', '%home care rates%').executeTakeFirstOrThrow();
    const cabinetMeeting = await services.meetingWorkspace.createMeeting(officer, { organisationId: String(cabinetId), meetingDate: '2026-02-16' });
    await services.scrutinyWorkspace.recordResponse(officer, rec.id, {
      decision: 'accepted',
      responseText: 'Cabinet agreed to commission the review.',
      proposedAction: 'Commission the review',
      responsibleName: 'Strategic Director of Adult Care',
      actionByDate: '2026-09-30',
      agreedMeeting: cabinetMeeting.slug,
    });
    const signing = await minute(scrutinyId, '2026-03-18', 'Recommendation tracker', {
      limb1Verb: 'agreed',
      limb1Text: 'That recommendation 2025/26-001 be signed off.',
    });
    const form = await services.reviewLifecycle.signOffForm(officer, signing.meeting.id);
    await services.reviewLifecycle.signOff(officer, signing.meeting.id, {
      rows: [
        {
          recommendationId: rec.id,
          outcome: 'achieved',
          minute: String(form.minutes[0]?.id),
          version: String(form.candidates.find((c) => c.id === rec.id)?.version),
        },
      ],
    });

    // Call-ins of Cabinet's decisions: one heard and referred back, one on exempt business, one heard the next year.
    const library = await minute(cabinetId, '2026-03-02', 'Closure of Riverside Library', {
      limb1Verb: 'approved',
      limb1Text: 'That Riverside Library close.',
    });
    const depot = await minute(
      cabinetId,
      '2026-03-02',
      'Sale of the depot',
      { limb1Verb: 'approved', limb1Text: 'That the depot be sold to Buyer Y.' },
      { exemptParagraph: '3' },
    );
    const parks = await minute(cabinetId, '2026-04-20', 'Parks charges', { limb1Verb: 'approved', limb1Text: 'That parking in parks be charged.' });
    const hearing = await make.meeting(db, { organisation_id: scrutinyId, meeting_date: '2026-03-12' });
    const nextYear = await make.meeting(db, { organisation_id: scrutinyId, meeting_date: '2026-05-12' });
    await make.callIn(db, {
      resolution_id: library.resolutionId,
      status: 'closed',
      hearing_meeting_id: hearing.id,
      outcome: 'referred_back',
      outcome_on: '2026-03-12',
      outcome_text: 'Keep the library open until a community group is found.',
      reconsideration: 'modified',
      reconsidered_on: '2026-03-23',
      reconsideration_reasons: 'The closure is put back to October.',
    });
    await make.callIn(db, {
      resolution_id: depot.resolutionId,
      status: 'heard',
      hearing_meeting_id: hearing.id,
      outcome: 'no_further_action',
      outcome_on: '2026-03-12',
    });
    await make.callIn(db, { resolution_id: parks.resolutionId, hearing_meeting_id: nextYear.id, received_on: '2026-04-24' });

    // Its work programme for 2025/26: heard, scheduled, dropped, and what the public never sees.
    await make.topic(db, { organisation_id: scrutinyId, title: 'Home care market', state: 'done', done_on: '2026-01-14', meeting_id: signing.meeting.id });
    await make.topic(db, { organisation_id: scrutinyId, title: 'Adult social care charging', state: 'scheduled', method: 'pre_decision' });
    await make.topic(db, {
      organisation_id: scrutinyId,
      title: 'Leisure centre hours',
      state: 'dropped',
      dropped_reason: 'Cabinet is reviewing opening hours itself.',
    });
    await make.topic(db, { organisation_id: scrutinyId, title: 'Potholes on the ring road', state: 'suggested', source: 'public', accepted_on: null });
    await make.topic(db, { organisation_id: scrutinyId, title: 'Provider X contract', state: 'agreed', exempt_paragraph: 3 });
    await make.topic(db, { organisation_id: scrutinyId, title: 'Youth services', municipal_year: 2026 });
  }, 120_000);
  afterAll(async () => db.destroy());

  it('lists the recommendations its meetings made with their reference and origin, and the one signed off as achieved', async () => {
    const text = await report(2025);
    expect(text).toContain(['Recommendations made', '1', 'Made by a scrutiny review', '0', 'Made at a committee meeting', '1'].join('\n'));
    expect(text).toContain(['Accepted in any form', '1'].join('\n'));
    expect(text).toContain(
      [
        'Recommendations made in 2025/26',
        'Reference and origin',
        'Recommendation',
        'Response',
        '2025/26-001',
        'Committee meeting, 14 January 2026, minute 1, to Cabinet',
        'That Cabinet commission an independent review of home care rates.',
        'Accepted',
      ].join('\n'),
    );
    expect(text).toContain('1 recommendation was signed off as achieved in 2025/26; 0 signed off with another outcome.');
    expect(text).toContain(['2025/26-001', 'Committee meeting, 14 January 2026, minute 1, to Cabinet'].join('\n'));
    expect(text).toContain(['18 March 2026', 'Achieved'].join('\n'));
    expect(text).not.toContain('Provider X');
  });

  it('lists the call-ins it heard in the year with the decision, its body, dates, outcome and reconsideration, never one of exempt business', async () => {
    const text = await report(2025);
    expect(text).toContain('1 call-in of executive decisions heard in 2025/26.');
    expect(text).toContain(
      [
        'Closure of Riverside Library',
        'Cabinet, 2 March 2026, minute 1',
        '5 March 2026',
        '12 March 2026',
        'Referred back to the decision maker with recommendations',
        'Keep the library open until a community group is found.',
        'Decision modified',
        '23 March 2026',
        'The closure is put back to October.',
      ].join('\n'),
    );
    expect(text).not.toContain('depot');
    expect(text).not.toContain('Parks charges');
    expect(await report(2026)).toContain(
      ['Parks charges', 'Cabinet, 20 April 2026, minute 3', '24 April 2026', '12 May 2026', 'Not yet decided', 'Not needed'].join('\n'),
    );
  });

  it('shows its work programme for the year by state, with method and the reason a topic was dropped', async () => {
    const text = await report(2025);
    expect(text).toContain(['Work programme', 'Heard', '1', 'Scheduled, not yet heard', '1', 'Dropped', '1'].join('\n'));
    expect(text).toContain(['Home care market', 'Agenda item', '18 March 2026', 'Heard'].join('\n'));
    expect(text).toContain(['Adult social care charging', 'Pre-decision scrutiny', 'Not planned', 'Scheduled'].join('\n'));
    expect(text).toContain(['Leisure centre hours', 'Agenda item', 'Not planned', 'Cabinet is reviewing opening hours itself.'].join('\n'));
    for (const hidden of ['Potholes', 'Provider X', 'Youth services']) expect(text).not.toContain(hidden);
  });

  it('has a council-wide edition with each scrutiny committee’s year under its name', async () => {
    const paper = await services.papers.councilAnnualReport(2025);
    expect(paper.title).toBe('Annual scrutiny report 2025/26: Council');
    expect(paper.blocks.filter((b) => b.kind === 'heading' && b.level === 2).map((b) => (b.kind === 'heading' ? b.text : ''))).toEqual([
      'Health Select Commission',
    ]);
    const text = paperText(paper).join('\n');
    expect(text).toContain(['Health Select Commission', 'Reviews completed'].join('\n'));
    expect(text).toContain('2025/26-001');
    expect(text).toContain('1 call-in of executive decisions heard in 2025/26.');
    expect(text).not.toContain('Provider X');
  });

  it('builds as Word and PDF', async () => {
    const paper = await services.papers.annualReport('health-select', 2025);
    expect((await paperToPdf(paper)).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await paperToDocx(paper)).subarray(0, 2).toString()).toBe('PK');
  });
});
