// Writes moved onto the one pipeline, on both engines: each commits its audit event and its search rows with the change, or (stopped inside the transaction) nothing at all; each refuses a role it does not declare.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { ForbiddenError } from '../../src/services/errors.ts';
import { PDF } from '../../src/services/document-file-service.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import type { PipelineStage } from '../../src/services/unit-of-work.ts';
import { limbRows } from '../../src/web/routes/admin/resolution-rows.ts';
import { body, document } from '../support/factories.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { tinyPdf } from '../support/tiny-pdf.ts';

const clock = fixedClock('2026-03-02T10:00:00Z');
const fixture = (name: string) => ({ name, bytes: readFileSync(new URL(`../fixtures/moderngov/${name}`, import.meta.url)) });
const TRACKER = `Reference,Review or origin,Date agreed,Recommendation,Response,Lead officer,Target date,Status,Latest update
1,Review of Quokka Crossings,14/07/2025,That the quokka crossings are lit.,Accepted.,Jane Smith,30/09/2025,Achieved,Lit.
`;

/** Thrown by the pipeline's observer: a failure after the change and its audit event, inside the open transaction. */
class Stopped extends Error {}

describe.each(testDialects())('writes through the pipeline on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  let officer: Actor;
  let councillor: Actor;
  /** The stage at which the next write is stopped inside its transaction, or null to let it commit. */
  let stopAt: PipelineStage | null = null;

  beforeAll(async () => {
    db = await createTestDb(dialect, { clock });
    services = createServices({
      database: db,
      clock,
      pipelineObserver: (stage) => (stage === stopAt ? Promise.reject(new Stopped(stage)) : Promise.resolve()),
    });
    const dso = await services.auth.addUser('system', {
      email: 'dso@example.org',
      name: 'Dem Services',
      role: 'democratic_services',
      password: 'a long password here',
    });
    officer = { userId: dso.id, email: dso.email, name: dso.name, role: 'democratic_services', personId: null };
    const cllr = await services.auth.addUser('system', { email: 'cllr@example.org', name: 'Cllr Smith', role: 'councillor', password: 'a long password here' });
    councillor = { userId: cllr.id, email: cllr.email, name: cllr.name, role: 'councillor', personId: null };
  });
  afterAll(async () => {
    await db?.destroy();
  });

  /** Runs a write stopped inside its transaction at `stage`: it must fail with the stop, not with anything else. */
  async function stopped(stage: PipelineStage, write: () => Promise<unknown>): Promise<void> {
    stopAt = stage;
    try {
      await expect(write()).rejects.toBeInstanceOf(Stopped);
    } finally {
      stopAt = null;
    }
  }

  const auditCount = async () =>
    Number(
      (
        await db.db
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** The search rows whose words include `word`: what a member of the public would find. */
  const found = (word: string) =>
    db.db
      .selectFrom('search_documents')
      .select(['kind', 'record_id'])
      .where((eb) => eb.or([eb('body_text', 'like', `%${word}%`), eb('title', 'like', `%${word}%`)]))
      .execute();

  async function minutedLimb(words: string) {
    const committee = await body(db);
    const meeting = await services.meetingWorkspace.createMeeting(officer, { organisationId: String(committee.id), meetingDate: '2026-03-16' });
    const item = await services.meetingWorkspace.addAgendaItem(officer, meeting.id, { title: 'Library opening hours' });
    const current = await db.db.selectFrom('meetings').select('version').where('id', '=', meeting.id).executeTakeFirstOrThrow();
    await services.meetingWorkspace.publishAgenda(officer, meeting.id, { version: String(current.version), urgencyReason: 'Urgent.' });
    const values = { title: 'Library hours', agendaItemId: String(item.id), limb1Verb: 'approved', limb1Text: `That the ${words} be approved.` };
    const minute = await services.meetingWorkspace.addMinute(officer, meeting.id, values, limbRows(values));
    const limb = await db.db
      .selectFrom('resolution_limbs as l')
      .innerJoin('resolutions as r', 'r.id', 'l.resolution_id')
      .select(['l.id', 'l.version'])
      .where('r.minute_id', '=', minute.id)
      .executeTakeFirstOrThrow();
    return { committee, meeting, item, minute, limb };
  }

  it('corrects a limb with its history and search row in one commit, and a withdrawn limb’s words leave search at once', async () => {
    const { limb } = await minutedLimb('axolotl hours');
    expect(await found('axolotl')).not.toHaveLength(0);

    const audited = await auditCount();
    const correction = { verb: 'approved', text: 'That the pangolin hours be approved.', version: String(limb.version) };
    await stopped('indexed', () => services.meetingWorkspace.correctLimb(officer, limb.id, correction));
    // Stopped after the change, its audit event and its search rows: none of them is kept.
    expect(await auditCount()).toBe(audited);
    expect(await found('pangolin')).toHaveLength(0);
    expect((await services.meetingWorkspace.limb(officer, limb.id)).limb.text).toBe('That the axolotl hours be approved.');

    await services.meetingWorkspace.correctLimb(officer, limb.id, correction);
    expect((await services.audit.history('resolution_limb', limb.id)).map((h) => h.action)).toEqual(['correct']);
    expect(await found('pangolin')).not.toHaveLength(0);
    expect(await found('axolotl')).toHaveLength(0);

    await services.meetingWorkspace.withdrawLimb(officer, limb.id, { reason: 'Recorded against the wrong item.', version: String(limb.version + 1) });
    expect(await found('pangolin')).toHaveLength(0);
    expect((await services.audit.history('resolution_limb', limb.id)).map((h) => h.action)).toEqual(['withdraw', 'correct']);
  });

  it('refuses a limb correction and a record withdrawal to a councillor, writing nothing', async () => {
    const { limb, item } = await minutedLimb('wombat ramps');
    const audited = await auditCount();
    const correction = { verb: 'approved', text: 'That the wombat ramps be widened.', version: String(limb.version) };
    await expect(services.meetingWorkspace.correctLimb(councillor, limb.id, correction)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(services.withdrawals.withdraw(councillor, 'agenda_item', item.id, { reason: 'Wrong meeting.' })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await auditCount()).toBe(audited);
    expect(await found('widened')).toHaveLength(0);
  });

  it('attaches a paper’s file with its audit event and search row, and refuses a councillor or an import', async () => {
    const paper = await document(db, { slug: 'okapi-report', title: 'Okapi report' });
    const pdf = Buffer.from(await tinyPdf(['Okapi paddock', 'The okapi paddock needs a gate.']));
    const file = { buffer: pdf, fileName: 'okapi.pdf', mediaType: PDF };
    await expect(services.documentFiles.attach(councillor, paper.slug, file)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(services.documentFiles.attach('import:moderngov', paper.slug, file)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await services.audit.history('document', paper.id)).toEqual([]);

    await stopped('indexed', () => services.documentFiles.attach(officer, paper.slug, file));
    expect(await services.audit.history('document', paper.id)).toEqual([]);
    expect(await found('paddock')).toHaveLength(0);

    await services.documentFiles.attach(officer, paper.slug, file);
    expect((await services.audit.history('document', paper.id)).map((h) => h.action)).toEqual(['attach_file']);
    expect(await found('paddock')).toEqual([{ kind: 'document', record_id: paper.id }]);
  });

  it('records signed minutes with their audit event, and puts the signed minutes into search in the same commit', async () => {
    const { committee, meeting } = await minutedLimb('tapir benches');
    const next = await services.meetingWorkspace.createMeeting(officer, { organisationId: String(committee.id), meetingDate: '2026-04-13' });
    const values = { title: 'Minutes of the previous meeting' };
    const confirming = await services.meetingWorkspace.addMinute(officer, next.id, values, limbRows(values));
    const scan = { buffer: Buffer.from(await tinyPdf(['Signed'])), fileName: 'signed.pdf' };

    await stopped('indexed', () => services.packs.confirmMinutes(officer, meeting.id, { minuteId: String(confirming.id) }, scan));
    expect((await services.audit.history('meeting', meeting.id)).map((h) => h.action)).not.toContain('confirm_minutes');

    const stored = await services.packs.confirmMinutes(officer, meeting.id, { minuteId: String(confirming.id) }, scan);
    expect((await services.audit.history('meeting', meeting.id)).map((h) => h.action)).toContain('confirm_minutes');
    expect(await found(`Signed minutes of ${committee.name}`)).toEqual([{ kind: 'document', record_id: stored.id }]);
  });

  it('imports a modern.gov file under the import role, its audit event and search rows in the file’s own commit', async () => {
    const audited = await auditCount();
    await stopped('indexed', () => services.imports.moderngovFiles([fixture('committees.xml')], { councilName: 'Senedd Cymru', source: 'stopped' }));
    // The import's own transaction follows the pipeline: stopped inside it, it leaves no body and no audit event.
    expect(await db.db.selectFrom('organisations').select('id').where('source_system', '=', 'moderngov').execute()).toEqual([]);
    expect(await auditCount()).toBe(audited);

    await services.imports.moderngovFiles([fixture('committees.xml')], { councilName: 'Senedd Cymru' });
    const imported = await db.db.selectFrom('organisations').select(['id', 'name']).where('source_system', '=', 'moderngov').execute();
    expect(imported.length).toBeGreaterThan(0);
    const events = (await services.audit.since('2026-01-01')).filter((e) => e.action === 'import');
    expect(events.map((e) => [e.actor, e.entityType])).toEqual([['import:moderngov', 'import']]);
    const first = imported[0];
    if (!first) throw new Error('the file holds committees');
    expect(await found(first.name)).toContainEqual({ kind: 'body', record_id: first.id });
  });

  it('imports a tracker under the import role with its audit event and search rows, or nothing when stopped', async () => {
    const file = { name: 'tracker.csv', bytes: new TextEncoder().encode(TRACKER) };
    await stopped('indexed', () => services.imports.tracker(file, { body: 'Quokka Board' }));
    expect(await found('quokka crossings')).toHaveLength(0);
    expect((await services.audit.since('2026-01-01')).filter((e) => e.actor === 'import:tracker')).toEqual([]);

    await services.imports.tracker(file, { body: 'Quokka Board' });
    expect((await services.audit.since('2026-01-01')).filter((e) => e.actor === 'import:tracker').map((e) => e.action)).toEqual(['import']);
    expect(await found('quokka crossings')).not.toHaveLength(0);
  });

  it('audits a setting changed from the command line as the system, and keeps neither when stopped', async () => {
    const key = 'notifications.reminder-days';
    await stopped('changed', () => services.settings.set(key, '21'));
    expect(await services.settings.reminderDays()).toBe(14);
    expect((await services.audit.since('2026-01-01')).filter((e) => e.entityType === 'setting')).toEqual([]);

    await services.settings.set(key, '21');
    expect(await services.settings.reminderDays()).toBe(21);
    const events = (await services.audit.since('2026-01-01')).filter((e) => e.entityType === 'setting');
    expect(events.map((e) => [e.actor, e.action])).toEqual([['system', 'set']]);
    expect(JSON.stringify(events[0])).toContain('21');
    await services.settings.reset(key);
    expect((await services.audit.since('2026-01-01')).filter((e) => e.entityType === 'setting').map((e) => e.action)).toEqual(['set', 'reset']);
  });
});
