// Reading the audit trail: a record's history, and every change since a date.
import { z } from 'zod';
import type { Repositories } from '../repositories/index.ts';
import { ValidationError } from './errors.ts';

/** One audit event with its before and after values parsed back, and the fields that changed. */
export interface AuditEntry {
  readonly id: number;
  readonly actor: string;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: number | null;
  readonly occurredAt: string;
  readonly changes: readonly { field: string; before: string; after: string }[];
}

function parse(json: string | null): Record<string, unknown> {
  if (!json) return {};
  const value: unknown = JSON.parse(json);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
}

function show(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

// Bookkeeping columns change on every write and say nothing about what was changed.
const IGNORED = new Set(['version', 'updated_at', 'created_at']);

export function toEntry(row: {
  id: number;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: number | null;
  occurred_at: string;
  before_json: string | null;
  after_json: string | null;
}): AuditEntry {
  const before = parse(row.before_json);
  const after = parse(row.after_json);
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => !IGNORED.has(f));
  const changes = fields.map((field) => ({ field, before: show(before[field]), after: show(after[field]) })).filter((c) => c.before !== c.after);
  return { id: row.id, actor: row.actor, action: row.action, entityType: row.entity_type, entityId: row.entity_id, occurredAt: row.occurred_at, changes };
}

export function createAuditService(repos: () => Repositories) {
  return {
    async history(entityType: string, entityId: number): Promise<AuditEntry[]> {
      return (await repos().audit.forEntity(entityType, entityId)).map(toEntry);
    },

    /** Every change from the start of a day (UTC midnight of 'YYYY-MM-DD'), oldest first. */
    async since(date: string): Promise<AuditEntry[]> {
      const parsed = z.iso.date('Give the date as YYYY-MM-DD').safeParse(date);
      if (!parsed.success) throw new ValidationError([{ field: 'since', message: 'Give the date as YYYY-MM-DD' }]);
      return (await repos().audit.since(`${parsed.data}T00:00:00.000Z`)).map(toEntry);
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
