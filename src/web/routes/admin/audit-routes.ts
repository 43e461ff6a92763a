// Each record's history page in the workspace: every audited change, newest first, with the values before and after.
import type { FastifyInstance } from 'fastify';
import { EDITOR_ROLES } from '../../../domain/roles.ts';
import { NotFoundError } from '../../../services/errors.ts';
import { paths } from '../../paths.ts';
import type { WorkspaceRouteDeps } from '../../session.ts';
import { workspaceAccess, workspaceView } from '../../workspace-form.ts';
import { readId } from './admin-params.ts';

/** The record types with a history page, as they are named in audit events. */
export const HISTORY_TYPES: Record<string, string> = {
  review: 'Review',
  recommendation: 'Recommendation',
  meeting: 'Meeting',
  agenda_item: 'Agenda item',
  minute: 'Minute',
  resolution_limb: 'Limb of a resolution',
  user: 'User',
  organisation: 'Body',
  person: 'Person',
  membership: 'Membership',
  document: 'Document',
  attendance: 'Attendance entry',
  declaration: 'Declaration of interest',
  work_programme_topic: 'Work programme topic',
  forward_plan_entry: 'Forward plan entry',
  call_in: 'Call-in',
};

export function auditRoutes(app: FastifyInstance, { services, cookies }: WorkspaceRouteDeps): void {
  app.get<{ Params: { type: string; id: string } }>(paths.admin.history.pattern, workspaceAccess(app, EDITOR_ROLES).read, async (request, reply) => {
    const label = HISTORY_TYPES[request.params.type];
    if (!label) throw new NotFoundError('No such kind of record');
    const id = readId(request.params.id);
    const entries = await services.audit.history(request.params.type, id);
    return workspaceView(request, reply, cookies, 'admin/history.njk', { pageTitle: `History of ${label.toLowerCase()} ${id}`, label, id, entries });
  });
}
