// Notifications on both engines, sent to a real SMTP server started in-process: reminders, the response due, followers, once each.
import type { AddressInfo } from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/domain/clock.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { NotFoundError, ValidationError } from '../../src/services/errors.ts';
import * as factory from '../support/factories.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

interface Received {
  to: string[];
  raw: string;
}

const SETTINGS = { baseUrl: 'https://democracy.example.gov.uk', from: 'Scrutineer <noreply@example.gov.uk>' };

describe.each(testDialects())('notifications on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  let smtp: SMTPServer;
  let transport: Transporter;
  const inbox: Received[] = [];
  let at = new Date('2026-06-15T09:00:00Z').getTime();
  const clock: Clock = { now: () => new Date(at) };
  let officer: Actor;
  let lead: Actor;
  const recs: number[] = [];
  let reviewId: number;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => {
          raw += chunk.toString('utf8');
        });
        stream.on('end', () => {
          inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });

    db = await createTestDb(dialect);
    services = createServices({ database: db, clock });
    const body = await factory.body(db, { slug: 'osmb', name: 'Scrutiny Board', kind: 'scrutiny_committee' });
    await factory.person(db, { slug: 'pat-lead', name: 'Pat Lead', kind: 'officer', email: 'Pat.Personal@example.org' });
    const o = await services.auth.addUser('system', { email: 'dso@example.org', name: 'DSO', role: 'democratic_services', password: 'a long password here' });
    const l = await services.auth.addUser('system', {
      email: 'pat@example.org',
      name: 'Pat',
      role: 'lead_officer',
      person: 'pat-lead',
      password: 'a long password here',
    });
    officer = { userId: o.id, email: o.email, name: o.name, role: 'democratic_services', personId: null };
    lead = { userId: l.id, email: l.email, name: l.name, role: 'lead_officer', personId: l.person_id };
    // Received 1 March 2026: the executive's response was due by 30 April 2026 (RULES.md rule 1) and is late.
    const late = await services.scrutinyWorkspace.createReview(officer, { title: 'Bins', organisationId: String(body.id), receivedOn: '2026-03-01' });
    const review = await services.scrutinyWorkspace.createReview(officer, { title: 'Libraries', organisationId: String(body.id), reportDate: '2026-01-10' });
    reviewId = review.id;
    expect(late.id).toBeGreaterThan(0);
    for (const [text, target] of [
      ['Open on Sundays.', '2026-06-25'],
      ['Fix the roof.', '2026-06-01'],
      ['Plant trees.', '2027-01-01'],
    ] as const) {
      const rec = await services.scrutinyWorkspace.addRecommendation(officer, review.id, { text });
      await services.scrutinyWorkspace.recordResponse(officer, rec.id, {
        decision: 'accepted',
        responseText: 'Yes.',
        proposedAction: 'Do it.',
        responsiblePerson: 'pat-lead',
        actionByDate: target,
        respondedOn: '2026-02-01',
      });
      recs.push(rec.id);
    }
  });

  afterAll(async () => {
    transport?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await db?.destroy();
  });

  it('emails the responsible officer before a target and when overdue, and the scrutiny officer when a response is late; once each', async () => {
    const { queued } = await services.notifications.queueDue(SETTINGS);
    const { sent, failed } = await services.notifications.sendDue(transport, SETTINGS);
    expect(failed).toBe(0);
    expect(sent).toBe(queued);
    const subjects = (to: string) =>
      inbox
        .filter((m) => m.to.includes(to))
        .map((m) => /^Subject: (.*)$/m.exec(m.raw)?.[1])
        .sort();
    // Pat is reached at both the account and the person's own address.
    for (const address of ['pat@example.org', 'pat.personal@example.org']) {
      expect(subjects(address)).toEqual(['Due 25 June 2026: Libraries, recommendation 1', 'Overdue: Libraries, recommendation 2 (due 1 June 2026)']);
    }
    expect(subjects('dso@example.org').some((s) => s?.startsWith('Overdue: Executive response to the review, Bins'))).toBe(true);
    expect(inbox.every((m) => /^From: Scrutineer <noreply@example.gov.uk>$/m.test(m.raw))).toBe(true);

    const before = inbox.length;
    expect((await services.notifications.queueDue(SETTINGS)).queued).toBe(0);
    expect((await services.notifications.sendDue(transport, SETTINGS)).sent).toBe(0);
    expect(inbox.length).toBe(before);
  });

  it('lets anyone follow a review: nothing but the confirmation until confirmed, then status changes, then one-click unsubscribe', async () => {
    await expect(services.notifications.follow({ email: 'not an email', entityType: 'review', entityId: String(reviewId) }, SETTINGS)).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(services.notifications.follow({ email: 'a@example.org', entityType: 'review', entityId: '999999' }, SETTINGS)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await services.notifications.follow({ email: 'Resident@Example.org', entityType: 'review', entityId: String(reviewId) }, SETTINGS);
    await services.scrutinyWorkspace.addProgress(lead, recs[0]!, { updateDate: '2026-06-15', status: 'on_track', narrative: 'Sunday opening trial begins.' });
    await services.notifications.queueDue(SETTINGS);
    inbox.length = 0;
    await services.notifications.sendDue(transport, SETTINGS);
    expect(inbox.map((m) => m.to)).toEqual([['resident@example.org']]);
    const confirmation = inbox[0]!.raw.replace(/=\r?\n/g, '');
    const token = /follow\/confirm\/([A-Za-z0-9_-]+)/.exec(confirmation)![1]!;

    await services.notifications.confirm(token);
    at += 60_000;
    await services.scrutinyWorkspace.addProgress(lead, recs[2]!, { updateDate: '2026-06-15', status: 'on_track', narrative: 'Saplings ordered.' });
    await services.notifications.queueDue(SETTINGS);
    inbox.length = 0;
    await services.notifications.sendDue(transport, SETTINGS);
    expect(inbox).toHaveLength(1);
    const update = inbox[0]!.raw.replace(/=\r?\n/g, '');
    expect(update).toContain('Subject: Update: Libraries, recommendation 3');
    expect(update).toContain('Saplings ordered.');
    expect(update).toContain(`https://democracy.example.gov.uk/unsubscribe/${token}`);

    await services.notifications.unsubscribe(token);
    await services.scrutinyWorkspace.addProgress(lead, recs[2]!, { updateDate: '2026-06-15', status: 'achieved', narrative: 'Planted.' });
    expect((await services.notifications.queueDue(SETTINGS)).queued).toBe(0);
  });

  it('keeps a message that the server refused, to retry', async () => {
    const broken = nodemailer.createTransport({ host: '127.0.0.1', port: 1, secure: false, ignoreTLS: true, connectionTimeout: 500 });
    await services.notifications.follow({ email: 'later@example.org', entityType: 'recommendation', entityId: String(recs[0]) }, SETTINGS);
    expect(await services.notifications.sendDue(broken, SETTINGS)).toEqual({ sent: 0, failed: 1 });
    const kept = await db.db
      .selectFrom('outbox')
      .select(['sent_at', 'attempts', 'last_error'])
      .where('recipient', '=', 'later@example.org')
      .executeTakeFirstOrThrow();
    expect(kept.sent_at).toBeNull();
    expect(kept.attempts).toBe(1);
    expect(await services.notifications.sendDue(transport, SETTINGS)).toEqual({ sent: 1, failed: 0 });
  });
});
