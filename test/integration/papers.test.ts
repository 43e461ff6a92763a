// Generated papers from the demo record, on both engines: every DOCX read back with mammoth, every PDF with pdftotext and pdfinfo.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { docxHtml, docxText, pdfInfo, pdfText, wording } from '../support/papers.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { createRepositories } from '../../src/repositories/index.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { paperText, type Paper } from '../../src/domain/paper.ts';
import { EVERY_BODY } from '../../src/domain/withheld.ts';
import type { PaperOptions } from '../../src/services/paper-service.ts';
import { paperToDocx } from '../../src/export/paper-docx.ts';
import { paperToPdf } from '../../src/export/paper-pdf.ts';
import { paperToHtml } from '../../src/export/paper-html.ts';
import { NotFoundError, ValidationError } from '../../src/services/errors.ts';
import { forwardPlanEntry } from '../support/factories.ts';

const REVIEW = 'alternative-management-arrangements-for-childrens-services';
const APPENDIX_A = readFileSync(new URL('../fixtures/seeds/000_a0c3f34ac43ed382.txt', import.meta.url), 'utf8');
const SECRET = 'Zanzibar bid price 4.2 million';
const clock = fixedClock('2018-02-01T12:00:00Z');

async function everyFormat(paper: Paper) {
  const [docx, pdf] = await Promise.all([paperToDocx(paper), paperToPdf(paper)]);
  return { html: paperToHtml(paper), docx: await docxText(docx), docxHtml: await docxHtml(docx), pdf: pdfText(pdf), info: pdfInfo(pdf) };
}

