// Signing in and out, the workspace's front page, and changing one's own password.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { EDITOR_ROLES, PROGRESS_ROLES, WORKSPACE_ROLES } from '../../../domain/roles.ts';
import { SESSION_HOURS } from '../../../services/auth-service.ts';
import { ValidationError } from '../../../services/errors.ts';
import { formState, formValues } from '../../form-view.ts';
import { paths } from '../../paths.ts';
import { actorOf, csrfToken, CSRF_COOKIE, SESSION_COOKIE, type WorkspaceRouteDeps } from '../../session.ts';
import { formRoute, workspaceAccess, workspaceView } from '../../workspace-form.ts';

/** Stands for this site when a `next` is resolved; never contacted (RFC 6761 §6.4: .invalid names nothing). */
const THIS_SITE = 'https://this-site.invalid';

/**
 * Only a path on this site may be returned to after signing in; anything else goes to the
 * workspace (OWASP Unvalidated Redirects and Forwards Cheat Sheet). `next` is resolved as a
 * browser would (the WHATWG URL parser drops tabs and newlines and reads `\` as `/`, so
 * `/\t/evil.example` means `//evil.example`) and refused unless it stays on this site; control
 * characters are refused outright, since a Location header cannot carry them. What comes back is
 * the re-serialised path, percent-encoded, never the text as given.
 */
export function safeNext(next: unknown): string {
  const home = paths.admin.home();
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a return address may not hold
  if (typeof next !== 'string' || !next.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(next)) return home;
  let url: URL;
  try {
    url = new URL(next, THIS_SITE);
  } catch {
    return home;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (url.origin !== THIS_SITE || !path.startsWith('/') || path.startsWith('//')) return home;
  return path;
}

const SignInSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email address').max(254),
  password: z.string().min(1, 'Enter your password').max(256),
  next: z.string().optional(),
});

export function accountRoutes(app: FastifyInstance, { services, cookies, signInRateLimit }: WorkspaceRouteDeps): void {
  app.get<{ Querystring: { next?: string } }>('/sign-in', async (request, reply) => {
    if (request.actor) return reply.redirect(safeNext(request.query.next), 303);
    return reply.view('admin/sign-in.njk', {
      form: formState({ next: typeof request.query.next === 'string' ? request.query.next : '' }),
      csrfToken: csrfToken(request, reply, cookies),
    });
  });

  app.post(
    '/sign-in',
    {
      preHandler: app.csrfProtection.bind(app),
      // Slows guessing from one address; the throttle per email and address (src/domain/sign-in-throttle.ts) stops it.
      config: { rateLimit: { max: signInRateLimit, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const values = formValues(request.body);
      const render = (errors: { field: string; message: string }[]) =>
        reply.code(400).view('admin/sign-in.njk', {
          form: formState({ email: values.email ?? '', next: values.next ?? '' }, errors),
          csrfToken: csrfToken(request, reply, cookies),
        });
      const parsed = SignInSchema.safeParse(values);
      if (!parsed.success) return render(ValidationError.fromZod(parsed.error).errors.slice());
      // request.ip is the client's address, read from X-Forwarded-For only when TRUST_PROXY trusts the proxy.
      const result = await services.auth.signIn(parsed.data.email, parsed.data.password, request.ip);
      if (!result.ok) {
        // GOV.UK sign-in pattern: one message that does not say which of the two was wrong.
        return render([{ field: 'email', message: result.reason === 'invalid' ? 'Enter a correct email address and password' : result.message }]);
      }
      // A fresh CSRF secret for the new session: tokens from before signing in stop working.
      reply.clearCookie(CSRF_COOKIE, { path: '/' });
      reply.setCookie(SESSION_COOKIE, result.token, cookies.options(request, SESSION_HOURS * 3600));
      return reply.redirect(safeNext(parsed.data.next), 303);
    },
  );

  app.get('/sign-out', async (request, reply) => {
    if (!request.actor) return reply.redirect(paths.signIn(), 303);
    return reply.view('admin/sign-out.njk', { csrfToken: csrfToken(request, reply, cookies) });
  });

  app.post('/sign-out', { preHandler: app.csrfProtection.bind(app) }, async (request, reply) => {
    await services.auth.signOut(request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
    return reply.redirect(paths.home(), 303);
  });

  app.get(paths.admin.home.pattern, workspaceAccess(app, WORKSPACE_ROLES).read, async (request, reply) => {
    const actor = actorOf(request);
    return workspaceView(request, reply, cookies, 'admin/home.njk', {
      pageTitle: 'Workspace',
      isEditor: EDITOR_ROLES.includes(actor.role),
      mayRecordProgress: PROGRESS_ROLES.includes(actor.role),
      actor,
    });
  });

  formRoute(app, cookies, {
    pattern: paths.admin.password.pattern,
    roles: WORKSPACE_ROLES,
    // Passwords are never put back into the form.
    page: (_request, showing) =>
      Promise.resolve({ template: 'admin/password.njk', pageTitle: 'Change your password', data: { form: formState({}, showing.errors) } }),
    save: async (request, typed) => {
      // Someone replacing a temporary password goes on to the workspace it kept them from.
      const wasTemporary = actorOf(request).mustChangePassword === true;
      await services.auth.changePassword(actorOf(request), request.sessionToken ?? '', typed, request.ip);
      return wasTemporary ? paths.admin.home() : paths.admin.password();
    },
    conflictField: 'currentPassword',
    saved: 'Your password has been changed. You have been signed out everywhere else.',
  });
}
