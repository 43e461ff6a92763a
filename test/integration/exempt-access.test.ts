// Exempt papers on both engines: a councillor reads those of bodies they sit on, officers read all, and nobody else learns they exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { NotFoundError } from '../../src/services/errors.ts';
import * as make from '../support/factories.ts';
import { createTestDb, testDialects, type TestDb } from '../support/test-db.ts';

describe.each(testDialects())('exempt papers on %s', (dialect) => {
  let db: TestDb;
  let services: Services;
  const ids: Record<string, number> = {};
  let councillor: Actor;
  let former: Actor;
  const officer: Actor = { userId: 1, email: 'o@example.org', name: 'O', role: 'democratic_services', personId: null };
  const lead: Actor = { userId: 2, email: 'l@example.org', name: 'L', role: 'lead_officer', personId: null };

  beforeAll(async () => {
    db = await createTestDb(dialect);
    services = createServices({ database: db, clock: fixedClock('2026-05-20T09:00:00Z') });
    for (const key of ['planning', 'licensing']) {
      ids[key] = (await make.body(db, { slug: key, name: `${key} committee` })).id;
      const meeting = await make.meeting(db, { slug: `${key}-meeting`, organisation_id: ids[key], meeting_date: '2026-05-01' });
      ids[`${key}Item`] = (
        await make.agendaItem(db, { meeting_id: meeting.id, title: `${key} exempt item`, description: `${key} secret`, exempt_paragraph: 3 })
      ).id;
      await make.document(db, {
        slug: `${key}-appendix`,
        title: `${key} appendix`,
        kind: 'appendix',
        meeting_id: meeting.id,
        exempt_paragraph: 1,
        text_content: `${key} appendix text`,
      });
    }
    const person = async (slug: string, ends: string | null) => {
      const p = await make.person(db, { slug });
      await make.membership(db, { person_id: p.id, organisation_id: ids.planning!, ends_on: ends });
      return p.id;
    };
    councillor = { userId: 3, email: 'c@example.org', name: 'C', role: 'councillor', personId: await person('cllr-current', null) };
    former = { userId: 4, email: 'f@example.org', name: 'F', role: 'councillor', personId: await person('cllr-former', '2026-04-30') };
  });
  afterAll(async () => db.destroy());

  it('gives a councillor the exempt papers of the bodies they sit on, and no others', async () => {
    const papers = await services.exemptAccess.papers(councillor);
    expect(papers.items.map((i) => i.title)).toEqual(['planning exempt item']);
    expect(papers.documents.map((d) => d.slug)).toEqual(['planning-appendix']);
    expect((await services.exemptAccess.document(councillor, 'planning-appendix')).text_content).toBe('planning appendix text');
    expect((await services.exemptAccess.item(councillor, ids.planningItem!)).description).toBe('planning secret');
    await expect(services.exemptAccess.document(councillor, 'licensing-appendix')).rejects.toBeInstanceOf(NotFoundError);
    await expect(services.exemptAccess.item(councillor, ids.licensingItem!)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('stops when the membership has ended', async () => {
    expect((await services.exemptAccess.papers(former)).documents).toEqual([]);
    await expect(services.exemptAccess.document(former, 'planning-appendix')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('gives officers everything, and lead officers and the public nothing, with the same answer as for a paper that does not exist', async () => {
    expect((await services.exemptAccess.papers(officer)).documents).toHaveLength(2);
    for (const who of [lead, null]) {
      expect(await services.exemptAccess.papers(who)).toEqual({ items: [], documents: [] });
      const hidden = await services.exemptAccess.document(who, 'planning-appendix').catch((e: unknown) => e);
      const missing = await services.exemptAccess.document(who, 'no-such-paper').catch((e: unknown) => e);
      expect(hidden).toBeInstanceOf(NotFoundError);
      expect((hidden as Error).message).toBe((missing as Error).message);
    }
  });
});
