// Exempt papers in the workspace: councillors of the body and officers read them here; anyone else gets "not found".
import type { FastifyInstance } from 'fastify';
import { EXEMPT_PARAGRAPHS } from '../../../domain/vocabulary.ts';
import { paths } from '../../paths.ts';
import { actorOf, requireRole, type WorkspaceRouteDeps } from '../../workspace.ts';
import { readId } from './admin-params.ts';

function reason(paper: { exempt_paragraph: number | null; is_confidential: number }): string {
  if (paper.exempt_paragraph !== null) return `Exempt under paragraph ${paper.exempt_paragraph} of Schedule 12A: ${EXEMPT_PARAGRAPHS[paper.exempt_paragraph] ?? ''}`;
  return paper.is_confidential === 1 ? 'Confidential information (Local Government Act 1972 s.100A(3))' : 'Not for publication';
}

export async function exemptRoutes(app: FastifyInstance, { services }: WorkspaceRouteDeps): Promise<void> {
  // Lead officers have no seat on a body: only councillors and the officers who keep the record.
  const readers = { preHandler: requireRole('administrator', 'democratic_services', 'councillor') };

  app.get(paths.admin.exempt(), readers, async (request, reply) => {
    const { items, documents } = await services.exemptAccess.papers(actorOf(request));
    return reply.view('admin/exempt.njk', { pageTitle: 'Exempt papers', items, documents });
  });

  app.get<{ Params: { id: string } }>('/admin/exempt/items/:id', readers, async (request, reply) => {
    const item = await services.exemptAccess.item(actorOf(request), readId(request.params.id));
    return reply.view('admin/exempt-paper.njk', { pageTitle: item.title, caption: `${item.organisation_name}, item ${item.number ?? ''}`, date: item.meeting_date, reason: reason(item), text: item.description });
  });

  app.get<{ Params: { slug: string } }>('/admin/exempt/documents/:slug', readers, async (request, reply) => {
    const doc = await services.exemptAccess.document(actorOf(request), request.params.slug);
    return reply.view('admin/exempt-paper.njk', { pageTitle: doc.title, caption: doc.organisation_name, date: doc.meeting_date, reason: reason(doc), text: doc.text_content });
  });
}
