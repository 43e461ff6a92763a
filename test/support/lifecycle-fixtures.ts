// A new case built through the workspace services alone (no demo): three bodies, a review with three recommendations, and the meetings and minutes its lifecycle is recorded against.
import type { Actor } from '../../src/domain/roles.ts';
import type { Services } from '../../src/services/index.ts';

export interface LifecycleCase {
  officer: Actor;
  lead: Actor;
  reviewId: number;
  reviewSlug: string;
  recommendations: number[];
  committeeId: number;
  councilItemId: number;
  earlyMinuteId: number;
  cabinetMinuteId: number;
  committeeMeetingId: number;
  committeeMinuteId: number;
  cabinetMeetingId: number;
}

/** Builds the case as of 15 June 2026: the report of 10 January received by Council on 20 January, nothing responded yet. */
export async function createLifecycleCase(services: Services): Promise<LifecycleCase> {
  const make = async (email: string, role: string) => {
    const user = await services.auth.addUser('system', { email, name: email, role, password: 'a long password here' });
    return { userId: user.id, email: user.email, name: user.name, role, personId: user.person_id } as Actor;
  };
  const officer = await make('clerk@example.org', 'democratic_services');
  const lead = await make('lead@example.org', 'lead_officer');
  const org = services.organisationWorkspace;
  const committee = await org.createBody(officer, { name: 'Health Select Commission', kind: 'scrutiny_committee' });
  const cabinet = await org.createBody(officer, { name: 'Cabinet', kind: 'executive' });
  const council = await org.createBody(officer, { name: 'Council', kind: 'full_council' });
  const mw = services.meetingWorkspace;
  const meeting = async (body: number, date: string) => mw.createMeeting(officer, { organisationId: String(body), meetingDate: date });
  const item = async (meetingId: number, title: string) => mw.addAgendaItem(officer, meetingId, { title });
  const minute = async (meetingId: number, agendaItemId: number, title: string) =>
    mw.addMinute(officer, meetingId, { title, agendaItemId: String(agendaItemId) });

  const early = await meeting(council.id, '2026-01-05');
  const earlyItem = await item(early.id, 'Announcements');
  const earlyMinute = await minute(early.id, earlyItem.id, 'Announcements');
  const councilMeeting = await meeting(council.id, '2026-01-20');
  const councilItem = await item(councilMeeting.id, 'Report of the review of hospital discharge');
  await minute(councilMeeting.id, councilItem.id, 'Review of hospital discharge: report received');
  const cabinetMeeting = await meeting(cabinet.id, '2026-04-01');
  const cabinetItem = await item(cabinetMeeting.id, 'Response to the review of hospital discharge');
  const cabinetMinute = await minute(cabinetMeeting.id, cabinetItem.id, 'Review of hospital discharge: response agreed');
  const committeeMeeting = await meeting(committee.id, '2026-06-10');
  const committeeItem = await item(committeeMeeting.id, 'Recommendation tracker');
  const committeeMinute = await minute(committeeMeeting.id, committeeItem.id, 'Recommendation tracker: sign-off');

  const review = await services.scrutinyWorkspace.createReview(officer, {
    title: 'Hospital discharge',
    organisationId: String(committee.id),
    startedOn: '2025-09-01',
    reportDate: '2026-01-10',
  });
  const recommendations: number[] = [];
  for (const text of [
    'That discharge letters reach GPs within a day.',
    'That a discharge lounge opens at weekends.',
    'That carers are told before discharge.',
  ]) {
    recommendations.push((await services.scrutinyWorkspace.addRecommendation(officer, review.id, { text })).id);
  }
  return {
    officer,
    lead,
    reviewId: review.id,
    reviewSlug: review.slug,
    recommendations,
    committeeId: committee.id,
    councilItemId: councilItem.id,
    earlyMinuteId: earlyMinute.id,
    cabinetMinuteId: cabinetMinute.id,
    committeeMeetingId: committeeMeeting.id,
    committeeMinuteId: committeeMinute.id,
    cabinetMeetingId: cabinetMeeting.id,
  };
}
