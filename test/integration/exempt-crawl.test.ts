// An anonymous visitor follows every link the site offers (pages, API, feeds, CSV, papers) and never meets a word of exempt, confidential or restricted text.
import { Document, Packer, Paragraph } from 'docx';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { paperToPdf } from '../../src/export/paper-pdf.ts';
import { createRepositories } from '../../src/repositories/index.ts';
import { DOCX, PDF } from '../../src/services/document-file-service.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { DEMO_NOW } from '../support/demo-app.ts';
import { decodeEntities } from '../support/page-text.ts';
import { docxText, pdfText } from '../support/papers.ts';
import * as make from '../support/factories.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { signedIn } from '../support/workspace-client.ts';
import { limbRows } from '../../src/web/routes/admin/resolution-rows.ts';

const MARKER = 'EXEMPT-MARKER-7f3a';
const CABINET = 'cabinet-and-commissioners-decision-making-meeting-2018-02-19';
const OFFICER = { email: 'dso@example.org', password: 'officer password 1' };
/** Readers who may not read Cabinet's withheld business, and one who may (LGA 1972 s.100F: a member of the body). */
const LEAD = { email: 'lead@example.org', password: 'lead officer password 1' };
const OTHER_COUNCILLOR = { email: 'other@example.org', password: 'other councillor password 1' };
const CABINET_MEMBER = { email: 'member@example.org', password: 'cabinet member password 1' };

