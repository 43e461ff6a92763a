// A writer for the pipeline crash test: runs one officer write through the services and, when asked, stops inside its transaction at a stage of the pipeline and says so on stdout, to be killed there.
// Usage: node --import tsx test/support/pipeline-writer.ts DATABASE_URL TODAY STAGE WRITE JSON
//   STAGE: 'changed' (after the change and its audit event), 'indexed' (after the search rows, before the commit) or 'none'
//   WRITE: 'exempt' (make an agenda item exempt) or 'respond' (record the executive's response)
import { openDatabase } from '../../src/cli/runtime.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import type { Actor } from '../../src/domain/roles.ts';
import { createServices } from '../../src/services/index.ts';
import type { PipelineStage } from '../../src/services/unit-of-work.ts';

const [url, today, stage, write, json] = process.argv.slice(2);
const args = JSON.parse(json ?? '{}') as {
  itemId: number;
  title: string;
  description: string;
  version: number;
  reviewSlug: string;
  meetingSlug: string;
  words: string;
};
const database = await openDatabase(url);
const services = createServices({
  database,
  clock: fixedClock(`${today}T12:00:00Z`),
  async pipelineObserver(reached: PipelineStage) {
    if (reached !== stage) return;
    process.stdout.write(`paused at ${reached}\n`);
    // Held here, inside the open transaction, until the test kills the process. The timer keeps the
    // process alive: a bare pending promise would let Node exit (and roll back) on its own.
    setInterval(() => undefined, 60_000);
    await new Promise<never>(() => undefined);
  },
});
const officer: Actor = { userId: 1, email: 'clerk@example.gov.uk', name: 'Clerk', role: 'democratic_services', personId: null };

if (write === 'exempt') {
  await services.meetingWorkspace.updateAgendaItem(officer, args.itemId, {
    title: args.title,
    description: args.description,
    exemptParagraph: '3',
    version: String(args.version),
  });
} else if (write === 'respond') {
  await services.recommendations.respond(
    args.reviewSlug,
    1,
    {
      decision: 'accepted',
      responseText: args.words,
      proposedAction: 'Open on Saturdays',
      responsibleName: 'Head of Parks',
      actionByDate: '2026-12-31',
      agreedMeeting: args.meetingSlug,
    },
    'system',
  );
} else {
  throw new Error(`unknown write ${String(write)}`);
}
process.stdout.write('committed\n');
await database.close();
