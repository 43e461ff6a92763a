// Workspace forms for a review's parts: add, change, reorder and remove terms of reference, criteria and evidence; add and end members of the review group.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { londonToday } from '../../../domain/clock.ts';
import { EDITOR_ROLES, type Actor } from '../../../domain/roles.ts';
import { EvidenceKind, EvidenceMode, MembershipRole } from '../../../domain/vocabulary.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../../services/errors.ts';
import { REVIEW_MEMBER_ROLES } from '../../../services/review-parts-service.ts';
import { formState, formValues, saveForm } from '../../form-view.ts';
import { paths, type ReviewPartName } from '../../paths.ts';
import { actorOf, csrfToken, requireRole, type WorkspaceRouteDeps } from '../../session.ts';
import { readId } from './admin-params.ts';

type PartName = ReviewPartName;
type PartParams = { Params: { id: string; part: string } };
type Services = WorkspaceRouteDeps['services'];
type Ws = Services['scrutinyWorkspace'];

const CONFLICT_HINT = 'Their version is shown below; what you entered is still in the form. Check it, then save again.';

/** How each part is read into a form, saved and described; the routes below are the same for all three. */
interface PartSpec {
  readonly template: string;
  /** "a term of reference": for page titles. */
  readonly noun: string;
  /** The field an error about the whole record is shown against. */
  readonly mainField: string;
  load(ws: Ws, actor: Actor, reviewId: number, id: number): Promise<Record<string, unknown>>;
  toForm(record: Record<string, unknown>): Record<string, string>;
  describe(record: Record<string, unknown>): string;
  add(ws: Ws, actor: Actor, reviewId: number, values: Record<string, string>): Promise<unknown>;
  update(ws: Ws, actor: Actor, reviewId: number, id: number, values: Record<string, string>): Promise<unknown>;
  remove(ws: Ws, actor: Actor, reviewId: number, id: number, values: Record<string, string>): Promise<unknown>;
}

const str = (value: unknown) => (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '');

const PARTS: Record<PartName, PartSpec> = {
  terms: {
    template: 'admin/review-term-form.njk',
    noun: 'term of reference',
    mainField: 'text',
    load: (ws, actor, reviewId, id) => ws.term(actor, reviewId, id),
    toForm: (t) => ({ number: str(t.number), text: str(t.text) }),
    describe: (t) => (t.number ? `${str(t.number)} ${str(t.text)}` : str(t.text)),
    add: (ws, actor, reviewId, values) => ws.addTerm(actor, reviewId, values),
    update: (ws, actor, reviewId, id, values) => ws.updateTerm(actor, reviewId, id, values),
    remove: (ws, actor, reviewId, id, values) => ws.removeTerm(actor, reviewId, id, values),
  },
  criteria: {
    template: 'admin/review-criterion-form.njk',
    noun: 'criterion',
    mainField: 'title',
    load: (ws, actor, reviewId, id) => ws.criterion(actor, reviewId, id),
    toForm: (c) => ({ number: str(c.number), title: str(c.title), text: str(c.text) }),
    describe: (c) => (c.number ? `${str(c.number)} ${str(c.title)}` : str(c.title)),
    add: (ws, actor, reviewId, values) => ws.addCriterion(actor, reviewId, values),
    update: (ws, actor, reviewId, id, values) => ws.updateCriterion(actor, reviewId, id, values),
    remove: (ws, actor, reviewId, id, values) => ws.removeCriterion(actor, reviewId, id, values),
  },
  evidence: {
    template: 'admin/review-evidence-form.njk',
    noun: 'evidence',
    mainField: 'subject',
    load: (ws, actor, reviewId, id) => ws.evidenceItem(actor, reviewId, id),
    toForm: (e) => ({
      kind: str(e.kind),
      mode: str(e.mode),
      organisationId: str(e.organisation_id),
      organisationName: str(e.organisation_name),
      occurredOn: str(e.occurred_on),
      subject: str(e.subject),
      notes: str(e.notes),
    }),
    describe: (e) => `${EvidenceKind.label(str(e.kind))}: ${str(e.subject)}`,
    add: (ws, actor, reviewId, values) => ws.addEvidence(actor, reviewId, values),
    update: (ws, actor, reviewId, id, values) => ws.updateEvidence(actor, reviewId, id, values),
    remove: (ws, actor, reviewId, id, values) => ws.removeEvidence(actor, reviewId, id, values),
  },
  meetings: {
    template: 'admin/review-meeting-form.njk',
    noun: 'meeting of the review',
    mainField: 'startsOn',
    load: (ws, actor, reviewId, id) => ws.reviewMeeting(actor, reviewId, id),
    toForm: (m) => ({ startsOn: str(m.starts_on), endsOn: str(m.ends_on), title: str(m.title), business: (m.business as string[]).join('\n') }),
    describe: (m) => `${str(m.starts_on)}${m.title ? `: ${str(m.title)}` : ''}`,
    add: (ws, actor, reviewId, values) => ws.addReviewMeeting(actor, reviewId, values),
    update: (ws, actor, reviewId, id, values) => ws.updateReviewMeeting(actor, reviewId, id, values),
    remove: (ws, actor, reviewId, id, values) => ws.removeReviewMeeting(actor, reviewId, id, values),
  },
};