/** Plants the marker in every field of a withheld record that could carry text, and in the files of withheld documents. */
async function plant(database: TestDb, services: Services): Promise<{ documentSlugs: string[] }> {
  const r = createRepositories({ db: database.db, clock: services.clock });
  const cabinet = await r.meetings.findBySlug(CABINET);
  if (!cabinet) throw new Error('the demo has no Cabinet meeting of 19 February 2018');
  const issue = await r.issues.create({ slug: 'depot-disposal', title: 'Disposal of the former depot', summary: 'A matter that came before Cabinet twice.' });
  const base = { meeting_id: cabinet.id, urgency_reason: null, source_system: null, source_id: null };
  // Titles of withheld items are public (the agenda names them, LGA 1972 s.100B(2) withholds only the
  // papers), so they carry no marker; everything else about the item does.
  const items = [
    await r.meetings.createAgendaItem({
      ...base,
      position: 2,
      number: '2',
      title: 'Exclusion of the press and public',
      exempt_paragraph: 3,
      issue_id: issue.id,
      description: `Exempt item text ${MARKER}`,
      report_of: `Exempt report author ${MARKER}`,
    }),
    await r.meetings.createAgendaItem({
      ...base,
      position: 3,
      number: '3',
      title: 'Confidential item',
      exempt_paragraph: null,
      is_confidential: 1,
      issue_id: null,
      description: `Confidential item text ${MARKER}`,
      report_of: `Confidential report author ${MARKER}`,
    }),
    // As the modern.gov importer marks an `isrestricted` item (migration 0003).
    await r.meetings.createAgendaItem({
      ...base,
      position: 4,
      number: '4',
      title: 'Restricted item',
      exempt_paragraph: null,
      is_confidential: 1,
      is_restricted: 1,
      issue_id: null,
      description: `Restricted item text ${MARKER}`,
      report_of: `Restricted report author ${MARKER}`,
    }),
  ];
  for (const item of items) {
    await r.meetings.addAgendaItemPerson({
      agenda_item_id: item.id,
      position: 1,
      role: 'report_author',
      name: `Named officer ${MARKER}`,
      person_id: null,
      note: `Note ${MARKER}`,
    });
    await r.meetings.addAgendaItemRecommendation({ agenda_item_id: item.id, number: 1, text: `That the bid from ${MARKER} be accepted.` });
    const minute = await r.minutes.createMinute({
      organisation_id: cabinet.organisation_id,
      meeting_id: cabinet.id,
      agenda_item_id: item.id,
      number: 300 + item.position,
      municipal_year: 2017,
      title: `Minute ${MARKER}`,
      body: `Minute body ${MARKER}`,
      further_to_minute_id: null,
    });
    const resolution = await r.minutes.createResolution({
      minute_id: minute.id,
      mover_name: `Mover ${MARKER}`,
      mover_person_id: null,
      seconder_name: `Seconder ${MARKER}`,
      seconder_person_id: null,
      votes_for: 5,
      votes_against: 0,
      votes_abstained: 0,
      published_on: '2018-02-20',
      is_executive_decision: 1,
      is_key_decision: 1,
      reasons: `Reasons ${MARKER}`,
      alternatives: `Alternatives ${MARKER}`,
      // Conflicts of interest and dispensations are published in full, exempt item or not (SI 2012/2089 reg 12(c), (d)).
      conflicts: null,
      dispensation: null,
    });
    await r.minutes.createLimb({ resolution_id: resolution.id, number: 1, verb: 'approved', text: `That the sale to ${MARKER} be approved.` });
    if (item.exempt_paragraph !== null) {
      await r.issues.addConsideration({
        issue_id: issue.id,
        meeting_id: cabinet.id,
        agenda_item_id: item.id,
        minute_id: minute.id,
        decision_summary: `Decided ${MARKER}`,
      });
    }
  }

  const doc = {
    kind: 'report',
    meeting_id: cabinet.id,
    review_id: null,
    url: null,
    file_name: null,
    media_type: null,
    byte_size: null,
    page_count: null,
    storage_key: null,
    text_content: `Document text ${MARKER}`,
    published_on: '2018-02-09',
    source_system: null,
    source_id: null,
  };
  const documents = [
    { ...doc, slug: 'exempt-valuation', title: `Exempt valuation ${MARKER}`, agenda_item_id: null, exempt_paragraph: 3 },
    { ...doc, slug: 'confidential-advice', title: `Confidential advice ${MARKER}`, agenda_item_id: null, exempt_paragraph: null, is_confidential: 1 },
    {
      ...doc,
      slug: 'restricted-appendix',
      title: `Restricted appendix ${MARKER}`,
      agenda_item_id: null,
      exempt_paragraph: null,
      is_confidential: 1,
      is_restricted: 1,
    },
    // Not marked itself, but it belongs to the exempt item: withheld with it.
    { ...doc, slug: 'report-on-exempt-item', title: `Report on the exempt item ${MARKER}`, agenda_item_id: items[0]!.id, exempt_paragraph: null },
  ];
  for (const d of documents) await r.documents.create(d);

  // Real files whose extracted text carries the marker (src/services/document-file-service.ts keeps it as text_content).
  const pdf = await paperToPdf({
    kind: 'annex',
    title: 'Valuation',
    council: 'Test Council',
    marking: null,
    fileName: 'valuation',
    blocks: [{ kind: 'paragraph', text: `The bidder is ${MARKER}.` }],
  });
  const word = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(`Legal advice about ${MARKER}.`)] }] }));
  await services.documentFiles.attach('system', 'exempt-valuation', { buffer: pdf, fileName: `valuation-${MARKER}.pdf`, mediaType: PDF });
  await services.documentFiles.attach('system', 'confidential-advice', { buffer: word, fileName: `advice-${MARKER}.docx`, mediaType: DOCX });
  await services.documentFiles.attach('system', 'restricted-appendix', { buffer: pdf, fileName: `appendix-${MARKER}.pdf`, mediaType: PDF });
  await services.documentFiles.attach('system', 'report-on-exempt-item', { buffer: word, fileName: `report-${MARKER}.docx`, mediaType: DOCX });
  await services.searchIndex.reindexAll();
  return { documentSlugs: documents.map((d) => d.slug) };
}

/**
 * Through the workspace, as an officer would: a minute on the confidential item (which has no issue
 * yet) referring the matter on, which creates the issue that carries it; the minute's title holds
 * the marker. And the accounts that ask for the full version of Cabinet's papers.
 */
