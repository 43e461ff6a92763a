// The recommendation tracker: /tracker (a GOV.UK table with filters that work without JavaScript) and /tracker.csv.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { serialiseCsv } from '../../../export/csv.ts';
import { ValidationError } from '../../../services/errors.ts';
import type { TrackerFilter } from '../../../services/tracker-service.ts';
import { routePatterns } from '../../paths.ts';
import { presentTracker, TRACKER_CSV_COLUMNS, TRACKER_PAGE_SIZE, trackerCsvRows, trackerPageCount } from '../../presenters/tracker-presenter.ts';
import { trackerPageShows } from '../../presenters/page-tags-presenter.ts';
import { pageShows } from '../../page-cache.ts';
import { checkPageExists, readPage, type PublicRouteDeps } from './route-params.ts';

// The filter form submits every select, so "All" arrives as an empty value: treated as no filter.
const filterValue = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => (v === '' ? undefined : v));
const TrackerQuery = z.object({
  committee: filterValue,
  officer: filterValue,
  status: filterValue,
  year: filterValue,
  origin: filterValue,
  page: z.string().optional(),
});

function readFilter(query: unknown): TrackerFilter {
  const parsed = TrackerQuery.safeParse(query ?? {});
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, 'The filters could not be read');
  const { page: _page, ...filter } = parsed.data;
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
}

function origin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export function trackerRoutes(app: FastifyInstance, { services }: PublicRouteDeps): void {
  app.get(routePatterns.tracker, async (request, reply) => {
    const filter = readFilter(request.query);
    const page = readPage(request.query);
    const tracker = await services.tracker.trackerPage(filter, { number: page, size: TRACKER_PAGE_SIZE });
    checkPageExists(page, trackerPageCount(tracker.summary.total));
    pageShows(request, trackerPageShows(tracker));
    return reply.view('tracker/tracker.njk', presentTracker(tracker, filter, page));
  });

  app.get(routePatterns.trackerCsv, async (request, reply) => {
    const filter = readFilter(request.query);
    const tracker = await services.tracker.tracker(filter);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="recommendation-tracker-${tracker.today}.csv"`)
      .send(serialiseCsv(TRACKER_CSV_COLUMNS, trackerCsvRows(tracker, origin(request))));
  });
}
