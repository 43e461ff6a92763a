// The generated papers at their addresses: every paper in every format answers with the right type, and reads back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../../src/repositories/index.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { PAPER_FORMATS, type PaperFormat } from '../../src/domain/paper.ts';
import { paths } from '../../src/web/paths.ts';
import { buildDemoApp, DEMO_NOW, type DemoApp } from '../support/demo-app.ts';
import { docxText, pdfInfo, pdfText, wording } from '../support/papers.ts';

const REVIEW = 'alternative-management-arrangements-for-childrens-services';
const CABINET = 'cabinet-and-commissioners-decision-making-meeting-2018-02-19';
const CABINET_BODY = 'cabinet-and-commissioners-decision-making-meeting';
const ILSC = 'improving-lives-select-commission';

let demo: DemoApp;
let decisionId: number;

beforeAll(async () => {
  demo = await buildDemoApp();
  const repos = createRepositories({ db: demo.database.db, clock: fixedClock(DEMO_NOW) });
  const meeting = await repos.meetings.findBySlug(CABINET);
  const minute = (await repos.minutes.forMeeting(meeting!.id)).find((m) => m.number === 109)!;
  decisionId = (await repos.minutes.resolutionsFor([minute.id]))[0]!.id;
});
afterAll(async () => demo?.close());

const papers: [string, (format: PaperFormat) => string, string][] = [
  ['response', (f) => paths.papers.response(REVIEW, f), 'Cabinet’s Response to Scrutiny Review of Alternative Management Arrangements'],
  ['annex', (f) => paths.papers.annex(REVIEW, f), 'terms of reference, members, criteria'],
  ['agenda', (f) => paths.papers.agenda(CABINET, f), 'Agenda: Cabinet and Commissioners’ Decision Making Meeting'],
  ['minutes', (f) => paths.papers.minutes(CABINET, f), 'Minutes of the meeting of Cabinet and Commissioners’ Decision Making Meeting'],
  ['decision', (f) => paths.papers.decision(CABINET, decisionId, f), 'Record of executive decision'],
  ['forward plan', (f) => paths.papers.forwardPlan(CABINET_BODY, f, { from: '2018-01-01', to: '2018-03-31' }), 'Notice of key decisions'],
  ['tracker report', (f) => paths.papers.trackerReport(ILSC, f), 'Tracker report: Improving Lives Select Commission'],
];

describe('generated papers over HTTP', () => {
  it.each(papers)('serves the %s as a print view, a Word file and a tagged PDF', async (_name, url, title) => {
    for (const format of PAPER_FORMATS) {
      const response = await demo.app.inject(url(format));
      expect(response.statusCode, `${url(format)}`).toBe(200);
      if (format === 'print') {
        expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(response.body).toContain('<html lang="en-GB">');
        expect(response.body).toContain(`<link rel="stylesheet" href="${paths.papers.stylesheet()}">`);
        expect(response.body).toMatch(new RegExp(`<h1>[^<]*${title.replace(/[’:]/g, '.')}`));
      } else if (format === 'docx') {
        expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
        expect(response.headers['content-disposition']).toMatch(/^attachment; filename="[a-z0-9-]+\.docx"$/);
        expect(await docxText(response.rawPayload)).toContain(title);
      } else {
        expect(response.headers['content-type']).toBe('application/pdf');
        expect(response.headers['content-disposition']).toMatch(/^inline; filename="[a-z0-9-]+\.pdf"$/);
        expect(pdfInfo(response.rawPayload).get('Tagged')).toBe('yes');
        expect(wording(pdfText(response.rawPayload))).toContain(wording(title));
      }
    }
  });

  it('is linked from the page of the record it comes from', async () => {
    const pages: [string, string[]][] = [
      [paths.review(REVIEW), [paths.papers.response(REVIEW, 'pdf'), paths.papers.annex(REVIEW, 'docx'), paths.papers.annex(REVIEW, 'print')]],
      [paths.reviewResponse(REVIEW), [paths.papers.response(REVIEW, 'docx')]],
      [paths.meeting(CABINET), [paths.papers.agenda(CABINET, 'pdf'), paths.papers.minutes(CABINET, 'docx'), paths.papers.decision(CABINET, decisionId, 'pdf')]],
      [paths.committee(CABINET_BODY), [paths.papers.forwardPlan(CABINET_BODY, 'pdf'), paths.papers.trackerReport(CABINET_BODY, 'pdf')]],
      [paths.committee(ILSC), [paths.papers.trackerReport(ILSC, 'docx')]],
    ];
    for (const [page, links] of pages) {
      const response = await demo.app.inject(page);
      expect(response.statusCode, page).toBe(200);
      for (const link of links) expect(response.body, `${page} links ${link}`).toContain(`href="${link}"`);
    }
    // Scrutiny committees take no key decisions, so they publish no forward plan.
    expect((await demo.app.inject(paths.committee(ILSC))).body).not.toContain('forward-plan');
  });

  it('serves the print stylesheet, which the print view needs because inline styles are refused', async () => {
    const response = await demo.app.inject(paths.papers.stylesheet());
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(response.body).toContain('border-collapse');
  });

  it('answers 404 for records that do not exist and 400 for a period that is not a date', async () => {
    expect((await demo.app.inject(paths.papers.response('no-such-review', 'pdf'))).statusCode).toBe(404);
    expect((await demo.app.inject(paths.papers.decision(CABINET, 999999, 'docx'))).statusCode).toBe(404);
    expect((await demo.app.inject('/meetings/x/decisions/abc.pdf')).statusCode).toBe(404);
    expect((await demo.app.inject(paths.papers.forwardPlan(CABINET_BODY, 'print', { from: '2018-13-01' }))).statusCode).toBe(400);
  });

  it('sends the public to sign in when they ask for the full officer version', async () => {
    const response = await demo.app.inject(`${paths.papers.agenda(CABINET, 'pdf')}?version=full`);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(paths.signIn(`${paths.papers.agenda(CABINET, 'pdf')}?version=full`));
  });
});