async function workspaceWrites(database: TestDb, services: Services): Promise<void> {
  const user = await services.auth.addUser('system', { email: OFFICER.email, name: 'Dee Ess', role: 'democratic_services', password: OFFICER.password });
  const officer = { userId: user.id, email: user.email, name: user.name, role: 'democratic_services' as const, personId: null };
  const r = createRepositories({ db: database.db, clock: services.clock });
  const cabinet = await r.meetings.findBySlug(CABINET);
  if (!cabinet) throw new Error('the demo has no Cabinet meeting of 19 February 2018');
  const item = (await r.meetings.agendaItems(cabinet.id)).find((i) => i.title === 'Confidential item');
  const other = await database.db
    .selectFrom('organisations')
    .select(['id', 'slug'])
    .where('id', '!=', cabinet.organisation_id)
    .where('kind', 'not in', ['external', 'council'])
    .orderBy('id')
    .executeTakeFirstOrThrow();
  if (!item) throw new Error('the confidential item was not planted');
  const minute = {
    title: `Sale to ${MARKER}`,
    body: `Minute body ${MARKER}`,
    agendaItemId: String(item.id),
    limb1Verb: 'referred',
    limb1Text: `That the sale to ${MARKER} be referred.`,
    limb1TargetOrganisationId: String(other.id),
  };
  // The limbs are read from the form's rows as the workspace's route reads them.
  await services.meetingWorkspace.addMinute(officer, cabinet.id, minute, limbRows(minute));

  const seat = async (slug: string, organisationId: number) => {
    const person = await make.person(database, { slug });
    await make.membership(database, { person_id: person.id, organisation_id: organisationId });
  };
  await seat('crawl-cabinet-member', cabinet.organisation_id);
  await seat('crawl-other-councillor', other.id);
  await services.auth.addUser('system', { email: LEAD.email, name: 'Lee Lead', role: 'lead_officer', password: LEAD.password });
  await services.auth.addUser('system', {
    email: OTHER_COUNCILLOR.email,
    name: 'Other',
    role: 'councillor',
    person: 'crawl-other-councillor',
    password: OTHER_COUNCILLOR.password,
  });
  await services.auth.addUser('system', {
    email: CABINET_MEMBER.email,
    name: 'Member',
    role: 'councillor',
    person: 'crawl-cabinet-member',
    password: CABINET_MEMBER.password,
  });
}

interface Visit {
  url: string;
  status: number;
  type: string;
  /** Where the crawl first found the link. */
  from: string;
}

const SITE = 'http://localhost';

