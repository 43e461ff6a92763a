// A scrutiny committee's public work programme by municipal year, as a page, CSV and iCalendar of what is planned; and the public form to suggest a topic (moderated before it is shown).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import { serialiseCsv } from '../../../export/csv.ts';
import { serialiseCalendar, type CalendarEvent } from '../../../export/icalendar.ts';
import { municipalYearLabel } from '../../../domain/work-programme.ts';
import { ValidationError } from '../../../services/errors.ts';
import { NotFoundError } from '../../../services/errors.ts';
import { formState, formValues } from '../../form-view.ts';
import { paths, routePatterns } from '../../paths.ts';
import { presentTopic, yearLinks, type TopicRecord } from '../../presenters/work-programme-presenter.ts';
import { recordItems } from '../../presenters/select-options.ts';
import { csrfToken, type WorkspaceRouteDeps } from '../../session.ts';
import { DEFAULT_SEARCH_RATE_LIMIT, searchRateLimit } from './search-routes.ts';

export interface WorkProgrammePublicDeps extends WorkspaceRouteDeps {
  /** Suggestions, like searches, are limited per client address per minute (SEARCH_RATE_LIMIT). */
  readonly searchRateLimit?: number;
}

/** The columns of the CSV: what the public page shows, never the suggester's email. */
export const TOPIC_COLUMNS = [
  'id',
  'municipal_year',
  'committee',
  'topic',
  'description',
  'criteria',
  'method',
  'state',
  'suggested_by',
  'lead_member',
  'lead_officer',
  'meeting_date',
  'meeting_url',
  'review_url',
  'dropped_reason',
];

function readYear(value: string): number {
  if (!/^(19|20|21)\d{2}$/.test(value)) throw new NotFoundError('No work programme for that year');
  return Number(value);
}

