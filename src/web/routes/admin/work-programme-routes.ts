// Workspace pages of the scrutiny committees' work programmes: the overview with public suggestions to moderate, each committee's programme by year, a topic's form, and each step of its path.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EDITOR_ROLES } from '../../../domain/roles.ts';
import { formatLongDate, parseIsoDate } from '../../../domain/iso-date.ts';
import { PriorityCriterion, ScrutinyMethod, TopicSource, TopicState, EXEMPT_PARAGRAPHS } from '../../../domain/vocabulary.ts';
import { municipalYearLabel, type TopicAction } from '../../../domain/work-programme.ts';
import { ACTION_FIELD, TOPIC_ACTIONS } from '../../../services/work-programme-service.ts';
import { formState } from '../../form-view.ts';
import { paths } from '../../paths.ts';
import { presentTopic, yearLinks } from '../../presenters/work-programme-presenter.ts';
import { optionItems, recordItems, vocabularyItems } from '../../presenters/select-options.ts';
import { actorOf, type WorkspaceRouteDeps } from '../../session.ts';
import { formRoute, recordFormRoutes, shownValues, workspaceAccess, workspaceView, type FormPage, type FormShowing } from '../../workspace-form.ts';
import { readId } from './admin-params.ts';

/** The camelCase form field of each criterion's stored flag. */
const CRITERION_FIELD: Record<(typeof PriorityCriterion.values)[number], string> = {
  public_interest: 'publicInterest',
  impact: 'impact',
  council_priority: 'councilPriority',
  timeliness: 'timeliness',
  added_value: 'addedValue',
};

/** Each step's page: its title, what it says, its button, and what the banner says after it. */
const ACTION_PAGES: Record<TopicAction, { title: string; lede: string; button: string; saved: string }> = {
  accept: {
    title: 'Accept this suggestion for consideration',
    lede: 'The topic will be shown on the committee’s public work programme as suggested. The suggester’s email address is never published.',
    button: 'Accept for consideration',
    saved: 'Suggestion accepted for consideration',
  },
  agree: {
    title: 'Agree this topic',
    lede: 'Record that the committee has agreed to include this topic in its work programme.',
    button: 'Agree topic',
    saved: 'Topic agreed',
  },
  schedule: {
    title: 'Plan this topic for a meeting',
    lede: 'Choose the committee meeting the topic is planned for.',
    button: 'Plan for this meeting',
    saved: 'Topic planned for the meeting',
  },
  placeOnAgenda: {
    title: 'Put this topic on the meeting’s agenda',
    lede: 'An agenda item with the topic’s title and description is added to the meeting it is planned for. It is a draft until the agenda is published.',
    button: 'Add to the agenda',
    saved: 'Topic added to the meeting’s agenda',
  },
  startReview: {
    title: 'Start a review of this topic',
    lede: 'A scrutiny review with the topic’s title and description is created for the committee, started today.',
    button: 'Start the review',
    saved: 'Review started',
  },
  markHeard: {
    title: 'Mark this topic as heard',
    lede: 'Record that the committee has heard this topic at its meeting.',
    button: 'Mark as heard',
    saved: 'Topic marked as heard',
  },
  drop: {
    title: 'Drop this topic',
    lede: 'A dropped topic stays on the programme with the reason, so everyone can see why.',
    button: 'Drop topic',
    saved: 'Topic dropped',
  },
};

const long = (date: string) => formatLongDate(parseIsoDate(date));

function readYear(value: string | undefined): number | null {
  return value !== undefined && /^(19|20|21)\d{2}$/.test(value) ? Number(value) : null;
}

