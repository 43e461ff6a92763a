// Shapes records into the API's documents (src/web/api-schemas.ts): booleans for flags, source as { system, id }, links between resources.
import { recommendationReference } from '../../../domain/recommendation-origin.ts';
import { recommendationHref } from '../../presenters/presenter-support.ts';
import type { ApiService } from '../../../services/api-service.ts';
import { paths } from '../../paths.ts';
import { present } from '../../../domain/present.ts';
import { CallInStatus, DecisionMakerKind, NoticeRoute, PriorityCriterion, ScrutinyMethod, TopicSource, TopicState } from '../../../domain/vocabulary.ts';
import { municipalYearLabel } from '../../../domain/work-programme.ts';
import type { PublicTopic } from '../../../services/work-programme-service.ts';
import type { CallInService } from '../../../services/call-in-service.ts';
import type { PublicForwardPlanEntry } from '../../../services/forward-plan-service.ts';

type Rows<K extends keyof ApiService> = Awaited<ReturnType<ApiService[K]>>;
type Row<K extends keyof ApiService> = Rows<K> extends readonly (infer T)[] ? T : Rows<K>;

type CallInRow = Awaited<ReturnType<CallInService['publicById']>>;

const api = paths.api;
const flag = (value: number | null | undefined) => value === 1;

function source(row: { source_system?: string | null; source_id?: string | null }) {
  return row.source_system && row.source_id ? { system: row.source_system, id: row.source_id } : null;
}

export function bodyDocument(b: Row<'body'>) {
  const links: Record<string, string> = {
    self: api.item('bodies', b.id),
    meetings: `${api.collection('meetings')}?body=${b.id}`,
    memberships: `${api.collection('memberships')}?body=${b.id}`,
    decisions: `${api.collection('decisions')}?body=${b.id}`,
  };
  if (b.kind !== 'external' && b.kind !== 'council') links.html = paths.committee(b.slug);
  if (b.parent_id !== null) links.parent = api.item('bodies', b.parent_id);
  if (b.successor_id !== null) links.successor = api.item('bodies', b.successor_id);
  return {
    id: b.id,
    slug: b.slug,
    name: b.name,
    kind: b.kind,
    description: b.description,
    parent_id: b.parent_id,
    successor_id: b.successor_id,
    is_active: flag(b.is_active),
    updated_at: b.updated_at,
    source: source(b),
    links,
  };
}

export function personDocument(p: Row<'person'>) {
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    honorific: p.honorific,
    kind: p.kind,
    job_title: p.job_title,
    party: p.party,
    ward: p.ward,
    updated_at: p.updated_at,
    source: source(p),
    links: { self: api.item('people', p.id), html: paths.person(p.slug), memberships: `${api.collection('memberships')}?person=${p.id}` },
  };
}

export function membershipDocument(m: Row<'membership'>) {
  return {
    id: m.id,
    person_id: m.person_id,
    body_id: m.organisation_id,
    role: m.role,
    portfolio: m.portfolio,
    starts_on: m.starts_on,
    ends_on: m.ends_on,
    notes: m.notes,
    updated_at: m.updated_at,
    links: { self: api.item('memberships', m.id), person: api.item('people', m.person_id), body: api.item('bodies', m.organisation_id) },
  };
}

export function meetingDocument(m: Row<'meetings'>) {
  return {
    id: m.id,
    slug: m.slug,
    body_id: m.organisation_id,
    body_name: m.organisation_name,
    title: m.title,
    date: m.meeting_date,
    start_time: m.start_time,
    starts_at: m.starts_at,
    location: m.location,
    status: m.status,
    is_executive: flag(m.is_executive),
    agenda_published_on: m.agenda_published_on,
    updated_at: m.updated_at,
    source: source(m),
    links: { self: api.item('meetings', m.id), html: paths.meeting(m.slug), body: api.item('bodies', m.organisation_id) },
  };
}

type MeetingDetail = Rows<'meeting'>;
function documentRef(d: MeetingDetail['documents'][number]) {
  return {
    id: d.id,
    slug: d.slug,
    title: d.title,
    kind: d.kind,
    agenda_item_id: d.agenda_item_id,
    url: d.url,
    media_type: d.media_type,
    page_count: d.page_count,
    published_on: d.published_on,
    source: source(d),
    links: { html: paths.document(d.slug) },
  };
}

