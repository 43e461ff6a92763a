// Prints the tracker's queries with their query plans and timings on an archive: `npx tsx bench/tracker-plan.ts DATABASE`.
import { createDb } from '../src/db/create-db.ts';
import { createRepositories } from '../src/repositories/index.ts';
import { systemClock } from '../src/domain/clock.ts';
import { OPEN_RECOMMENDATION_STATUSES } from '../src/domain/recommendation-lifecycle.ts';

const database = await createDb(process.argv[2]);
const repos = createRepositories({ db: database.db, clock: systemClock });
const ROUNDS = 10;
const query = { statuses: OPEN_RECOMMENDATION_STATUSES };
const steps: [string, () => Promise<unknown>][] = [
  ['counts by filter and standing', () => repos.tracker.entryGroups(query, '2026-12-03')],
  ['page 1', () => repos.tracker.entryPage(query, {}, { offset: 0, limit: 100 })],
  ['page 50', () => repos.tracker.entryPage(query, {}, { offset: 4900, limit: 100 })],
];
for (const [name, step] of steps) {
  await step();
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
