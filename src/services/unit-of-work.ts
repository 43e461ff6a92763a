// Runs a use case's writes in one transaction, with repositories over that transaction and an audit helper that writes in it too.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../domain/clock.ts';
import { actorLabel, type Actor, type SystemActor } from '../domain/roles.ts';
import { createRepositories, type Repositories } from '../repositories/index.ts';

export interface Work {
  readonly repos: Repositories;
  /**
   * DESIGN.md "AuditEvent for every write: actor, action, record, before/after, time": recorded in
   * the same transaction as the change, so a change is never kept without its audit event.
   */
  audit(action: string, entityType: string, entityId: number | null, before: unknown, after: unknown): Promise<void>;
}

export type UnitOfWork = <T>(actor: Actor | SystemActor, fn: (work: Work) => Promise<T>) => Promise<T>;

export function createUnitOfWork(db: Kysely<Database>, clock: Clock): UnitOfWork {
  return (actor, fn) => db.transaction().execute(async (trx) => {
    const repos = createRepositories({ db: trx, clock });
    const work: Work = {
      repos,
      async audit(action, entityType, entityId, before, after) {
        await repos.audit.record({
          actor: actorLabel(actor),
          action,
          entity_type: entityType,
          entity_id: entityId,
          before_json: before === null || before === undefined ? null : JSON.stringify(before),
          after_json: after === null || after === undefined ? null : JSON.stringify(after),
        });
      },
    };
    return fn(work);
  });
}
