// The public pages over the demo data: each page answers, and shows what a resident or officer would look for on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { createRepositories, type Repositories } from '../../src/repositories/index.ts';
import { paths } from '../../src/web/paths.ts';
import { buildDemoApp, DEMO_NOW, type DemoApp } from '../support/demo-app.ts';
import { h1Of, mainText, tableRows, titleOf } from '../support/page-text.ts';

const REVIEW = 'alternative-management-arrangements-for-childrens-services';
const CABINET = 'cabinet-and-commissioners-decision-making-meeting-2018-02-19';
const COUNCIL_FEB = 'council-2018-02-28';
const ILSC_MAR = 'improving-lives-select-commission-2018-03-13';
const SUFFIX = ' – Scrutineer – Rotherham Metropolitan Borough Council';

let demo: DemoApp;
let repos: Repositories;

async function get(url: string) {
  const response = await demo.app.inject(url);
  return { status: response.statusCode, html: response.body, text: response.statusCode === 200 ? mainText(response.body) : '' };
}

beforeAll(async () => {
  demo = await buildDemoApp();
  repos = createRepositories({ db: demo.database.db, clock: fixedClock(DEMO_NOW) });
});
afterAll(async () => demo?.close());

describe('home page', () => {
  it('lists recent meetings, the review and the committees, and links to every section', async () => {
    const { status, html, text } = await get(paths.home());
    expect(status).toBe(200);
    expect(titleOf(html)).toBe('Scrutineer – Rotherham Metropolitan Borough Council');
    expect(text).toContain('Recent meetings');
    expect(text).toContain('Improving Lives Select Commission, 13 March 2018');
    expect(text).toContain('Cabinet and Commissioners’ Decision Making Meeting, 19 February 2018');
    expect(text).toContain('No meetings are scheduled.');
    expect(html).toContain(`href="${paths.review(REVIEW)}"`);
    expect(html).toContain(`href="${paths.committee('improving-lives-select-commission')}"`);
    for (const href of [paths.committees(), paths.meetings(), paths.issues(), paths.reviews(), paths.people()]) {
      expect(html).toContain(`href="${href}"`);
    }
  });
});

describe('committees', () => {
  it('lists the bodies of the council with their kind', async () => {
    const { status, html, text } = await get(paths.committees());
    expect(status).toBe(200);
    expect(titleOf(html)).toBe(`Committees${SUFFIX}`);
    expect(text).toContain('Improving Lives Select Commission');
    expect(text).toContain('Task and finish group, part of Improving Lives Select Commission');
    expect(text).not.toContain('Birmingham City Council');
  });

  it('shows a committee’s members, meetings, sub-groups and reviews', async () => {
    const { status, html, text } = await get(paths.committee('improving-lives-select-commission'));
    expect(status).toBe(200);
    expect(html).toContain('govuk-breadcrumbs');
    expect(h1Of(html)).toBe('Improving Lives Select Commission');
    expect(tableRows(html, 'Members of Improving Lives Select Commission')).toHaveLength(6);
    expect(text).toContain('Improving Lives Select Commission, 13 March 2018');
    expect(text).toContain('Alternative Management Arrangements Review Group (Task and finish group)');
    expect(html).toContain(`href="${paths.review(REVIEW)}"`);
  });

  it('shows cabinet roles, the advisory commissioner and the lead officer', async () => {
    const { html } = await get(paths.committee('cabinet-and-commissioners-decision-making-meeting'));
    const rows = tableRows(html, 'Members of Cabinet');
    expect(rows).toContainEqual(['Councillor Watson', 'Cabinet member', '']);
    expect(rows).toContainEqual(['Commissioner Bradwell', 'Advisory role', 'Commissioner, in an advisory role']);
    expect(rows.find((r) => r[0] === 'Ian Thomas')?.[1]).toBe('Lead officer');
  });
});

