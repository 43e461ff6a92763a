// The forward plan's workspace form and public pages in-process: a key decision published and seen by the public, short notice refused until an exception is recorded, exempt detail never public, the CSV and the urgency report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoApp, type DemoApp } from '../support/demo-app.ts';
import { signedIn, workspaceClient, type WorkspaceClient } from '../support/workspace-client.ts';
import { paths } from '../../src/web/paths.ts';
import { ForwardPlanEntry, listOf } from '../../src/web/api-schemas.ts';
import { jsonOf } from '../support/json.ts';

let demo: DemoApp;
let officer: WorkspaceClient;
let cabinetId: number;
const SECRET = 'Heads of terms with Zanzibar Holdings';

const count = async () => (await demo.database.db.selectFrom('forward_plan_entries').select('id').execute()).length;

/** A form's fields for a key decision by Cabinet: the demo clock stands at 22 November 2026. */
function fields(values: Record<string, string> = {}): Record<string, string> {
  return {
    organisationId: String(cabinetId),
    title: 'Award of the home to school transport contract',
    description: 'A four-year contract for home to school transport.',
    decisionMakerKind: 'cabinet',
    isKeyDecision: 'yes',
    reasonSpending: 'yes',
    amountPounds: '£1,250,000',
    'firstPublishedOn-day': '23',
    'firstPublishedOn-month': '11',
    'firstPublishedOn-year': '2026',
    'intendedDate-day': '11',
    'intendedDate-month': '1',
    'intendedDate-year': '2027',
    documents: 'Report of the Strategic Director of Children and Young People’s Services',
    scrutinyEngagement: 'Pre-decision scrutiny by the Overview and Scrutiny Management Board on 16 December 2026',
    noticeRoute: 'notice',
    ...values,
  };
}

beforeAll(async () => {
  demo = await buildDemoApp();
  await demo.services.auth.addUser('system', { email: 'dso@example.org', name: 'Dee Ess', role: 'democratic_services', password: 'officer password 1' });
  await demo.services.auth.addUser('system', { email: 'cllr@example.org', name: 'Cllr Sea', role: 'councillor', password: 'councillor password' });
  officer = await signedIn(demo.app, 'dso@example.org', 'officer password 1');
  cabinetId = (await demo.database.db.selectFrom('organisations').select('id').where('kind', '=', 'executive').executeTakeFirstOrThrow()).id;
});
afterAll(async () => demo.close());

