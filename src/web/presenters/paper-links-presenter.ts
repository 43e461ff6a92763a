// Links to the papers generated from a record (print view, Word, PDF) and to a document's stored file, for the page of the record they come from.
import type { MeetingService } from '../../services/meeting-service.ts';
import { paths } from '../paths.ts';
import type { PaperFormat } from '../../domain/paper.ts';

export interface PaperLinks {
  /** "Executive response", "Agenda", … : what the paper is. */
  readonly name: string;
  readonly links: readonly { readonly text: string; readonly href: string }[];
}

function formats(name: string, href: (format: PaperFormat) => string): PaperLinks {
  return {
    name,
    links: [
      { text: 'PDF', href: href('pdf') },
      { text: 'Word', href: href('docx') },
      { text: 'Print view', href: href('print') },
    ],
  };
}

export function reviewPaperLinks(slug: string, hasRecommendations: boolean): PaperLinks[] {
  return [
    ...(hasRecommendations ? [formats('Executive response (response table)', (f) => paths.papers.response(slug, f))] : []),
    formats('Review annex: terms of reference, members, criteria, meetings and evidence', (f) => paths.papers.annex(slug, f)),
  ];
}

export function meetingPaperLinks(result: Awaited<ReturnType<MeetingService['bySlug']>>): PaperLinks[] {
  const slug = result.meeting.slug;
  const links = [formats('Agenda front sheet', (f) => paths.papers.agenda(slug, f))];
  if (result.agenda.some((item) => item.minutes.length > 0) || result.otherMinutes.length > 0)
    links.push(formats('Minutes', (f) => paths.papers.minutes(slug, f)));
  for (const minute of [...result.agenda.flatMap((item) => item.minutes), ...result.otherMinutes]) {
    for (const res of minute.resolutions) {
      if (res.is_executive_decision === 1) {
        links.push(formats(`Record of executive decision: ${minute.title}`, (f) => paths.papers.decision(slug, res.id, f)));
      }
    }
  }
  return links;
}

export function committeePaperLinks(slug: string, kind: string): PaperLinks[] {
  return [
    // Key decisions are the executive's (SI 2012/2089 reg 9).
    ...(kind === 'executive' ? [formats('Notice of key decisions (forward plan), next four months', (f) => paths.papers.forwardPlan(slug, f))] : []),
    formats('Tracker report of open recommendations', (f) => paths.papers.trackerReport(slug, f)),
    formats('Annual scrutiny report, last municipal year', (f) => paths.papers.annualReport(slug, f)),
  ];
}

/** "540 KB", "2.3 MB": the size of a file as GOV.UK attachments show it. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const FILE_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
};

/** The stored file of a document (migration 0005), when it has one: where to get it, its type and size. */
export function documentFileLink(document: { slug: string; storage_key: string | null; media_type: string | null; byte_size: number | null }) {
  if (!document.storage_key?.startsWith('document_files:') || document.media_type === null || document.byte_size === null) return null;
  return { href: paths.documentFile(document.slug), type: FILE_TYPES[document.media_type] ?? document.media_type, size: formatFileSize(document.byte_size) };
}
