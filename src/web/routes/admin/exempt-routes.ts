// Withheld papers in the workspace: councillors of the body and officers read them here; anyone else gets "not found".
import type { FastifyInstance } from 'fastify';
import { WORKSPACE_ROLES } from '../../../domain/roles.ts';
import { EXEMPT_PARAGRAPHS } from '../../../domain/vocabulary.ts';
import { isWithheld, mayReadAnyWithheld, type WithholdingFlags } from '../../../domain/withheld.ts';
import { NotFoundError } from '../../../services/errors.ts';
import { paths } from '../../paths.ts';
import { actorOf, type WorkspaceRouteDeps } from '../../session.ts';
import { workspaceAccess, workspaceView } from '../../workspace-form.ts';
import { readId } from './admin-params.ts';

/** Why a paper is withheld: its own flags, or the flags of the item it belongs to when it carries none itself. */
function reason(
  paper: WithholdingFlags & { item_exempt_paragraph?: number | null; item_is_confidential?: number | null; item_is_restricted?: number | null },
): string {
  const flags: WithholdingFlags =
    isWithheld(paper) || paper.item_exempt_paragraph === undefined
      ? paper
      : { exempt_paragraph: paper.item_exempt_paragraph, is_confidential: paper.item_is_confidential ?? 0, is_restricted: paper.item_is_restricted ?? 0 };
  if (flags.exempt_paragraph !== null)
    return `Exempt under paragraph ${flags.exempt_paragraph} of Schedule 12A: ${EXEMPT_PARAGRAPHS[flags.exempt_paragraph] ?? ''}`;
  if (flags.is_restricted === 1) return 'Restricted: not for publication';
  return flags.is_confidential === 1 ? 'Confidential information (Local Government Act 1972 s.100A(3))' : 'Not for publication';
}

export function exemptRoutes(app: FastifyInstance, { services, cookies }: WorkspaceRouteDeps): void {
  // Any signed-in account may ask; the rule of src/domain/withheld.ts decides what it is shown, and
  // a reader whose reach holds no body (a lead officer, a councillor with no seat) is told nothing exists.
  const readers = workspaceAccess(app, WORKSPACE_ROLES).read;

  app.get(paths.admin.exempt.pattern, readers, async (request, reply) => {
    const actor = actorOf(request);
    if (!mayReadAnyWithheld(await services.exemptAccess.reach(actor))) throw new NotFoundError('No such page');
    const { items, documents } = await services.exemptAccess.papers(actor);
    return workspaceView(request, reply, cookies, 'admin/exempt.njk', { pageTitle: 'Exempt papers', items, documents });
  });

  app.get<{ Params: { id: string } }>(paths.admin.exemptItem.pattern, readers, async (request, reply) => {
    const item = await services.exemptAccess.item(actorOf(request), readId(request.params.id));
    return workspaceView(request, reply, cookies, 'admin/exempt-paper.njk', {
      pageTitle: item.title,
      caption: `${item.organisation_name}, item ${item.number ?? ''}`,
      date: item.meeting_date,
      reason: reason(item),
      text: item.description,
    });
  });

  app.get<{ Params: { slug: string } }>(paths.admin.exemptDocument.pattern, readers, async (request, reply) => {
    const doc = await services.exemptAccess.document(actorOf(request), request.params.slug);
    return workspaceView(request, reply, cookies, 'admin/exempt-paper.njk', {
      pageTitle: doc.title,
      caption: doc.organisation_name,
      date: doc.meeting_date,
      reason: reason(doc),
      text: doc.text_content,
    });
  });
}
