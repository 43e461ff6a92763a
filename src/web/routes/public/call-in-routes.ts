// The public call-ins of executive decisions: the page with every dated step, and the same as CSV (open data).
import type { FastifyInstance } from 'fastify';
import { serialiseCsv } from '../../../export/csv.ts';
import { CallInOutcome, CallInReconsideration, CallInStatus } from '../../../domain/vocabulary.ts';
import { paths, routePatterns } from '../../paths.ts';
import { presentCallIns, presentCallInsFeed } from '../../presenters/call-in-presenter.ts';
import type { PublicRouteDeps } from './route-params.ts';

const COLUMNS = [
  'id',
  'decision',
  'decision_url',
  'decision_meeting_date',
  'status',
  'received_on',
  'councillors',
  'grounds',
  'checked_on',
  'check_reason',
  'hearing_by',
  'hearing_meeting_date',
  'hearing_meeting_url',
  'outcome',
  'outcome_on',
  'outcome_text',
  'reconsider_by',
  'reconsideration',
  'reconsidered_on',
  'reconsideration_reasons',
] as const;

export function callInRoutes(app: FastifyInstance, { services }: PublicRouteDeps): void {
  app.get(routePatterns.callIns, async (_request, reply) => reply.view('call-ins/list.njk', presentCallIns(await services.callIns.published())));

  app.get(routePatterns.callInsFeed, async (request, reply) => {
    const site = { origin: `${request.protocol}://${request.host}`, hostname: request.hostname, councilName: services.councilName };
    const feed = presentCallInsFeed(site, await services.callIns.published(), services.clock.now().toISOString());
    // xmlbuilder2 is loaded when a feed is first asked for, not at start-up.
    const { serialiseAtom } = await import('../../../export/atom.ts');
    reply.header('access-control-allow-origin', '*');
    return reply.type('application/atom+xml; charset=utf-8').send(serialiseAtom(feed));
  });

  app.get(routePatterns.callInsCsv, async (request, reply) => {
    const origin = `${request.protocol}://${request.host}`;
    const rows = (await services.callIns.published()).map((c) => [
      c.id,
      c.title,
      origin + paths.meetingMinute(c.meeting_slug, c.minute_number),
      c.meeting_date,
      CallInStatus.label(c.status),
      c.received_on,
      c.councillors.map((x) => x.name).join('; '),
      c.grounds,
      c.checked_on,
      c.check_reason,
      c.hearing_by,
      c.hearing_meeting_date,
      c.hearing_meeting_slug === null ? null : origin + paths.meeting(c.hearing_meeting_slug),
      c.outcome === null ? null : CallInOutcome.label(c.outcome),
      c.outcome_on,
      c.outcome_text,
      c.reconsider_by,
      c.reconsideration === null ? null : CallInReconsideration.label(c.reconsideration),
      c.reconsidered_on,
      c.reconsideration_reasons,
    ]);
    // Open data: any site may read it from a browser (CORS), like the other files.
    reply.header('access-control-allow-origin', '*');
    reply.header('content-disposition', 'attachment; filename="call-ins.csv"');
    return reply.type('text/csv; charset=utf-8').send(serialiseCsv(COLUMNS, rows));
  });
}