export async function workProgrammePublicRoutes(app: FastifyInstance, deps: WorkProgrammePublicDeps): Promise<void> {
  const { services, cookies } = deps;
  const max = deps.searchRateLimit ?? DEFAULT_SEARCH_RATE_LIMIT;
  if (max > 0 && !app.hasDecorator('rateLimit')) await app.register(fastifyRateLimit, { global: false });
  const wp = services.workProgramme;
  const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

  const page = async (request: FastifyRequest<{ Params: { slug: string } }>, reply: FastifyReply, year: number | null) => {
    const { body, year: shown, years, topics } = await wp.publicProgramme(request.params.slug, year);
    const rows = topics.map((t) => presentTopic(t, { workspace: false }));
    return reply.view('committees/work-programme.njk', {
      pageTitle: `${body.name}: work programme ${municipalYearLabel(shown)}`,
      body,
      yearLabel: municipalYearLabel(shown),
      years: yearLinks(years, shown, (y) => paths.workProgramme(body.slug, y)),
      planned: rows.filter((_, i) => ['agreed', 'scheduled'].includes(topics[i]?.state ?? '')),
      suggested: rows.filter((_, i) => topics[i]?.state === 'suggested'),
      heard: rows.filter((_, i) => topics[i]?.state === 'done'),
      dropped: rows.filter((_, i) => topics[i]?.state === 'dropped'),
      csvHref: paths.workProgrammeCsv(body.slug, shown),
      calendarHref: paths.workProgrammeCalendar(body.slug, shown),
      feedHref: paths.workProgrammeFeed(body.slug),
      paperHref: paths.papers.workProgramme(body.slug, shown, 'pdf'),
      suggestHref: paths.suggestTopic(body.slug),
      committeeHref: paths.committee(body.slug),
    });
  };

  app.get<{ Params: { slug: string } }>(routePatterns.workProgramme, async (request, reply) => page(request, reply, null));
  app.get<{ Params: { slug: string; year: string } }>(routePatterns.workProgrammeYear, async (request, reply) =>
    page(request, reply, readYear(request.params.year)),
  );

  app.get<{ Params: { slug: string; year: string } }>(routePatterns.workProgrammeCsv, async (request, reply) => {
    const { body, year, topics } = await wp.publicProgramme(request.params.slug, readYear(request.params.year));
    const rows = topics.map((t: TopicRecord) => {
      const row = presentTopic(t, { workspace: false });
      return [
        t.id,
        municipalYearLabel(year),
        body.name,
        t.title,
        t.description,
        row.criteria,
        row.method,
        row.state,
        t.suggested_by,
        t.lead_member_name,
        t.lead_officer_name,
        t.meeting_date,
        row.meetingHref === null ? null : `${origin(request)}${row.meetingHref}`,
        row.reviewHref === null ? null : `${origin(request)}${row.reviewHref}`,
        t.dropped_reason,
      ];
    });
    reply.header('access-control-allow-origin', '*');
    reply.header('content-disposition', `attachment; filename="${body.slug}-work-programme-${year}.csv"`);
    return reply.type('text/csv; charset=utf-8').send(serialiseCsv(TOPIC_COLUMNS, rows));
  });

  app.get<{ Params: { slug: string; year: string } }>(routePatterns.workProgrammeCalendar, async (request, reply) => {
    const { body, year, topics } = await wp.publicProgramme(request.params.slug, readYear(request.params.year));
    // What is planned: agreed topics with a meeting (RFC 5545: one all-day or timed event per topic at its meeting).
    const events: CalendarEvent[] = topics
      .filter((t) => t.meeting_date !== null && (t.state === 'scheduled' || t.state === 'done'))
      .map((t) => ({
        uid: `work-programme-topic-${t.id}@${request.hostname}`,
        summary: `${body.name}: ${t.title}`,
        description: t.description,
        location: t.meeting_location,
        url: t.meeting_slug === null ? null : `${origin(request)}${paths.meeting(t.meeting_slug)}`,
        date: t.meeting_date ?? '',
        startTime: t.meeting_start_time,
        status: t.meeting_status === 'cancelled' ? 'CANCELLED' : t.meeting_status === 'held' || t.state === 'done' ? 'CONFIRMED' : 'TENTATIVE',
        lastModified: t.updated_at,
        sequence: Math.max(0, t.version - 1),
      }));
    reply.header('access-control-allow-origin', '*');
    return reply
      .type('text/calendar; charset=utf-8')
      .send(
        serialiseCalendar({ name: `${body.name} work programme ${municipalYearLabel(year)}`, description: `What ${body.name} plans to scrutinise`, events }),
      );
  });

  // Suggesting a topic -----------------------------------------------------------------------

  const suggestionForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: ValidationError['errors'],
    status: number,
  ) => {
    const bodies = await wp.suggestionChoices();
    return reply.code(status).view('committees/suggest-topic.njk', {
      pageTitle: `${status >= 400 ? 'Error: ' : ''}Suggest a topic for scrutiny`,
      bodies: recordItems(bodies, (b) => b.name, values.organisationId, 'Choose a committee'),
      form: formState(values, errors),
      csrfToken: csrfToken(request, reply, cookies),
    });
  };

  app.get<{ Querystring: { committee?: string } }>(routePatterns.suggestTopic, async (request, reply) => {
    const chosen = (await wp.suggestionChoices()).find((b) => b.slug === request.query.committee);
    return suggestionForm(request, reply, { organisationId: chosen ? String(chosen.id) : '' }, [], 200);
  });

  app.post(routePatterns.suggestTopic, { ...searchRateLimit(max), preHandler: app.csrfProtection.bind(app) }, async (request, reply) => {
    const values = formValues(request.body);
    try {
      const topic = await wp.suggest('public', values);
      const body = (await wp.suggestionChoices()).find((b) => b.id === topic.organisation_id);
      return reply.view('committees/suggest-topic-done.njk', {
        pageTitle: 'Suggestion sent',
        title: topic.title,
        committee: body?.name ?? '',
        programmeHref: body ? paths.workProgramme(body.slug) : paths.committees(),
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return suggestionForm(request, reply, values, error.errors, 400);
    }
  });
}