export function meetingDetailDocument(detail: MeetingDetail) {
  return {
    ...meetingDocument(detail.meeting),
    agenda_items: detail.items.map((item) => ({
      id: item.id,
      position: item.position,
      number: item.number,
      title: item.title,
      withheld: item.withheld,
      exempt_paragraph: item.exempt_paragraph,
      description: item.description,
      report_of: item.report_of,
      issue_id: item.issue_id,
      minute: item.minute ? { id: item.minute.id, number: item.minute.number, title: item.minute.title, body: item.minute.body } : null,
      documents: item.documents.map(documentRef),
      source: source(item),
    })),
    documents: detail.documents.map(documentRef),
    attendance: detail.attendance.map((a) => ({ name: a.name, person_id: a.person_id, role: a.role, status: a.status })),
  };
}

export function issueDocument(i: Row<'issues'>) {
  return {
    id: i.id,
    slug: i.slug,
    title: i.title,
    summary: i.summary,
    updated_at: i.updated_at,
    links: { self: api.item('issues', i.id), html: paths.issue(i.slug) },
  };
}

export function issueDetailDocument(detail: Rows<'issue'>) {
  return {
    ...issueDocument(detail.issue),
    history: detail.history.map((h) => ({
      position: h.position,
      meeting_id: h.meeting_id,
      date: h.meeting_date,
      body_id: h.organisation_id,
      agenda_item_id: h.agenda_item_id,
      minute_id: h.minute_id,
      decision_summary: h.decision_summary,
      links: { meeting: api.item('meetings', h.meeting_id) },
    })),
  };
}

export function decisionDocument(d: Row<'decision'>) {
  return {
    id: d.id,
    meeting_id: d.meeting_id,
    body_id: d.organisation_id,
    body_name: d.organisation_name,
    date: d.meeting_date,
    minute: { number: d.minute_number, title: d.minute_title, body: d.minute_body, municipal_year: d.municipal_year },
    limbs: d.limbs.map((l) => ({ number: l.number, verb: l.verb, text: l.text })),
    mover_name: d.mover_name,
    mover_person_id: d.mover_person_id,
    seconder_name: d.seconder_name,
    seconder_person_id: d.seconder_person_id,
    votes: { for: d.votes_for, against: d.votes_against, abstained: d.votes_abstained },
    is_executive_decision: flag(d.is_executive_decision),
    is_key_decision: flag(d.is_key_decision),
    is_urgent: flag(d.is_urgent),
    published_on: d.published_on,
    reasons: d.reasons,
    alternatives: d.alternatives,
    call_ins: d.callIns.map((c) => ({
      id: c.id,
      status: c.status,
      held: c.held,
      summary: c.summary,
      links: { self: api.item('call-ins', c.id), html: `${paths.callIns()}#call-in-${c.id}` },
    })),
    updated_at: d.updated_at,
    links: {
      self: api.item('decisions', d.id),
      html: paths.meeting(d.meeting_slug),
      meeting: api.item('meetings', d.meeting_id),
      body: api.item('bodies', d.organisation_id),
    },
  };
}

export function reviewDocument(r: Row<'reviews'>) {
  const links: Record<string, string> = {
    self: api.item('reviews', r.id),
    html: paths.review(r.slug),
    body: api.item('bodies', r.organisation_id),
    recommendations: `${api.collection('recommendations')}?review=${r.id}`,
    progress_feed: paths.reviewProgressFeed(r.slug),
  };
  if (r.report_meeting_id !== null) links.report_meeting = api.item('meetings', r.report_meeting_id);
  if (r.response_meeting_id !== null) links.response_meeting = api.item('meetings', r.response_meeting_id);
  if (r.issue_id !== null) links.issue = api.item('issues', r.issue_id);
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    short_title: r.short_title,
    body_id: r.organisation_id,
    group_id: r.group_organisation_id,
    summary: r.summary,
    scope: r.scope,
    status: r.status,
    started_on: r.started_on,
    report_date: r.report_date,
    received_on: r.received_on,
    report_meeting_id: r.report_meeting_id,
    response_meeting_id: r.response_meeting_id,
    report_received:
      r.received_on === null && r.report_meeting_id === null
        ? null
        : { on: r.received_on, meeting_id: r.report_meeting_id, agenda_item_id: r.report_agenda_item_id },
    response_agreed: r.response_meeting_id === null ? null : { meeting_id: r.response_meeting_id, minute_id: r.response_minute_id },
    issue_id: r.issue_id,
    updated_at: r.updated_at,
    links,
  };
}