/** The same-site address a link names, as path and query (no fragment), or null for another site or scheme. */
function sameSite(link: string, base: string): string | null {
  const trimmed = link.trim();
  if (trimmed === '' || trimmed.startsWith('#') || /^(mailto|tel|javascript|data):/i.test(trimmed)) return null;
  let url: URL;
  try {
    url = new URL(trimmed, SITE + base);
  } catch {
    return null;
  }
  if (url.hostname !== 'localhost' || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null;
  return url.pathname + url.search;
}

/** The words a person or a program would read in the response: PDFs and Word files as text, iCalendar lines unfolded (RFC 5545 §3.1). */
async function readable(response: LightMyRequestResponse, type: string): Promise<string> {
  if (type.startsWith('application/pdf')) return pdfText(response.rawPayload);
  if (type.startsWith(DOCX)) return docxText(response.rawPayload);
  if (/^(image|font)\//.test(type)) return '';
  return response.body.replace(/\r?\n[ \t]/g, '');
}

/** Every link in a response: HTML attributes, URLs written out in feeds and files, paths in JSON (the OpenAPI document's collections too). */
function linksIn(text: string, type: string): string[] {
  const links: string[] = [];
  if (type.startsWith('text/html') || type.includes('xml')) {
    for (const m of text.matchAll(/\s(?:href|src|action)="([^"]*)"/g)) links.push(decodeEntities(m[1]!));
  }
  for (const m of text.matchAll(/https?:\/\/localhost(?::\d+)?\/[^\s"'<>,;\\)]*/g)) links.push(decodeEntities(m[0]));
  if (type.includes('json')) {
    const walk = (value: unknown, key = ''): void => {
      if (typeof value === 'string') {
        if (/^\/(?!\/)[^\s]*$/.test(value) && !/[{}]/.test(value) && key !== 'pattern') links.push(value);
      } else if (Array.isArray(value)) value.forEach((v) => walk(v));
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) walk(v, k);
      }
    };
    const json = JSON.parse(text) as unknown;
    walk(json);
    const doc = json as { openapi?: string; servers?: { url: string }[]; paths?: Record<string, unknown> };
    if (doc.openapi && doc.paths) {
      const prefix = sameSite(doc.servers?.[0]?.url ?? '/', '/')?.replace(/\/$/, '') ?? '';
      for (const route of Object.keys(doc.paths)) if (!route.includes('{')) links.push(route.startsWith(prefix) ? route : prefix + route);
    }
  }
  return links;
}

function isWorkspace(path: string): boolean {
  return path === '/admin' || path.startsWith('/admin/') || path.startsWith('/admin?');
}

/** Breadth-first over every same-site link from the seeds, as an anonymous visitor; no limit but the site's size. */
async function crawl(app: FastifyInstance, seeds: string[]) {
  const visits = new Map<string, Visit>();
  const leaks: string[] = [];
  const failures: string[] = [];
  const queue: { url: string; from: string }[] = seeds.map((url) => ({ url, from: '(seed)' }));
  const queued = new Set(seeds);
  while (queue.length > 0) {
    const { url, from } = queue.shift()!;
    const response = await app.inject({ method: 'GET', url });
    const type = String(response.headers['content-type'] ?? '');
    visits.set(url, { url, status: response.statusCode, type, from });
    if (response.statusCode >= 500) failures.push(`${response.statusCode} ${url} (linked from ${from})`);
    const headers = JSON.stringify(response.headers);
    const text = await readable(response, type);
    if (headers.includes(MARKER)) leaks.push(`header of ${url}`);
    const seen = text.includes(MARKER) ? text : response.body;
    const at = seen.indexOf(MARKER);
    if (at >= 0) leaks.push(`${url} (linked from ${from}): …${seen.slice(Math.max(0, at - 60), at + MARKER.length).replace(/\s+/g, ' ')}`);
    // The workspace is not for the public: it must turn the visitor away, and the crawl goes no further.
    if (isWorkspace(url)) continue;
    if (response.statusCode >= 300 && response.statusCode < 400) {
      const location = response.headers.location;
      const next = typeof location === 'string' ? sameSite(location, url) : null;
      if (next && !queued.has(next)) {
        queued.add(next);
        queue.push({ url: next, from: url });
      }
      continue;
    }
    if (response.statusCode !== 200) continue;
    for (const link of linksIn(text, type)) {
      const next = sameSite(link, url);
      if (next && !queued.has(next)) {
        queued.add(next);
        queue.push({ url: next, from: url });
      }
    }
  }
  return { visits, leaks, failures };
}

describe.each(testDialects())('an anonymous crawl of the whole site on %s', (dialect) => {
  let database: TestDb;
  let services: Services;
  let app: FastifyInstance;
  let documentSlugs: string[];
  let result: Awaited<ReturnType<typeof crawl>>;

  beforeAll(async () => {
    database = await createTestDb(dialect);
    services = createServices({ database, clock: fixedClock(DEMO_NOW) });
    await services.demo.loadIfAbsent();
    ({ documentSlugs } = await plant(database, services));
    await workspaceWrites(database, services);
    app = await buildApp({ services });
    result = await crawl(app, [
      '/',
      '/api/v1',
      '/api/v1/openapi.json',
      '/sitemap.xml',
      '/robots.txt',
      // The workspace is not linked from the public site; a visitor who types its address is turned away.
      '/admin',
      '/admin/exempt',
      '/admin/exempt/documents/exempt-valuation',
      '/admin/meetings',
      '/meetings.ics',
      '/meetings.csv',
      '/decisions.atom',
      '/decisions.csv',
      '/recommendations.atom',
      '/recommendations.csv',
      // The search form is a GET form: what a visitor would type, the marker's words included (the page echoes
      // the query, so the marker itself is asked for as words).
      ...['exclusion', 'bidder', 'valuation', 'approved', 'reasons', 'restricted', 'confidential', MARKER.replaceAll('-', ' ')].map(
        (q) => `/search?q=${encodeURIComponent(q)}`,
      ),
    ]);
  }, 600_000);
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  it('never shows a word of withheld text, in any body or header', () => {
    expect(result.leaks).toEqual([]);
  });

  it('never answers with a server error', () => {
    expect(result.failures).toEqual([]);
  });

  it('covers the whole site: every kind of page, feed, file and API record', () => {
    const urls = [...result.visits.keys()];
    const ok = [...result.visits.values()].filter((v) => v.status === 200);
    expect(ok.length).toBeGreaterThan(200);
    for (const pattern of [
      /^\/committees\/[^/]+$/,
      /^\/meetings\/[^/]+$/,
      /^\/reviews\/[^/]+\/recommendations\/\d+$/,
      /^\/people\/[^/]+$/,
      /^\/issues\/[^/]+$/,
      /^\/documents\/[^/]+$/,
      /\.pdf$/,
      /\.docx$/,
      /\.ics$/,
      /\.atom$/,
      /\.csv/,
      /^\/api\/v1\/meetings\/\d+$/,
      /^\/api\/v1\/recommendations\/\d+$/,
    ]) {
      expect(
        ok.some((v) => pattern.test(v.url.split('?')[0]!)),
        String(pattern),
      ).toBe(true);
    }
    // The workspace turns an anonymous visitor away.
    for (const visit of result.visits.values()) {
      if (isWorkspace(visit.url)) expect([302, 303, 401, 403, 404], visit.url).toContain(visit.status);
    }
    expect(urls.some(isWorkspace)).toBe(true);
  });

  it('reached the public placeholders of the withheld items, and no page of a withheld document', async () => {
    // The issue whose history passes through the exempt item, and the meeting that lists all three.
    expect(result.visits.get('/issues/depot-disposal')?.status).toBe(200);
    const meeting = result.visits.get(`/meetings/${CABINET}`);
    expect(meeting?.status).toBe(200);
    const page = await app.inject({ url: `/meetings/${CABINET}` });
    expect(page.body).toContain('Exclusion of the press and public');
    expect(page.body).toMatch(/Exempt information: paragraph 3 of Schedule 12A/);
    expect(page.body).toContain('Restricted');
    for (const slug of documentSlugs) {
      for (const url of [`/documents/${slug}`, `/documents/${slug}/file`]) {
        const visit = result.visits.get(url);
        // Never linked; and asked for directly, answered as a paper that does not exist.
        expect(visit, url).toBeUndefined();
        expect((await app.inject({ url })).statusCode, url).toBe(404);
      }
    }
  });

  it('gives the full version of Cabinet’s papers only to readers of Cabinet’s withheld business', async () => {
    const papers = [`/meetings/${CABINET}/agenda.pdf?version=full`, `/meetings/${CABINET}/minutes/print?version=full`];
    for (const who of [LEAD, OTHER_COUNCILLOR]) {
      const client = await signedIn(app, who.email, who.password);
      for (const url of papers) {
        const response = await client.get(url);
        expect(response.statusCode, `${who.email} ${url}`).toBe(403);
        expect(await readable(response, String(response.headers['content-type'] ?? '')), url).not.toContain(MARKER);
      }
      const exempt = await client.get('/admin/exempt');
      // A lead officer reads no body's withheld business; the other councillor reads only their own body's.
      expect(exempt.statusCode, who.email).toBe(who === LEAD ? 404 : 200);
      expect(exempt.body, who.email).not.toContain(MARKER);
    }
    for (const who of [CABINET_MEMBER, OFFICER]) {
      const client = await signedIn(app, who.email, who.password);
      for (const url of papers) {
        const response = await client.get(url);
        expect(response.statusCode, `${who.email} ${url}`).toBe(200);
        expect(response.headers['cache-control'], url).toBe('private, no-store');
        expect(await readable(response, String(response.headers['content-type'] ?? '')), url).toContain(MARKER);
      }
    }
  });

  it('names the issue of a minute on a withheld item only as the agenda names the item', () => {
    const issue = [...result.visits.keys()].find((url) => /^\/issues\/confidential-item/.test(url));
    expect(issue, 'the issue created by the referral is public, under the agenda item’s title').toBeDefined();
  });

  it('shows the withheld text to a signed-in democratic services officer on the exempt papers page', async () => {
    const officer = await signedIn(app, OFFICER.email, OFFICER.password);
    const page = await officer.get('/admin/exempt');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Exempt valuation ${MARKER}`);
    const document = await officer.get('/admin/exempt/documents/exempt-valuation');
    expect(document.body).toContain(`The bidder is ${MARKER}.`);
  });
});
