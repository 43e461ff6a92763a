// The meetings list (paginated) and each meeting's page.
import type { FastifyInstance } from 'fastify';
import { routePatterns } from '../../paths.ts';
import { presentMeeting, presentMeetings } from '../../presenters/meeting-presenter.ts';
import { presentMeetingClock } from '../../presenters/clock-presenter.ts';
import { presentPacks } from '../../presenters/pack-presenter.ts';
import { callInsByResolution } from '../../presenters/call-in-presenter.ts';
import { LIST_PAGE_SHOWS, meetingPageShows } from '../../presenters/page-tags-presenter.ts';
import { pageShows } from '../../page-cache.ts';
import { checkPageExists, readPage, type PublicRouteDeps } from './route-params.ts';

export function meetingRoutes(app: FastifyInstance, { services }: PublicRouteDeps): void {
  app.get(routePatterns.meetings, async (request, reply) => {
    const result = await services.meetings.list({ page: readPage(request.query) });
    checkPageExists(result.page, result.pageCount);
    pageShows(request, LIST_PAGE_SHOWS.meetings);
    return reply.view('meetings/list.njk', presentMeetings(result));
  });

  app.get<{ Params: { slug: string } }>(routePatterns.meeting, async (request, reply) => {
    const [meeting, clock] = await Promise.all([services.meetings.bySlug(request.params.slug), services.tracker.meetingClock(request.params.slug)]);
    const [packs, callIns] = await Promise.all([services.packs.publicPacks(meeting.meeting.id), services.callIns.publishedOfMeeting(meeting.meeting.id)]);
    pageShows(request, meetingPageShows(meeting));
    return reply.view('meetings/meeting.njk', {
      ...presentMeeting(meeting),
      callIns: callInsByResolution(callIns),
      clock: presentMeetingClock(clock),
      packs: presentPacks(meeting.meeting.slug, packs),
    });
  });
}
