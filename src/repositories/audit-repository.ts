// The audit trail: one row per write, with who, when, what and the values before and after (as JSON text).
import type { RepositoryContext } from './repository-context.ts';

export interface NewAuditEvent {
  actor: string;
  action: string;
  entity_type: string;
  entity_id: number | null;
  before_json: string | null;
  after_json: string | null;
}

export function createAuditRepository({ db, clock }: RepositoryContext) {
  return {
    async record(values: NewAuditEvent) {
      await db
        .insertInto('audit_events')
        .values({ ...values, occurred_at: clock.now().toISOString() })
        .execute();
    },

    async forEntity(entityType: string, entityId: number) {
      return db
        .selectFrom('audit_events')
        .selectAll()
        .where('entity_type', '=', entityType)
        .where('entity_id', '=', entityId)
        .orderBy('occurred_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
    },

    /** Every event at or after an instant, oldest first. */
    async since(instant: string) {
      return db.selectFrom('audit_events').selectAll().where('occurred_at', '>=', instant).orderBy('occurred_at').orderBy('id').execute();
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
