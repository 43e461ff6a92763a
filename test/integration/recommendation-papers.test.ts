// A recommendation no review made, in every paper and file that lists recommendations, on both engines: the tracker report, the progress feed and the recommendations file show its reference and origin; one minuted on exempt business is in none of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { paperText } from '../../src/domain/paper.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { paperToDocx } from '../../src/export/paper-docx.ts';
import { paperToPdf } from '../../src/export/paper-pdf.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { presentProgressFeed, RECOMMENDATION_COLUMNS, recommendationRows } from '../../src/web/presenters/feed-presenter.ts';
import { limbRows } from '../../src/web/routes/admin/resolution-rows.ts';
import * as make from '../support/factories.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

const site = { origin: 'https://democracy.example.org', hostname: 'democracy.example.org', councilName: 'Example Council' };

describe.each(testDialects())('papers and files of a committee meeting’s recommendation on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  let officer: Actor;

  /** Minutes an item of a new meeting of the body, with the given limb rows, as the workspace form posts them. */
  async function minute(bodyId: number, meetingDate: string, title: string, limbs: Record<string, string>, item: { exemptParagraph?: string } = {}) {
    const meeting = await services.meetingWorkspace.createMeeting(officer, { organisationId: String(bodyId), meetingDate });
    const agendaItem = await services.meetingWorkspace.addAgendaItem(officer, meeting.id, { title, description: title, ...item });
    await services.meetingWorkspace.publishAgenda(officer, meeting.id, { version: String(meeting.version), urgencyReason: 'Recorded after the meeting' });
    const form = { title, agendaItemId: String(agendaItem.id), ...limbs };
    await services.meetingWorkspace.addMinute(officer, meeting.id, form, limbRows(form));
  }

  beforeAll(async () => {
    db = await createTestDb(dialect);
    services = createServices({ database: db, clock: fixedClock('2026-03-20T10:00:00Z') });
    const scrutinyId = (await make.body(db, { slug: 'health-select', name: 'Health Select Commission', kind: 'scrutiny_committee' })).id;
    const cabinetId = (await make.body(db, { slug: 'cabinet', name: 'Cabinet', kind: 'executive' })).id;
    const user = await services.auth.addUser('system', {
      email: 'dso@example.org',
      name: 'Dem Services',
      role: 'democratic_services',
      password: 'a long password here',
    });
    officer = { userId: user.id, email: user.email, name: user.name, role: 'democratic_services', personId: null };
    await minute(scrutinyId, '2026-01-14', 'Home care market', {
      limb1Verb: 'recommended',
      limb1Text: 'That Cabinet commission an independent review of home care rates.',
      limb1TargetOrganisationId: String(cabinetId),
    });
    await minute(
      scrutinyId,
      '2026-02-04',
      'Provider contract',
      { limb1Verb: 'recommended', limb1Text: 'That Cabinet renegotiate the contract with Provider X.', limb1TargetOrganisationId: String(cabinetId) },
      { exemptParagraph: '3' },
    );
    const cabinetMeeting = await services.meetingWorkspace.createMeeting(officer, { organisationId: String(cabinetId), meetingDate: '2026-02-16' });
    for (const rec of await db.db.selectFrom('recommendations').selectAll().orderBy('id').execute()) {
      await services.scrutinyWorkspace.recordResponse(officer, rec.id, {
        decision: 'accepted',
        responseText: rec.text.includes('Provider X') ? 'Provider X will be asked to renegotiate.' : 'Cabinet agreed to commission the review.',
        proposedAction: 'Act on it',
        responsibleName: 'Strategic Director of Adult Care',
        actionByDate: '2026-09-30',
        agreedMeeting: cabinetMeeting.slug,
      });
      await services.scrutinyWorkspace.addProgress(officer, rec.id, {
        updateDate: '2026-03-10',
        status: 'on_track',
        narrative: `Under way (${rec.text.slice(0, 30)})`,
      });
    }
  }, 120_000);
  afterAll(async () => db.destroy());

  it('puts it in the tracker report under the committee’s meetings, by its reference and origin, and builds as Word and PDF', async () => {
    const paper = await services.papers.trackerReport('health-select');
    const text = paperText(paper).join('\n');
    expect(text).toContain(
      [
        'Recommendations of the committee’s meetings',
        'Open recommendations of Health Select Commission’s meetings',
        'Recommendation',
        'Response',
        'Officer',
        'Target',
        'Latest update',
        'RAG',
        '2025/26-001: That Cabinet commission an independent review of home care rates.',
        'Committee meeting, 14 January 2026, minute 1, to Cabinet',
        'Accepted',
        'Cabinet agreed to commission the review.',
        'Strategic Director of Adult Care',
        '30 September 2026',
      ].join('\n'),
    );
    expect(text).not.toContain('Provider X');
    expect((await paperToPdf(paper)).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await paperToDocx(paper)).subarray(0, 2).toString()).toBe('PK');
  });

  it('puts its response and progress in the progress feed by its reference, never the exempt one’s', async () => {
    const feed = presentProgressFeed(site, await services.feeds.progressEvents(), '2026-03-20T10:00:00Z');
    expect(feed.entries.map((e) => e.title)).toEqual([
      'Progress on recommendation 2025/26-001, 10 March 2026: on track',
      'Response to recommendation 2025/26-001: Accepted',
    ]);
    expect(JSON.stringify(feed)).not.toContain('Provider X');
  });

  it('gives its reference and origin in the recommendations file', async () => {
    const rows = recommendationRows(site, await services.feeds.recommendations());
    const column = (name: string) => RECOMMENDATION_COLUMNS.indexOf(name);
    expect(rows.map((r) => [r[column('recommendation')], r[column('reference')], r[column('origin')]])).toEqual([
      ['That Cabinet commission an independent review of home care rates.', '2025/26-001', 'Committee meeting'],
    ]);
  });
});