describe('meetings', () => {
  it('lists the meetings newest first', async () => {
    const { status, html } = await get(paths.meetings());
    expect(status).toBe(200);
    const rows = tableRows(html, '4 meetings');
    expect(rows.slice(1).map((r) => r[0])).toEqual(['13 March 2018', '28 February 2018', '19 February 2018', '18 October 2017']);
    expect(html).not.toContain('govuk-pagination');
  });

  it('shows the Cabinet meeting: report, people named, minute 109, its limbs and referrals', async () => {
    const { status, html, text } = await get(paths.meeting(CABINET));
    expect(status).toBe(200);
    expect(titleOf(html)).toBe(`Cabinet and Commissioners’ Decision Making Meeting, 19 February 2018${SUFFIX}`);
    expect(text).toContain('Monday 19 February 2018');
    expect(text).toContain('1. Response to the Scrutiny Review of Alternative Management Arrangements');
    expect(text).toContain('Report of the Strategic Director of Children and Young People’s Services');
    expect(text).toContain('Cabinet Member: Councillor Watson');
    expect(text).toContain('Commissioner: Bradwell (in advisory role)');
    expect(text).toContain('1. That Cabinet agree the response to the scrutiny review');
    expect(text).toContain('Minute 109');
    expect(text).toContain('Further to Minute No. 83 of the meeting of Council held on 18 October 2017');
    expect(html).toContain(`href="${paths.meeting('council-2017-10-18')}"`);
    expect(text).toContain(
      '(1) That the Cabinet’s response to the Scrutiny Review of Alternative Management Arrangements for Children and Young People’s Services in Rotherham be approved. Approved',
    );
    expect(text).toContain('(2) That the response be referred to the next meeting of the Council on 28 February 2018');
    expect(text).toContain('(3) That the report of the Improving Lives Select Commission and the Cabinet response');
    expect(text).toContain('Referred to the Council meeting on 28 February 2018');
    expect(html).toContain(`href="${paths.meeting(COUNCIL_FEB)}"`);
    expect(text).toContain('Referred to the Improving Lives Select Commission meeting on 13 March 2018');
    expect(text).toContain('Sent to the Lead Commissioner and the Commissioner responsible for Children’s Social Care');
    expect(text).toContain('a self-improving culture would be required');
    expect(html).toContain(`href="${paths.document('ama-response-cabinet')}"`);
    expect(html).toContain('href="/issues/');
  });

  it('shows the Council decision with mover, seconder and the referral that brought it', async () => {
    const { text, html } = await get(paths.meeting(COUNCIL_FEB));
    expect(text).toContain('Referred by Cabinet and Commissioners’ Decision Making Meeting, Minute 109');
    expect(text).toContain('Further to Minute No. 109 of the meeting of Cabinet and Commissioners’ Decision Making Meeting held on 19 February 2018');
    expect(text).toContain(
      '(1) That the response to the scrutiny review of Alternative Management Arrangements for Children and Young People’s Services in Rotherham set out at Appendix A to this report be noted. Noted',
    );
    expect(text).toContain('(2) That the response be referred to the next meeting of the Improving Lives Select Commission on 13 March 2018. Referred');
    expect(text).toContain('Mover: Councillor Watson');
    expect(text).toContain('Seconder: Councillor Read');
    expect(html).toContain(`href="${paths.person('councillor-read')}"`);
    expect(html).toContain(`href="${paths.meeting(ILSC_MAR)}"`);
  });

  it('shows the Select Commission item arriving by two referrals', async () => {
    const { text } = await get(paths.meeting(ILSC_MAR));
    expect(text).toContain('Referred by Cabinet and Commissioners’ Decision Making Meeting, Minute 109');
    expect(text).toContain('Referred by Council (28 February 2018)');
    expect(text).toContain('Referred by Cabinet and Commissioners’ Decision Making Meeting, Minute 109 (19 February 2018)');
  });
});

describe('issues', () => {
  it('lists issues and shows each meeting that considered one, in date order, with its decision', async () => {
    const list = await get(paths.issues());
    expect(list.status).toBe(200);
    expect(list.text).toContain('Considered at 4 meetings, most recently on 13 March 2018');
    const href = list.html.match(/href="(\/issues\/[^"]+)"/)![1]!;
    const { status, html, text } = await get(href);
    expect(status).toBe(200);
    expect(html).toContain('govuk-breadcrumbs');
    const order = [
      'Council, 18 October 2017',
      'Cabinet and Commissioners’ Decision Making Meeting, 19 February 2018',
      'Council, 28 February 2018',
      'Improving Lives Select Commission, 13 March 2018',
    ].map((label) => text.indexOf(label));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('Decision: The Cabinet’s response was approved');
    expect(text).toContain('(Minute 109)');
  });
});

