// Turns a document and what it belongs to into what its public page prints; a response document carries the response table.
import { DocumentKind } from '../../domain/vocabulary.ts';
import type { DocumentService } from '../../services/document-service.ts';
import { EXTRACTION_LIMITS } from '../../services/document-text-extraction.ts';
import { paths } from '../paths.ts';
import { documentFileLink } from './paper-links-presenter.ts';
import { HOME_CRUMB, meetingLink, paragraphs, presentRecommendation, type PageModel } from './presenter-support.ts';

export function presentDocument(result: Awaited<ReturnType<DocumentService['bySlug']>>) {
  const { document, meeting, review, agendaItem } = result;
  const meetingModel = meeting ? meetingLink(meeting) : null;
  // A document is found from where it belongs: its meeting, else its review.
  const parentCrumbs = meetingModel
    ? [{ text: 'Meetings', href: paths.meetings() }, meetingModel]
    : review
      ? [
          { text: 'Reviews', href: paths.reviews() },
          { text: review.short_title ?? review.title, href: paths.review(review.slug) },
        ]
      : [];
  const isResponse = document.kind === 'response' && review !== null && result.recommendations.length > 0;
  return {
    pageTitle: document.title,
    breadcrumbs: [HOME_CRUMB, ...parentCrumbs, { text: document.title }],
    title: document.title,
    kind: DocumentKind.label(document.kind),
    meeting: meetingModel,
    item: agendaItem && meeting ? { text: agendaItem.title, href: paths.meeting(meeting.slug) } : null,
    review: review ? { text: review.title, href: paths.review(review.slug) } : null,
    publishedOn: document.published_on,
    pageCount: document.page_count,
    file: documentFileLink(document),
    // Only web addresses are linked: a stored 'javascript:' or 'file:' URL must never become a link.
    url: document.url !== null && /^https?:\/\//i.test(document.url) ? document.url : null,
    // At most the extract an upload keeps (EXTRACTION_LIMITS.maxCharacters), also for text stored
    // before that limit: a page never carries a whole book.
    text: paragraphs(document.text_content === null ? null : document.text_content.slice(0, EXTRACTION_LIMITS.maxCharacters)),
    textIsExtract: (document.text_content?.length ?? 0) >= EXTRACTION_LIMITS.maxCharacters,
    response: isResponse
      ? {
          href: paths.reviewResponse(review.slug),
          table: {
            caption: `The executive’s response to each of the ${result.recommendations.length} recommendations`,
            recommendations: result.recommendations.map((rec) => presentRecommendation(review.slug, rec)),
          },
        }
      : null,
  } satisfies PageModel & Record<string, unknown>;
}