/** One review with the parts its public page shows, each in the page's order. */
export function reviewDetailDocument(r: Rows<'review'>) {
  return {
    ...reviewDocument(r),
    terms: r.terms.map((t) => ({ number: t.number, text: t.text, points: t.points })),
    criteria_heading: r.criteria_heading,
    criteria: r.criteria.map((c) => ({ number: c.number, title: c.title, text: c.text })),
    evidence: r.evidence.map((e) => ({
      kind: e.kind,
      mode: e.mode,
      organisation: e.organisation_name ?? e.linked_organisation_name,
      body_id: e.organisation_id,
      date: e.occurred_on,
      subject: e.subject,
      notes: e.notes,
      option_id: e.option_id,
      links: e.organisation_id === null ? {} : { body: api.item('bodies', e.organisation_id) },
    })),
    options: (r.appraisal?.options ?? []).map((o) => ({ id: o.id, name: o.name, description: o.description })),
    appraisal: (r.appraisal?.rows ?? []).map((row) => ({
      criterion: { number: row.number, title: row.title },
      judgements: row.cells.map((c) => ({ option_id: c.optionId, judgement: c.judgement, recorded: c.recorded, rationale: c.rationale })),
    })),
    members: r.members.map((m) => ({
      person_id: m.person_id,
      name: m.person_name,
      honorific: m.honorific,
      role: m.role,
      starts_on: m.starts_on,
      ends_on: m.ends_on,
      links: { person: api.item('people', m.person_id), membership: api.item('memberships', m.id) },
    })),
    schedule: r.schedule.map((s) => ({ starts_on: s.starts_on, ends_on: s.ends_on, title: s.title, business: s.business })),
  };
}

export function recommendationDocument(r: Row<'recommendation'>) {
  const row = r;
  return {
    id: r.id,
    review_id: r.review_id,
    origin: r.origin_kind,
    reference: recommendationReference(r.municipal_year, r.year_sequence),
    made_on: r.made_on,
    made_by_minute_id: r.made_minute_id,
    organisation_id: r.organisation_id,
    target_organisation_id: r.target_organisation_id,
    number: r.number,
    text: r.text,
    points: r.points,
    status: r.status,
    signed_off_on: r.signed_off_on,
    signed_off:
      r.signed_off_on === null && r.signed_off_outcome === null
        ? null
        : {
            on: r.signed_off_on,
            outcome: r.signed_off_outcome,
            meeting_id: r.signed_off_meeting_id,
            minute_id: r.signed_off_minute_id,
            minute_number: r.signed_off_minute_number,
          },
    response:
      r.response_id === null
        ? null
        : {
            decision: present(r.decision, 'r.decision'),
            text: present(r.response_text, 'r.response_text'),
            proposed_action: r.proposed_action,
            reason: r.reason,
            responsible_person_id: r.responsible_person_id,
            responsible_name: r.responsible_name,
            action_by_date: r.action_by_date,
            action_by_text: r.action_by_text,
            outcome: r.outcome,
            agreed_meeting_id: r.agreed_meeting_id,
            responded_on: r.responded_on,
          },
    progress: r.progress.map((p) => ({
      id: p.id,
      date: p.update_date,
      status: p.status,
      rag: p.rag,
      narrative: p.narrative,
      previous_target_date: p.previous_target_date,
      new_target_date: p.new_target_date,
      slip_reason: p.slip_reason,
      author_name: p.author_name,
      recorded_at: p.created_at,
    })),
    updated_at: r.updated_at,
    source: source(row),
    links: {
      self: api.item('recommendations', r.id),
      html: recommendationHref(r),
      ...(r.made_at_meeting_id === null ? {} : { made_at_meeting: api.item('meetings', r.made_at_meeting_id) }),
      ...(r.review_id === null ? {} : { review: api.item('reviews', r.review_id) }),
      ...(r.signed_off_meeting_id === null ? {} : { signed_off_meeting: api.item('meetings', r.signed_off_meeting_id) }),
    },
  };
}

