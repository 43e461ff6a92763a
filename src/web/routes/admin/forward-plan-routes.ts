// Workspace forms for the forward plan of key decisions: the list, and one form to add an entry or change it, refused with the field named when the notice rules are not met.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EDITOR_ROLES } from '../../../domain/roles.ts';
import { DecisionMakerKind, NoticeRoute, OrganisationKind, TopicState } from '../../../domain/vocabulary.ts';
import { isWithheld } from '../../../domain/withheld.ts';
import { municipalYearLabel } from '../../../domain/work-programme.ts';
import type { ForwardPlanService } from '../../../services/forward-plan-service.ts';
import { formState } from '../../form-view.ts';
import { paths } from '../../paths.ts';
import { decisionMaker, keyGrounds } from '../../presenters/forward-plan-presenter.ts';
import { exemptItems } from '../../presenters/meeting-workspace-presenter.ts';
import { personName } from '../../presenters/presenter-support.ts';
import { recordItems, vocabularyItems } from '../../presenters/select-options.ts';
import { actorOf, type WorkspaceRouteDeps } from '../../session.ts';
import { formRoute, recordFormRoutes, shownValues, workspaceAccess, workspaceView, type FormPage, type FormShowing } from '../../workspace-form.ts';
import { readId } from './admin-params.ts';

type Entry = Awaited<ReturnType<ForwardPlanService['entry']>>;

const text = (v: string | null) => v ?? '';
const flag = (v: number) => (v === 1 ? 'yes' : '');

/** The form's values of a stored entry (strings, as a browser would send them). */
function entryValues(e: Entry): Record<string, unknown> {
  return {
    organisationId: String(e.organisation_id),
    title: e.title,
    description: text(e.description),
    decisionMakerKind: e.decision_maker_kind,
    decisionMakerName: text(e.decision_maker_name),
    decisionMakerPersonId: e.decision_maker_person_id === null ? '' : String(e.decision_maker_person_id),
    isKeyDecision: e.is_key_decision === 1 ? 'yes' : 'no',
    reasonSpending: flag(e.key_reason_spending),
    reasonWards: flag(e.key_reason_wards),
    amountPounds: e.amount_pounds === null ? '' : String(e.amount_pounds),
    wardsAffected: e.wards_affected === null ? '' : String(e.wards_affected),
    wardNames: text(e.ward_names),
    firstPublishedOn: e.first_published_on,
    intendedDate: e.intended_date,
    documents: text(e.documents),
    exemptParagraph: e.exempt_paragraph === null ? '' : String(e.exempt_paragraph),
    isConfidential: e.is_confidential === 1 ? '1' : '',
    scrutinyEngagement: text(e.scrutiny_engagement),
    noticeRoute: e.notice_route,
    chairInformedOn: text(e.chair_informed_on),
    exceptionNoticeOn: text(e.exception_notice_on),
    urgencyAgreedBy: text(e.urgency_agreed_by),
    urgencyReasons: text(e.urgency_reasons),
    version: String(e.version),
  };
}

