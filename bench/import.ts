// Times the modern.gov import on a large input shaped like real web-service responses: agenda items a second on SQLite and PostgreSQL, first import and re-import.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDb } from '../src/db/create-db.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createServices } from '../src/services/index.ts';
import { present } from '../src/domain/present.ts';
import { findPostgresBin, startPostgres } from '../test/support/postgres-server.ts';

/** How large an input to make: committees, meetings (GetMeeting responses), items on each, councillors. */
export interface ImportBenchShape {
  committees: number;
  meetings: number;
  itemsPerMeeting: number;
  councillors: number;
}

export const DEFAULT_SHAPE: ImportBenchShape = { committees: 20, meetings: 1000, itemsPerMeeting: 12, councillors: 60 };

export interface ImportBenchResult {
  files: number;
  meetings: number;
  agendaItems: number;
  documents: number;
  /** The first import into an empty database. */
  firstSeconds: number;
  /** This process's CPU time (user and system) during the first import: on SQLite all the work, on PostgreSQL less the server's. */
  firstCpuSeconds: number;
  /** The same files again: every record unchanged. */
  againSeconds: number;
  againCpuSeconds: number;
}

const enc = new TextEncoder();
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const ukDate = (d: Date) => `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;

const WORDS = ['housing', 'budget', 'monitoring', 'planning', 'enforcement', 'scrutiny', 'libraries', 'waste', 'transport', 'schools', 'social care', 'audit'];

/**
 * GetCommittees, GetMeetings, one GetMeeting per meeting and GetCouncillorsByWard, with the
 * elements and escaping of the responses in test/fixtures/moderngov/ (HTML inside agendatext and
 * minutes, linked documents, attendees); every tenth item is restricted.
 */
export function generateResponses(shape: ImportBenchShape = DEFAULT_SHAPE): { name: string; bytes: Uint8Array }[] {
  const committeeTitle = (c: number) => `${present(WORDS[c % WORDS.length], 'a word').replace(/^./, (x) => x.toUpperCase())} Committee ${c + 1}`;
  const committees = Array.from({ length: shape.committees }, (_, c) => c);
  const meetingDate = (m: number) => new Date(Date.UTC(2010, 0, 5) + m * 86_400_000 * 2);
  const committeeOf = (m: number) => m % shape.committees;
  const files: { name: string; bytes: Uint8Array }[] = [];

  files.push({
    name: 'committees.xml',
    bytes: enc.encode(
      `<?xml version="1.0" encoding="utf-8"?>\n<committees>\n  <committeescount> ${shape.committees}</committeescount>\n${committees
        .map(
          (c) =>
            `  <committee>\n    <committeeid>${1000 + c}</committeeid>\n    <committeetitle>${committeeTitle(c)}</committeetitle>\n    <committeedeleted>False</committeedeleted>\n    <committeeexpired>False</committeeexpired>\n    <committeecategory>Governance and Decision Making Committees</committeecategory>\n  </committee>\n`,
        )
        .join('')}</committees>\n`,
    ),
  });

  const summaries = committees.map((c) => {
    const ids = Array.from({ length: shape.meetings }, (_, m) => m).filter((m) => committeeOf(m) === c);
    return `  <committee>\n    <committeeid>${1000 + c}</committeeid>\n    <committeetitle>${committeeTitle(c)}</committeetitle>\n    <committeemeetingcount> ${ids.length}</committeemeetingcount>\n    <committeemeetings>\n${ids
      .map(
        (m) =>
          `      <meeting>\n        <meetingid>${50_000 + m}</meetingid>\n        <meetingdate>${ukDate(meetingDate(m))}</meetingdate>\n        <meetingstatus>Confirmed</meetingstatus>\n        <meetingtime>10.00 am</meetingtime>\n        <iswebcast>False</iswebcast>\n      </meeting>\n`,
      )
      .join('')}    </committeemeetings>\n  </committee>\n`;
  });
  files.push({
    name: 'meetings.xml',
    bytes: enc.encode(
      `<?xml version="1.0" encoding="utf-8"?>\n<getmeetings>\n  <meetingscount> ${shape.meetings}</meetingscount>\n  <committeescount> ${shape.committees}</committeescount>\n${summaries.join('')}</getmeetings>\n`,
    ),
  });

  for (let m = 0; m < shape.meetings; m += 1) {
    const date = ukDate(meetingDate(m));
    const title = committeeTitle(committeeOf(m));
    const items = Array.from({ length: shape.itemsPerMeeting }, (_, i) => {
      const id = 1_000_000 + m * shape.itemsPerMeeting + i;
      const topic = `${WORDS[(m + i) % WORDS.length]} ${WORDS[(m * 7 + i) % WORDS.length]}`;
      const restricted = (m * shape.itemsPerMeeting + i) % 10 === 9 ? 'True' : 'False';
      const html = (text: string) => escape(`<div class="WordSection1">\n<p class="MsoNormal"><span style="">${text}</span></p>\n</div>\n`);
      return `    <agendaitem>
      <agendaitemid>${id}</agendaitemid>
      <agendaitemtitle>${i === 0 ? 'Minutes' : `Report on ${topic} (${m + 1}.${i + 1})`}</agendaitemtitle>
      <agendatext>${html(`The report of the Strategic Director on ${topic}, attached. Members are asked to note the position and comment on the proposals for ${topic} set out in section ${i + 1}.`)}</agendatext>
      <actualmeetingdate>${date}</actualmeetingdate>
      <agendaitemnumber>${i + 1}</agendaitemnumber>
      <agendaitemsubnumber>
      </agendaitemsubnumber>
      <fulldisplaynumberformat>${i + 1}.</fulldisplaynumberformat>
      <minutesnonemptyhtmlbody>${html(`The Committee considered a report on ${topic}. Resolved: to note the report and ask for an update at a future meeting.`)}</minutesnonemptyhtmlbody>
      <isminutepublished>True</isminutepublished>
      <isrestricted>${restricted}</isrestricted>
      <meetingdate>${date}</meetingdate>
      <minutesitemnumber>${m * shape.itemsPerMeeting + i + 1}</minutesitemnumber>
      <minutesitemsubnumber>
      </minutesitemsubnumber>
      <refertocommittee>${title}</refertocommittee>
      <linkeddocuments>
        <linkeddoc>
          <attachmentid>${2_000_000 + m * shape.itemsPerMeeting + i}</attachmentid>
          <title>Report ${m + 1}.${i + 1} on ${topic}</title>
          <isurl>False</isurl>
          <url>https://democracy.example.gov.uk/mgConvert2PDF.aspx?ID=${2_000_000 + m * shape.itemsPerMeeting + i}</url>
          <isrestricted>${restricted}</isrestricted>
          <publicationdate>${date}</publicationdate>
          <meetingdate>${date}</meetingdate>
          <committeetitle>${title}</committeetitle>
        </linkeddoc>
      </linkeddocuments>
    </agendaitem>
