// The write pipeline's declarations: a command with no roles cannot be defined, and a role a command does not declare is refused (an error from the service, 403 from the web) with nothing written.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { defineCommand } from '../../src/services/command.ts';
import { ForbiddenError } from '../../src/services/errors.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { buildApp } from '../../src/web/app.ts';
import { paths } from '../../src/web/paths.ts';
import { createLifecycleCase, type LifecycleCase } from '../support/lifecycle-fixtures.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';
import { signedIn } from '../support/workspace-client.ts';

describe('declaring a command', () => {
  it('cannot be done without roles, for the compiler nor at run time', () => {
    const declare = () =>
      defineCommand({
        name: 'nobody.may',
        // @ts-expect-error a command must name at least one role
        roles: [],
        input: z.object({}),
        change: () => Promise.resolve(undefined),
      });
    expect(declare).toThrow(TypeError);
    expect(declare).toThrow('The command nobody.may declares no roles');
  });
});

const RESPONSE = {
  decision: 'accepted',
  responseText: 'Agreed: letters go the same day.',
  proposedAction: 'Send letters electronically',
  responsibleName: 'Director of Nursing',
  actionByDate: '2026-09-30',
  respondedOn: '2026-04-01',
};

describe.each(testDialects())('a role a command does not declare, on %s', (dialect) => {
  let database: TestDb;
  let services: Services;
  let c: LifecycleCase;
  let councillor: Actor;

  beforeAll(async () => {
    database = await createTestDb(dialect);
    services = createServices({ database, clock: fixedClock('2026-06-15T09:00:00Z') });
    c = await createLifecycleCase(services);
    const user = await services.auth.addUser('system', { email: 'cllr@example.org', name: 'Cllr Smith', role: 'councillor', password: 'a long password here' });
    councillor = { userId: user.id, email: user.email, name: user.name, role: 'councillor', personId: user.person_id };
  });
  afterAll(async () => {
    await database?.destroy();
  });

  /** What a refused write must not have left: a response, a progress update, a sign-off or an audit event. */
  async function written() {
    const count = async (table: 'executive_responses' | 'progress_updates' | 'audit_events') =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const signedOff = await database.db.selectFrom('recommendations').select('id').where('status', '=', 'signed_off').execute();
    return {
      responses: await count('executive_responses'),
      progress: await count('progress_updates'),
      audit: await count('audit_events'),
      signedOff: signedOff.length,
    };
  }

  it('is refused by the service with a ForbiddenError and nothing written', async () => {
    const before = await written();
    await expect(services.recommendations.respond(c.reviewSlug, 1, RESPONSE, councillor)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(services.recommendations.respond(c.reviewSlug, 1, RESPONSE, c.lead)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      services.recommendations.addProgress(c.reviewSlug, 1, { updateDate: '2026-06-01', status: 'on_track', narrative: 'Going well' }, councillor),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(services.recommendations.signOff(c.reviewSlug, 1, { meeting: null }, c.lead)).rejects.toBeInstanceOf(ForbiddenError);
    // A writer that is not a user must be named by the command too: an import may not sign off or set a schedule.
    await expect(services.recommendations.signOff(c.reviewSlug, 1, { meeting: null }, 'import:tracker')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(services.tracker.setMonitoringSchedule(c.reviewSlug, { months: [6], intervalMonths: null }, 'import:tracker')).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(services.tracker.setMonitoringSchedule(c.reviewSlug, { months: [6], intervalMonths: null }, councillor)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(await written()).toEqual(before);

    // The same write by a declared role goes through, with its audit event.
    await services.recommendations.respond(c.reviewSlug, 1, RESPONSE, c.officer);
    expect(await written()).toEqual({ ...before, responses: before.responses + 1, audit: before.audit + 1 });
  });

  it.runIf(dialect === 'sqlite')('is refused through the web with 403 and nothing written', async () => {
    const app: FastifyInstance = await buildApp({ services, signInRateLimit: 1000 });
    try {
      const lead = await signedIn(app, 'lead@example.org', 'a long password here');
      const cllr = await signedIn(app, 'cllr@example.org', 'a long password here');
      const before = await written();
      const recommendation = c.recommendations[1] ?? 0;
      // A lead officer may record progress, but only on a recommendation whose response names them.
      const progress = await lead.submit(
        paths.admin.password(),
        { updateDate: '2026-06-01', status: 'on_track', narrative: 'Going well' },
        paths.admin.progress(recommendation),
      );
      expect(progress.statusCode).toBe(403);
      const response = await lead.submit(paths.admin.password(), { ...RESPONSE, version: '' }, paths.admin.response(recommendation));
      expect(response.statusCode).toBe(403);
      const home = await cllr.get(paths.admin.home());
      expect(home.statusCode).toBe(200);
      const byCouncillor = await cllr.submit(paths.admin.password(), { ...RESPONSE, version: '' }, paths.admin.response(recommendation));
      expect(byCouncillor.statusCode).toBe(403);
      expect(await written()).toEqual(before);
    } finally {
      await app.close();
    }
  });

  it.runIf(dialect === 'sqlite')('answers a stale save through the one form helper: 409, their version and what was typed, nothing written', async () => {
    const app: FastifyInstance = await buildApp({ services, signInRateLimit: 1000 });
    try {
      const clerk = await signedIn(app, 'clerk@example.org', 'a long password here');
      const before = await written();
      const review = await clerk.submit(paths.admin.review(c.reviewId), {
        title: 'Hospital discharge: a typed title',
        organisationId: String(c.committeeId),
        version: '0',
      });
      expect(review.statusCode).toBe(409);
      expect(review.body).toContain('Someone else changed this review after you opened it');
      expect(review.body).toContain('Hospital discharge: a typed title');
      const recommendation = c.recommendations[2] ?? 0;
      const response = await clerk.submit(paths.admin.response(recommendation), { ...RESPONSE, version: '7' });
      expect(response.statusCode).toBe(409);
      expect(response.body).toContain('Someone else changed this response after you opened it');
      expect(response.body).toContain('Director of Nursing');
      expect(await written()).toEqual(before);
      expect((await services.reviews.bySlug(c.reviewSlug)).review.title).toBe('Hospital discharge');
    } finally {
      await app.close();
    }
  });
});