const options = <T extends string>(vocabulary: { values: readonly T[]; label(v: string): string }, selected: unknown) =>
  vocabulary.values.map((value) => ({ value, text: vocabulary.label(value), selected: value === selected }));

export function reviewPartRoutes(app: FastifyInstance, { services, cookies }: WorkspaceRouteDeps): void {
  const ws = services.scrutinyWorkspace;
  const editors = { preHandler: requireRole(...EDITOR_ROLES) };
  const editorPosts = { preHandler: [requireRole(...EDITOR_ROLES), app.csrfProtection.bind(app)] };

  /** What every part page needs: the review (its version goes in the form), its parts, and the lists to choose from. */
  async function context(actor: Actor, reviewId: number) {
    const [{ review }, parts, choices] = await Promise.all([ws.review(actor, reviewId), ws.reviewParts(actor, reviewId), ws.partChoices()]);
    return { review, parts, choices };
  }

  function render(request: FastifyRequest, reply: FastifyReply, template: string, data: Record<string, unknown>, status: number) {
    return reply.code(status).view(template, { ...data, csrfToken: csrfToken(request, reply, cookies) });
  }

  /** The form for one part: empty or filled from the record, or as typed with errors (400) or beside their version (409). */
  async function partPage(
    request: FastifyRequest,
    reply: FastifyReply,
    name: PartName,
    reviewId: number,
    partId: number | null,
    typed: Record<string, string> | null,
    errors: readonly FieldError[] = [],
    status = 200,
  ) {
    const spec = PARTS[name];
    const actor = actorOf(request);
    const { review, parts, choices } = await context(actor, reviewId);
    let record: Record<string, unknown> | null = null;
    if (partId !== null) {
      try {
        record = await spec.load(ws, actor, reviewId, partId);
      } catch (error) {
        // On a conflict the record may have been removed by the other person: say so rather than fail.
        // Only that: any other failure is an error like everywhere else, not a 409 page.
        if (status !== 409 || !(error instanceof NotFoundError)) throw error;
      }
    }
    const parentOf = partId === null ? '' : String(parts.terms.find((n) => n.children.some((c) => c.id === partId))?.term.id ?? '');
    const values = typed
      ? status === 409
        ? { ...typed, version: String(review.version) }
        : typed
      : { ...(record ? spec.toForm(record) : {}), ...(name === 'terms' ? { parent: parentOf } : {}), version: String(review.version) };
    const title = `${partId === null ? 'Add' : 'Change'} ${name === 'evidence' ? 'evidence' : `a ${spec.noun}`}`;
    return render(
      request,
      reply,
      spec.template,
      {
        pageTitle: `${status >= 400 ? 'Error: ' : ''}${title}`,
        heading: title,
        review,
        parts,
        partId,
        action: partId === null ? paths.admin.newReviewPart(reviewId, name) : paths.admin.reviewPart(reviewId, name, partId),
        conflict: status === 409 ? { record: record ? spec.toForm(record) : null, removed: partId !== null && record === null } : null,
        // Sub-terms hang from numbered terms only, never from themselves.
        parents:
          name === 'terms'
            ? [
                { value: '', text: 'None: a term of its own' },
                ...parts.terms
                  .filter((n) => n.term.id !== partId)
                  .map((n) => ({ value: String(n.term.id), text: spec.describe(n.term).slice(0, 120), selected: String(n.term.id) === values.parent })),
              ]
            : [],
        kinds: [{ value: '', text: 'Choose the kind' }, ...options(EvidenceKind, values.kind)],
        modes: [{ value: '', text: 'Choose how it was taken' }, ...options(EvidenceMode, values.mode)],
        bodies: [
          { value: '', text: 'Not listed: enter the name below' },
          ...choices.externalBodies.map((b) => ({ value: String(b.id), text: b.name, selected: String(b.id) === values.organisationId })),
        ],
        form: formState(values, errors),
      },
      status,
    );
  }

  /** Runs a save and goes back to the review; a refusal re-renders the page it came from (the shared form route helper). */
  async function attempt(
    reply: FastifyReply,
    reviewId: number,
    run: () => Promise<unknown>,
    rerender: (errors: readonly FieldError[], status: number) => Promise<unknown>,
    mainField: string,
  ) {
    return saveForm(
      reply,
      async () => {
        await run();
        return paths.admin.review(reviewId);
      },
      rerender,
      mainField,
      { advice: CONFLICT_HINT, saved: 'Your changes to the review have been saved', flash: cookies.options(reply.request) },
    );
  }

  for (const name of Object.keys(PARTS) as PartName[]) {
    const spec = PARTS[name];

    app.get<PartParams>(paths.admin.newReviewPart.pattern(name), editors, async (request, reply) => {
      const reviewId = readId(request.params.id);
      const typed =
        name === 'terms' && typeof (request.query as Record<string, unknown>).parent === 'string'
          ? { parent: String((request.query as Record<string, unknown>).parent), version: String((await ws.review(actorOf(request), reviewId)).review.version) }
          : null;
      return partPage(request, reply, name, reviewId, null, typed);
    });

    app.post<PartParams>(paths.admin.newReviewPart.pattern(name), editorPosts, async (request, reply) => {
      const reviewId = readId(request.params.id);
      const values = formValues(request.body);
      return attempt(
        reply,
        reviewId,
        () => spec.add(ws, actorOf(request), reviewId, values),
        (errors, status) => partPage(request, reply, name, reviewId, null, values, errors, status),
        spec.mainField,
      );
    });

    app.get<PartParams>(paths.admin.reviewPart.pattern(name), editors, async (request, reply) => {
      const reviewId = readId(request.params.id);
      const partId = readId(request.params.part);
      return partPage(request, reply, name, reviewId, partId, null);
    });

    app.post<PartParams>(paths.admin.reviewPart.pattern(name), editorPosts, async (request, reply) => {
      const reviewId = readId(request.params.id);
      const partId = readId(request.params.part);
      const values = formValues(request.body);
      return attempt(
        reply,
        reviewId,
        () => spec.update(ws, actorOf(request), reviewId, partId, values),
        (errors, status) => partPage(request, reply, name, reviewId, partId, values, errors, status),
        spec.mainField,
      );
    });

    // Removal asks first (GOV.UK "Check a user wants to delete"), then removes on the button.
    const removePage = async (request: FastifyRequest<PartParams>, reply: FastifyReply, errors: readonly FieldError[] = [], status = 200) => {
      const actor = actorOf(request);
      const reviewId = readId(request.params.id);
      const partId = readId(request.params.part);
      const [{ review }, record] = await Promise.all([ws.review(actor, reviewId), spec.load(ws, actor, reviewId, partId)]);
      const children = name === 'terms' ? ((await ws.reviewParts(actor, reviewId)).terms.find((n) => n.term.id === partId)?.children ?? []) : [];
      return render(
        request,
        reply,
        'admin/review-part-remove.njk',
        {
          pageTitle: `${status >= 400 ? 'Error: ' : ''}Remove ${name === 'evidence' ? 'evidence' : `a ${spec.noun}`}`,
          review,
          noun: spec.noun,
          description: spec.describe(record),
          children: children.map((c) => c.text),
          action: paths.admin.removeReviewPart(reviewId, name, partId),
          form: formState({ version: String(review.version) }, errors),
        },
        status,
      );
    };

    app.get<PartParams>(paths.admin.removeReviewPart.pattern(name), editors, async (request, reply) => removePage(request, reply));

    app.post<PartParams>(paths.admin.removeReviewPart.pattern(name), editorPosts, async (request, reply) => {
      const reviewId = readId(request.params.id);
      const partId = readId(request.params.part);
      return attempt(
        reply,
        reviewId,
        () => spec.remove(ws, actorOf(request), reviewId, partId, formValues(request.body)),
        (errors, status) =>
          removePage(
            request,
            reply,
            errors.map((e) => ({ ...e, field: 'confirm' })),
            status,
          ),
        'confirm',
      );
    });
  }

  // Moving a term up or down: a button on the review page; a stale page is refused with the current order shown.
  app.post<PartParams>(paths.admin.moveReviewTerm.pattern, editorPosts, async (request, reply) => {
    const reviewId = readId(request.params.id);
    const partId = readId(request.params.part);
    const values = formValues(request.body);
    try {
      await ws.moveTerm(actorOf(request), reviewId, partId, values);
    } catch (error) {
      if (!(error instanceof ValidationError) && !(error instanceof ConflictError)) throw error;
      const { review } = await ws.review(actorOf(request), reviewId);
      const message =
        error instanceof ConflictError
          ? `${error.message}. The terms are shown below in their current order: move the term again if you still need to.`
          : (error.errors[0]?.message ?? error.message);
      return reply.code(error instanceof ConflictError ? 409 : 400).view('admin/review-part-refused.njk', {
        pageTitle: 'Error: Move a term of reference',
        review,
        message,
        parts: await ws.reviewParts(actorOf(request), reviewId),
      });
    }
    return reply.redirect(`${paths.admin.review(reviewId)}#terms`, 303);
  });

  // Members of the review group -------------------------------------------------------------

  async function memberPage(
    request: FastifyRequest,
    reply: FastifyReply,
    reviewId: number,
    typed: Record<string, string> | null,
    errors: readonly FieldError[] = [],
    status = 200,
  ) {
    const { review, parts, choices } = await context(actorOf(request), reviewId);
    const values = typed ? (status === 409 ? { ...typed, version: String(review.version) } : typed) : { role: 'member', version: String(review.version) };
    return render(
      request,
      reply,
      'admin/review-member-form.njk',
      {
        pageTitle: `${status >= 400 ? 'Error: ' : ''}Add a member to the review`,
        review,
        parts,
        conflict: status === 409,
        people: [
          { value: '', text: 'Choose the person' },
          ...choices.people.map((p) => ({
            value: String(p.id),
            text: p.job_title ? `${p.name}, ${p.job_title}` : p.name,
            selected: String(p.id) === values.personId,
          })),
        ],
        roles: REVIEW_MEMBER_ROLES.map((role) => ({ value: role, text: MembershipRole.label(role), checked: role === values.role })),
        form: formState(values, errors),
      },
      status,
    );
  }

  app.get<PartParams>(paths.admin.newReviewMember.pattern, editors, async (request, reply) => memberPage(request, reply, readId(request.params.id), null));

  app.post<PartParams>(paths.admin.newReviewMember.pattern, editorPosts, async (request, reply) => {
    const reviewId = readId(request.params.id);
    const values = formValues(request.body);
    return attempt(
      reply,
      reviewId,
      () => ws.addMember(actorOf(request), reviewId, values),
      (errors, status) => memberPage(request, reply, reviewId, values, errors, status),
      'personId',
    );
  });

  async function endPage(
    request: FastifyRequest<PartParams>,
    reply: FastifyReply,
    typed: Record<string, string> | null,
    errors: readonly FieldError[] = [],
    status = 200,
  ) {
    const actor = actorOf(request);
    const reviewId = readId(request.params.id);
    const [{ review }, membership] = await Promise.all([ws.review(actor, reviewId), ws.membership(actor, reviewId, readId(request.params.part))]);
    const values = typed
      ? status === 409
        ? { ...typed, version: String(review.version) }
        : typed
      : { endsOn: londonToday(services.clock), version: String(review.version) };
    return render(
      request,
      reply,
      'admin/review-member-end.njk',
      {
        pageTitle: `${status >= 400 ? 'Error: ' : ''}End a membership of the review`,
        review,
        membership,
        role: MembershipRole.label(membership.role),
        conflict: status === 409 ? { endsOn: membership.ends_on } : null,
        form: formState(values, errors),
      },
      status,
    );
  }

  app.get<PartParams>(paths.admin.endReviewMember.pattern, editors, async (request, reply) => endPage(request, reply, null));

  app.post<PartParams>(paths.admin.endReviewMember.pattern, editorPosts, async (request, reply) => {
    const reviewId = readId(request.params.id);
    const values = formValues(request.body);
    return attempt(
      reply,
      reviewId,
      () => ws.endMember(actorOf(request), reviewId, readId(request.params.part), values),
      (errors, status) => endPage(request, reply, values, errors, status),
      'endsOn',
    );
  });
}
