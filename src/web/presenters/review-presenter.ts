// Turns a scrutiny review, its executive response and its recommendations into what the review pages print.
import { reviewPaperLinks } from './paper-links-presenter.ts';
import { DocumentKind, EvidenceKind, EvidenceMode, MembershipRole, ProgressStatus, Rag, ReviewStatus } from '../../domain/vocabulary.ts';
import { optionsAppraisal } from '../../domain/options-appraisal.ts';
import type { ReviewService } from '../../services/review-service.ts';
import { paths } from '../paths.ts';
import { dateRange, HOME_CRUMB, meetingLink, pagination, personLink, personName, presentRecommendation, type PageModel } from './presenter-support.ts';

const REVIEWS_CRUMB = { text: 'Reviews', href: paths.reviews() };

type ReviewPage = Awaited<ReturnType<ReviewService['bySlug']>>;
type Review = ReviewPage['review'];

/** The response's heading: the record's own title ("Cabinet’s Response to …"), else a plain one. */
function responseTitle(review: Review): string {
  return review.response_title ?? `Executive response: ${review.title}`;
}

function reviewCrumb(review: Review) {
  return { text: review.short_title ?? review.title, href: paths.review(review.slug) };
}

export function presentReviews(result: Awaited<ReturnType<ReviewService['list']>>) {
  return {
    pageTitle: result.pageCount > 1 ? `Scrutiny reviews (page ${result.page} of ${result.pageCount})` : 'Scrutiny reviews',
    breadcrumbs: [HOME_CRUMB, { text: 'Reviews' }],
    reviews: result.reviews.map((r) => ({
      text: r.title,
      href: paths.review(r.slug),
      committee: { text: r.organisation_name, href: paths.committee(r.organisation_slug) },
      status: ReviewStatus.label(r.status),
      reportDate: r.report_date,
      summary: r.summary,
    })),
    pagination: pagination(result.page, result.pageCount, (page) => paths.reviews({ page })),
  } satisfies PageModel & Record<string, unknown>;
}

/** Terms of reference: numbered paragraphs, each with the bullet points that hang from it (review_terms.parent_position). */
function termsOfReference(terms: ReviewPage['terms']) {
  return terms
    .filter((t) => t.parent_position === null)
    .map((t) => ({
      number: t.number,
      text: t.text,
      points: terms.filter((p) => p.parent_position === t.position).map((p) => p.text),
    }));
}

/** Visits and tele-conferences are the "schedule of visits"; workshops, literature and challenge sessions follow as other evidence. */
const VISIT_KINDS = new Set(['visit', 'teleconference']);

/** How each kind of evidence is usually taken: the mode is only worth printing when it differs ("Visit (by tele-conference)"). */
const USUAL_MODE: Record<string, string> = {
  visit: 'in_person',
  teleconference: 'remote',
  literature: 'written',
  workshop: 'in_person',
  challenge: 'in_person',
  witness: 'in_person',
};

function evidenceRow(e: ReviewPage['evidence'][number]) {
  return {
    organisation: e.organisation_name ?? e.linked_organisation_name ?? '',
    subject: e.subject,
    date: e.occurred_on,
    how: USUAL_MODE[e.kind] === e.mode ? EvidenceKind.label(e.kind) : `${EvidenceKind.label(e.kind)} (${EvidenceMode.label(e.mode).toLowerCase()})`,
    notes: e.notes,
    option: e.option_name,
  };
}

