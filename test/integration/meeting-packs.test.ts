// Meeting packs on both engines: the agenda pack read back with poppler and qpdf, the exempt pack kept from the public and lead officers, supplements, the queue, ETag and byte ranges.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { createRepositories, type Repositories } from '../../src/repositories/index.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { ValidationError } from '../../src/services/errors.ts';
import { buildApp } from '../../src/web/app.ts';
import { paths } from '../../src/web/paths.ts';
import { pdfInfo, pdfText, wording } from '../support/papers.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { tinyPdf } from '../support/tiny-pdf.ts';
import { signedIn, workspaceClient } from '../support/workspace-client.ts';

const clock = fixedClock('2026-11-22T12:00:00Z');
const SECRET = 'Quagga valuation of the depot site';

/** The same PDF protected by a password, as councils sometimes receive them, made by qpdf. */
function encrypted(pdf: Buffer): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-pack-'));
  try {
    writeFileSync(path.join(dir, 'in.pdf'), pdf);
    execFileSync('qpdf', ['--encrypt', 'user-secret', 'owner-secret', '256', '--', path.join(dir, 'in.pdf'), path.join(dir, 'out.pdf')]);
    return readFileSync(path.join(dir, 'out.pdf'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The outline as qpdf reads it: each entry's title and the page it opens (1-based), children indented. */
function outline(pdf: Buffer): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-pack-'));
  try {
    writeFileSync(path.join(dir, 'p.pdf'), pdf);
    const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', path.join(dir, 'p.pdf')], { encoding: 'utf8' })) as { outlines: Entry[] };
    type Entry = { title: string; destpageposfrom1: number; kids: Entry[] };
    const lines: string[] = [];
    const walk = (entries: Entry[], depth: number) => {
      for (const e of entries) {
        lines.push(`${'  '.repeat(depth)}${e.title} @${e.destpageposfrom1}`);
        walk(e.kids, depth + 1);
      }
    };
    walk(json.outlines, 0);
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Text of one page, as pdftotext reads it. */
function pageText(pdf: Buffer, page: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'scrutineer-pack-'));
  try {
    writeFileSync(path.join(dir, 'p.pdf'), pdf);
    return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-enc', 'UTF-8', path.join(dir, 'p.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(testDialects())('meeting packs on %s', (dialect) => {
  let handle: TestDb;
  let services: Services;
  let repos: Repositories;
  let app: FastifyInstance;
  let meetingId: number;
  let items: Record<string, number>;
  const slug = 'planning-committee-2026-12-01';

  async function paper(title: string, itemId: number | null, file: { buffer: Buffer; mediaType: string; text: string } | null, exempt: number | null = null) {
    const doc = await repos.documents.create({
      slug: title.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      title,
      kind: 'report',
      meeting_id: meetingId,
      agenda_item_id: itemId,
      review_id: null,
      exempt_paragraph: exempt,
      url: null,
      file_name: null,
      media_type: null,
      byte_size: null,
      page_count: null,
      storage_key: null,
      text_content: file === null ? null : file.text,
      published_on: '2026-11-20',
      source_system: null,
      source_id: null,
    });
    if (file) {
      await repos.documentFiles.put(
        { document_id: doc.id, file_name: `${doc.slug}.pdf`, media_type: file.mediaType, byte_size: file.buffer.length, content: file.buffer },
        {
          file_name: `${doc.slug}.pdf`,
          media_type: file.mediaType,
          byte_size: file.buffer.length,
          page_count: null,
          text_content: file.text,
          storage_key: `document_files:${doc.id}`,
        },
      );
    }
    return doc;
  }

  beforeAll(async () => {
    handle = await createTestDb(dialect);
    services = createServices({
      database: handle,
      clock,
      packLinks: {
        meeting: (s) => `https://democracy.example.gov.uk${paths.meeting(s)}`,
        document: (s) => `https://democracy.example.gov.uk${paths.document(s)}`,
      },
    });
    repos = createRepositories({ db: handle.db, clock });
    app = await buildApp({ services, signInRateLimit: 1000 });
    const body = await repos.organisations.create({
      slug: 'planning-committee',
      name: 'Planning Committee',
      kind: 'committee',
      parent_id: null,
      description: null,
      category: null,
      source_system: null,
      source_id: null,
    });
    const meeting = await repos.meetings.create({
      slug,
      organisation_id: body.id,
      title: null,
      meeting_date: '2026-12-01',
      start_time: '18:00',
      starts_at: null,
      location: 'Town Hall, Moorgate Street',
      status: 'scheduled',
      agenda_published_on: '2026-11-20',
      urgency_reason: null,
      source_system: null,
      source_id: null,
    });
    meetingId = meeting.id;
    const item = async (position: number, title: string, exempt: number | null = null) =>
      (
        await repos.meetings.createAgendaItem({
          meeting_id: meetingId,
          position,
          number: String(position),
          title,
          description: null,
          report_of: null,
          exempt_paragraph: exempt,
          urgency_reason: null,
          issue_id: null,
          source_system: null,
          source_id: null,
        })
      ).id;
    items = {
      apologies: await item(1, 'Apologies for absence'),
      depot: await item(2, 'Former depot, Bramley Road'),
      sale: await item(3, 'Sale of the depot site', 3),
      late: await item(4, 'Flood works'),
    };
    await paper('Depot officer report', items.depot!, {
      buffer: await tinyPdf(['Wombat officer report on the depot']),
      mediaType: 'application/pdf',
      text: 'Wombat officer report on the depot',
    });
    await paper('Depot heritage statement', items.depot!, {
      buffer: Buffer.from('PK\x03\x04not read again'),
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      text: 'Numbat heritage statement from the Word file',
    });
    await paper('Depot site plan', items.depot!, {
      buffer: encrypted(await tinyPdf(['Platypus site plan'])),
      mediaType: 'application/pdf',
      text: 'Platypus site plan',
    });
    await paper('Confidential valuation', items.sale!, { buffer: await tinyPdf([SECRET]), mediaType: 'application/pdf', text: SECRET });
    await services.auth.addUser('system', { email: 'dso@example.org', name: 'Dee Ess', role: 'democratic_services', password: 'officer password 1' });
    await services.auth.addUser('system', { email: 'lead@example.org', name: 'Lee Lead', role: 'lead_officer', password: 'lead officer password' });
    await services.packs.request(meetingId);
    const result = await services.packs.work();
    expect(result).toMatchObject({ meetings: 1, failures: [] });
  });
  afterAll(async () => {
    await app?.close();
    await handle?.destroy();
  });

  it('puts every public paper in agenda order in one tagged PDF with page numbers, page references and an outline, and leaves out what is exempt', async () => {
    const response = await app.inject(paths.packs.agenda(slug));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.rawPayload;
    const info = pdfInfo(pdf);
    expect(info.get('Title')).toBe('Agenda pack: Planning Committee, Tuesday 1 December 2026');
    expect(info.get('Tagged')).toBe('yes');
    expect(info.get('Pages')).toBe('4');
    const text = pdfText(pdf);
    const order = [
      'Agenda pack: Planning Committee',
      'Wombat officer report on the depot',
      'Numbat heritage statement from the Word file',
      'This paper could not be included in the pack: the file is protected by a password',
    ];
    const positions = order.map((t) => wording(text).indexOf(wording(t)));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(wording(text)).toContain(wording('https://democracy.example.gov.uk/documents/depot-site-plan'));
    expect(wording(text)).toContain(wording('https://democracy.example.gov.uk/meetings/planning-committee-2026-12-01'));
    // Rule 9: the exempt item is listed by title and ground; its paper and text are not in the pack.
    expect(text).toContain('Sale of the depot site');
    expect(text).not.toContain('Quagga');
    expect(text).not.toContain('Confidential valuation');
    for (let page = 1; page <= 4; page += 1) expect(pageText(pdf, page)).toContain(`Page ${page} of 4`);
    expect(pageText(pdf, 2)).toContain('Wombat officer report');
    expect(outline(pdf)).toEqual([
      'Agenda @1',
      'Item 1: Apologies for absence @1',
      'Item 2: Former depot, Bramley Road @2',
      '  Depot officer report @2',
      '  Depot heritage statement @3',
      '  Depot site plan @4',
      'Item 3: Sale of the depot site @1',
      'Item 4: Flood works @1',
    ]);
    // The agenda's page references name the pages the outline opens.
    expect(pageText(pdf, 1)).toMatch(/Depot officer report[\s\S]*\b2\b[\s\S]*\b3\b[\s\S]*\b4\b/);
  });

  it('names the paper it could not merge for the workspace, and links the pack from the meeting page with its size and pages', async () => {
    const summary = await services.packs.workspaceSummary(meetingId);
    expect(summary.problems).toEqual([
      { title: 'Depot site plan', reason: 'the file is protected by a password', pack: 'Agenda pack: Planning Committee, Tuesday 1 December 2026' },
    ]);
    const officer = await signedIn(app, 'dso@example.org', 'officer password 1');
    const workspace = await officer.get(paths.admin.meeting(meetingId));
    expect(workspace.statusCode).toBe(200);
    expect(workspace.body).toContain('Depot site plan: the file is protected by a password. It is left out of the agenda pack');
    const page = await app.inject(paths.meeting(slug));
    expect(page.body).toContain(`href="${paths.packs.agenda(slug)}"`);
    expect(page.body).toMatch(/Agenda pack<\/a> <span class="app-meta">\(PDF, \d+ KB, 4 pages\)/);
  });

  it('answers with a strong ETag, 304 to a matching If-None-Match, byte ranges, and 416 for a range past the end', async () => {
    const whole = await app.inject(paths.packs.agenda(slug));
    const etag = String(whole.headers.etag);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect((await app.inject({ url: paths.packs.agenda(slug), headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    const size = whole.rawPayload.length;
    const part = await app.inject({ url: paths.packs.agenda(slug), headers: { range: 'bytes=0-99' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 0-99/${size}`);
    expect(part.rawPayload.equals(whole.rawPayload.subarray(0, 100))).toBe(true);
    const tail = await app.inject({ url: paths.packs.agenda(slug), headers: { range: 'bytes=-50' } });
    expect(tail.rawPayload.equals(whole.rawPayload.subarray(size - 50))).toBe(true);
    const beyond = await app.inject({ url: paths.packs.agenda(slug), headers: { range: `bytes=${size}-` } });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${size}`);
    // A range of a version the client no longer has is answered whole (If-Range).
    expect((await app.inject({ url: paths.packs.agenda(slug), headers: { range: 'bytes=0-9', 'if-range': '"stale"' } })).statusCode).toBe(200);
  });

  it('serves the exempt pack, marked on every page, only to those who may read the meeting’s withheld business', async () => {
    const url = paths.packs.exempt(meetingId);
    const anonymous = await workspaceClient(app).get(url);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.rawPayload.includes(Buffer.from('Quagga'))).toBe(false);
    const lead = await signedIn(app, 'lead@example.org', 'lead officer password');
    const refused = await lead.get(url);
    expect([403, 404]).toContain(refused.statusCode);
    expect(refused.body).not.toContain('Quagga');

    const officer = await signedIn(app, 'dso@example.org', 'officer password 1');
    const response = await officer.get(url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('private, no-store');
    const pdf = response.rawPayload;
    expect(pdfText(pdf)).toContain(SECRET);
    const pages = Number(pdfInfo(pdf).get('Pages'));
    for (let page = 1; page <= pages; page += 1)
      expect(wording(pageText(pdf, page))).toContain(wording('NOT FOR PUBLICATION: Exempt information under paragraph 3 of Part 1 of Schedule 12A'));
  });

  it('rebuilds nothing when nothing changed, and puts a paper added after publication in a numbered supplement with its reason', async () => {
    const before = String((await app.inject(paths.packs.agenda(slug))).headers.etag);
    await services.packs.request(meetingId);
    expect((await services.packs.work()).built).toBe(0);

    await handle.db
      .updateTable('agenda_items')
      .set({ is_urgent: 1, urgency_reason: 'The Environment Agency’s survey arrived on 25 November' })
      .where('id', '=', items.late!)
      .execute();
    await paper('Flood works survey', items.late!, {
      buffer: await tinyPdf(['Echidna flood survey']),
      mediaType: 'application/pdf',
      text: 'Echidna flood survey',
    });
    await services.packs.request(meetingId);
    await services.packs.work();
    const supplement = await app.inject(paths.packs.supplement(slug, 1));
    expect(supplement.statusCode).toBe(200);
    const text = pdfText(supplement.rawPayload);
    expect(wording(text)).toContain(wording('Supplementary agenda pack 1: Planning Committee'));
    expect(wording(text)).toContain(wording('The Environment Agency’s survey arrived on 25 November'));
    expect(text).toContain('Echidna flood survey');
    expect(text).not.toContain('Wombat');
    const after = await app.inject(paths.packs.agenda(slug));
    expect(pdfText(after.rawPayload)).not.toContain('Echidna');
    expect((await app.inject(paths.meeting(slug))).body).toContain(`href="${paths.packs.supplement(slug, 1)}"`);
    expect(before).toMatch(/^"/);
  });

  it('prints the minutes as a draft, and serves the signed copy once a later meeting confirms them, naming that minute', async () => {
    await repos.minutes.createMinute({
      organisation_id: (await repos.meetings.findById(meetingId))!.organisation_id,
      meeting_id: meetingId,
      agenda_item_id: items.depot!,
      number: 41,
      municipal_year: 2026,
      title: 'Former depot, Bramley Road',
      body: 'Resolved that the kiwi scheme be approved.',
      further_to_minute_id: null,
    });
    const later = await repos.meetings.create({
      slug: 'planning-committee-2027-01-12',
      organisation_id: (await repos.meetings.findById(meetingId))!.organisation_id,
      title: null,
      meeting_date: '2027-01-12',
      start_time: null,
      starts_at: null,
      location: null,
      status: 'held',
      agenda_published_on: '2027-01-04',
      urgency_reason: null,
      source_system: null,
      source_id: null,
    });
    const confirming = await repos.minutes.createMinute({
      organisation_id: later.organisation_id,
      meeting_id: later.id,
      agenda_item_id: null,
      number: 52,
      municipal_year: 2026,
      title: 'Minutes of the previous meeting',
      body: null,
      further_to_minute_id: null,
    });
    await services.packs.request(meetingId);
    await services.packs.work();
    const draft = await app.inject(paths.packs.minutes(slug));
    expect(draft.statusCode).toBe(200);
    const draftText = wording(pdfText(draft.rawPayload));
    expect(draftText).toContain(wording('Draft: these minutes are not yet confirmed'));
    expect(draftText).toContain(wording('Resolved that the kiwi scheme be approved.'));

    const officer = await signedIn(app, 'dso@example.org', 'officer password 1');
    const form = await officer.get(paths.packs.signedMinutes(meetingId));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Minute 52: Minutes of the previous meeting (Tuesday 12 January 2027)');
    const actor = { userId: 1, email: 'dso@example.org', name: 'Dee Ess', role: 'democratic_services' as const, personId: null };
    await expect(
      services.packs.confirmMinutes(actor, meetingId, { minuteId: String(confirming.id) }, { buffer: Buffer.from('not a pdf'), fileName: 'x.pdf' }),
    ).rejects.toBeInstanceOf(ValidationError);
    await services.packs.confirmMinutes(
      actor,
      meetingId,
      { minuteId: String(confirming.id) },
      { buffer: await tinyPdf(['Signed by the chair: kiwi minutes']), fileName: 'signed.pdf' },
    );
    // The upload is an audited write to the meeting: it queued the rebuild itself.
    await services.packs.work();
    const signed = await app.inject(paths.packs.minutes(slug));
    const signedText = wording(pdfText(signed.rawPayload));
    expect(signedText).toContain(wording('Confirmed as a correct record by Minute 52 of Planning Committee held on Tuesday 12 January 2027'));
    expect(signedText).toContain(wording('Signed by the chair: kiwi minutes'));
    expect(signedText).not.toContain(wording('Draft: these minutes are not yet confirmed'));
    expect(signed.headers.etag).not.toBe(draft.headers.etag);
  });

  it('stops serving a pack the moment one of its papers is withheld, and serves the rebuilt pack without it', async () => {
    await handle.db.updateTable('documents').set({ is_confidential: 1 }).where('slug', '=', 'depot-officer-report').execute();
    expect((await app.inject(paths.packs.agenda(slug))).statusCode).toBe(404);
    await services.packs.request(meetingId);
    await services.packs.work();
    const rebuilt = await app.inject(paths.packs.agenda(slug));
    expect(rebuilt.statusCode).toBe(200);
    expect(pdfText(rebuilt.rawPayload)).not.toContain('Wombat');
  });
});
