// The meeting record kept from the workspace on both engines: papers uploaded (exempt ones never public), attendance and declarations, and agenda items and minutes corrected under a version check.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph } from 'docx';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../src/services/errors.ts';
import * as make from '../support/factories.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { tinyPdf } from '../support/tiny-pdf.ts';

const fieldsOf = (error: unknown) => (error as ValidationError).errors.map((e) => e.field).sort();

describe.each(testDialects())('meeting record on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  let officer: Actor;
  let meetingId: number;
  let meetingSlug: string;
  let itemId: number;
  let personId: number;
  let bodyId: number;
  const councillor: Actor = { userId: 98, email: 'c@example.org', name: 'C', role: 'councillor', personId: null };

  beforeAll(async () => {
    db = await createTestDb(dialect);
    services = createServices({ database: db, clock: fixedClock('2025-12-01T10:00:00Z') });
    bodyId = (await make.body(db, { slug: 'scrutiny', name: 'Overview and Scrutiny', kind: 'scrutiny_committee' })).id;
    const person = await make.person(db, { slug: 'cllr-allcock', name: 'Councillor Allcock' });
    personId = person.id;
    const user = await services.auth.addUser('system', {
      email: 'dso@example.org',
      name: 'Dem Services',
      role: 'democratic_services',
      password: 'a long password here',
    });
    officer = { userId: user.id, email: user.email, name: user.name, role: 'democratic_services', personId: null };
  });
  // Each test records on a meeting of its own, so none depends on what another wrote (or runs alone with `-t`).
  beforeEach(async () => {
    const meeting = await services.meetingWorkspace.createMeeting(officer, { organisationId: String(bodyId), meetingDate: '2025-12-10' });
    meetingId = meeting.id;
    meetingSlug = meeting.slug;
    itemId = (await services.meetingWorkspace.addAgendaItem(officer, meetingId, { title: 'Housing repairs', description: 'The repairs backlog' })).id;
    // The agenda is published, so its items are public.
    await services.meetingWorkspace.publishAgenda(officer, meetingId, { version: String(meeting.version) });
  });
  afterAll(async () => db.destroy());

  it('uploads a public PDF whose text is found by search and whose file is served', async () => {
    const pdf = await tinyPdf(['Housing repairs performance', 'The backlog fell to 412 jobs: marmoset.']);
    const stored = await services.meetingWorkspace.uploadDocument(
      officer,
      meetingId,
      { title: 'Repairs report', kind: 'report', agendaItemId: String(itemId) },
      { buffer: pdf, fileName: 'repairs.pdf' },
    );
    expect(stored).toMatchObject({
      title: 'Repairs report',
      kind: 'report',
      agenda_item_id: itemId,
      media_type: 'application/pdf',
      page_count: 1,
      byte_size: pdf.length,
      file_name: 'repairs.pdf',
    });
    expect(stored.text_content).toContain('marmoset');
    const file = await services.documentFiles.publicFile(stored.slug);
    expect(Buffer.compare(file.content, pdf)).toBe(0);
    const found = await services.search.search({ q: 'marmoset' });
    expect(found.hits.map((h) => h.title)).toEqual(['Repairs report']);
    const page = await services.meetings.bySlug(meetingSlug);
    expect(page.agenda[0]!.documents.map((d) => d.title)).toEqual(['Repairs report']);
  });

  it('keeps an exempt paper out of every public door: page, file, meeting page and search', async () => {
    const pdf = await tinyPdf(['Tender prices', 'Provider Z bid 1.2 million: wallaby.']);
    const stored = await services.meetingWorkspace.uploadDocument(
      officer,
      meetingId,
      { title: 'Tender evaluation', kind: 'appendix', exemptParagraph: '3' },
      { buffer: pdf, fileName: 'tender.pdf' },
    );
    expect(stored.exempt_paragraph).toBe(3);
    await expect(services.documents.bySlug(stored.slug)).rejects.toBeInstanceOf(NotFoundError);
    await expect(services.documentFiles.publicFile(stored.slug)).rejects.toBeInstanceOf(NotFoundError);
    expect(JSON.stringify(await services.meetings.bySlug(meetingSlug))).not.toContain('Tender evaluation');
    expect((await services.search.search({ q: 'wallaby' })).total).toBe(0);
    // A confidential Word paper likewise.
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Legal advice on the contract: platypus.')] }] }));
    const confidential = await services.meetingWorkspace.uploadDocument(
      officer,
      meetingId,
      { title: 'Legal advice', kind: 'other', isConfidential: '1' },
      { buffer: docx, fileName: 'advice.docx' },
    );
    expect(confidential).toMatchObject({ is_confidential: 1, media_type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
    await expect(services.documents.bySlug(confidential.slug)).rejects.toBeInstanceOf(NotFoundError);
    expect((await services.search.search({ q: 'platypus' })).total).toBe(0);
    // The workspace still lists both for officers.
    const titles = (await services.meetingWorkspace.meeting(officer, meetingId)).documents.map((d) => d.title);
    expect(titles).toEqual(expect.arrayContaining(['Tender evaluation', 'Legal advice']));
  });

  it('withholds a paper put on an exempt item with the item', async () => {
    const exemptItem = await services.meetingWorkspace.addAgendaItem(officer, meetingId, { title: 'Staffing', exemptParagraph: '1' });
    const stored = await services.meetingWorkspace.uploadDocument(
      officer,
      meetingId,
      { title: 'Staffing report', kind: 'report', agendaItemId: String(exemptItem.id) },
      { buffer: await tinyPdf(['Officer X: numbat.']), fileName: 's.pdf' },
    );
    expect(stored.exempt_paragraph).toBe(1);
    await expect(services.documentFiles.publicFile(stored.slug)).rejects.toBeInstanceOf(NotFoundError);
    expect((await services.search.search({ q: 'numbat' })).total).toBe(0);
  });

  it('judges a file by its bytes and names each bad field, storing nothing', async () => {
    const before = (await db.db.selectFrom('documents').select('id').execute()).length;
    const renamed = await services.meetingWorkspace
      .uploadDocument(
        officer,
        meetingId,
        { title: '', kind: 'nonsense', exemptParagraph: '9' },
        { buffer: Buffer.from('GIF89a pretending to be a pdf'), fileName: 'report.pdf' },
      )
      .catch((e: unknown) => e);
    expect(renamed).toBeInstanceOf(ValidationError);
    expect(fieldsOf(renamed)).toEqual(['exemptParagraph', 'file', 'kind', 'title']);
    expect((renamed as ValidationError).errors.find((e) => e.field === 'file')?.message).toBe('The file must be a PDF or a Word (.docx) document');
    const missing = await services.meetingWorkspace.uploadDocument(officer, meetingId, { title: 'No file', kind: 'report' }, null).catch((e: unknown) => e);
    expect(fieldsOf(missing)).toEqual(['file']);
    const huge = Buffer.alloc(50 * 1024 * 1024 + 1);
    huge.write('%PDF-1.7');
    const tooBig = await services.meetingWorkspace
      .uploadDocument(officer, meetingId, { title: 'Huge', kind: 'report' }, { buffer: huge, fileName: 'huge.pdf' })
      .catch((e: unknown) => e);
    expect((tooBig as ValidationError).errors).toEqual([{ field: 'file', message: 'The file must be smaller than 50 MB' }]);
    const otherItem = await services.meetingWorkspace
      .uploadDocument(officer, meetingId, { title: 'Elsewhere', kind: 'report', agendaItemId: '999999' }, { buffer: await tinyPdf(['x']), fileName: 'x.pdf' })
      .catch((e: unknown) => e);
    expect(fieldsOf(otherItem)).toEqual(['agendaItemId']);
    expect((await db.db.selectFrom('documents').select('id').execute()).length).toBe(before);
  });

  it('records attendance from the people list or by name, refuses a second entry for one person, and removes an entry', async () => {
    const present = await services.meetingWorkspace.addAttendance(officer, meetingId, { personId: String(personId), status: 'present', role: 'Chair' });
    expect(present).toMatchObject({ person_id: personId, name: 'Councillor Allcock', status: 'present', role: 'Chair' });
    const sub = await services.meetingWorkspace.addAttendance(officer, meetingId, {
      name: 'Councillor Short',
      status: 'substitute',
      role: 'Substitute for Councillor Clark',
    });
    expect(sub).toMatchObject({ person_id: null, name: 'Councillor Short', status: 'substitute' });
    expect(fieldsOf(await services.meetingWorkspace.addAttendance(officer, meetingId, { status: 'present' }).catch((e: unknown) => e))).toEqual(['personId']);
    expect(
      fieldsOf(await services.meetingWorkspace.addAttendance(officer, meetingId, { name: 'Someone', status: 'expected' }).catch((e: unknown) => e)),
    ).toEqual(['status']);
    const twice = await services.meetingWorkspace
      .addAttendance(officer, meetingId, { personId: String(personId), status: 'apologies' })
      .catch((e: unknown) => e);
    expect((twice as ValidationError).errors[0]?.message).toBe('Councillor Allcock is already recorded as present: remove that entry first');
    const apologies = await services.meetingWorkspace.addAttendance(officer, meetingId, { name: 'Councillor Clark', status: 'apologies' });
    await services.meetingWorkspace.removeAttendance(officer, meetingId, apologies.id);
    await expect(services.meetingWorkspace.removeAttendance(officer, meetingId, apologies.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(services.meetingWorkspace.removeAttendance(officer, meetingId + 1000, present.id)).rejects.toBeInstanceOf(NotFoundError);
    const shown = (await services.meetings.bySlug(meetingSlug)).attendance.map((a) => [a.name, a.status]);
    expect(shown).toEqual([
      ['Councillor Allcock', 'present'],
      ['Councillor Short', 'substitute'],
    ]);
  });

  it('records a declaration on an item with its dispensation, shows it publicly, and removes one', async () => {
    const declared = await services.meetingWorkspace.addDeclaration(officer, meetingId, {
      personId: String(personId),
      agendaItemId: String(itemId),
      kind: 'disclosable_pecuniary',
      interest: 'Owns a rented house in the area',
      dispensation: 'Granted by the Monitoring Officer to speak but not vote',
    });
    expect(declared).toMatchObject({ name: 'Councillor Allcock', agenda_item_id: itemId, kind: 'disclosable_pecuniary' });
    const bad = await services.meetingWorkspace.addDeclaration(officer, meetingId, { kind: 'gossip', interest: ' ' }).catch((e: unknown) => e);
    expect(fieldsOf(bad)).toEqual(['interest', 'kind']);
    const other = await services.meetingWorkspace.addDeclaration(officer, meetingId, {
      name: 'Councillor Read',
      kind: 'other_registrable',
      interest: 'Governor of a school',
    });
    await services.meetingWorkspace.removeDeclaration(officer, meetingId, other.id);
    const shown = (await services.meetings.bySlug(meetingSlug)).declarations;
    expect(shown.map((d) => [d.name, d.interest, d.dispensation])).toEqual([
      ['Councillor Allcock', 'Owns a rented house in the area', 'Granted by the Monitoring Officer to speak but not vote'],
    ]);
  });

  it('edits an agenda item with the people it names, refuses a stale version, and takes a newly exempt item out of search', async () => {
    await services.meetingWorkspace.uploadDocument(
      officer,
      meetingId,
      { title: 'Repairs report', kind: 'report', agendaItemId: String(itemId) },
      { buffer: await tinyPdf(['The backlog by ward: quokka.']), fileName: 'repairs.pdf' },
    );
    const item = (await services.meetingWorkspace.agendaItem(officer, itemId)).item;
    const saved = await services.meetingWorkspace.updateAgendaItem(officer, itemId, {
      version: String(item.version),
      title: 'Housing repairs: performance',
      description: 'The repairs backlog, quarter 2',
      reportOf: 'Strategic Director of Housing',
      person1Role: 'cabinet_member',
      person1PersonId: String(personId),
      person2Role: 'presenter',
      person2Name: 'Jo Bloggs',
      person2Note: 'Head of Repairs',
    });
    expect(saved).toMatchObject({ title: 'Housing repairs: performance', report_of: 'Strategic Director of Housing', version: item.version + 1 });
    expect(saved.people.map((p) => [p.position, p.role, p.name, p.person_id, p.note])).toEqual([
      [1, 'cabinet_member', 'Councillor Allcock', personId, null],
      [2, 'presenter', 'Jo Bloggs', null, 'Head of Repairs'],
    ]);
    const publicItem = (await services.meetings.bySlug(meetingSlug)).agenda.find((a) => a.id === itemId)!;
    expect(publicItem.people.map((p) => p.name)).toEqual(['Councillor Allcock', 'Jo Bloggs']);

    const stale = await services.meetingWorkspace.updateAgendaItem(officer, itemId, { version: String(item.version), title: 'Old' }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    const badRow = await services.meetingWorkspace
      .updateAgendaItem(officer, itemId, { version: String(saved.version), title: 'x', person1Role: 'king', person1Name: 'A' })
      .catch((e: unknown) => e);
    expect(fieldsOf(badRow)).toEqual(['person1Role']);

    expect((await services.search.search({ q: 'quokka' })).total).toBe(1);
    expect((await services.search.search({ q: 'quarter' })).total).toBe(1);
    const exempt = await services.meetingWorkspace.updateAgendaItem(officer, itemId, {
      version: String(saved.version),
      title: 'Housing repairs: performance',
      exemptParagraph: '3',
    });
    expect(exempt.exempt_paragraph).toBe(3);
    expect(exempt.people).toEqual([]);
    // Its paper hangs from a withheld item now, so it leaves search with it.
    expect((await services.search.search({ q: 'quokka' })).total).toBe(0);
    expect((await services.search.search({ q: 'quarter' })).total).toBe(0);
    const paper = await db.db.selectFrom('documents').select('slug').where('agenda_item_id', '=', itemId).executeTakeFirstOrThrow();
    await expect(services.documents.bySlug(paper.slug)).rejects.toBeInstanceOf(NotFoundError);
    await expect(services.documentFiles.publicFile(paper.slug)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('edits a minute’s number and words under a version check, and refuses a number already used', async () => {
    const first = await services.meetingWorkspace.addMinute(officer, meetingId, { title: 'Apologies' });
    const second = await services.meetingWorkspace.addMinute(officer, meetingId, { title: 'Repairs', body: 'The committee considered the report.' });
    const taken = await services.meetingWorkspace
      .updateMinute(officer, second.id, { version: String(second.version), number: String(first.number), title: 'Repairs' })
      .catch((e: unknown) => e);
    expect((taken as ValidationError).errors).toEqual([
      { field: 'number', message: `Minute ${first.number} of this body is already used in this municipal year` },
    ]);
    const saved = await services.meetingWorkspace.updateMinute(officer, second.id, {
      version: String(second.version),
      number: '45',
      title: 'Housing repairs',
      body: 'The committee considered the report of the Strategic Director.',
    });
    expect(saved).toMatchObject({
      number: 45,
      title: 'Housing repairs',
      body: 'The committee considered the report of the Strategic Director.',
      version: second.version + 1,
    });
    await expect(
      services.meetingWorkspace.updateMinute(officer, second.id, { version: String(second.version), number: '46', title: 'x' }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(
      fieldsOf(
        await services.meetingWorkspace
          .updateMinute(officer, second.id, { version: String(saved.version), number: 'forty', title: '' })
          .catch((e: unknown) => e),
      ),
    ).toEqual(['number', 'title']);
  });

  it('refuses a councillor every change', async () => {
    await expect(services.meetingWorkspace.addAttendance(councillor, meetingId, { name: 'X', status: 'present' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      services.meetingWorkspace.uploadDocument(councillor, meetingId, { title: 'X', kind: 'report' }, { buffer: await tinyPdf(['x']), fileName: 'x.pdf' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(services.meetingWorkspace.updateMinute(councillor, 1, { version: '1', number: '1', title: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('audits every change in its transaction, with the values before and after', async () => {
    const ws = services.meetingWorkspace;
    await ws.uploadDocument(officer, meetingId, { title: 'Audited paper', kind: 'report' }, { buffer: await tinyPdf(['Audited']), fileName: 'a.pdf' });
    await ws.removeAttendance(officer, meetingId, (await ws.addAttendance(officer, meetingId, { name: 'Councillor Clark', status: 'apologies' })).id);
    await ws.removeDeclaration(
      officer,
      meetingId,
      (await ws.addDeclaration(officer, meetingId, { name: 'Councillor Read', kind: 'other_registrable', interest: 'Governor' })).id,
    );
    const item = (await ws.agendaItem(officer, itemId)).item;
    await ws.updateAgendaItem(officer, itemId, { version: String(item.version), title: 'Housing repairs: performance' });
    const minute = await ws.addMinute(officer, meetingId, { title: 'Repairs' });
    await ws.updateMinute(officer, minute.id, { version: String(minute.version), number: String(minute.number), title: 'Housing repairs' });
    const events = (await services.audit.since('2025-01-01')).filter((e) => e.actor === `user:${officer.userId} dso@example.org`);
    const actions = new Set(events.map((e) => `${e.action} ${e.entityType}`));
    for (const expected of [
      'create document',
      'create attendance',
      'delete attendance',
      'create declaration',
      'delete declaration',
      'update agenda_item',
      'update minute',
    ]) {
      expect(actions).toContain(expected);
    }
    const history = await services.audit.history('agenda_item', itemId);
    expect(
      history.some(
        (h) =>
          h.action === 'update' && h.changes.some((c) => c.field === 'title' && c.before === 'Housing repairs' && c.after === 'Housing repairs: performance'),
      ),
    ).toBe(true);
  });
});
