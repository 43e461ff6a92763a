// Reading a Word response table back into the record, on both engines: a table built with the docx package, and the generated response round-trip.
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { createRepositories, type Repositories } from '../../src/repositories/index.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { paperToDocx } from '../../src/export/paper-docx.ts';
import { ConflictError, ValidationError } from '../../src/services/errors.ts';
import { readActionByDate, readDecision } from '../../src/import/docx-response-reader.ts';

const clock = fixedClock('2026-11-22T12:00:00Z');
const DEMO_REVIEW = 'alternative-management-arrangements-for-childrens-services';

function row(cells: (string | string[])[], header = false): TableRow {
  return new TableRow({
    tableHeader: header,
    children: cells.map(
      (c) =>
        new TableCell({
          children: (Array.isArray(c) ? c : [c]).map((text, i) =>
            i > 0 && Array.isArray(c) && text.startsWith('*')
              ? new Paragraph({ text: text.slice(1), bullet: { level: 0 } })
              : new Paragraph({ children: [new TextRun({ text, bold: header })] }),
          ),
        }),
    ),
  });
}

/** A response as a council writes it: a title table first, a covering paragraph, then the response table. */
async function councilResponse(rows: (string | string[])[][]): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Table({ rows: [row(['Report to Cabinet', '12 March 2025'])] }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: 'Appendix A: Cabinet response to the scrutiny review of home care', bold: true })],
          }),
          new Table({
            rows: [
              row(['Recommendation', 'Agreed/Not Agreed/Deferred', 'Response/Action', 'Officer Responsible', 'Action by (Date)'], true),
              ...rows.map((r) => row(r)),
            ],
          }),
          new Paragraph('Signed: Leader of the Council'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

describe.each(testDialects())('importing a Word response table on %s', (dialect) => {
  let handle: TestDb;
  let services: Services;
  let repos: Repositories;
  let reviewCount = 0;

  async function emptyReview(): Promise<{ id: number; slug: string }> {
    const demo = await repos.reviews.findBySlug(DEMO_REVIEW);
    reviewCount += 1;
    return repos.reviews.create({
      slug: `home-care-review-${reviewCount}`,
      title: `Home care review ${reviewCount}`,
      short_title: null,
      organisation_id: demo!.organisation_id,
      group_organisation_id: null,
      summary: null,
      scope: null,
      criteria_heading: null,
      status: 'reported',
      started_on: null,
      report_date: '2025-01-15',
      report_meeting_id: null,
      received_on: '2025-01-15',
      response_meeting_id: null,
      response_title: null,
      issue_id: null,
    });
  }

  beforeAll(async () => {
    handle = await createTestDb(dialect);
    services = createServices({ database: handle, clock });
    await services.demo.loadIfAbsent();
    repos = createRepositories({ db: handle.db, clock });
  });
  afterAll(async () => handle?.destroy());

  it('reads a council’s table by its header words, reports the row it cannot read, and creates the rest only when applied', async () => {
    const file = await councilResponse([
      [
        ['1. The Council should publish home care waiting times monthly.'],
        'Agreed',
        ['Waiting times will be published from April.', 'Action: Add the figures to the monthly performance report'],
        'Ian Thomas',
        '31 March 2026',
      ],
      [
        ['2. The Council should:', '*Review the rates paid to providers;', '*Consult carers'],
        'Partially agreed',
        'Rates will be reviewed; consultation is already annual.',
        'Jo Bloggs',
        'Annual review',
      ],
      [['3. Commission a night service.'], 'Maybe', 'To be considered.', 'Jo Bloggs', '01/06/2026'],
      [['4. Keep the current assessment form.'], 'Not agreed', 'A new form is required by the Care Act guidance.', 'N.F.A required', ''],
    ]);
    const preview = await services.responseImport.previewResponseImport(file);
    expect(preview.columns).toEqual({
      recommendation: 'Recommendation',
      decision: 'Agreed/Not Agreed/Deferred',
      response: 'Response/Action',
      officer: 'Officer Responsible',
      actionBy: 'Action by (Date)',
    });
    expect(preview.rows.map((r) => r.number)).toEqual([1, 2, 4]);
    expect(preview.problems).toEqual([
      {
        row: 4,
        message: 'Row 4 (recommendation 3): the decision “Maybe” is not one of agreed, not agreed, deferred, partially agreed or agreed in principle.',
      },
    ]);
    expect(preview.rows[0]).toMatchObject({
      text: 'The Council should publish home care waiting times monthly.',
      decision: 'accepted',
      responseText: 'Waiting times will be published from April.',
      proposedAction: 'Add the figures to the monthly performance report',
      officerName: 'Ian Thomas',
      actionByDate: '2026-03-31',
      actionByText: null,
    });
    expect(preview.rows[1]).toMatchObject({
      text: 'The Council should:',
      points: ['Review the rates paid to providers;', 'Consult carers'],
      decision: 'partially_accepted',
      actionByText: 'Annual review',
      actionByDate: null,
    });
    expect(preview.rows[2]).toMatchObject({ decision: 'not_accepted', officerName: null, outcome: 'no_further_action' });

    // The preview wrote nothing.
    const review = await emptyReview();
    expect(await repos.recommendations.forReview(review.id)).toHaveLength(0);

    const result = await services.responseImport.applyResponseImport('system', { review: review.slug, preview });
    expect(result.created.map((c) => c.number)).toEqual([1, 2, 4]);
    expect(result.skipped).toHaveLength(1);
    const stored = await services.reviews.response(review.slug);
    expect(
      stored.recommendations.map((r) => [
        r.number,
        r.text,
        r.points,
        r.decision,
        r.response_text,
        r.proposed_action,
        r.responsible_name,
        r.action_by_date,
        r.action_by_text,
        r.outcome,
      ]),
    ).toEqual([
      [
        1,
        'The Council should publish home care waiting times monthly.',
        [],
        'accepted',
        'Waiting times will be published from April.',
        'Add the figures to the monthly performance report',
        'Ian Thomas',
        '2026-03-31',
        null,
        null,
      ],
      [
        2,
        'The Council should:',
        ['Review the rates paid to providers;', 'Consult carers'],
        'partially_accepted',
        'Rates will be reviewed; consultation is already annual.',
        null,
        'Jo Bloggs',
        null,
        'Annual review',
        null,
      ],
      [
        4,
        'Keep the current assessment form.',
        [],
        'not_accepted',
        'A new form is required by the Care Act guidance.',
        null,
        null,
        null,
        null,
        'no_further_action',
      ],
    ]);
    // Ian Thomas is a person in the record, so the response links to him; nobody is called Jo Bloggs.
    const thomas = (await repos.people.list({ limit: 100, offset: 0 })).find((p) => p.name === 'Ian Thomas')!;
    expect(stored.recommendations[0]!.responsible_person_id).toBe(thomas.id);
    expect(stored.recommendations[1]!.responsible_person_id).toBeNull();
    const history = await services.audit.history('recommendation', result.created[0]!.recommendationId);
    expect(history.map((h) => h.action)).toEqual(['import']);

    // Importing again would duplicate recommendations: refused, and nothing more is written.
    await expect(services.responseImport.applyResponseImport('system', { review: review.id, preview })).rejects.toBeInstanceOf(ConflictError);
    expect(await repos.recommendations.forReview(review.id)).toHaveLength(3);
  });

  it('round-trips the generated response to the demo review into the same records', async () => {
    const paper = await services.papers.response(DEMO_REVIEW);
    const preview = await services.responseImport.previewResponseImport(await paperToDocx(paper));
    expect(preview.problems).toEqual([]);
    const review = await emptyReview();
    await services.responseImport.applyResponseImport('system', { review: review.slug, preview });
    const fields = (recs: Awaited<ReturnType<Services['reviews']['response']>>['recommendations']) =>
      recs.map((r) => ({
        number: r.number,
        text: r.text,
        points: r.points,
        decision: r.decision,
        response: r.response_text,
        officer: r.responsible_name,
        officerPerson: r.responsible_person_id,
        date: r.action_by_date,
        actionBy: r.action_by_text,
        outcome: r.outcome === 'no_further_action' ? r.outcome : null,
      }));
    const original = await services.reviews.response(DEMO_REVIEW);
    const imported = await services.reviews.response(review.slug);
    // The one outcome a response table cannot show is "no longer relevant", which lives in the response's words.
    expect(fields(imported.recommendations)).toEqual(fields(original.recommendations));
  });

  it('refuses a file with no response table, and one that is not a Word document', async () => {
    const noTable = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('No table here')] }] }));
    await expect(services.responseImport.previewResponseImport(noTable)).rejects.toBeInstanceOf(ValidationError);
    await expect(services.responseImport.previewResponseImport(Buffer.from('%PDF-1.7 not a docx'))).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('reading the words of a response table', () => {
  it.each([
    ['Agreed', 'accepted'],
    ['Accepted', 'accepted'],
    ['Not Agreed', 'not_accepted'],
    ['Not accepted', 'not_accepted'],
    ['Deferred', 'deferred'],
    ['Partially agreed', 'partially_accepted'],
    ['Agreed in principle', 'accepted_in_principle'],
    ['Deferred (interim response)', 'deferred'],
    ['Maybe', null],
    ['', null],
  ])('reads the decision “%s” as %s', (text, expected) => {
    expect(readDecision(text)).toBe(expected);
  });

  it.each([
    ['31 March 2026', '2026-03-31'],
    ['Tuesday 31st March 2026', '2026-03-31'],
    ['31/03/2026', '2026-03-31'],
    ['2026-03-31', '2026-03-31'],
    ['31/02/2026', null],
    ['Annual Participation', null],
    ['March 2026', null],
  ])('reads the action-by “%s” as the date %s', (text, expected) => {
    expect(readActionByDate(text)).toBe(expected);
  });
});
