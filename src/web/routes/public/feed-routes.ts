// Feeds and files: iCalendar of meetings, Atom of decisions and recommendation progress, CSV of meetings, decisions and recommendations.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AtomFeed } from '../../../export/atom.ts';
import { serialiseCalendar } from '../../../export/icalendar.ts';
import { serialiseCsv, type CsvValue } from '../../../export/csv.ts';
import type { Services } from '../../../services/index.ts';
import { FEED_ENTRY_LIMIT } from '../../../services/feed-service.ts';
import { paths, routePatterns } from '../../paths.ts';
import {
  DECISION_COLUMNS,
  MEETING_COLUMNS,
  RECOMMENDATION_COLUMNS,
  decisionRows,
  meetingRows,
  presentCalendar,
  presentDecisionsFeed,
  presentForwardPlanFeed,
  presentProgressFeed,
  presentWorkProgrammeFeed,
  recommendationRows,
  type Site,
} from '../../presenters/feed-presenter.ts';
import type { PublicRouteDeps } from './route-params.ts';
import { present } from '../../../domain/present.ts';

export interface FeedLink {
  readonly text: string;
  readonly href: string;
  readonly type: string;
}

const ICS = 'text/calendar; charset=utf-8';
const ATOM = 'application/atom+xml; charset=utf-8';
const CSV = 'text/csv; charset=utf-8';

/** The feeds and files of every page that lists things, for <link rel="alternate"> and the footer. */
export function feedLinksFor(path: string): FeedLink[] {
  const meetingsCalendar = { text: 'Meetings calendar (iCalendar)', href: paths.meetingsCalendar(), type: 'text/calendar' };
  const meetingsCsv = { text: 'Meetings (CSV)', href: paths.meetingsCsv(), type: 'text/csv' };
  const decisionsFeed = { text: 'Decisions (Atom feed)', href: paths.decisionsFeed(), type: 'application/atom+xml' };
  const decisionsCsv = { text: 'Decisions (CSV)', href: paths.decisionsCsv(), type: 'text/csv' };
  const progressFeed = { text: 'Recommendation progress (Atom feed)', href: paths.recommendationsFeed(), type: 'application/atom+xml' };
  const recommendationsCsv = { text: 'Recommendations (CSV)', href: paths.recommendationsCsv(), type: 'text/csv' };
  if (path === paths.home()) return [meetingsCalendar, decisionsFeed, progressFeed];
  if (path === paths.meetings()) return [meetingsCalendar, meetingsCsv, decisionsFeed, decisionsCsv];
  if (path === paths.reviews()) return [progressFeed, recommendationsCsv];
  if (path === paths.forwardPlan()) {
    return [
      { text: 'Forward plan of key decisions (Atom feed)', href: paths.forwardPlanFeed(), type: 'application/atom+xml' },
      { text: 'Forward plan of key decisions (CSV)', href: paths.forwardPlanCsv(), type: 'text/csv' },
    ];
  }
  const programme = /^\/committees\/([^/]+)\/work-programme(?:\/\d{4})?$/.exec(path);
  if (programme) {
    const slug = decodeURIComponent(present(programme[1], 'programme[1]'));
    return [{ text: 'This work programme’s changes (Atom feed)', href: paths.workProgrammeFeed(slug), type: 'application/atom+xml' }];
  }
  if (path === paths.callIns()) {
    return [
      { text: 'Call-ins, each step (Atom feed)', href: paths.callInsFeed(), type: 'application/atom+xml' },
      { text: 'Call-ins (CSV)', href: paths.callInsCsv(), type: 'text/csv' },
    ];
  }
  const committee = /^\/committees\/([^/]+)$/.exec(path);
  if (committee) {
    const slug = decodeURIComponent(present(committee[1], 'committee[1]'));
    return [{ text: 'This committee’s meetings (iCalendar)', href: paths.committeeCalendar(slug), type: 'text/calendar' }];
  }
  const review = /^\/reviews\/([^/]+)(?:\/response|\/recommendations\/[^/]+)?$/.exec(path);
  if (review) {
    const slug = decodeURIComponent(present(review[1], 'review[1]'));
    return [
      { text: 'Progress on this review’s recommendations (Atom feed)', href: paths.reviewProgressFeed(slug), type: 'application/atom+xml' },
      recommendationsCsv,
    ];
  }
  return [];
}

