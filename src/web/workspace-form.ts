// Workspace pages in one shape: who may open and post them, the page rendered with its CSRF token, and a form's page and save registered together.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteGenericInterface } from 'fastify';
import type { Role } from '../domain/roles.ts';
import type { FieldError } from '../services/errors.ts';
import { formState, formValues, saveForm, type FormState } from './form-view.ts';
import { readId } from './routes/admin/admin-params.ts';
import { csrfToken, requireRole, type CookieSettings } from './session.ts';

/** Route options for pages the roles may open (`read`) and forms they may post (`write`, CSRF-checked). */
export function workspaceAccess(app: FastifyInstance, roles: readonly Role[]) {
  return {
    read: { preHandler: requireRole(...roles) },
    write: { preHandler: [requireRole(...roles), app.csrfProtection.bind(app)] },
  };
}

/**
 * Renders a workspace page with its status and the CSRF token for its forms. `heading` is the
 * page's own title; the browser's title says 'Error: ' first when a form was refused ("If an
 * error occurs, add 'Error: ' to the beginning of the page title", Design System, Error message).
 */
export function workspaceView(
  request: FastifyRequest,
  reply: FastifyReply,
  cookies: CookieSettings,
  template: string,
  data: { readonly pageTitle: string } & Record<string, unknown>,
  status = 200,
) {
  const prefix = status >= 400 ? 'Error: ' : '';
  return reply
    .code(status)
    .view(template, { ...data, heading: data.pageTitle, pageTitle: `${prefix}${data.pageTitle}`, csrfToken: csrfToken(request, reply, cookies) });
}

/** How a form is being shown: first opened (`typed` null), or refused with what was typed, the errors and the status. */
export interface FormShowing {
  readonly typed: Readonly<Record<string, string>> | null;
  readonly errors: readonly FieldError[];
  readonly status: 200 | 400 | 409;
}

/**
 * The values to put in the fields: the stored record's when the form is first opened; what was
 * typed after a refusal, with the stored version after a conflict so that saving again is a
 * deliberate choice over the other person's change.
 */
export function shownValues(showing: FormShowing, stored: Readonly<Record<string, unknown>>): Record<string, unknown> {
  if (showing.typed === null) return { ...stored };
  return showing.status === 409 && stored.version !== undefined ? { ...showing.typed, version: stored.version } : { ...showing.typed };
}

/** The GOV.UK form state of a showing: the fields' values and the error summary. */
export function showingState(showing: FormShowing, stored: Readonly<Record<string, unknown>>): FormState {
  return formState(shownValues(showing, stored), showing.errors);
}

/** A form page: its template and title, and the data the template shows. */
export interface FormPage {
  readonly template: string;
  readonly pageTitle: string;
  readonly data: Record<string, unknown>;
}

export interface FormRoute<R extends RouteGenericInterface> {
  /** The route's pattern, from paths.admin. */
  readonly pattern: string;
  readonly roles: readonly Role[];
  /** The page as shown; on a 409 `data` should hold the other person's version (`conflict`). */
  page(request: FastifyRequest<R>, showing: FormShowing): Promise<FormPage>;
  /** The write: the address to go to after it, or that with the success banner's words. */
  save(request: FastifyRequest<R>, typed: Record<string, string>): Promise<string | { url: string; saved: string }>;
  /** The field a stale save's message is shown on. */
  readonly conflictField: string;
  /** What the success banner says after the save. */
  readonly saved?: string;
  /** What a 409 page says after the message, when the form's own advice is better than the general one. */
  readonly advice?: string;
}

/**
 * Registers a form's page (GET) and its save (POST) on one pattern: the page opens with status 200;
 * a save redirects (303) with the success banner, or the page is shown again with 400 (the error
 * summary and what was typed) or 409 (both versions), through saveForm.
 */
export function formRoute<R extends RouteGenericInterface = RouteGenericInterface>(app: FastifyInstance, cookies: CookieSettings, spec: FormRoute<R>): void {
  const access = workspaceAccess(app, spec.roles);
  const render = async (request: FastifyRequest<R>, reply: FastifyReply, showing: FormShowing) => {
    const page = await spec.page(request, showing);
    return workspaceView(request, reply, cookies, page.template, { ...page.data, pageTitle: page.pageTitle }, showing.status);
  };
  // Fastify's route generics only declare what params and query hold (nothing checks them), so the
  // routes are registered plainly and the request given the declared shape.
  const asRoute = (request: FastifyRequest) => request as FastifyRequest<R>;
  app.get(spec.pattern, access.read, async (request, reply) => render(asRoute(request), reply, { typed: null, errors: [], status: 200 }));
  app.post(spec.pattern, access.write, async (plain, reply) => {
    const request = asRoute(plain);
    const typed = formValues(request.body);
    return saveForm(
      reply,
      () => spec.save(request, typed),
      (errors, status) => render(request, reply, { typed, errors, status }),
      spec.conflictField,
      { saved: spec.saved, advice: spec.advice, flash: cookies.options(request) },
    );
  });
}

/** A record created on one form and changed on another, both showing the same page (the record's id is the route's `:id`). */
export interface RecordForms {
  /** The patterns of the form that creates the record and of the record's own page, from paths.admin. */
  readonly createPattern: string;
  readonly recordPattern: string;
  readonly roles: readonly Role[];
  /** The page: `id` null on the form that creates the record. */
  page(request: FastifyRequest, id: number | null, showing: FormShowing): Promise<FormPage>;
  /** Creates the record, giving its id. */
  create(request: FastifyRequest, typed: Record<string, string>): Promise<number>;
  update(request: FastifyRequest, id: number, typed: Record<string, string>): Promise<unknown>;
  /** The record's page, where both forms lead after saving. */
  link(id: number): string;
  readonly conflictField: string;
  /** The success banner's words after creating and after saving. */
  readonly created: string;
  readonly saved: string;
}

/** Registers a record's two forms, creating it and changing it, as formRoutes. */
export function recordFormRoutes(app: FastifyInstance, cookies: CookieSettings, spec: RecordForms): void {
  formRoute(app, cookies, {
    pattern: spec.createPattern,
    roles: spec.roles,
    page: (request, showing) => spec.page(request, null, showing),
    save: async (request, typed) => spec.link(await spec.create(request, typed)),
    conflictField: spec.conflictField,
    saved: spec.created,
  });
  formRoute<{ Params: { id: string } }>(app, cookies, {
    pattern: spec.recordPattern,
    roles: spec.roles,
    page: (request, showing) => spec.page(request, readId(request.params.id), showing),
    save: async (request, typed) => {
      const id = readId(request.params.id);
      await spec.update(request, id, typed);
      return spec.link(id);
    },
    conflictField: spec.conflictField,
    saved: spec.saved,
  });
}
