// Times the build of a 300-page agenda pack (front sheet, agenda with page references, 30 uploaded PDFs, page numbers, outline): a step of `npm run bench`, or alone with `npx tsx bench/pack-build.ts`.
import { pathToFileURL } from 'node:url';
import PDFDocument from 'pdfkit';
import { buildMeetingPack, type PackInput } from '../src/export/meeting-pack.ts';

export interface PackBuildResult {
  pages: number;
  bytes: number;
  papers: number;
  /** Median of the timed builds, in milliseconds. */
  medianMs: number;
  runs: number;
}

/** A report of `pages` pages of text, as an officer's uploaded PDF. */
function report(title: string, pages: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', info: { Title: title } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    for (let p = 0; p < pages; p += 1) {
      if (p > 0) doc.addPage();
      doc.fontSize(14).text(`${title}, page ${p + 1}`);
      doc.fontSize(10).text('The committee is asked to note the report and to agree the recommendations set out in section 3. '.repeat(30));
    }
    doc.end();
  });
}

export async function measurePackBuild(runs = 3): Promise<PackBuildResult> {
  const papers = 30;
  // 30 papers of 10 pages, less the front sheet's pages: about 300 pages in all.
  const files = await Promise.all(Array.from({ length: papers }, (_, i) => report(`Report ${i + 1}`, 10)));
  const input: PackInput = {
    title: 'Agenda pack: Benchmark Committee, Monday 1 March 2027',
    council: 'Benchmark Council',
    marking: null,
    facts: [
      ['Meeting of', 'Benchmark Committee'],
      ['Date', 'Monday 1 March 2027'],
    ],
    members: Array.from({ length: 12 }, (_, i) => `Councillor ${i + 1}`),
    meetingUrl: 'https://democracy.example.gov.uk/meetings/benchmark',
    introduction: [],
    agendaHeading: 'Agenda',
    closing: [],
    items: files.map((bytes, i) => ({
      number: String(i + 1),
      title: `Item of business ${i + 1}`,
      notes: [],
      papers: [{ title: `Report ${i + 1}`, href: null, source: { kind: 'pdf' as const, bytes } }],
    })),
  };
  const times: number[] = [];
  let pages = 0;
  let bytes = 0;
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    const built = await buildMeetingPack(input);
    times.push(performance.now() - started);
    pages = built.pageCount;
    bytes = built.bytes.length;
  }
  times.sort((a, b) => a - b);
  return { pages, bytes, papers, medianMs: times[Math.floor(times.length / 2)] ?? 0, runs };
}

/** The report's section. */
export function packBuildLines(result: PackBuildResult): string[] {
  return [
    '## Agenda pack build',
    '',
    `One agenda pack of ${result.pages} pages (${result.papers} uploaded PDFs of 10 pages, the front sheet and agenda with page references, page numbers stamped on every page, an outline per item and paper), built in-process by \`buildMeetingPack\` (src/export/meeting-pack.ts): median of ${result.runs} builds ${result.medianMs.toFixed(0)} ms, ${(result.bytes / 1024 / 1024).toFixed(1)} MB. Packs are built off the request path by the server's queue worker or \`scrutineer papers build\`, so this is how long a new pack takes to appear, not a page's latency.`,
    '',
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await measurePackBuild();
  process.stdout.write(`${packBuildLines(result).join('\n')}\n`);
}