describe('the forward plan workspace', () => {
  it('is linked from the workspace home, and closed to the public and to councillors', async () => {
    expect((await officer.get(paths.admin.home())).body).toContain(paths.admin.forwardPlan());
    const anonymous = workspaceClient(demo.app);
    expect((await anonymous.get(paths.admin.newForwardPlanEntry())).statusCode).toBe(303);
    const councillor = await signedIn(demo.app, 'cllr@example.org', 'councillor password');
    expect((await councillor.get(paths.admin.forwardPlan())).statusCode).toBe(403);
  });

  it('publishes a key decision that the public then sees on the plan, its page, the CSV and the notice of key decisions', async () => {
    const response = await officer.submit(paths.admin.newForwardPlanEntry(), fields());
    expect(response.statusCode).toBe(303);
    const saved = await officer.get(String(response.headers.location));
    expect(saved.body).toContain('Entry published on the forward plan');

    const home = await demo.app.inject(paths.home());
    expect(home.body).toContain(paths.forwardPlan());
    const plan = await demo.app.inject(paths.forwardPlan());
    expect(plan.statusCode).toBe(200);
    expect(plan.body).toContain('Award of the home to school transport contract');
    expect(plan.body).toContain('Yes: spending or savings of £1,250,000');
    const entry = await demo.app.inject(paths.forwardPlanEntry('award-of-the-home-to-school-transport-contract'));
    expect(entry.body).toContain('11 January 2027');
    expect(entry.body).toContain('Pre-decision scrutiny by the Overview and Scrutiny Management Board');
    const csv = await demo.app.inject(paths.forwardPlanCsv());
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Award of the home to school transport contract');

    const cabinet = await demo.database.db.selectFrom('organisations').select('slug').where('id', '=', cabinetId).executeTakeFirstOrThrow();
    const paper = await demo.app.inject(paths.papers.forwardPlan(cabinet.slug, 'print', { from: '2026-12-01', to: '2027-03-31' }));
    expect(paper.body).toContain('Award of the home to school transport contract');
    expect(paper.body).toContain('Key decision: spending or savings of £1,250,000.');
    expect(paper.body).not.toContain('No key decisions are due');
  });

  it('refuses an entry with too little notice, naming the field and writing nothing, until the general exception is recorded', async () => {
    const before = await count();
    const short = fields({
      title: 'Emergency repairs to the civic centre roof',
      'intendedDate-day': '10',
      'intendedDate-month': '12',
      'intendedDate-year': '2026',
    });
    const refused = await officer.submit(paths.admin.newForwardPlanEntry(), short);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('There is a problem');
    expect(refused.body).toContain('href="#noticeRoute"');
    expect(refused.body).toContain('record the general exception or special urgency');
    expect(refused.body).toContain('Emergency repairs to the civic centre roof');
    expect(await count()).toBe(before);

    const missing = await officer.submit(paths.admin.newForwardPlanEntry(), { ...short, noticeRoute: 'general_exception' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Enter the date the scrutiny chair was told of the decision');
    expect(await count()).toBe(before);

    const accepted = await officer.submit(paths.admin.newForwardPlanEntry(), {
      ...short,
      noticeRoute: 'general_exception',
      'chairInformedOn-day': '23',
      'chairInformedOn-month': '11',
      'chairInformedOn-year': '2026',
      'exceptionNoticeOn-day': '23',
      'exceptionNoticeOn-month': '11',
      'exceptionNoticeOn-year': '2026',
    });
    expect(accepted.statusCode).toBe(303);
    expect(await count()).toBe(before + 1);
    const plan = await demo.app.inject(paths.forwardPlan());
    expect(plan.body).toContain('General exception');
  });

  it('refuses spending under the council’s threshold, naming the field', async () => {
    const refused = await officer.submit(paths.admin.newForwardPlanEntry(), fields({ title: 'Small grant', amountPounds: '1000' }));
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('key-decision threshold of £500,000');
  });

  it('shows the public only that an exempt decision is private, with its paragraph', async () => {
    const response = await officer.submit(
      paths.admin.newForwardPlanEntry(),
      fields({ title: 'Disposal of the former depot', description: SECRET, documents: `Valuation: ${SECRET}`, exemptParagraph: '3' }),
    );
    expect(response.statusCode).toBe(303);
    for (const url of [
      paths.forwardPlan(),
      paths.forwardPlanEntry('disposal-of-the-former-depot'),
      paths.forwardPlanCsv(),
      paths.api.collection('forward-plan'),
    ]) {
      const page = await demo.app.inject(url);
      expect(page.body, url).not.toContain('Zanzibar');
    }
    const entry = await demo.app.inject(paths.forwardPlanEntry('disposal-of-the-former-depot'));
    expect(entry.body).toContain('paragraph 3 of Part 1 of Schedule 12A');
    const api = jsonOf(await demo.app.inject(paths.api.collection('forward-plan')), listOf(ForwardPlanEntry));
    expect(api.data.find((e) => e.title === 'Disposal of the former depot')).toMatchObject({
      in_private: true,
      exempt_paragraph: 3,
      description: null,
      documents: null,
    });
  });

  it('lists a special urgency decision in the urgency report', async () => {
    const response = await officer.submit(
      paths.admin.newForwardPlanEntry(),
      fields({
        title: 'Winter shelter grant',
        'firstPublishedOn-day': '20',
        'intendedDate-day': '21',
        'intendedDate-month': '11',
        'intendedDate-year': '2026',
        noticeRoute: 'special_urgency',
        'exceptionNoticeOn-day': '20',
        'exceptionNoticeOn-month': '11',
        'exceptionNoticeOn-year': '2026',
        urgencyAgreedBy: 'Councillor Clark, Chair of the Overview and Scrutiny Management Board',
        urgencyReasons: 'The grant must be accepted before the cold weather begins.',
      }),
    );
    expect(response.statusCode).toBe(303);
    const report = await demo.app.inject(paths.papers.urgencyReport('print'));
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('Winter shelter grant');
    expect(report.body).toContain('Councillor Clark, Chair of the Overview and Scrutiny Management Board');
    expect((await demo.app.inject(paths.papers.urgencyReport('pdf'))).headers['content-type']).toBe('application/pdf');
  });
});