/** The feeds every page offers in the footer's "Open data" list. */
export const OPEN_DATA_LINKS = [
  { text: 'Meetings calendar (iCalendar)', href: paths.meetingsCalendar() },
  { text: 'Meetings (CSV)', href: paths.meetingsCsv() },
  { text: 'Decisions (Atom feed)', href: paths.decisionsFeed() },
  { text: 'Decisions (CSV)', href: paths.decisionsCsv() },
  { text: 'Recommendation progress (Atom feed)', href: paths.recommendationsFeed() },
  { text: 'Recommendations (CSV)', href: paths.recommendationsCsv() },
  { text: 'JSON API (OpenAPI)', href: paths.api.openapi() },
] as const;

/** Puts the page's feed links where layout.njk finds them (reply.locals.feeds). Installed on the root app. */
export function installFeedLinks(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const feeds = feedLinksFor(request.url.split('?', 1)[0] ?? '');
    if (feeds.length > 0) reply.locals = { ...reply.locals, feeds };
  });
}

function site(request: FastifyRequest, services: Services): Site {
  return { origin: `${request.protocol}://${request.host}`, hostname: request.hostname, councilName: services.councilName };
}

function send(reply: FastifyReply, type: string, body: string, download?: string): FastifyReply {
  // Open data: any site may read it from a browser (CORS), like the API.
  reply.header('access-control-allow-origin', '*');
  if (download) reply.header('content-disposition', `attachment; filename="${download}"`);
  return reply.type(type).send(body);
}

function csv(reply: FastifyReply, name: string, columns: readonly string[], rows: CsvValue[][]): FastifyReply {
  return send(reply, CSV, serialiseCsv(columns, rows), name);
}

export function feedRoutes(app: FastifyInstance, { services }: PublicRouteDeps): void {
  const now = () => services.clock.now().toISOString();

  app.get(routePatterns.meetingsCalendar, async (request, reply) =>
    send(reply, ICS, serialiseCalendar(presentCalendar(site(request, services), await services.feeds.meetings()))),
  );

  app.get<{ Params: { slug: string } }>(routePatterns.committeeCalendar, async (request, reply) =>
    send(reply, ICS, serialiseCalendar(presentCalendar(site(request, services), await services.feeds.meetings(request.params.slug)))),
  );

  app.get(routePatterns.meetingsCsv, async (request, reply) =>
    csv(reply, 'meetings.csv', MEETING_COLUMNS, meetingRows(site(request, services), await services.feeds.meetings())),
  );

  app.get(routePatterns.decisionsFeed, async (request, reply) =>
    send(reply, ATOM, await serialiseAtom(presentDecisionsFeed(site(request, services), await services.feeds.decisions(FEED_ENTRY_LIMIT), now()))),
  );

  app.get(routePatterns.decisionsCsv, async (request, reply) =>
    csv(reply, 'decisions.csv', DECISION_COLUMNS, decisionRows(site(request, services), await services.feeds.decisions())),
  );

  app.get(routePatterns.recommendationsFeed, async (request, reply) =>
    send(reply, ATOM, await serialiseAtom(presentProgressFeed(site(request, services), await services.feeds.progressEvents(), now()))),
  );

  app.get<{ Params: { slug: string } }>(routePatterns.reviewProgressFeed, async (request, reply) =>
    send(reply, ATOM, await serialiseAtom(presentProgressFeed(site(request, services), await services.feeds.progressEvents(request.params.slug), now()))),
  );

  app.get(routePatterns.forwardPlanFeed, async (request, reply) =>
    send(reply, ATOM, await serialiseAtom(presentForwardPlanFeed(site(request, services), await services.forwardPlan.feedEntries(FEED_ENTRY_LIMIT), now()))),
  );

  app.get<{ Params: { slug: string } }>(routePatterns.workProgrammeFeed, async (request, reply) =>
    send(
      reply,
      ATOM,
      await serialiseAtom(
        presentWorkProgrammeFeed(site(request, services), await services.workProgramme.publicFeed(request.params.slug, FEED_ENTRY_LIMIT), now()),
      ),
    ),
  );

  app.get(routePatterns.recommendationsCsv, async (request, reply) =>
    csv(reply, 'recommendations.csv', RECOMMENDATION_COLUMNS, recommendationRows(site(request, services), await services.feeds.recommendations())),
  );
}

/** xmlbuilder2 is loaded when a feed is first asked for, not at start-up. */
async function serialiseAtom(feed: AtomFeed): Promise<string> {
  return (await import('../../../export/atom.ts')).serialiseAtom(feed);
}
