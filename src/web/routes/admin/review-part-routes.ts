// Workspace forms for a review's parts: add, change, reorder and remove terms of reference, criteria and evidence; add and end members of the review group.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { londonToday } from '../../../domain/clock.ts';
import { EDITOR_ROLES, type Actor } from '../../../domain/roles.ts';
import { EvidenceKind, EvidenceMode, Judgement, MembershipRole } from '../../../domain/vocabulary.ts';
import { NotFoundError } from '../../../services/errors.ts';
import { REVIEW_MEMBER_ROLES } from '../../../services/review-parts-service.ts';
import { formState, formValues, saveForm } from '../../form-view.ts';
import { paths, type ReviewPartName } from '../../paths.ts';
import { personChoice } from '../../presenters/review-workspace-presenter.ts';
import { recordItems, vocabularyItems } from '../../presenters/select-options.ts';
import { actorOf, type WorkspaceRouteDeps } from '../../session.ts';
import { formRoute, shownValues, showingState, workspaceAccess, workspaceView, type FormPage, type FormShowing } from '../../workspace-form.ts';
import { readId } from './admin-params.ts';

type PartName = ReviewPartName;
type PartParams = { Params: { id: string; part: string } };

const CONFLICT_HINT = 'Their version is shown below; what you entered is still in the form. Check it, then save again.';

/** How each part is shown in its form and described (the service's `parts` reads and saves it); the routes below are the same for all four. */
interface PartSpec {
  readonly template: string;
  /** "a term of reference": for page titles. */
  readonly noun: string;
  /** The field an error about the whole record is shown against. */
  readonly mainField: string;
  toForm(record: Record<string, unknown>): Record<string, string>;
  describe(record: Record<string, unknown>): string;
}

const str = (value: unknown) => (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '');

const PARTS: Record<PartName, PartSpec> = {
  terms: {
    template: 'admin/review-term-form.njk',
    noun: 'term of reference',
    mainField: 'text',
    toForm: (t) => ({ number: str(t.number), text: str(t.text) }),
    describe: (t) => (t.number ? `${str(t.number)} ${str(t.text)}` : str(t.text)),
  },
  criteria: {
    template: 'admin/review-criterion-form.njk',
    noun: 'criterion',
    mainField: 'title',
    toForm: (c) => ({ number: str(c.number), title: str(c.title), text: str(c.text) }),
    describe: (c) => (c.number ? `${str(c.number)} ${str(c.title)}` : str(c.title)),
  },
  evidence: {
    template: 'admin/review-evidence-form.njk',
    noun: 'evidence',
    mainField: 'subject',
    toForm: (e) => ({
      kind: str(e.kind),
      mode: str(e.mode),
      organisationId: str(e.organisation_id),
      organisationName: str(e.organisation_name),
      occurredOn: str(e.occurred_on),
      subject: str(e.subject),
      notes: str(e.notes),
      optionId: str(e.option_id),
    }),
    describe: (e) => `${EvidenceKind.label(str(e.kind))}: ${str(e.subject)}`,
  },
  meetings: {
    template: 'admin/review-meeting-form.njk',
    noun: 'meeting of the review',
    mainField: 'startsOn',
    toForm: (m) => ({ startsOn: str(m.starts_on), endsOn: str(m.ends_on), title: str(m.title), business: (m.business as string[]).join('\n') }),
    describe: (m) => `${str(m.starts_on)}${m.title ? `: ${str(m.title)}` : ''}`,
  },
  options: {
    template: 'admin/review-option-form.njk',
    noun: 'option',
    mainField: 'name',
    toForm: (o) => ({ name: str(o.name), description: str(o.description) }),
    describe: (o) => str(o.name),
  },
  judgements: {
    template: 'admin/review-judgement-form.njk',
    noun: 'judgement',
    mainField: 'judgement',
    toForm: (j) => ({ criterionId: str(j.criterion_id), optionId: str(j.option_id), judgement: str(j.judgement), rationale: str(j.rationale) }),
    describe: (j) => `${Judgement.label(str(j.judgement))}${j.rationale ? `: ${str(j.rationale)}` : ''}`,
  },
};