describe.each(testDialects())('generated papers on %s', (dialect) => {
  let handle: TestDb;
  let services: Services;
  let cabinetSlug: string;
  let exemptResolutionId: number;
  let publicResolutionId: number;

  beforeAll(async () => {
    handle = await createTestDb(dialect);
    services = createServices({ database: handle, clock });
    await services.demo.loadIfAbsent();
    const repos = createRepositories({ db: handle.db, clock });
    const cabinet = (await services.meetings.list({ page: 1 })).meetings.find((m) => m.meeting_date === '2018-02-19')!;
    cabinetSlug = cabinet.slug;
    // A key decision taken in private: exempt under paragraph 3, with text that must never be public.
    const item = await repos.meetings.createAgendaItem({
      meeting_id: cabinet.id,
      position: 2,
      number: '2',
      title: 'Disposal of the former depot',
      description: `Heads of terms: ${SECRET}.`,
      report_of: 'Strategic Director of Finance',
      exempt_paragraph: 3,
      is_key_decision: 1,
      urgency_reason: null,
      issue_id: null,
      source_system: null,
      source_id: null,
    });
    await repos.documents.create({
      slug: 'depot-valuation',
      title: `Valuation: ${SECRET}`,
      kind: 'report',
      meeting_id: cabinet.id,
      agenda_item_id: item.id,
      review_id: null,
      exempt_paragraph: 3,
      url: null,
      file_name: null,
      media_type: null,
      byte_size: null,
      page_count: null,
      storage_key: null,
      text_content: null,
      published_on: null,
      source_system: null,
      source_id: null,
    });
    const minute = await repos.minutes.createMinute({
      organisation_id: cabinet.organisation_id,
      meeting_id: cabinet.id,
      agenda_item_id: item.id,
      number: 110,
      municipal_year: 2017,
      title: 'Disposal of the former depot',
      body: `The bid of ${SECRET} was considered.`,
      further_to_minute_id: null,
    });
    const resolution = await repos.minutes.createResolution({
      minute_id: minute.id,
      mover_name: null,
      mover_person_id: null,
      seconder_name: null,
      seconder_person_id: null,
      votes_for: null,
      votes_against: null,
      votes_abstained: null,
      is_executive_decision: 1,
      is_key_decision: 1,
      published_on: '2025-12-19',
      reasons: `Best consideration: ${SECRET}.`,
      alternatives: 'Retaining the depot.',
      conflicts: null,
      dispensation: null,
    });
    await repos.minutes.createLimb({ resolution_id: resolution.id, number: 1, verb: 'approved', text: `That the bid of ${SECRET} be accepted.` });
    exemptResolutionId = resolution.id;
    // The same decision on the forward plan, to be taken in private (SI 2012/2089 reg 9(1)(e)).
    await forwardPlanEntry(handle, {
      organisation_id: cabinet.organisation_id,
      title: 'Disposal of the former depot',
      description: `Heads of terms: ${SECRET}.`,
      documents: `Valuation: ${SECRET}`,
      exempt_paragraph: 3,
      first_published_on: '2018-01-10',
      intended_date: '2018-02-19',
    });
    const cabinetMinute = (await repos.minutes.forMeeting(cabinet.id)).find((m) => m.number === 109)!;
    publicResolutionId = (await repos.minutes.resolutionsFor([cabinetMinute.id]))[0]!.id;
  });
  afterAll(async () => handle?.destroy());

  it('reproduces the rows of the reference case’s Appendix A in the response, in every format', async () => {
    const paper = await services.papers.response(REVIEW);
    expect(paper.title).toBe(
      'Cabinet’s Response to Scrutiny Review of Alternative Management Arrangements for Children and Young People’s Services in Rotherham',
    );
    const table = paper.blocks.find((b) => b.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no response table');
    expect(table.headers).toEqual([
      'Recommendation',
      'Agreed / not agreed / deferred',
      'Response and proposed action',
      'Officer responsible',
      'Action by (date)',
    ]);
    expect(table.rows).toHaveLength(5);
    const source = wording(APPENDIX_A);
    for (const row of table.rows) {
      const [rec, , response, officer] = row;
      // The recommendation with its points, and the response, word for word as Appendix A has them.
      expect(source).toContain(wording([rec!.text, ...(rec!.bullets ?? [])].join(' ')));
      expect(source).toContain(wording(response!.text));
      expect(source).toContain(wording(officer!.text));
    }
    expect(table.rows.map((r) => r[3]!.text)).toEqual(['Ian Thomas', 'N.F.A required', 'Ian Thomas', 'Ian Thomas', 'Ian Thomas']);
    expect(table.rows[2]![4]!.text).toBe('Annual Participation');
    expect(table.rows[2]![1]!.text).toBe('Not accepted');

    const out = await everyFormat(paper);
    for (const text of [out.docx, out.pdf]) {
      for (const row of table.rows) {
        expect(wording(text)).toContain(wording(row[0]!.text));
        expect(wording(text)).toContain(wording(row[2]!.text));
      }
      expect(wording(text)).toContain(wording('Annual Participation'));
      expect(wording(text)).toContain(wording('N.F.A required'));
    }
    expect(out.info.get('Tagged')).toBe('yes');
    expect(out.info.get('Title')).toBe(paper.title);
    expect(out.info.get('Page size')).toContain('A4');
    // Word: a real header row and the title as Heading 1.
    expect(out.docxHtml).toContain(`<h1>${paper.title}</h1>`);
    expect(out.docxHtml).toContain('<thead><tr><th><p><strong>Recommendation</strong></p></th>');
    expect(out.html).toContain('<th scope="col">Officer responsible</th>');
    expect(out.html).toContain('<html lang="en-GB">');
  });

  it('writes the review annex, agenda, minutes, decision record, forward plan and tracker report readably in Word and PDF', async () => {
    const papers = [
      await services.papers.annex(REVIEW),
      await services.papers.agenda(cabinetSlug),
      await services.papers.minutes(cabinetSlug),
      await services.papers.decision(cabinetSlug, publicResolutionId),
      await services.papers.forwardPlan('cabinet-and-commissioners-decision-making-meeting', { from: '2018-01-01', to: '2018-03-31' }),
      await services.papers.trackerReport('improving-lives-select-commission'),
    ];
    for (const paper of papers) {
      const out = await everyFormat(paper);
      expect(out.info.get('Tagged'), paper.kind).toBe('yes');
      expect(out.info.get('Title'), paper.kind).toBe(paper.title);
      const docxWords = wording(out.docx);
      const pdfWords = wording(out.pdf);
      for (const text of paperText(paper).filter((t) => t.trim() !== '')) {
        expect(docxWords, `${paper.kind} docx: ${text}`).toContain(wording(text));
        expect(pdfWords, `${paper.kind} pdf: ${text}`).toContain(wording(text));
      }
    }
    const [annex, agenda, minutes, decision, plan, tracker] = papers;
    expect(paperText(annex!).join('\n')).toContain('Seven tests for Children and Young People’s services');
    expect(paperText(annex!).join('\n')).toContain('Doncaster Council and Doncaster Children’s Trust');
    expect(paperText(agenda!).join('\n')).toContain('Appendix A: Cabinet’s Response to Scrutiny Review');
    expect(paperText(minutes!).join('\n')).toContain('Further to Minute No. 83 of the meeting of Council held on 18 October 2017.');
    expect(paperText(minutes!).join('\n')).toContain('(2) That the response be referred to the next meeting of the Council on 28 February 2018');
    // Reg 12 record: the call-in window counted from the meeting (no publication date recorded), 5 working days.
    const facts = decision!.blocks.find((b) => b.kind === 'facts');
    expect(facts?.kind === 'facts' && Object.fromEntries(facts.rows)).toMatchObject({
      'Decision maker': 'Cabinet and Commissioners’ Decision Making Meeting',
      'Call-in period ends': 'Monday 26 February 2018',
      'May be implemented from': 'Tuesday 27 February 2018',
    });
    expect(paperText(plan!).join('\n')).toContain('Disposal of the former depot');
    expect(paperText(plan!).join('\n')).toContain('Notice due by Friday 19 January 2018');
    expect(paperText(tracker!).join('\n')).toContain('The Department has achieved a Good rating');
  });

  it('keeps exempt text out of every public paper and puts it, marked Not for publication, in the officer version', async () => {
    const kinds = [
      (audience: PaperOptions) => services.papers.agenda(cabinetSlug, audience),
      (audience: PaperOptions) => services.papers.minutes(cabinetSlug, audience),
      (audience: PaperOptions) => services.papers.decision(cabinetSlug, exemptResolutionId, audience),
      (audience: PaperOptions) =>
        services.papers.forwardPlan('cabinet-and-commissioners-decision-making-meeting', { from: '2018-01-01', to: '2018-03-31' }, audience),
    ];
    for (const make of kinds) {
      const publicPaper = await make({ audience: 'public' });
      const out = await everyFormat(publicPaper);
      for (const text of [out.html, out.docx, out.pdf]) {
        expect(text, publicPaper.kind).not.toContain('Zanzibar');
        expect(wording(text), publicPaper.kind).toContain(wording('paragraph 3 of Part 1 of Schedule 12A'));
      }
      expect(publicPaper.marking).toBeNull();

      const officerPaper = await make({ audience: 'officer', reach: EVERY_BODY });
      const full = await everyFormat(officerPaper);
      for (const text of [full.html, full.docx, full.pdf]) {
        expect(text, officerPaper.kind).toContain('Zanzibar');
        expect(text, officerPaper.kind).toContain('NOT FOR PUBLICATION');
        expect(wording(text), officerPaper.kind).toContain(wording('paragraph 3 of Part 1 of Schedule 12A'));
      }
    }
  });

  it('counts the call-in window from the published record of the decision', async () => {
    const paper = await services.papers.decision(cabinetSlug, exemptResolutionId, { audience: 'officer', reach: EVERY_BODY });
    const facts = paper.blocks.find((b) => b.kind === 'facts');
    // RULES.md rule 4's example: published Fri 19 Dec 2025 → window ends Tue 30 Dec, implementable Wed 31 Dec 2025.
    expect(facts?.kind === 'facts' && Object.fromEntries(facts.rows)).toMatchObject({
      'Call-in period ends': 'Tuesday 30 December 2025',
      'May be implemented from': 'Wednesday 31 December 2025',
      'Key decision': 'Yes',
    });
  });

  it('refuses what does not exist and periods that are not dates', async () => {
    await expect(services.papers.response('no-such-review')).rejects.toBeInstanceOf(NotFoundError);
    await expect(services.papers.decision(cabinetSlug, 999999)).rejects.toBeInstanceOf(NotFoundError);
    await expect(services.papers.forwardPlan('cabinet-and-commissioners-decision-making-meeting', { from: '2018-02-30' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(
      services.papers.forwardPlan('cabinet-and-commissioners-decision-making-meeting', { from: '2018-03-01', to: '2018-02-01' }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});
