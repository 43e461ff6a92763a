// Every fact of the three seed documents, read from the documents themselves, is on a public page of the demo.
//
// The seeds are text extracted from PDFs, so they are normalised before comparing: white space
// and line breaks, curly quotes, ordinal dates ("18th October, 2017" reads "18 October 2017"),
// words broken at line ends ("tele-\nconference"), bullets, and the minutes' ":-". Three facts are
// stored as what they mean rather than as typed, and the test holds the pages to that: the seed's
// "Wednesday 9th February 2017" was a Thursday, "selfimproving" is "self-improving", and
// "N.F.A required" is the outcome "No further action required".
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLongDateWithWeekday, makeIsoDate, MONTH_NAMES, weekdayName } from '../../src/domain/iso-date.ts';
import { paths } from '../../src/web/paths.ts';
import { buildDemoApp, type DemoApp } from '../support/demo-app.ts';
import { decodeEntities, mainText, straightenQuotes, tableRows } from '../support/page-text.ts';

const SEEDS = path.join(import.meta.dirname, '..', 'fixtures', 'seeds');
const RESPONSE_SEED = readFileSync(path.join(SEEDS, '000_a0c3f34ac43ed382.txt'), 'utf8');
const MINUTES_SEED = readFileSync(path.join(SEEDS, '001_7796cf78fc0a045b.txt'), 'utf8');
const ANNEX_SEED = readFileSync(path.join(SEEDS, '003_170624c64f87a03e.txt'), 'utf8');

const REVIEW = 'alternative-management-arrangements-for-childrens-services';
const MONTHS = MONTH_NAMES.join('|');

