// Following a review or recommendation by email: the form, the confirmation link, and one-click unsubscribe.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ValidationError } from '../../../services/errors.ts';
import { formState, formValues } from '../../form-view.ts';
import { paths } from '../../paths.ts';
import { csrfToken, type WorkspaceRouteDeps } from '../../session.ts';

export function followRoutes(app: FastifyInstance, { services, cookies, mail }: WorkspaceRouteDeps): void {
  // Links in messages point only at the site's public address from configuration (BASE_URL), never
  // at the Host a request names: without it there is no address to confirm at, so no form (and no
  // link to it from the pages); the address says so, as one naming nothing we offer.
  const unavailable = (reply: FastifyReply) => reply.code(404).view('follow/unavailable.njk', { pageTitle: 'Emails about changes are not available' });

  app.get<{ Querystring: { type?: string; id?: string } }>(paths.follow(), async (request, reply) => {
    if (!mail) return unavailable(reply);
    return reply.view('follow/follow.njk', {
      pageTitle: 'Get emails about changes',
      form: formState({ entityType: request.query.type ?? '', entityId: request.query.id ?? '' }),
      csrfToken: csrfToken(request, reply, cookies),
    });
  });

  app.post(paths.follow(), { preHandler: app.csrfProtection.bind(app) }, async (request, reply) => {
    if (!mail) return unavailable(reply);
    const values = formValues(request.body);
    try {
      const followed = await services.notifications.follow(values, mail);
      return reply.view('follow/done.njk', { pageTitle: 'Check your email', heading: 'Check your email', followed, email: values.email });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.code(400).view('follow/follow.njk', {
        pageTitle: 'Error: Get emails about changes',
        form: formState(values, error.errors),
        csrfToken: csrfToken(request, reply, cookies),
      });
    }
  });

  app.get<{ Params: { token: string } }>('/follow/confirm/:token', async (request, reply) => {
    await services.notifications.confirm(request.params.token);
    return reply.view('follow/done.njk', { pageTitle: 'You will get emails about changes', heading: 'You will get emails about changes', confirmed: true });
  });

  // RFC 8058 one-click unsubscribe: the link opens a page with one button; a POST to the same
  // address unsubscribes at once (the token is the only credential, so no CSRF token is needed).
  app.get<{ Params: { token: string } }>('/unsubscribe/:token', async (request, reply) => {
    return reply.view('follow/unsubscribe.njk', { pageTitle: 'Stop emails', token: request.params.token });
  });

  app.post<{ Params: { token: string } }>('/unsubscribe/:token', async (request, reply) => {
    await services.notifications.unsubscribe(request.params.token);
    return reply.view('follow/done.njk', { pageTitle: 'You will not get any more emails', heading: 'You will not get any more emails', unsubscribed: true });
  });
}