export function presentReview(result: ReviewPage) {
  const { review } = result;
  const recommendations = result.recommendations.map((rec) => presentRecommendation(review.slug, rec));
  return {
    pageTitle: review.title,
    breadcrumbs: [HOME_CRUMB, REVIEWS_CRUMB, { text: review.short_title ?? review.title }],
    title: review.title,
    papers: reviewPaperLinks(review.slug, result.recommendations.length > 0),
    followHref: paths.follow('review', review.id),
    status: ReviewStatus.label(review.status),
    summary: review.summary,
    scope: review.scope,
    committee: { text: review.organisation_name, href: paths.committee(review.organisation_slug) },
    group: review.group_slug && review.group_name ? { text: review.group_name, href: paths.committee(review.group_slug) } : null,
    startedOn: review.started_on,
    terms: termsOfReference(result.terms),
    members: result.members.map((m) => ({
      person: personLink(personName({ honorific: m.honorific, name: m.person_name }), m.person_slug),
      isChair: m.role === 'chair',
      role: MembershipRole.label(m.role),
      // An ended membership stays on the record of who undertook the review; the page says until when.
      endsOn: m.ends_on,
    })),
    criteriaHeading: review.criteria_heading ?? 'Criteria',
    criteria: result.criteria.map((c) => ({ number: c.number, title: c.title, text: c.text })),
    schedule: result.schedule.map((s) => ({ when: dateRange(s.starts_on, s.ends_on), title: s.title, business: s.business })),
    visits: result.evidence.filter((e) => VISIT_KINDS.has(e.kind)).map(evidenceRow),
    otherEvidence: result.evidence.filter((e) => !VISIT_KINDS.has(e.kind)).map(evidenceRow),
    appraisal: optionsAppraisal(result.criteria, result.options, result.judgements, result.evidence),
    report: {
      date: review.report_date,
      meeting: result.reportMeeting ? meetingLink(result.reportMeeting) : null,
      receivedOn: review.received_on,
    },
    response: {
      title: responseTitle(review),
      href: paths.reviewResponse(review.slug),
      meeting: result.responseMeeting ? meetingLink(result.responseMeeting) : null,
      hasResponses: recommendations.some((r) => r.response !== null),
    },
    recommendations,
    // The same paper laid before several meetings (the response went to Cabinet and then Council) is
    // listed once here, at its first meeting; each meeting's page lists its own copy.
    documents: result.documents
      .filter((d, index, all) => all.findIndex((other) => other.title === d.title && other.kind === d.kind) === index)
      .map((d) => ({ text: d.title, href: paths.document(d.slug), kind: DocumentKind.label(d.kind) })),
  } satisfies PageModel & Record<string, unknown>;
}

export function presentResponse(result: Awaited<ReturnType<ReviewService['response']>>) {
  const { review } = result;
  const title = responseTitle(review);
  return {
    pageTitle: title,
    breadcrumbs: [HOME_CRUMB, REVIEWS_CRUMB, reviewCrumb(review), { text: 'Executive response' }],
    title,
    papers: reviewPaperLinks(review.slug, result.recommendations.length > 0).slice(0, 1),
    review: { text: review.title, href: paths.review(review.slug) },
    meeting: result.responseMeeting ? meetingLink(result.responseMeeting) : null,
    agreedOn: result.responseMeeting?.meeting_date ?? null,
    table: {
      caption: `The executive’s response to each of the ${result.recommendations.length} recommendations`,
      recommendations: result.recommendations.map((rec) => presentRecommendation(review.slug, rec)),
    },
  } satisfies PageModel & Record<string, unknown>;
}

export function presentRecommendationPage(result: Awaited<ReturnType<ReviewService['recommendation']>>) {
  const { review } = result;
  const rec = presentRecommendation(review.slug, { ...result.recommendation, points: result.recommendation.points });
  const title = `Recommendation ${rec.number}`;
  return {
    pageTitle: `${title}: ${review.short_title ?? review.title}`,
    breadcrumbs: [HOME_CRUMB, REVIEWS_CRUMB, reviewCrumb(review), { text: title }],
    title,
    review: { text: review.title, href: paths.review(review.slug) },
    responseHref: paths.reviewResponse(review.slug),
    followHref: paths.follow('recommendation', result.recommendation.id),
    recommendation: rec,
    reportMeeting: result.reportMeeting ? meetingLink(result.reportMeeting) : null,
    responseMeeting: result.responseMeeting ? meetingLink(result.responseMeeting) : null,
    progress: result.progress.map((p) => ({
      date: p.update_date,
      status: ProgressStatus.label(p.status),
      rag: p.rag === null ? null : Rag.label(p.rag),
      narrative: p.narrative,
      previousTarget: p.previous_target_date,
      newTarget: p.new_target_date,
      slipReason: p.slip_reason,
      author: p.author_name,
    })),
    // GOV.UK pagination's previous/next block, for reading the recommendations one after another.
    pagination:
      result.previous === null && result.next === null
        ? null
        : {
            previous:
              result.previous === null
                ? undefined
                : {
                    text: 'Previous recommendation',
                    href: paths.recommendation(review.slug, result.previous),
                    labelText: `Recommendation ${result.previous}`,
                  },
            next:
              result.next === null
                ? undefined
                : {
                    text: 'Next recommendation',
                    href: paths.recommendation(review.slug, result.next),
                    labelText: `Recommendation ${result.next}`,
                  },
          },
  } satisfies PageModel & Record<string, unknown>;
}
