// The public forward plan of key decisions: the plan from today on, each entry, and the plan as CSV (RFC 4180) with exempt detail left out.
import type { FastifyInstance } from 'fastify';
import { serialiseCsv } from '../../../export/csv.ts';
import { DecisionMakerKind, NoticeRoute } from '../../../domain/vocabulary.ts';
import { paths, routePatterns } from '../../paths.ts';
import { decisionMaker, keyGrounds, presentForwardPlan, presentForwardPlanEntry, privacy } from '../../presenters/forward-plan-presenter.ts';
import type { PublicRouteDeps } from './route-params.ts';

const CSV_COLUMNS = [
  'id',
  'decision',
  'body',
  'decision_maker_kind',
  'decision_maker',
  'key_decision',
  'first_published_on',
  'intended_date',
  'notice',
  'in_private',
  'documents',
  'scrutiny_engagement',
] as const;

export function forwardPlanRoutes(app: FastifyInstance, { services }: PublicRouteDeps): void {
  app.get(routePatterns.forwardPlan, async (_request, reply) => {
    return reply.view('forward-plan/list.njk', presentForwardPlan(await services.forwardPlan.publicPlan()));
  });

  app.get<{ Params: { slug: string } }>(routePatterns.forwardPlanEntry, async (request, reply) => {
    const found = await services.forwardPlan.publicEntryBySlug(request.params.slug);
    const topics = await services.workProgramme.topicsOfEntry(null, found.entry.id);
    // The decision's call-in is shown wherever the decision is (RULES.md 5a, Effect), its notice included.
    const callIns = (await services.callIns.publishedOfForwardPlanEntry(found.entry.id)).map((c) => ({
      text: c.line,
      href: `${paths.callIns()}#call-in-${c.id}`,
    }));
    return reply.view('forward-plan/entry.njk', { ...presentForwardPlanEntry({ ...found, topics }), callIns });
  });

  app.get(routePatterns.forwardPlanCsv, async (_request, reply) => {
    const entries = await services.forwardPlan.publicEntries();
    const rows = entries.map((e) => [
      e.id,
      e.title,
      e.organisation_name,
      DecisionMakerKind.label(e.decision_maker_kind),
      decisionMaker(e),
      keyGrounds(e),
      e.first_published_on,
      e.intended_date,
      NoticeRoute.label(e.notice_route),
      privacy(e) ?? 'No',
      e.documents,
      e.scrutiny_engagement,
    ]);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="forward-plan.csv"').send(serialiseCsv(CSV_COLUMNS, rows));
  });
}
