// Workspace forms to put mistakes right: withdraw a record created in error (with a reason) and restore it, one pair of pages for every withdrawable kind; and rename an issue.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EDITOR_ROLES } from '../../../domain/roles.ts';
import { isWithdrawableKind, WITHDRAWABLE_NOUNS, type WithdrawableKind } from '../../../domain/withdrawal.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../../services/errors.ts';
import type { WithdrawableRecord } from '../../../services/withdrawal-service.ts';
import { formState, formValues } from '../../form-view.ts';
import { paths } from '../../paths.ts';
import { actorOf, csrfToken, requireRole, type WorkspaceRouteDeps } from '../../session.ts';
import { readId } from './admin-params.ts';

type Params = { Params: { kind: string; id: string } };

/** Instants are stored in UTC and shown in Europe/London (DESIGN.md "Domain model"). */
const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

function readKind(value: string): WithdrawableKind {
  if (!isWithdrawableKind(value)) throw new NotFoundError('No such record');
  return value;
}

/** The workspace page of the record (or of what it belongs to), to go back to. */
export function workspaceHref(record: WithdrawableRecord): string {
  switch (record.kind) {
    case 'review':
      return paths.admin.review(record.id);
    case 'recommendation':
      return paths.admin.recommendation(record.id);
    case 'progress_update':
      return record.recommendationId === null ? paths.admin.reviews() : paths.admin.recommendation(record.recommendationId);
    case 'membership':
      return record.reviewId === null ? paths.admin.membership(record.id) : paths.admin.review(record.reviewId);
    case 'agenda_item':
      return paths.admin.agendaItem(record.id);
    case 'document':
    case 'attendance':
      if (record.meetingId !== null) return paths.admin.meeting(record.meetingId);
      return record.reviewId === null ? paths.admin.home() : paths.admin.review(record.reviewId);
  }
}

export function withdrawalRoutes(app: FastifyInstance, { services, cookies }: WorkspaceRouteDeps): void {
  const withdrawals = services.withdrawals;
  const editors = { preHandler: requireRole(...EDITOR_ROLES) };
  const editorPosts = { preHandler: [requireRole(...EDITOR_ROLES), app.csrfProtection.bind(app)] };

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    kind: WithdrawableKind,
    id: number,
    values: Record<string, string> = {},
    errors: readonly FieldError[] = [],
    status = 200,
    done: string | undefined = undefined,
  ) {
    const record = await withdrawals.record(actorOf(request), kind, id);
    const noun = WITHDRAWABLE_NOUNS[kind];
    const heading = record.withdrawnAt === null ? `Withdraw this ${noun}` : `This ${noun} is withdrawn`;
    return reply.code(status).view('admin/withdraw.njk', {
      pageTitle: `${status >= 400 ? 'Error: ' : ''}${heading}`,
      heading,
      noun,
      record,
      withdrawnAt: record.withdrawnAt === null ? null : LONDON.format(new Date(record.withdrawnAt)),
      backHref: workspaceHref(record),
      historyHref: paths.admin.history(kind, id),
      done: done === 'withdrawn' || done === 'restored' ? done : null,
      form: formState(values, errors),
      csrfToken: csrfToken(request, reply, cookies),
    });
  }

  app.get<Params & { Querystring: { done?: string } }>(paths.admin.withdraw.pattern, editors, async (request, reply) =>
    page(request, reply, readKind(request.params.kind), readId(request.params.id), {}, [], 200, request.query.done),
  );

  app.post<Params>(paths.admin.withdraw.pattern, editorPosts, async (request, reply) => {
    const kind = readKind(request.params.kind);
    const id = readId(request.params.id);
    const values = formValues(request.body);
    try {
      await withdrawals.withdraw(actorOf(request), kind, id, values);
      return reply.redirect(paths.admin.withdraw(kind, id, { done: 'withdrawn' }), 303);
    } catch (error) {
      if (error instanceof ValidationError) return page(request, reply, kind, id, values, error.errors, 400);
      // Another officer withdrew it first: the page now shows who, when and why.
      if (error instanceof ConflictError) return page(request, reply, kind, id, {}, [{ field: 'reason', message: error.message }], 409);
      throw error;
    }
  });

  // Renaming an issue ---------------------------------------------------------------------------

  async function issuePage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    values: Record<string, string> | null,
    errors: readonly FieldError[] = [],
    status = 200,
    saved = false,
  ) {
    const issue = await services.issueWorkspace.issue(actorOf(request), id);
    const current = { title: issue.title, summary: issue.summary ?? '', version: String(issue.version) };
    return reply.code(status).view('admin/issue-form.njk', {
      pageTitle: `${status >= 400 ? 'Error: ' : ''}Rename the issue: ${issue.title}`,
      issue,
      saved,
      publicHref: paths.issue(issue.slug),
      historyHref: paths.admin.history('issue', issue.id),
      form: formState(values === null ? current : status === 409 ? { ...values, version: current.version } : values, errors),
      csrfToken: csrfToken(request, reply, cookies),
    });
  }

  app.get<{ Params: { id: string }; Querystring: { saved?: string } }>(paths.admin.issue.pattern, editors, async (request, reply) =>
    issuePage(request, reply, readId(request.params.id), null, [], 200, request.query.saved === '1'),
  );

  app.post<{ Params: { id: string } }>(paths.admin.issue.pattern, editorPosts, async (request, reply) => {
    const id = readId(request.params.id);
    const values = formValues(request.body);
    try {
      await services.issueWorkspace.rename(actorOf(request), id, values);
      return reply.redirect(paths.admin.issue(id, { saved: true }), 303);
    } catch (error) {
      if (error instanceof ValidationError) return issuePage(request, reply, id, values, error.errors, 400);
      if (error instanceof ConflictError)
        return issuePage(request, reply, id, values, [{ field: 'title', message: `${error.message}: check the name, then save again` }], 409);
      throw error;
    }
  });

  app.post<Params>(paths.admin.restore.pattern, editorPosts, async (request, reply) => {
    const kind = readKind(request.params.kind);
    const id = readId(request.params.id);
    try {
      await withdrawals.restore(actorOf(request), kind, id);
      return reply.redirect(paths.admin.withdraw(kind, id, { done: 'restored' }), 303);
    } catch (error) {
      if (error instanceof ConflictError) return page(request, reply, kind, id, {}, [{ field: 'reason', message: error.message }], 409);
      throw error;
    }
  });
}