`;
    });
    const attendees = Array.from({ length: Math.min(8, shape.councillors) }, (_, a) => {
      const c = (m + a * 7) % shape.councillors;
      return `    <attendee membertype="U" memberid="${300 + c}" name="Councillor Member ${c + 1}" roledescription="${a === 0 ? 'Chair' : 'Committee Member'}" attendance="${a === 3 ? 'Apologies' : 'Present'}" politicalparty="LAB" ward="Ward ${c % 20}">\n    </attendee>\n`;
    });
    files.push({
      name: `meeting_${50_000 + m}.xml`,
      bytes: enc.encode(
        `<?xml version="1.0" encoding="utf-8"?>\n<meeting>\n  <meetingid>${50_000 + m}</meetingid>\n  <meetingdate>${date}</meetingdate>\n  <meetingstatus>Confirmed</meetingstatus>\n  <meetingtime>10.00 am</meetingtime>\n  <meetinglocation>Council Antechamber, Level 2, Town Hall Extension</meetinglocation>\n  <agendapublished>True</agendapublished>\n  <agendaitems>\n${items.join('')}  </agendaitems>\n  <attendees>\n${attendees.join('')}  </attendees>\n</meeting>\n`,
      ),
    });
  }

  const wards = Array.from({ length: 20 }, (_, w) => w);
  files.push({
    name: 'councillors_by_ward.xml',
    bytes: enc.encode(
      `<?xml version="1.0" encoding="utf-8"?>\n<councillorsbyward>\n  <wards>\n${wards
        .map((w) => {
          const members = Array.from({ length: shape.councillors }, (_, c) => c).filter((c) => c % 20 === w);
          return `    <ward>\n      <wardtitle>Ward ${w}</wardtitle>\n      <councillors>\n${members
            .map(
              (c) =>
                `        <councillor>\n          <councillorid>${300 + c}</councillorid>\n          <fullusername>Councillor Member ${c + 1}</fullusername>\n          <politicalpartytitle>Labour</politicalpartytitle>\n          <keyposts>${c % 10 === 0 ? 'Executive Member' : ''}</keyposts>\n          <workaddress>\n            <email>member${c + 1}@example.gov.uk</email>\n          </workaddress>\n          <termsofoffice>\n            <termofoffice>\n              <startdate>05/05/2022</startdate>\n              <enddate>unspecified</enddate>\n            </termofoffice>\n          </termsofoffice>\n        </councillor>\n`,
            )
            .join('')}      </councillors>\n    </ward>\n`;
        })
        .join('')}  </wards>\n</councillorsbyward>\n`,
    ),
  });
  return files;
}

/** Imports the generated responses into the (empty) database at the URL, twice, through the import service as `scrutineer import moderngov` does. */
export async function measureImport(databaseUrl: string, shape: ImportBenchShape = DEFAULT_SHAPE): Promise<ImportBenchResult> {
  const files = generateResponses(shape);
  const database = await createDb(databaseUrl);
  try {
    await migrateToLatest(database.db);
    const services = createServices({ database });
    const time = async () => {
      const started = performance.now();
      const cpu = process.cpuUsage();
      let shown = 0;
      await services.imports.moderngovFiles(files, {
        source: 'bench',
        councilName: 'Bench Council',
        // The progress the command line shows is computed as it would be; printed at most every few seconds.
        onProgress: (p) => {
          const now = performance.now();
          if (now - shown > 5000) {
            shown = now;
            process.stderr.write(`  ${p.done}/${p.total} steps: ${p.current}\n`);
          }
        },
      });
      const used = process.cpuUsage(cpu);
      return { seconds: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6 };
    };
    const first = await time();
    const again = await time();
    const agendaItems = shape.meetings * shape.itemsPerMeeting;
    return {
      files: files.length,
      meetings: shape.meetings,
      agendaItems,
      documents: agendaItems,
      firstSeconds: first.seconds,
      firstCpuSeconds: first.cpu,
      againSeconds: again.seconds,
      againCpuSeconds: again.cpu,
    };
  } finally {
    await database.close();
  }
}

/** One line for BENCHMARKS.md. */
export function importLine(r: ImportBenchResult): string {
  const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en-GB');
  return (
    `${r.files.toLocaleString('en-GB')} responses (${r.meetings.toLocaleString('en-GB')} meetings, ${r.agendaItems.toLocaleString('en-GB')} agenda items with their minutes and papers, attendees and councillors): ` +
    `first import ${r.firstSeconds.toFixed(1)} s, ${rate(r.agendaItems, r.firstSeconds)} agenda items/s (${r.firstCpuSeconds.toFixed(1)} s of CPU in the importing process, ${rate(r.agendaItems, r.firstCpuSeconds)} a CPU second); ` +
    `again, all unchanged, ${r.againSeconds.toFixed(1)} s, ${rate(r.agendaItems, r.againSeconds)} agenda items/s (${r.againCpuSeconds.toFixed(1)} s of CPU, ${rate(r.agendaItems, r.againCpuSeconds)} a CPU second)`
  );
}

/** `npx tsx bench/import.ts [--engine sqlite|postgres|both] [--meetings N] [--items N]`: this step alone. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const engine = option('engine') ?? 'both';
  const shape = {
    ...DEFAULT_SHAPE,
    meetings: Number(option('meetings') ?? DEFAULT_SHAPE.meetings),
    itemsPerMeeting: Number(option('items') ?? DEFAULT_SHAPE.itemsPerMeeting),
  };
  if (engine === 'sqlite' || engine === 'both') {
    const dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-import-bench-'));
    try {
      console.log(`SQLite: ${importLine(await measureImport(path.join(dir, 'import.db'), shape))}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (engine === 'postgres' || engine === 'both') {
    const bin = findPostgresBin();
    if (!bin) console.log('PostgreSQL is not installed: skipping it (apt-get install postgresql).');
    else {
      const server = await startPostgres(bin);
      try {
        console.log(`PostgreSQL: ${importLine(await measureImport(server.url, shape))}`);
      } finally {
        server.stop();
      }
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