export function forwardPlanWorkspaceRoutes(app: FastifyInstance, { services, cookies }: WorkspaceRouteDeps): void {
  const ws = services.forwardPlan;
  const access = workspaceAccess(app, EDITOR_ROLES);

  app.get(paths.admin.forwardPlan.pattern, access.read, async (request, reply) => {
    const entries = (await ws.list(actorOf(request))).map((e) => ({
      title: e.title,
      href: paths.admin.forwardPlanEntry(e.id),
      body: e.organisation_name,
      maker: decisionMaker(e),
      date: e.intended_date,
      key: keyGrounds(e),
      route: NoticeRoute.label(e.notice_route),
      private: e.exempt_paragraph !== null || e.is_confidential === 1,
    }));
    return workspaceView(request, reply, cookies, 'admin/forward-plan.njk', { pageTitle: 'Forward plan of key decisions', entries });
  });

  async function entryPage(request: FastifyRequest, id: number | null, showing: FormShowing): Promise<FormPage> {
    const choices = await ws.choices();
    const current = id === null ? null : await ws.entry(actorOf(request), id);
    const topics = current === null ? [] : await services.workProgramme.topicsOfEntry(actorOf(request), current.id);
    const shown = shownValues(showing, current ? entryValues(current) : { isKeyDecision: 'yes', noticeRoute: 'notice', decisionMakerKind: '' });
    return {
      template: 'admin/forward-plan-form.njk',
      pageTitle: current ? current.title : 'Add a key decision to the forward plan',
      data: {
        entry: current,
        publicHref: current ? paths.forwardPlanEntry(current.slug) : null,
        suggestHref: current ? paths.admin.forwardPlanSuggestTopic(current.id) : null,
        topics: topics.map((t) => ({
          committee: t.organisation_name,
          year: municipalYearLabel(t.municipal_year),
          state: TopicState.label(t.state),
          href: paths.admin.topic(t.id),
        })),
        conflict:
          showing.status === 409 && current ? { title: current.title, date: current.intended_date, route: NoticeRoute.label(current.notice_route) } : null,
        bodies: recordItems(choices.bodies, (b) => `${b.name} (${OrganisationKind.label(b.kind)})`, shown.organisationId, 'Choose a body'),
        makers: vocabularyItems(DecisionMakerKind, shown.decisionMakerKind),
        people: recordItems(
          choices.people,
          (p) => (p.job_title ? `${personName(p)}, ${p.job_title}` : personName(p)),
          shown.decisionMakerPersonId,
          'Not chosen from the list',
        ),
        routes: vocabularyItems(NoticeRoute, shown.noticeRoute),
        exemptOptions: exemptItems(shown.exemptParagraph),
        form: formState(shown, showing.errors),
      },
    };
  }

  recordFormRoutes(app, cookies, {
    createPattern: paths.admin.newForwardPlanEntry.pattern,
    recordPattern: paths.admin.forwardPlanEntry.pattern,
    roles: EDITOR_ROLES,
    page: entryPage,
    create: async (request, typed) => (await ws.create(actorOf(request), typed)).id,
    update: (request, id, typed) => ws.update(actorOf(request), id, typed),
    link: (id) => paths.admin.forwardPlanEntry(id),
    conflictField: 'title',
    created: 'Entry published on the forward plan',
    saved: 'Forward plan entry saved',
  });

  // One step from the forward plan to a work programme (RULES.md 5b): the committee is the only choice.
  formRoute<{ Params: { id: string } }>(app, cookies, {
    pattern: paths.admin.forwardPlanSuggestTopic.pattern,
    roles: EDITOR_ROLES,
    page: async (request, showing) => {
      const actor = actorOf(request);
      const entry = await ws.entry(actor, readId(request.params.id));
      const choices = await services.workProgramme.choices(actor);
      const shown = shownValues(showing, { organisationId: '' });
      return {
        template: 'admin/forward-plan-suggest-topic.njk',
        pageTitle: `Suggest for a work programme: ${entry.title}`,
        data: {
          entry,
          maker: decisionMaker(entry),
          withheld: isWithheld(entry),
          yearLabel: municipalYearLabel(choices.currentYear),
          bodies: recordItems(choices.bodies, (b) => b.name, shown.organisationId, 'Choose a committee'),
          entryHref: paths.admin.forwardPlanEntry(entry.id),
          actionHref: paths.admin.forwardPlanSuggestTopic(entry.id),
          form: formState(shown, showing.errors),
        },
      };
    },
    save: async (request, typed) => {
      const topic = await services.workProgramme.suggestFromForwardPlan(actorOf(request), readId(request.params.id), typed);
      return paths.admin.topic(topic.id);
    },
    conflictField: 'organisationId',
    saved: 'Decision suggested for the work programme',
  });
}
