// Who writes when no signed-in user does (the imports, the demo load, the synthetic archive), and the one summary audit event a bulk load records in its own transaction.
import type { Repositories } from '../repositories/index.ts';
import type { ImportTally } from './moderngov-import.ts';

/**
 * Who made a write that no signed-in user made: the import that did it. DESIGN.md "AuditEvent for
 * every write: actor, action, record, before/after, time": an import writes thousands of rows, so it
 * records one event naming the import as the actor, with a summary of what it created and changed,
 * rather than one per row (which would slow the demo load and the archive generator).
 */
export const IMPORT_ACTORS = {
  moderngov: 'import:moderngov',
  tracker: 'import:tracker',
  wordResponse: 'import:word-response',
  demo: 'import:demo',
  archive: 'import:archive-generator',
} as const;

export async function recordImportSummary(
  repos: Repositories,
  actor: string,
  summary: Record<string, unknown>,
  record: { entityType: string; entityId: number | null } = { entityType: 'import', entityId: null },
): Promise<void> {
  await repos.audit.record({
    actor,
    action: 'import',
    entity_type: record.entityType,
    entity_id: record.entityId,
    before_json: null,
    after_json: JSON.stringify(summary),
  });
}

/** What one unit of an import did: the counts of `after` less those of `before`, kinds with none left out. */
export function tallyDifference(before: ImportTally, after: ImportTally): ImportTally {
  const diff = (a: Record<string, number>, b: Record<string, number>): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const [kind, n] of Object.entries(b)) {
      const more = n - (a[kind] ?? 0);
      if (more > 0) out[kind] = more;
    }
    return out;
  };
  return {
    created: diff(before.created, after.created),
    updated: diff(before.updated, after.updated),
    unchanged: diff(before.unchanged, after.unchanged),
    skipped: diff(before.skipped, after.skipped),
  };
}

export function copyTally(tally: ImportTally): ImportTally {
  return { created: { ...tally.created }, updated: { ...tally.updated }, unchanged: { ...tally.unchanged }, skipped: { ...tally.skipped } };
}