export function workProgrammeRoutes(app: FastifyInstance, { services, cookies }: WorkspaceRouteDeps): void {
  const wp = services.workProgramme;
  const access = workspaceAccess(app, EDITOR_ROLES);

  app.get(paths.admin.workProgramme.pattern, access.read, async (request, reply) => {
    const { bodies, awaiting, currentYear } = await wp.overview(actorOf(request));
    return workspaceView(request, reply, cookies, 'admin/work-programmes.njk', {
      pageTitle: 'Work programmes',
      yearLabel: municipalYearLabel(currentYear),
      bodies: bodies.map((b) => ({ name: b.name, href: paths.admin.workProgrammeBody(b.id) })),
      awaiting: awaiting.map((t) => ({ ...presentTopic(t, { workspace: true }), committee: t.organisation_name })),
      newHref: paths.admin.newTopic(),
    });
  });

  app.get<{ Params: { id: string }; Querystring: { year?: string } }>(paths.admin.workProgrammeBody.pattern, access.read, async (request, reply) => {
    const { body, year, years, topics } = await wp.programme(actorOf(request), readId(request.params.id), readYear(request.query.year));
    return workspaceView(request, reply, cookies, 'admin/work-programme.njk', {
      pageTitle: `${body.name} work programme ${municipalYearLabel(year)}`,
      body,
      years: yearLinks(years, year, (y) => paths.admin.workProgrammeBody(body.id, { year: y })),
      topics: topics.map((t) => presentTopic(t, { workspace: true })),
      newHref: paths.admin.newTopic({ body: body.id, year }),
      publicHref: paths.workProgramme(body.slug, year),
    });
  });

  async function topicPage(request: FastifyRequest, id: number | null, showing: FormShowing): Promise<FormPage> {
    const actor = actorOf(request);
    const choices = await wp.choices(actor);
    const current = id === null ? null : await wp.topic(actor, id);
    const query = request.query as { body?: string; year?: string };
    const stored: Record<string, unknown> = current
      ? {
          organisationId: String(current.topic.organisation_id),
          municipalYear: String(current.topic.municipal_year),
          title: current.topic.title,
          description: current.topic.description ?? '',
          method: current.topic.method,
          leadMemberId: current.topic.lead_member_id === null ? '' : String(current.topic.lead_member_id),
          leadOfficerId: current.topic.lead_officer_id === null ? '' : String(current.topic.lead_officer_id),
          source: current.topic.source,
          suggestedBy: current.topic.suggested_by ?? '',
          exemptParagraph: current.topic.exempt_paragraph === null ? '' : String(current.topic.exempt_paragraph),
          isConfidential: current.topic.is_confidential === 1 ? '1' : '',
          version: String(current.topic.version),
          ...Object.fromEntries(PriorityCriterion.values.map((c) => [CRITERION_FIELD[c], current.topic[c] === 1 ? '1' : ''])),
        }
      : { organisationId: query.body ?? '', municipalYear: query.year ?? String(choices.currentYear) };
    const shown = shownValues(showing, stored);
    const people = (first: string, selected: unknown) =>
      recordItems(choices.people, (p) => (p.job_title ? `${p.name}, ${p.job_title}` : p.name), selected, first);
    return {
      template: 'admin/topic-form.njk',
      pageTitle: current ? current.topic.title : 'Add a topic to a work programme',
      data: {
        topic: current ? { ...presentTopic(current.topic, { workspace: true }), id: current.topic.id, email: current.topic.suggester_email } : null,
        committeeHref: current ? paths.admin.workProgrammeBody(current.topic.organisation_id, { year: current.topic.municipal_year }) : null,
        committeeName: current?.topic.organisation_name ?? null,
        actions: (current?.actions ?? []).map((a) => ({ text: ACTION_PAGES[a].title, href: paths.admin.topicAction(current?.topic.id ?? 0, a) })),
        historyHref: current ? paths.admin.history('work_programme_topic', current.topic.id) : null,
        bodies: recordItems(choices.bodies, (b) => b.name, shown.organisationId, 'Choose a committee'),
        methods: vocabularyItems(ScrutinyMethod, shown.method),
        sources: vocabularyItems(TopicSource, shown.source),
        criteria: PriorityCriterion.values.map((c) => ({
          name: CRITERION_FIELD[c],
          value: '1',
          text: PriorityCriterion.label(c),
          checked: shown[CRITERION_FIELD[c]] === '1',
        })),
        leadMembers: people('No lead member yet', shown.leadMemberId),
        leadOfficers: people('No lead officer yet', shown.leadOfficerId),
        exemptParagraphs: optionItems(
          Object.entries(EXEMPT_PARAGRAPHS).map(([n, text]) => ({ value: n, text: `Paragraph ${n}: ${text}` })),
          shown.exemptParagraph,
          'Public: not exempt',
        ),
        form: formState(shown, showing.errors),
      },
    };
  }

  recordFormRoutes(app, cookies, {
    createPattern: paths.admin.newTopic.pattern,
    recordPattern: paths.admin.topic.pattern,
    roles: EDITOR_ROLES,
    page: topicPage,
    create: async (request, typed) => (await wp.createTopic(actorOf(request), typed)).id,
    update: (request, id, typed) => wp.updateTopic(actorOf(request), id, typed),
    link: (id) => paths.admin.topic(id),
    conflictField: 'title',
    created: 'Topic added to the work programme',
    saved: 'Topic saved',
  });

  for (const action of TOPIC_ACTIONS) {
    const words = ACTION_PAGES[action];
    formRoute<{ Params: { id: string } }>(app, cookies, {
      pattern: paths.admin.topicAction.pattern(action),
      roles: EDITOR_ROLES,
      page: async (request, showing) => {
        const { topic, meetings } = await wp.topic(actorOf(request), readId(request.params.id));
        const shown = shownValues(showing, { version: String(topic.version), meetingId: topic.meeting_id === null ? '' : String(topic.meeting_id) });
        return {
          template: 'admin/topic-action.njk',
          pageTitle: `${words.title}: ${topic.title}`,
          data: {
            action,
            words,
            field: ACTION_FIELD[action],
            topic: { ...presentTopic(topic, { workspace: true }), committee: topic.organisation_name },
            actionHref: paths.admin.topicAction(topic.id, action),
            cancelHref: paths.admin.topic(topic.id),
            state: TopicState.label(topic.state),
            meetings: recordItems(meetings, (m) => `${long(m.meeting_date)}${m.title ? `: ${m.title}` : ''}`, shown.meetingId, 'Choose a meeting'),
            form: formState(shown, showing.errors),
          },
        };
      },
      save: async (request, typed) => {
        const id = readId(request.params.id);
        await wp.act(actorOf(request), id, action, typed);
        return paths.admin.topic(id);
      },
      conflictField: ACTION_FIELD[action],
      saved: words.saved,
    });
  }
}
