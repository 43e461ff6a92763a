// The `scrutineer paper` and `scrutineer import response` commands, run as a person runs them, against a SQLite file.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/create-db.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { createRepositories } from '../../src/repositories/index.ts';
import { createServices } from '../../src/services/index.ts';
import { spawnCli } from '../support/cli-process.ts';
import { docxText, pdfInfo, wording } from '../support/papers.ts';

const REVIEW = 'alternative-management-arrangements-for-childrens-services';
const CABINET = 'cabinet-and-commissioners-decision-making-meeting-2018-02-19';
let dir: string;
let databaseUrl: string;

async function run(args: string[]): Promise<{ code: number | string; output: string }> {
  const cli = spawnCli(args, { DATABASE_URL: databaseUrl });
  cli.child.stdin.end();
  const code = await cli.exited;
  return { code, output: cli.output() };
}

async function recommendationsOf(slug: string): Promise<number> {
  const handle = await createDb(databaseUrl);
  try {
    const repos = createRepositories({ db: handle.db, clock: fixedClock('2026-11-22T12:00:00Z') });
    const review = await repos.reviews.findBySlug(slug);
    return (await repos.recommendations.forReview(review!.id)).length;
  } finally {
    await handle.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-paper-cli-'));
  databaseUrl = path.join(dir, 'council.db');
  const handle = await createDb(databaseUrl);
  await migrateToLatest(handle.db);
  const services = createServices({ database: handle, clock: fixedClock('2026-11-22T12:00:00Z') });
  await services.demo.loadIfAbsent();
  const repos = createRepositories({ db: handle.db, clock: fixedClock('2026-11-22T12:00:00Z') });
  const demo = await repos.reviews.findBySlug(REVIEW);
  await repos.reviews.create({
    slug: 'copy-of-the-review',
    title: 'Copy of the review',
    short_title: null,
    organisation_id: demo!.organisation_id,
    group_organisation_id: null,
    summary: null,
    scope: null,
    criteria_heading: null,
    status: 'reported',
    started_on: null,
    report_date: null,
    report_meeting_id: null,
    received_on: null,
    response_meeting_id: null,
    response_title: null,
    issue_id: null,
  });
  await handle.close();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scrutineer paper and import response', () => {
  it('writes the response as Word, then reads the Word table back into another review', async () => {
    const docx = path.join(dir, 'response.docx');
    const written = await run(['paper', 'response', REVIEW, '--format', 'docx', '--out', docx]);
    expect(written.code, written.output).toBe(0);
    expect(written.output).toContain(`Wrote Cabinet’s Response to Scrutiny Review of Alternative Management Arrangements`);
    expect(wording(await docxText(readFileSync(docx)))).toContain(wording('We agree for the first stage of the improvement journey from Inadequate to Good.'));

    // No terminal to ask and no --yes: the plan is shown and nothing is created.
    const planned = await run(['import', 'response', docx, '--review', 'copy-of-the-review']);
    expect(planned.code, planned.output).toBe(0);
    expect(planned.output).toContain('Read 5 recommendations for “Copy of the review”:');
    expect(planned.output).toContain('3. The Council will continue to work effectively with our Peer Practice');
    expect(planned.output).toContain('Not accepted: No longer relevant given the recent');
    expect(planned.output).toContain('Nothing was created: run again with --yes');
    expect(await recommendationsOf('copy-of-the-review')).toBe(0);

    const created = await run(['import', 'response', docx, '--review', 'copy-of-the-review', '--yes']);
    expect(created.code, created.output).toBe(0);
    expect(created.output).toContain('Created 5 recommendations with their responses in “Copy of the review”.');
    expect(await recommendationsOf('copy-of-the-review')).toBe(5);
  }, 120_000);

  it('writes the officer agenda as a tagged PDF, and says what is wrong with bad input, exiting 2', async () => {
    const unknown = await run(['paper', 'leaflet', REVIEW]);
    expect(unknown.code).toBe(2);
    expect(unknown.output).toContain('unknown paper "leaflet"');
    const pdf = path.join(dir, 'agenda.pdf');
    const agenda = await run(['paper', 'agenda', CABINET, '--full', '--out', pdf]);
    expect(agenda.code, agenda.output).toBe(0);
    expect(pdfInfo(readFileSync(pdf)).get('Tagged')).toBe('yes');
    const missing = await run(['import', 'response', path.join(dir, 'nowhere.docx'), '--review', REVIEW]);
    expect(missing.code).toBe(2);
    expect(missing.output).toContain('no such file');
  }, 60_000);
});
