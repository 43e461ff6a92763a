// Records the tracker tests create for themselves: a committee, a cabinet, meetings, an officer and a review with three recommendations awaiting response.
import { fixedClock } from '../../src/domain/clock.ts';
import { createRepositories } from '../../src/repositories/index.ts';
import type { TestDb } from './test-db.ts';

const TODAY = '2026-11-22T12:00:00Z';

/** A review of our own: a committee, a report received on 2026-01-05, a response agreed at Cabinet on 2026-03-02, three recommendations. */
export async function createTestReview(db: TestDb, slug = 'test-review-of-libraries') {
  const repos = createRepositories({ db: db.db, clock: fixedClock(TODAY) });
  const committee = await repos.organisations.create({
    slug: `${slug}-committee`,
    name: 'Test Scrutiny Committee',
    kind: 'scrutiny_committee',
    parent_id: null,
    description: null,
    category: null,
    source_system: null,
    source_id: null,
  });
  const cabinet = await repos.organisations.create({
    slug: `${slug}-cabinet`,
    name: 'Test Cabinet',
    kind: 'executive',
    parent_id: null,
    description: null,
    category: null,
    source_system: null,
    source_id: null,
  });
  const meeting = (org: number, date: string, key: string) =>
    repos.meetings.create({
      slug: `${slug}-${key}`,
      organisation_id: org,
      title: null,
      meeting_date: date,
      start_time: null,
      starts_at: null,
      location: null,
      status: 'held',
      agenda_published_on: null,
      urgency_reason: null,
      source_system: null,
      source_id: null,
    });
  const responseMeeting = await meeting(cabinet.id, '2026-03-02', 'cabinet');
  const signOffMeeting = await meeting(committee.id, '2026-11-10', 'committee');
  const otherMeeting = await meeting(cabinet.id, '2026-11-09', 'cabinet-later');
  const officer = await repos.people.create({
    slug: `${slug}-officer`,
    name: 'Jo Bloggs',
    honorific: null,
    kind: 'officer',
    job_title: null,
    party: null,
    ward: null,
    email: null,
    photo_url: null,
    source_system: null,
    source_id: null,
  });
  const review = await repos.reviews.create({
    slug,
    title: 'Review of library opening hours',
    short_title: null,
    organisation_id: committee.id,
    group_organisation_id: null,
    summary: null,
    scope: null,
    criteria_heading: null,
    status: 'reported',
    started_on: null,
    report_date: '2026-01-05',
    report_meeting_id: null,
    received_on: '2026-01-05',
    response_meeting_id: responseMeeting.id,
    response_title: null,
    issue_id: null,
  });
  for (const number of [1, 2, 3]) {
    await repos.recommendations.create({
      review_id: review.id,
      number,
      text: `Recommendation ${number} text`,
      status: 'awaiting_response',
      signed_off_on: null,
      signed_off_meeting_id: null,
    });
  }
  // Written around the write pipeline, so the tracker's standing entries are brought into line here.
  await repos.tracker.refreshEntries('all');
  return { review, officer, responseMeeting, signOffMeeting, otherMeeting, committee, cabinet };
}
