// Meetings as the public sees them: agenda, documents, minutes and decisions, with exempt text withheld.
import type { Repositories } from '../repositories/index.ts';
import { NotFoundError } from './errors.ts';
import { isSlug } from '../domain/slug.ts';
// Exempt or confidential material never reaches the public (RULES.md rule 9; LGA 1972 s.100A).
import { isWithheld } from '../domain/withheld.ts';

export const MEETINGS_PAGE_SIZE = 50;

export function createMeetingService(repos: () => Repositories) {
  return {
    async list(options: { page: number; organisationId?: number }) {
      const r = repos();
      const page = Math.max(1, options.page);
      const filter = options.organisationId === undefined ? {} : { organisationId: options.organisationId };
      const [meetings, total] = await Promise.all([
        r.meetings.list({ ...filter, limit: MEETINGS_PAGE_SIZE, offset: (page - 1) * MEETINGS_PAGE_SIZE }),
        r.meetings.count(filter),
      ]);
      return { meetings, total, page, pageCount: Math.max(1, Math.ceil(total / MEETINGS_PAGE_SIZE)) };
    },

    async bySlug(slug: string) {
      if (!isSlug(slug)) throw new NotFoundError('No such meeting');
      const r = repos();
      const meeting = await r.meetings.findBySlug(slug);
      if (!meeting) throw new NotFoundError('No such meeting');
      const [items, documents, minutes, arriving, signedOff, reviews] = await Promise.all([
        // Draft items are the workspace's until the agenda is published.
        r.meetings.publicAgendaItems(meeting.id),
        r.documents.forMeeting(meeting.id),
        r.minutes.forMeeting(meeting.id),
        r.minutes.referralsTo(meeting.id),
        r.reviewLifecycle.signedOffAt(meeting.id),
        r.reviewLifecycle.reviewsRecordedAt(meeting.id),
      ]);
      const itemIds = items.map((i) => i.id);
      const minuteIds = minutes.map((m) => m.id);
      const [people, reportRecommendations, resolutions, references, issues, attendance, declarations] = await Promise.all([
        r.meetings.agendaItemPeople(itemIds),
        r.meetings.agendaItemRecommendations(itemIds),
        r.minutes.resolutionsFor(minuteIds),
        r.minutes.references(minutes.map((m) => m.further_to_minute_id).filter((id): id is number => id !== null)),
        r.issues.findByIds(items.map((i) => i.issue_id).filter((id): id is number => id !== null)),
        r.meetings.attendance(meeting.id),
        r.meetings.declarations(meeting.id),
      ]);
      const limbs = await r.minutes.limbsFor(resolutions.map((x) => x.id));
      const referrals = await r.minutes.referralsFrom(limbs.map((l) => l.id));

      const withheldItems = new Set(items.filter(isWithheld).map((i) => i.id));
      const publicItemIds = new Set(itemIds);
      // What hangs from a draft item is no more public than the item.
      const onPublicItem = (agendaItemId: number | null) => agendaItemId === null || publicItemIds.has(agendaItemId);
      /** A minute with its resolutions, each with its numbered limbs and where they refer the matter. */
      const minuteWithResolutions = (minute: (typeof minutes)[number]) => ({
        ...minute,
        furtherTo: references.find((ref) => ref.id === minute.further_to_minute_id) ?? null,
        resolutions: resolutions
          .filter((res) => res.minute_id === minute.id)
          .map((res) => ({
            ...res,
            limbs: limbs.filter((l) => l.resolution_id === res.id).map((l) => ({ ...l, referrals: referrals.filter((rf) => rf.limb_id === l.id) })),
          })),
      });
      const agenda = items.map((item) => {
        const withheld = withheldItems.has(item.id);
        return {
          ...item,
          withheld,
          description: withheld ? null : item.description,
          issue: issues.find((i) => i.id === item.issue_id) ?? null,
          people: withheld ? [] : people.filter((p) => p.agenda_item_id === item.id),
          recommendations: withheld ? [] : reportRecommendations.filter((x) => x.agenda_item_id === item.id),
          documents: withheld ? [] : documents.filter((d) => d.agenda_item_id === item.id && !isWithheld(d)),
          arrivedBy: arriving.filter((a) => a.agenda_item_id === item.id),
          // Every minute of the item, in order: an item may be minuted more than once (a motion, then the resolution).
          minutes: minutes
            .filter((m) => m.agenda_item_id === item.id)
            .map((minute) => ({
              ...minuteWithResolutions(minute),
              // A withheld item's minute may name what is exempt; the agenda's public title stands in for it.
              title: withheld ? item.title : minute.title,
              body: withheld ? null : minute.body,
            })),
        };
      });
      return {
        meeting,
        agenda,
        otherDocuments: documents.filter((d) => d.agenda_item_id === null && !isWithheld(d)),
        // Minutes of business not on the agenda (apologies, urgent business), in order.
        otherMinutes: minutes.filter((m) => m.agenda_item_id === null).map(minuteWithResolutions),
        attendance,
        declarations: declarations.filter((d) => !withheldItems.has(d.agenda_item_id ?? -1) && onPublicItem(d.agenda_item_id)),
        pendingReferrals: arriving.filter((a) => a.status === 'pending'),
        // What the meeting did for scrutiny: the recommendations it signed off or closed, the review
        // reports it received and the executive responses it agreed.
        signedOff,
        reportsReceived: reviews.filter((v) => v.report_meeting_id === meeting.id),
        responsesAgreed: reviews.filter((v) => v.response_meeting_id === meeting.id),
      };
    },
  };
}

export type MeetingService = ReturnType<typeof createMeetingService>;