/** A forward-plan entry as the public may read it: a private entry says so with its paragraph, never its detail. */
export function forwardPlanDocument(e: PublicForwardPlanEntry) {
  return {
    id: e.id,
    slug: e.slug,
    title: e.title,
    description: e.description,
    body: { id: e.organisation_id, name: e.organisation_name },
    decision_maker: {
      kind: e.decision_maker_kind,
      kind_label: DecisionMakerKind.label(e.decision_maker_kind),
      name: e.decision_maker_person ?? e.decision_maker_name,
    },
    key_decision: e.is_key_decision === 1,
    key_reasons: {
      spending_pounds: e.key_reason_spending === 1 ? e.amount_pounds : null,
      wards_affected: e.key_reason_wards === 1 ? e.wards_affected : null,
    },
    ward_names: e.ward_names,
    first_published_on: e.first_published_on,
    intended_date: e.intended_date,
    documents: e.documents,
    in_private: e.withheld,
    exempt_paragraph: e.exempt_paragraph,
    scrutiny_engagement: e.scrutiny_engagement,
    notice: {
      route: e.notice_route,
      route_label: NoticeRoute.label(e.notice_route),
      chair_informed_on: e.chair_informed_on,
      exception_notice_on: e.exception_notice_on,
      urgency_agreed_by: e.urgency_agreed_by,
      urgency_reasons: e.urgency_reasons,
    },
    updated_at: e.updated_at,
    links: { self: api.item('forward-plan', e.id), html: paths.forwardPlanEntry(e.slug) },
  };
}

/** A public work programme topic: the suggester's name only when a member or officer suggested it (a resident's stays off the API). */
export function workProgrammeDocument(t: PublicTopic) {
  const links: Record<string, string> = {
    self: api.item('work-programme', t.id),
    html: `${paths.workProgramme(t.organisation_slug, t.municipal_year)}#topic-${t.id}`,
    committee: api.item('bodies', t.organisation_id),
  };
  if (t.meeting_id !== null) links.meeting = api.item('meetings', t.meeting_id);
  if (t.review_id !== null) links.review = api.item('reviews', t.review_id);
  if (t.forward_plan_entry_id !== null) links.forward_plan_entry = api.item('forward-plan', t.forward_plan_entry_id);
  return {
    id: t.id,
    title: t.title,
    description: t.description,
    committee: { id: t.organisation_id, name: t.organisation_name },
    municipal_year: t.municipal_year,
    municipal_year_label: municipalYearLabel(t.municipal_year),
    criteria: PriorityCriterion.values.filter((c) => t[c] === 1),
    method: t.method,
    method_label: ScrutinyMethod.label(t.method),
    state: t.state,
    state_label: TopicState.label(t.state),
    source: t.source,
    source_label: TopicSource.label(t.source),
    suggested_by: t.source === 'member' || t.source === 'officer' ? t.suggested_by : null,
    suggested_on: t.suggested_on,
    lead_member: t.lead_member_id === null || t.lead_member_name === null ? null : { id: t.lead_member_id, name: t.lead_member_name },
    lead_officer: t.lead_officer_id === null || t.lead_officer_name === null ? null : { id: t.lead_officer_id, name: t.lead_officer_name },
    meeting: t.meeting_id === null || t.meeting_date === null ? null : { id: t.meeting_id, date: t.meeting_date },
    review: t.review_id === null || t.review_title === null ? null : { id: t.review_id, title: t.review_title },
    forward_plan_entry: t.forward_plan_entry_id === null || t.forward_plan_title === null ? null : { id: t.forward_plan_entry_id, title: t.forward_plan_title },
    done_on: t.done_on,
    dropped_reason: t.dropped_reason,
    updated_at: t.updated_at,
    links,
  };
}

/** A public call-in with every dated step (RULES.md 5a); the API never holds one of withheld business. */
export function callInDocument(c: CallInRow) {
  const links: Record<string, string> = {
    self: api.item('call-ins', c.id),
    html: `${paths.callIns()}#call-in-${c.id}`,
    decision: api.item('decisions', c.resolution_id),
    meeting: api.item('meetings', c.meeting_id),
  };
  if (c.hearing_meeting_id !== null) links.hearing_meeting = api.item('meetings', c.hearing_meeting_id);
  return {
    id: c.id,
    decision_id: c.resolution_id,
    decision_title: c.title,
    meeting_id: c.meeting_id,
    body_name: c.body_name,
    decision_date: c.meeting_date,
    status: c.status,
    status_label: CallInStatus.label(c.status),
    held: c.effect.held,
    summary: c.line,
    received_on: c.received_on,
    councillors: c.councillors.map((x) => ({ name: x.name, person_id: x.person_id })),
    grounds: c.grounds,
    checked_on: c.checked_on,
    check_reason: c.check_reason,
    hearing_by: c.hearing_by,
    hearing_meeting_id: c.hearing_meeting_id,
    outcome: c.outcome,
    outcome_on: c.outcome_on,
    outcome_text: c.outcome_text,
    reconsider_by: c.reconsider_by,
    reconsideration: c.reconsideration,
    reconsidered_on: c.reconsidered_on,
    reconsideration_reasons: c.reconsideration_reasons,
    updated_at: c.updated_at,
    links,
  };
}
