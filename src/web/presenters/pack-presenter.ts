// A meeting's packs as links for its page: the agenda pack and each supplement, with size and page count beside each.
import { paths } from '../paths.ts';

interface PackFacts {
  kind: string;
  title: string;
  number: number;
  byte_size: number;
  page_count: number;
}

/** A file size as people read it: "840 KB", "12.3 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function presentPacks(meetingSlug: string, packs: readonly PackFacts[]) {
  return packs.map((p) => ({
    // The pack's title up to the body and date: "Agenda pack", "Supplementary agenda pack 1", "Minutes pack", "Signed minutes".
    text: p.title.split(':')[0] ?? p.title,
    href:
      p.kind === 'agenda'
        ? paths.packs.agenda(meetingSlug)
        : p.kind === 'minutes'
          ? paths.packs.minutes(meetingSlug)
          : paths.packs.supplement(meetingSlug, p.number),
    meta: `PDF, ${fileSize(p.byte_size)}, ${p.page_count} ${p.page_count === 1 ? 'page' : 'pages'}`,
  }));
}

interface WorkspacePacks {
  packs: readonly { kind: string; number: number; title: string; pageCount: number; byteSize: number }[];
  problems: readonly { title: string; reason: string; pack: string }[];
}

/** The meeting's packs for its workspace page: each with its link, and every paper a pack had to leave out, named. */
export function presentWorkspacePacks(meeting: { id: number; slug: string }, summary: WorkspacePacks) {
  return {
    links: summary.packs.map((p) => ({
      text: p.title,
      href:
        p.kind === 'agenda'
          ? paths.packs.agenda(meeting.slug)
          : p.kind === 'supplement'
            ? paths.packs.supplement(meeting.slug, p.number)
            : p.kind === 'minutes'
              ? paths.packs.minutes(meeting.slug)
              : paths.packs.exempt(meeting.id),
      meta: `PDF, ${fileSize(p.byteSize)}, ${p.pageCount} ${p.pageCount === 1 ? 'page' : 'pages'}`,
    })),
    problems: summary.problems.map((p) => ({
      text: `${p.title}: ${p.reason}. It is left out of the ${p.pack.split(':')[0]?.toLowerCase() ?? 'pack'}, with a page saying where to find it; upload it again as an unprotected PDF or a Word file.`,
    })),
  };
}