/** Typography that carries no fact, as the seeds' text extraction left it. */
function normalise(text: string): string {
  return straightenQuotes(text)
    .replace(/-[ \t]*\r?\n\s*/g, '-') // "tele-\nconference": a hyphenated word broken at the line end
    .replace(/[\u2022\uf0b7]/g, ' ') // bullets
    .replace(/:-/g, ':') // "Resolved:-", "Mover:-"
    .replace(new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)\\b,?\\s+(${MONTHS})\\b,?`, 'g'), '$1 $2') // "18th October, 2017"
    .replace(/\s+/g, ' ')
    .trim();
}

/** The page's words, normalised the same way (pages have no ordinals or bullets, but the same quotes). */
function pageWords(html: string): string {
  return normalise(mainText(html));
}

let demo: DemoApp;
const pages: Record<string, string> = {};

async function page(url: string): Promise<string> {
  if (!(url in pages)) {
    const response = await demo.app.inject(url);
    expect(response.statusCode, url).toBe(200);
    pages[url] = response.body;
  }
  return pages[url]!;
}

let meetingUrls: { cabinet: string; councilFeb: string; councilOct: string; ilsc: string };

beforeAll(async () => {
  demo = await buildDemoApp();
  // Reached as a user would: from the review page's links.
  const review = await page(paths.review(REVIEW));
  const links = [...review.matchAll(/href="(\/meetings\/[^"]+)"/g)].map((m) => decodeEntities(m[1]!));
  const cabinet = links.find((l) => l.includes('2018-02-19'))!;
  const councilOct = links.find((l) => l.includes('2017-10-18'))!;
  const cabinetHtml = await page(cabinet);
  const fromCabinet = [...cabinetHtml.matchAll(/href="(\/meetings\/[^"]+)"/g)].map((m) => decodeEntities(m[1]!));
  meetingUrls = {
    cabinet,
    councilOct,
    councilFeb: fromCabinet.find((l) => l.includes('2018-02-28'))!,
    ilsc: fromCabinet.find((l) => l.includes('2018-03-13'))!,
  };
});
afterAll(async () => demo?.close());

describe('seed 000: the response table', () => {
  /** The seed's five rows: "N. recommendation … response … officer … action by", split at the row numbers. */
  function seedRows(): string[] {
    const body = RESPONSE_SEED.slice(RESPONSE_SEED.indexOf('in Rotherham') + 'in Rotherham'.length);
    return normalise(body)
      .split(/(?:^| )(?=[1-5]\. [A-Z])/)
      .map((row) => row.trim())
      .filter((row) => row !== '');
  }

  it('has five rows in the seed and on the response page', async () => {
    expect(seedRows()).toHaveLength(5);
    expect(tableRows(await page(paths.reviewResponse(REVIEW)), 'response to each')).toHaveLength(6);
  });

  it('shows each recommendation, its sub-points, its response and its officer in its own row', async () => {
    const rows = tableRows(await page(paths.reviewResponse(REVIEW)), 'response to each')
      .slice(1)
      .map((r) => r.map(normalise));
    const seed = seedRows();
    for (const [index, row] of rows.entries()) {
      const [number, recommendation, , response, officer, actionBy, outcome] = row;
      const seedRow = seed[index]!.replace(/selfimproving/g, 'self-improving');
      expect(number).toBe(`Recommendation ${index + 1}`); // the number, named for screen readers
      // The recommendation (with any sub-points) and the response are each, word for word, in the seed's row.
      expect(seedRow).toContain(`${index + 1}. ${recommendation}`);
      expect(seedRow).toContain(response);
      if (seedRow.includes('Ian Thomas')) expect(officer).toBe('Ian Thomas');
      else expect(officer).toBe('Not stated');
      if (seedRow.includes('N.F.A required')) expect(outcome).toBe('No further action required');
      if (seedRow.includes('Action by (Date) Annual Participation')) expect(actionBy).toBe('Annual Participation');
    }
    expect(rows.map((r) => r[4])).toEqual(['Ian Thomas', 'Not stated', 'Ian Thomas', 'Ian Thomas', 'Ian Thomas']);
    expect(rows[1]![6]).toBe('No further action required');
    expect(rows[2]![5]).toBe('Annual Participation');
  });

  it('rejoins the word broken by text extraction', async () => {
    expect(RESPONSE_SEED).toContain('selfimproving');
    const text = pageWords(await page(paths.reviewResponse(REVIEW)));
    expect(text).toContain('a self-improving culture will be required to get from Good to Outstanding');
    expect(text).not.toContain('selfimproving');
  });

  it('shows each recommendation on its own page with its response', async () => {
    const seed = seedRows();
    for (let n = 1; n <= 5; n += 1) {
      const text = pageWords(await page(paths.recommendation(REVIEW, n)));
      const recommendation = text.slice(text.indexOf('Recommendation') + `Recommendation ${n} `.length);
      const firstWords = recommendation.split(' ').slice(0, 8).join(' ');
      expect(seed[n - 1]).toContain(firstWords);
    }
  });
});

describe('seed 001: Council and Cabinet minutes', () => {
  /** The seed's minutes: Council 28 February 2018 first, then Cabinet 19 February 2018. */
  const council = normalise(MINUTES_SEED.slice(0, MINUTES_SEED.indexOf('Report of the Strategic Director')));
  const cabinet = normalise(MINUTES_SEED.slice(MINUTES_SEED.indexOf('Report of the Strategic Director')));

  /** Numbered limbs "(1) That …" up to the next limb or the end of the resolution. */
  function limbs(text: string): string[] {
    const resolved = text.slice(text.indexOf('Resolved:') + 'Resolved:'.length);
    return [...resolved.matchAll(/\((\d)\) (That .*?\.)(?= \(\d\)| Mover| Annex|$)/g)].map((m) => `(${m[1]}) ${m[2]}`);
  }

  it('shows the Cabinet report: author, people named and its recommendations', async () => {
    const text = pageWords(await page(meetingUrls.cabinet));
    for (const line of [
      "Report of the Strategic Director of Children and Young People's Services",
      'Cabinet Member: Councillor Watson',
      'Commissioner: Bradwell (in advisory role)',
    ]) {
      expect(cabinet).toContain(line);
      expect(text).toContain(line);
    }
    const reportRecommendations = [...cabinet.matchAll(/([12]\. That .*?\.)(?= [12]\. | Additional)/g)].map((m) => m[1]!);
    expect(reportRecommendations).toHaveLength(2);
    for (const rec of reportRecommendations) expect(text).toContain(rec);
  });

  it('shows Minute 109, further to Minute 83 of Council on 18 October 2017, with its body and three limbs', async () => {
    const text = pageWords(await page(meetingUrls.cabinet));
    expect(cabinet).toContain('Further to Minute No. 83 of Council held on 18 October 2017');
    expect(text).toContain('Minute 109');
    expect(text).toContain('Further to Minute No. 83 of the meeting of Council held on 18 October 2017');
    const body = cabinet.slice(cabinet.indexOf('consideration was given'), cabinet.indexOf('Resolved:'));
    for (const sentence of body.split(/(?<=\.) (?=[A-Z])/)) {
      expect(text.toLowerCase()).toContain(sentence.toLowerCase());
    }
    const cabinetLimbs = limbs(cabinet);
    expect(cabinetLimbs).toHaveLength(3);
    for (const limb of cabinetLimbs) expect(text).toContain(limb);
    expect(text).toContain('Referred to the Council meeting on 28 February 2018');
    expect(text).toContain('Referred to the Improving Lives Select Commission meeting on 13 March 2018');
    expect(text).toContain("Sent to the Lead Commissioner and the Commissioner responsible for Children's Social Care");
  });

  it('shows Minute 83 at the Council meeting of 18 October 2017', async () => {
    const text = pageWords(await page(meetingUrls.councilOct));
    expect(text).toContain('Wednesday 18 October 2017');
    expect(text).toContain('Minute 83');
  });

  it('shows the Council decision of 28 February 2018: further to Minute 109, its limbs, mover, seconder and the referral to 13 March 2018', async () => {
    const text = pageWords(await page(meetingUrls.councilFeb));
    expect(text).toContain('Wednesday 28 February 2018');
    expect(council).toContain('Further to Minute 109 of the meeting of the Cabinet and Commissioners held on 19 February 2018');
    expect(text).toContain("Further to Minute No. 109 of the meeting of Cabinet and Commissioners' Decision Making Meeting held on 19 February 2018");
    expect(text).toContain(council.slice(0, council.indexOf(' Additional documents')));
    const body = council.slice(council.indexOf('The Improving Lives Commission established'), council.indexOf('Resolved:'));
    for (const sentence of body.split(/(?<=\.) (?=[A-Z])/)) expect(text).toContain(sentence);
    const councilLimbs = limbs(council);
    expect(councilLimbs).toHaveLength(2);
    for (const limb of councilLimbs) expect(text).toContain(limb);
    const moved = council.match(/Mover: (Councillor \w+) Seconder: (Councillor \w+)/)!;
    expect(text).toContain(`Mover: ${moved[1]}`);
    expect(text).toContain(`Seconder: ${moved[2]}`);
    expect(text).toContain('Referred to the Improving Lives Select Commission meeting on 13 March 2018');
    expect(await page(meetingUrls.councilFeb)).toContain(`href="${meetingUrls.ilsc}"`);
    const ilsc = pageWords(await page(meetingUrls.ilsc));
    expect(ilsc).toContain('Tuesday 13 March 2018');
    expect(ilsc).toContain('Referred by Council (28 February 2018)');
  });
});

describe('seed 003: Annex 2 of the review report', () => {
  const annex = normalise(ANNEX_SEED);
  const section = (from: string, to: string) => annex.slice(annex.indexOf(from), to === '' ? undefined : annex.indexOf(to));

  it('shows the terms of reference: paragraph 1.1 with both bullets, and paragraph 1.2', async () => {
    const text = pageWords(await page(paths.review(REVIEW)));
    const terms = section('1.1 The following', '1.3 ');
    const [intro, ...rest] = terms.split(/ (?=To identify|On the basis)/);
    expect(rest).toHaveLength(2);
    expect(text).toContain(intro!.trim());
    for (const bullet of rest) {
      const [point, paragraph12] = bullet.split(/ (?=1\.2 )/);
      expect(text).toContain(point!.trim());
      if (paragraph12) expect(text).toContain(paragraph12.trim());
    }
  });

  it('shows the five members of the cross-party group, with the chair', async () => {
    const text = pageWords(await page(paths.review(REVIEW)));
    const members = [...section('1.3 ', '2 Seven tests').matchAll(/Cllr ([A-Z][a-z]+ [A-Z][a-z]+)( \(Chair\))?/g)];
    expect(members).toHaveLength(5);
    for (const [, name, chair] of members) expect(text).toContain(`Councillor ${name}${chair ?? ''}`);
    expect(members.filter((m) => m[2]).map((m) => m[1])).toEqual(['Maggi Clark']);
  });

  it('shows each of the seven tests under their heading', async () => {
    const text = pageWords(await page(paths.review(REVIEW)));
    expect(text).toContain("Seven tests for Children and Young People's services (as set out by Commissioner Newsam)");
    const tests = section('2.1 ', '3 The schedule').split(/ (?=2\.\d )/);
    expect(tests).toHaveLength(7);
    for (const test of tests) expect(text).toContain(test.trim().replace(/\.$/, ''));
  });

  it('shows every review meeting with its date (years carried forward) and its business', async () => {
    const html = await page(paths.review(REVIEW));
    const pageSchedule = [...html.matchAll(/<dt class="govuk-heading-s[^"]*">([\s\S]*?)<\/dt>\s*<dd class="app-schedule__business">([\s\S]*?)<\/dd>/g)].map(
      (m) => ({
        when: normalise(decodeEntities(m[1]!.replace(/<[^>]+>/g, ' '))),
        business: [...m[2]!.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((li) => normalise(decodeEntities(li[1]!))),
      }),
    );
    // The seed's schedule: a date line, then its business, one bullet each (text before the bullets is a heading).
    const raw = ANNEX_SEED.slice(ANNEX_SEED.indexOf('3.1 The schedule'), ANNEX_SEED.indexOf('4 Schedule of visits'));
    const dateLine = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th) (${MONTHS})(?: (\\d{4}))?(?: [–-] (\\d{1,2})(?:st|nd|rd|th) (${MONTHS}) (\\d{4}))?\\s*$`);
    const seedSchedule: { when: string; business: string[] }[] = [];
    let year = 0;
    let lastMonth = 0;
    for (const block of raw
      .split(/\n\s*\n/)
      .map((b) => b.trim())
      .filter((b) => b !== '')) {
      const date = block.match(dateLine);
      if (date) {
        const month = MONTH_NAMES.indexOf(date[2] as (typeof MONTH_NAMES)[number]) + 1;
        // A date without a year is in the year of the one before, or the next year once the months wrap round.
        year = date[3] ? Number(date[3]) : month < lastMonth ? year + 1 : year;
        lastMonth = month;
        const start = makeIsoDate(year, month, Number(date[1]));
        let when = `${Number(date[1])} ${date[2]} ${year}`;
        if (date[4]) {
          const endYear = Number(date[6]);
          when = endYear === year ? `${Number(date[1])} ${date[2]} to ${Number(date[4])} ${date[5]} ${endYear}` : when;
          lastMonth = MONTH_NAMES.indexOf(date[5] as (typeof MONTH_NAMES)[number]) + 1;
        }
        expect(start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        seedSchedule.push({ when, business: [] });
      } else if (block.startsWith('•') && seedSchedule.length > 0) {
        seedSchedule.at(-1)!.business.push(normalise(block));
      }
    }
    expect(seedSchedule).toHaveLength(9);
    expect(pageSchedule.map((s) => s.when)).toEqual(seedSchedule.map((s) => s.when));
    expect(pageSchedule.map((s) => s.when)).toContain('23 January to 28 February 2017');

    /** A business line as a fact: the words, without the seed's cross-references, list punctuation or dash styles. */
    const fact = (line: string) =>
      line
        .toLowerCase()
        .replace(/\(detailed in section [^)]*\)?/g, '')
        .replace(/error! reference source not found\.?\)?/g, '')
        .replace(/\(see the schedule of visits\)/g, '')
        .replace(/ \/|\/ /g, '/')
        .replace(/ [–-] |: /g, ' ')
        .replace(/[;.]\s*$/, '')
        .replace(/\s+/g, ' ')
        .trim();
    for (const [index, meeting] of seedSchedule.entries()) {
      expect(pageSchedule[index]!.business.map(fact)).toEqual(meeting.business.map(fact));
    }
  });

  it('shows all ten visits and tele-conferences: authority, model, the calendar’s weekday and date, and mode', async () => {
    const rows = tableRows(await page(paths.review(REVIEW)), 'Visits and tele-conferences')
      .slice(1)
      .map((r) => r.map(normalise));
    const raw = ANNEX_SEED.slice(ANNEX_SEED.indexOf('4.1 Outline of visits'));
    const blocks = raw
      .split(/\n\s*\n/)
      .map((b) => normalise(b))
      .filter((b) => b !== '' && !b.startsWith('4.1'));
    expect(blocks).toHaveLength(30);
    const weekdayMismatches: string[] = [];
    for (let i = 0; i < blocks.length; i += 3) {
      const [authority, model, when] = [blocks[i]!, blocks[i + 1]!, blocks[i + 2]!];
      const date = when.match(new RegExp(`^(\\w+day) (\\d{1,2}) (${MONTHS})( \\(tele-conference\\))? ?(\\d{4})$`));
      expect(date, when).not.toBeNull();
      const iso = makeIsoDate(Number(date![5]), MONTH_NAMES.indexOf(date![3] as (typeof MONTH_NAMES)[number]) + 1, Number(date![2]));
      if (weekdayName(iso) !== date![1]) weekdayMismatches.push(`${authority}: the seed says ${date![1]}, the calendar ${weekdayName(iso)}`);
      const row = rows.find((r) => r[0] === authority);
      expect(row, authority).toBeDefined();
      expect(row![1]).toBe(model);
      expect(row![2]).toBe(formatLongDateWithWeekday(iso));
      expect(row![3]).toBe(date![4] ? 'Tele-conference' : 'Visit');
    }
    expect(rows).toHaveLength(10);
    // The one slip in the seed: 9 February 2017 was a Thursday, and the page says so.
    expect(weekdayMismatches).toEqual(['Birmingham City Council: the seed says Wednesday, the calendar Thursday']);
    expect(rows.find((r) => r[0] === 'Birmingham City Council')![2]).toBe('Thursday 9 February 2017');
  });
});
