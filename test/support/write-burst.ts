// A writer for crash tests: commits numbered batches of progress updates, announcing each commit on stdout.
// Usage: node --import tsx test/support/write-burst.ts DATABASE_FILE BATCHES
import { openDatabase } from '../../src/cli/runtime.ts';
import { systemClock } from '../../src/domain/clock.ts';
import { createRepositories } from '../../src/repositories/index.ts';
import { createServices } from '../../src/services/index.ts';

export const ROWS_PER_BATCH = 5;
export const LAST_BATCH_KEY = 'burst.last';

const [file, batchesText] = process.argv.slice(2);
const batches = Number(batchesText);
const database = await openDatabase(file);
const services = createServices({ database });
await services.demo.loadIfAbsent();
const repos = createRepositories({ db: database.db, clock: systemClock });
const [review] = await repos.reviews.list({ limit: 1, offset: 0 });
const recommendations = await repos.recommendations.forReview(review!.id);

// Resumes after the last batch that committed, so that a rerun after a crash completes the job.
const start = Number((await repos.settings.get(LAST_BATCH_KEY)) ?? 0) + 1;
for (let batch = start; batch <= batches; batch += 1) {
  await database.db.transaction().execute(async (trx) => {
    const tx = createRepositories({ db: trx, clock: systemClock });
    for (let row = 1; row <= ROWS_PER_BATCH; row += 1) {
      await tx.recommendations.addProgress({
        recommendation_id: recommendations[row % recommendations.length]!.id,
        update_date: '2024-06-01',
        status: 'in_progress',
        rag: 'green',
        narrative: `batch ${batch} row ${row}`,
        previous_target_date: null,
        new_target_date: null,
        slip_reason: null,
        author_name: 'Crash test',
      });
    }
    await tx.settings.set(LAST_BATCH_KEY, String(batch));
  });
  // Printed only after the commit returned: every batch announced here must survive a crash.
  process.stdout.write(`committed ${batch}\n`);
}
process.stdout.write('done\n');
await database.close();