describe('withheld material', () => {
  let meetingSlug: string;

  beforeAll(async () => {
    const body = await repos.organisations.findBySlug('cabinet-and-commissioners-decision-making-meeting');
    const meeting = await repos.meetings.create({
      slug: 'cabinet-exempt-test-2018-03-19',
      organisation_id: body!.id,
      title: null,
      meeting_date: '2018-03-19',
      start_time: null,
      starts_at: null,
      location: null,
      status: 'held',
      is_executive: 1,
      agenda_published_on: null,
      urgency_reason: null,
      source_system: null,
      source_id: null,
    });
    meetingSlug = meeting.slug;
    const issue = (await repos.issues.list({ limit: 1, offset: 0 }))[0]!;
    const watson = await repos.people.findBySlug('councillor-watson');
    const item = await repos.meetings.createAgendaItem({
      meeting_id: meeting.id,
      position: 1,
      number: '12',
      title: 'Sale of land at Example Street',
      description: 'SECRET-DESCRIPTION of the bidders',
      report_of: 'SECRET-AUTHOR',
      exempt_paragraph: 3,
      urgency_reason: null,
      issue_id: issue.id,
      source_system: null,
      source_id: null,
    });
    await repos.meetings.addAgendaItemPerson({
      agenda_item_id: item.id,
      position: 1,
      role: 'cabinet_member',
      name: 'SECRET-PERSON',
      person_id: watson!.id,
      note: 'SECRET-NOTE',
    });
    await repos.meetings.addAgendaItemRecommendation({ agenda_item_id: item.id, number: 1, text: 'SECRET-RECOMMENDATION' });
    await repos.documents.create({
      slug: 'exempt-test-report',
      title: 'SECRET-DOCUMENT',
      kind: 'report',
      meeting_id: meeting.id,
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
      organisation_id: body!.id,
      meeting_id: meeting.id,
      agenda_item_id: item.id,
      number: 130,
      municipal_year: 2017,
      title: 'Sale of land',
      body: 'SECRET-MINUTE-BODY',
      further_to_minute_id: null,
    });
    const resolution = await repos.minutes.createResolution({
      minute_id: minute.id,
      mover_name: 'SECRET-MOVER',
      mover_person_id: watson!.id,
      seconder_name: null,
      seconder_person_id: null,
      votes_for: null,
      votes_against: null,
      votes_abstained: null,
      published_on: null,
      reasons: null,
      alternatives: null,
      conflicts: null,
      dispensation: null,
    });
    await repos.minutes.createLimb({ resolution_id: resolution.id, number: 1, verb: 'agreed', text: 'SECRET-LIMB' });
    await repos.issues.addConsideration({
      issue_id: issue.id,
      meeting_id: meeting.id,
      agenda_item_id: item.id,
      minute_id: minute.id,
      decision_summary: 'SECRET-DECISION',
    });
    await repos.meetings.createAgendaItem({
      meeting_id: meeting.id,
      position: 2,
      number: '13',
      title: 'Public item',
      description: 'Open to all.',
      report_of: null,
      exempt_paragraph: null,
      urgency_reason: null,
      issue_id: null,
      source_system: null,
      source_id: null,
    });
    await repos.documents.create({
      slug: 'external-report',
      title: 'Report on the council website',
      kind: 'report',
      meeting_id: meeting.id,
      agenda_item_id: null,
      review_id: null,
      exempt_paragraph: null,
      url: 'https://www.rotherham.gov.uk/report.pdf',
      file_name: null,
      media_type: null,
      byte_size: null,
      page_count: 12,
      storage_key: null,
      text_content: null,
      published_on: '2018-03-09',
      source_system: null,
      source_id: null,
    });
    await repos.documents.create({
      slug: 'script-url',
      title: 'Odd address',
      kind: 'other',
      meeting_id: meeting.id,
      agenda_item_id: null,
      review_id: null,
      exempt_paragraph: null,
      url: 'javascript:alert(1)',
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
  });

  it('shows an exempt item’s number, title and ground, and nothing else', async () => {
    const { status, html, text } = await get(paths.meeting(meetingSlug));
    expect(status).toBe(200);
    expect(text).toContain('12. Sale of land at Example Street Exempt information: paragraph 3 of Schedule 12A');
    expect(text).toContain('13. Public item Open to all.');
    expect(html).not.toContain('SECRET');
    expect(html).not.toContain('Minute 130');
  });

  it('keeps what was decided in private off the issue history and the people named', async () => {
    const list = await get(paths.issues());
    const issue = await get(list.html.match(/href="(\/issues\/[^"]+)"/)![1]!);
    expect(issue.text).toContain('Cabinet and Commissioners’ Decision Making Meeting, 19 March 2018');
    expect(issue.text).toContain('Considered in private: the decision is exempt information.');
    const watson = await get(paths.person('councillor-watson'));
    expect(watson.text).toContain('Moved: Scrutiny Review of Alternative Management Arrangements');
    for (const page of [issue, watson]) {
      expect(page.html).not.toContain('SECRET');
      expect(page.html).not.toContain('Sale of land,');
    }
  });

  it('does not serve an exempt document, and links an external one safely', async () => {
    expect((await get(paths.document('exempt-test-report'))).status).toBe(404);
    const external = await get(paths.document('external-report'));
    expect(external.status).toBe(200);
    expect(external.html).toContain('href="https://www.rotherham.gov.uk/report.pdf"');
    expect(external.text).toContain('Published 9 March 2018');
    const odd = await get(paths.document('script-url'));
    expect(odd.status).toBe(200);
    expect(odd.html).not.toContain('javascript:');
  });
});

describe('reviews', () => {
  it('lists the review with its committee', async () => {
    const { status, text } = await get(paths.reviews());
    expect(status).toBe(200);
    expect(text).toContain('Alternative Management Arrangements for Children and Young People’s Services in Rotherham');
    expect(text).toContain('reported 18 October 2017');
  });

  it('shows the review: terms, members with the chair, seven tests, schedule, ten visits, report and recommendations', async () => {
    const { status, html, text } = await get(paths.review(REVIEW));
    expect(status).toBe(200);
    expect(titleOf(html)).toBe(`Alternative Management Arrangements for Children and Young People’s Services in Rotherham${SUFFIX}`);
    expect(text).toContain('1.1 The following terms of reference were agreed by the review group: To identify the strengths');
    expect(text).toContain('1.2 The review compared and contrasted AMAs');
    for (const name of ['Councillor Leon Allcock', 'Councillor Victoria Cusworth', 'Councillor Jayne Senior', 'Councillor Peter Short']) {
      expect(text).toContain(name);
    }
    expect(text).toContain('Councillor Maggi Clark (Chair)');
    expect(text.match(/\(Chair\)/g)).toHaveLength(1);
    expect(text).toContain('Seven tests for Children and Young People’s services (as set out by Commissioner Newsam)');
    for (let n = 1; n <= 7; n += 1) expect(text).toContain(`2.${n} `);
    expect(text).toContain('23 January to 28 February 2017 Visits/telephone conversations with Local Authorities');
    const visits = tableRows(html, 'Visits and tele-conferences');
    expect(visits).toHaveLength(11);
    // Each visit as the seeds print it, then the option of the appraisal it illustrates.
    expect(visits).toContainEqual([
      'Birmingham City Council',
      'Wholly owned company (shadow arrangements)',
      'Thursday 9 February 2017',
      'Visit',
      'Wholly owned company',
    ]);
    expect(visits.map((row) => row.slice(0, 4))).toContainEqual(['Hampshire County Council', 'Agency Arrangement', 'Wednesday 1 June 2016', 'Tele-conference']);
    expect(
      tableRows(html, 'Workshops, literature and challenge')
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['Available literature', 'Isos Partnership', 'Isos Partnership', 'Children’s Improvement Board']);
    expect(text).toContain('Reported to Council, 18 October 2017');
    expect(html).toContain(`href="${paths.reviewResponse(REVIEW)}"`);
    for (let n = 1; n <= 5; n += 1) expect(html).toContain(`href="${paths.recommendation(REVIEW, n)}"`);
    expect(text).toContain('Avoid high transition and operating costs associated with each of the AMAs.');
  });

  it('shows the executive response as a table with one row per recommendation', async () => {
    const { status, html, text } = await get(paths.reviewResponse(REVIEW));
    expect(status).toBe(200);
    expect(h1Of(html)).toBe(
      'Cabinet’s Response to Scrutiny Review of Alternative Management Arrangements for Children and Young People’s Services in Rotherham',
    );
    const rows = tableRows(html, 'response to each of the 5 recommendations');
    expect(rows[0]).toEqual(['No.', 'Recommendation', 'Decision', 'Response', 'Responsible officer', 'Action by', 'Outcome']);
    expect(rows).toHaveLength(6);
    expect(rows[1]![4]).toBe('Ian Thomas');
    expect(rows[2]![6]).toBe('No further action required');
    expect(rows[3]!.slice(4)).toEqual(['Ian Thomas', 'Annual Participation', 'No longer relevant']);
    expect(html).toMatch(/<th scope="col" class="govuk-table__header[^"]*">Responsible officer<\/th>/);
    expect(html).toMatch(/role="region" aria-label="The executive’s response to each of the 5 recommendations" tabindex="0"/);
    expect(html).toContain(`href="${paths.person('ian-thomas')}"`);
    expect(text).toContain('agreed at Cabinet and Commissioners’ Decision Making Meeting, 19 February 2018');
  });

  it('shows a recommendation with its response and the way to the ones either side', async () => {
    const { status, html, text } = await get(paths.recommendation(REVIEW, 3));
    expect(status).toBe(200);
    expect(h1Of(html)).toBe('Recommendation 3');
    expect(text).toContain('we would want to continue with Lincolnshire as a partner in practice');
    expect(text).toContain('Action by Annual Participation');
    expect(text).toContain('Outcome No longer relevant');
    expect(text).toContain('No progress has been reported yet.');
    expect(html).toContain(`href="${paths.recommendation(REVIEW, 2)}"`);
    expect(html).toContain(`href="${paths.recommendation(REVIEW, 4)}"`);
    expect(html).toContain(`href="${paths.review(REVIEW)}"`);

    const first = await get(paths.recommendation(REVIEW, 1));
    expect(first.text).not.toContain('Previous recommendation');
    expect(first.text).toContain('Next recommendation');
    const second = await get(paths.recommendation(REVIEW, 2));
    expect(second.text).toContain('Establish the right balance of political ownership');
    expect(second.text).toContain('Outcome No further action required');
  });

  it('shows progress updates on a recommendation', async () => {
    const rec = await repos.recommendations.find((await repos.reviews.findBySlug(REVIEW))!.id, 4);
    await repos.recommendations.addProgress({
      recommendation_id: rec!.id,
      update_date: '2018-09-12',
      status: 'slipped',
      rag: 'amber',
      narrative: 'Participation in the regional model began later than planned.',
      previous_target_date: '2018-06-30',
      new_target_date: '2018-12-31',
      slip_reason: 'Regional programme rescheduled',
      author_name: 'Ian Thomas',
    });
    const { text } = await get(paths.recommendation(REVIEW, 4));
    expect(text).toContain('12 September 2018: Progress update: Slipped (Amber)');
    expect(text).toContain('Target date moved from 30 June 2018 to 31 December 2018: Regional programme rescheduled');
    expect(text).toContain('Reported by Ian Thomas');
    // One record of progress on the page: the timeline, not a second list beside it.
    expect(text.split('Participation in the regional model began later than planned.')).toHaveLength(2);
  });
});

describe('people', () => {
  it('lists people', async () => {
    const { status, text } = await get(paths.people());
    expect(status).toBe(200);
    expect(text).toContain('Councillor Maggi Clark');
    expect(text).toContain('Ian Thomas (Officer)');
  });

  it('shows a councillor’s roles, reviews, motions and reports', async () => {
    const clark = await get(paths.person('councillor-maggi-clark'));
    expect(clark.text).toContain('Chair, Alternative Management Arrangements Review Group');
    expect(clark.text).toContain('Alternative Management Arrangements for Children and Young People’s Services in Rotherham (Chair)');
    const watson = await get(paths.person('councillor-watson'));
    expect(watson.text).toContain('Cabinet member, Cabinet and Commissioners’ Decision Making Meeting');
    expect(watson.text).toContain(
      'Moved: Scrutiny Review of Alternative Management Arrangements for Children’s Services: response of the Cabinet, Council, 28 February 2018',
    );
    expect(watson.text).toContain('Cabinet Member: Response to the Scrutiny Review');
    const read = await get(paths.person('councillor-read'));
    expect(read.text).toContain('Seconded:');
  });

  it('shows the recommendations an officer is responsible for', async () => {
    const { text, html } = await get(paths.person('ian-thomas'));
    expect(text.match(/Recommendation \d of/g)).toEqual(['Recommendation 1 of', 'Recommendation 3 of', 'Recommendation 4 of', 'Recommendation 5 of']);
    expect(text).toContain('Not accepted; action by Annual Participation');
    expect(html).toContain(`href="${paths.recommendation(REVIEW, 3)}"`);
  });
});

describe('documents', () => {
  it('shows the response document with its table and where it belongs', async () => {
    const { status, html, text } = await get(paths.document('ama-response-cabinet'));
    expect(status).toBe(200);
    expect(text).toContain('Type Executive response');
    expect(text).toContain('Meeting Cabinet and Commissioners’ Decision Making Meeting, 19 February 2018');
    expect(tableRows(html, 'response to each of the 5 recommendations')).toHaveLength(6);
    const annex = await get(paths.document('ama-annex-2'));
    expect(annex.text).toContain('Review Alternative Management Arrangements for Children and Young People’s Services in Rotherham');
  });
});

describe('addresses that name nothing', () => {
  it.each([
    '/meetings/%00',
    '/meetings/no-such-meeting',
    '/reviews/../x',
    '/reviews/%2E%2E%2Fx',
    `/reviews/${REVIEW}/recommendations/abc`,
    `/reviews/${REVIEW}/recommendations/0`,
    `/reviews/${REVIEW}/recommendations/99`,
    `/reviews/${REVIEW}/recommendations/1e3`,
    '/reviews/no-such-review/response',
    '/committees/birmingham-city-council',
    '/committees/Improving-Lives',
    '/people/%E2%80%AE',
    '/issues/x%27%20or%201%3D1',
    '/documents/exempt-test-report',
    '/meetings?page=abc',
    '/meetings?page=0',
    '/meetings?page=2',
    '/people?page=-1',
  ])('%s is not found', async (url) => {
    const response = await demo.app.inject(url);
    expect(response.statusCode).toBe(404);
    expect(mainText(response.body)).toContain('Page not found');
  });
});

describe('pagination', () => {
  it('splits a long meetings list into pages with the GOV.UK pagination component', async () => {
    const extra = await buildDemoApp();
    try {
      const r = createRepositories({ db: extra.database.db, clock: fixedClock(DEMO_NOW) });
      const council = await r.organisations.findBySlug('council');
      for (let day = 1; day <= 60; day += 1) {
        const date = `2019-${String(Math.ceil(day / 28)).padStart(2, '0')}-${String(((day - 1) % 28) + 1).padStart(2, '0')}`;
        await r.meetings.create({
          slug: `council-${date}`,
          organisation_id: council!.id,
          title: null,
          meeting_date: date,
          start_time: null,
          starts_at: null,
          location: null,
          status: 'held',
          is_executive: 0,
          agenda_published_on: null,
          urgency_reason: null,
          source_system: null,
          source_id: null,
        });
      }
      const first = await extra.app.inject(paths.meetings());
      expect(first.body).toContain('govuk-pagination');
      expect(first.body).toContain(`href="${paths.meetings({ page: 2 })}"`);
      expect(tableRows(first.body, '64 meetings')).toHaveLength(51);
      const second = await extra.app.inject(paths.meetings({ page: 2 }));
      expect(second.statusCode).toBe(200);
      expect(titleOf(second.body)).toBe(`Meetings (page 2 of 2)${SUFFIX}`);
      expect(tableRows(second.body, '64 meetings')).toHaveLength(15);
      expect(mainText(second.body)).toContain('18 October 2017');
      expect((await extra.app.inject(paths.meetings({ page: 3 }))).statusCode).toBe(404);
    } finally {
      await extra.close();
    }
  });
});
