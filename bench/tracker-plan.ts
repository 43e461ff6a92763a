// Prints the timings of the tracker's queries and of the refresh that keeps its entries, on an archive: `npx tsx bench/tracker-plan.ts DATABASE`.
import { createDb } from '../src/db/create-db.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../src/db/schema.ts';
import { createRepositories, type Repositories } from '../src/repositories/index.ts';
import { systemClock } from '../src/domain/clock.ts';

const database = await createDb(process.argv[2]);
const repos = createRepositories({ db: database.db, clock: systemClock });
const ROUNDS = 20;

class RolledBack extends Error {}

/** Runs a step in a transaction that is then rolled back: the refreshes are timed without changing the archive. */
async function rolledBack(step: (r: Repositories, trx: Kysely<Database>) => Promise<unknown>): Promise<void> {
  try {
    await database.db.transaction().execute(async (trx) => {
      await step(createRepositories({ db: trx, clock: systemClock }), trx);
      throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  }
}

const [first] = await repos.tracker.entryPage({}, { offset: 0, limit: 1 });
if (first === undefined) throw new Error('the archive has no open recommendation on the tracker');
const steps: [string, () => Promise<unknown>][] = [
  ['counts by filter and standing', () => repos.tracker.entryGroups('2026-12-03')],
  ['page 1', () => repos.tracker.entryPage({}, { offset: 0, limit: 100 })],
  ['page 50', () => repos.tracker.entryPage({}, { offset: 4900, limit: 100 })],
  ['page 1 of one status', () => repos.tracker.entryPage({ status: 'slipped' }, { offset: 0, limit: 100 })],
  ['every entry derived (what the counts read before migration 0043)', () => repos.tracker.derivedEntries()],
  ['a transaction rolled back, with nothing in it (each refresh below is timed in one)', () => rolledBack(() => Promise.resolve())],
  ['refresh of one recommendation, unchanged', () => rolledBack((r) => r.tracker.refreshEntries([first]))],
  [
    'refresh of one recommendation, written',
    () =>
      rolledBack(async (r, trx) => {
        await trx.deleteFrom('tracker_entries').where('recommendation_id', '=', first).execute();
        await r.tracker.refreshEntries([first]);
      }),
  ],
  ['refresh of every entry, unchanged', () => rolledBack((r) => r.tracker.refreshEntries('all'))],
];
for (const [name, step] of steps) {
  for (let i = 0; i < 3; i += 1) await step();
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  for (let i = 0; i < ROUNDS; i += 1) await step();
  const cpu = process.cpuUsage(cpuAtStart);
  // CPU time is steadier than elapsed time on a shared machine.
  process.stdout.write(
    `${((performance.now() - started) / ROUNDS).toFixed(1).padStart(7)} ms, ${((cpu.user + cpu.system) / 1000 / ROUNDS).toFixed(1).padStart(7)} ms CPU  ${name}\n`,
  );
}
await database.close();