export function reviewPartRoutes(app: FastifyInstance, { services, cookies }: WorkspaceRouteDeps): void {
  const ws = services.scrutinyWorkspace;
  const access = workspaceAccess(app, EDITOR_ROLES);

  /** What every part page needs: the review (its version goes in the form), its parts, and the lists to choose from. */
  async function context(actor: Actor, reviewId: number) {
    const [{ review }, parts, choices] = await Promise.all([ws.review(actor, reviewId), ws.reviewParts(actor, reviewId), ws.partChoices()]);
    return { review, parts, choices };
  }

  /** Every part form goes back to the review, with the success banner. */
  const saved = 'Your changes to the review have been saved';

  /** The form for one part: empty or filled from the record, or as typed with errors (400) or beside their version (409). */
  async function partPage(request: FastifyRequest, name: PartName, reviewId: number, partId: number | null, showing: FormShowing): Promise<FormPage> {
    const spec = PARTS[name];
    const actor = actorOf(request);
    const { review, parts, choices } = await context(actor, reviewId);
    let record: Record<string, unknown> | null = null;
    if (partId !== null) {
      try {
        record = await ws.parts[name].load(actor, reviewId, partId);
      } catch (error) {
        // On a conflict the record may have been removed by the other person: say so rather than fail.
        // Only that: any other failure is an error like everywhere else, not a 409 page.
        if (showing.status !== 409 || !(error instanceof NotFoundError)) throw error;
      }
    }
    const parentOf = partId === null ? '' : String(parts.terms.find((n) => n.children.some((c) => c.id === partId))?.term.id ?? '');
    // Opened from a term's "add a sub-term" link, the form has that term chosen already.
    const asked = (request.query as { parent?: unknown }).parent;
    // Opened from a cell of the appraisal's matrix, the judgement form has that criterion and option chosen already.
    const cell = request.query as { criterion?: unknown; option?: unknown };
    const stored = {
      ...(name === 'judgements' && partId === null
        ? { criterionId: typeof cell.criterion === 'string' ? cell.criterion : '', optionId: typeof cell.option === 'string' ? cell.option : '', judgement: '' }
        : {}),
      ...(record ? spec.toForm(record) : {}),
      ...(name === 'terms' ? { parent: typeof asked === 'string' && partId === null ? asked : parentOf } : {}),
      version: String(review.version),
    };
    const values = shownValues(showing, stored);
    return {
      template: spec.template,
      pageTitle:
        partId === null && name === 'judgements'
          ? 'Record a judgement'
          : `${partId === null ? 'Add' : 'Change'} ${name === 'evidence' ? 'evidence' : `${name === 'options' ? 'an' : 'a'} ${spec.noun}`}`,
      data: {
        review,
        parts,
        partId,
        action: partId === null ? paths.admin.newReviewPart(reviewId, name) : paths.admin.reviewPart(reviewId, name, partId),
        conflict: showing.status === 409 ? { record: record ? spec.toForm(record) : null, removed: partId !== null && record === null } : null,
        // Sub-terms hang from numbered terms only, never from themselves.
        parents:
          name === 'terms'
            ? recordItems(
                parts.terms.filter((n) => n.term.id !== partId).map((n) => n.term),
                (term) => spec.describe(term).slice(0, 120),
                values.parent,
                'None: a term of its own',
              )
            : [],
        kinds: vocabularyItems(EvidenceKind, values.kind, 'Choose the kind'),
        modes: vocabularyItems(EvidenceMode, values.mode, 'Choose how it was taken'),
        bodies: recordItems(choices.externalBodies, (b) => b.name, values.organisationId, 'Not listed: enter the name below'),
        options: recordItems(parts.options, (o) => o.name, values.optionId, 'None'),
        criteria: recordItems(parts.criteria, (c) => (c.number ? `${c.number} ${c.title}` : c.title).slice(0, 120), values.criterionId, 'Choose the criterion'),
        judgementOptions: recordItems(parts.options, (o) => o.name, values.optionId, 'Choose the option'),
        judgements: vocabularyItems(Judgement, values.judgement),
        form: formState(values, showing.errors),
      },
    };
  }

  for (const name of Object.keys(PARTS) as PartName[]) {
    const spec = PARTS[name];

    formRoute<PartParams>(app, cookies, {
      pattern: paths.admin.newReviewPart.pattern(name),
      roles: EDITOR_ROLES,
      page: (request, showing) => partPage(request, name, readId(request.params.id), null, showing),
      save: async (request, typed) => {
        const reviewId = readId(request.params.id);
        await ws.parts[name].add(actorOf(request), reviewId, typed);
        return paths.admin.review(reviewId);
      },
      conflictField: spec.mainField,
      saved,
      advice: CONFLICT_HINT,
    });

    formRoute<PartParams>(app, cookies, {
      pattern: paths.admin.reviewPart.pattern(name),
      roles: EDITOR_ROLES,
      page: (request, showing) => partPage(request, name, readId(request.params.id), readId(request.params.part), showing),
      save: async (request, typed) => {
        const reviewId = readId(request.params.id);
        await ws.parts[name].update(actorOf(request), reviewId, readId(request.params.part), typed);
        return paths.admin.review(reviewId);
      },
      conflictField: spec.mainField,
      saved,
      advice: CONFLICT_HINT,
    });

    // Removal asks first (GOV.UK "Check a user wants to delete"), then removes on the button.
    formRoute<PartParams>(app, cookies, {
      pattern: paths.admin.removeReviewPart.pattern(name),
      roles: EDITOR_ROLES,
      page: async (request, showing) => {
        const actor = actorOf(request);
        const reviewId = readId(request.params.id);
        const partId = readId(request.params.part);
        const [{ review }, record] = await Promise.all([ws.review(actor, reviewId), ws.parts[name].load(actor, reviewId, partId)]);
        const children = name === 'terms' ? ((await ws.reviewParts(actor, reviewId)).terms.find((n) => n.term.id === partId)?.children ?? []) : [];
        return {
          template: 'admin/review-part-remove.njk',
          pageTitle: `Are you sure you want to remove this ${spec.noun}?`,
          data: {
            review,
            noun: spec.noun,
            description: spec.describe(record),
            children: children.map((c) => c.text),
            action: paths.admin.removeReviewPart(reviewId, name, partId),
            // The page's one question is where any refusal is shown.
            form: formState(
              { version: String(review.version) },
              showing.errors.map((e) => ({ ...e, field: 'confirm' })),
            ),
          },
        };
      },
      save: async (request, typed) => {
        const reviewId = readId(request.params.id);
        await ws.parts[name].remove(actorOf(request), reviewId, readId(request.params.part), typed);
        return paths.admin.review(reviewId);
      },
      conflictField: 'confirm',
      saved,
      advice: CONFLICT_HINT,
    });
  }

  // Moving a term up or down: a button on the review page; a stale page is refused with the current order shown.
  app.post<PartParams>(paths.admin.moveReviewTerm.pattern, access.write, async (request, reply) => {
    const reviewId = readId(request.params.id);
    return saveForm(
      reply,
      async () => {
        await ws.moveTerm(actorOf(request), reviewId, readId(request.params.part), formValues(request.body));
        return `${paths.admin.review(reviewId)}#terms`;
      },
      async (errors, status) => {
        const { review } = await ws.review(actorOf(request), reviewId);
        return workspaceView(
          request,
          reply,
          cookies,
          'admin/review-part-refused.njk',
          { pageTitle: 'The term was not moved', review, message: errors[0]?.message ?? '', parts: await ws.reviewParts(actorOf(request), reviewId) },
          status,
        );
      },
      'direction',
      { advice: 'The terms are shown below in their current order: move the term again if you still need to.' },
    );
  });

  // Members of the review group -------------------------------------------------------------

  formRoute<PartParams>(app, cookies, {
    pattern: paths.admin.newReviewMember.pattern,
    roles: EDITOR_ROLES,
    page: async (request, showing) => {
      const { review, parts, choices } = await context(actorOf(request), readId(request.params.id));
      const values = shownValues(showing, { role: 'member', version: String(review.version) });
      return {
        template: 'admin/review-member-form.njk',
        pageTitle: 'Add a member to the review',
        data: {
          review,
          parts,
          conflict: showing.status === 409,
          people: recordItems(choices.people, personChoice, values.personId, 'Choose the person'),
          roles: vocabularyItems(MembershipRole, values.role, undefined, REVIEW_MEMBER_ROLES),
          form: formState(values, showing.errors),
        },
      };
    },
    save: async (request, typed) => {
      const reviewId = readId(request.params.id);
      await ws.addMember(actorOf(request), reviewId, typed);
      return paths.admin.review(reviewId);
    },
    conflictField: 'personId',
    saved,
    advice: CONFLICT_HINT,
  });

  formRoute<PartParams>(app, cookies, {
    pattern: paths.admin.endReviewMember.pattern,
    roles: EDITOR_ROLES,
    page: async (request, showing) => {
      const actor = actorOf(request);
      const reviewId = readId(request.params.id);
      const [{ review }, membership] = await Promise.all([ws.review(actor, reviewId), ws.membership(actor, reviewId, readId(request.params.part))]);
      return {
        template: 'admin/review-member-end.njk',
        pageTitle: `End ${membership.person_name}’s membership of the review`,
        data: {
          review,
          membership,
          role: MembershipRole.label(membership.role),
          conflict: showing.status === 409 ? { endsOn: membership.ends_on } : null,
          form: showingState(showing, { endsOn: londonToday(services.clock), version: String(review.version) }),
        },
      };
    },
    save: async (request, typed) => {
      const reviewId = readId(request.params.id);
      await ws.endMember(actorOf(request), reviewId, readId(request.params.part), typed);
      return paths.admin.review(reviewId);
    },
    conflictField: 'endsOn',
    saved,
    advice: CONFLICT_HINT,
  });
}
