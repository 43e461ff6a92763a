// `scrutineer papers build [--all]`: build the meeting packs waiting in the queue (or every published meeting's) and exit.
import type { Command } from 'commander';
import { createServices } from '../../services/index.ts';
import { packLinks } from '../pack-worker.ts';
import { openDatabase, print, readEnv } from '../runtime.ts';

export function registerPapersCommand(program: Command): void {
  const papers = program.command('papers').description('Meeting packs: the agenda pack, supplements and the exempt pack.');
  papers
    .command('build')
    .description('Build the meeting packs waiting in the queue (what the server does in the background), then exit.')
    .option('--all', 'queue every meeting whose agenda is published first (after an import or a restore); unchanged packs are not rebuilt')
    .action(async (opts: { all?: boolean }) => {
      const env = readEnv();
      const database = await openDatabase(env.DATABASE_URL);
      try {
        const services = createServices({ database, packLinks: packLinks(env.BASE_URL), ...(env.COUNCIL_NAME ? { councilName: env.COUNCIL_NAME } : {}) });
        if (opts.all) print(`Queued ${await services.packs.requestAll()} meetings.`);
        let meetings = 0;
        let built = 0;
        let failed = 0;
        for (;;) {
          const result = await services.packs.work(10);
          if (result.requests === 0) break;
          meetings += result.meetings;
          built += result.built;
          for (const f of result.failures) {
            failed += 1;
            print(`Meeting ${f.meetingId}: ${f.error instanceof Error ? f.error.message : String(f.error)}`);
          }
        }
        print(`Checked ${meetings} meetings; built ${built} packs${failed > 0 ? `; ${failed} meetings failed` : ''}.`);
        if (failed > 0) process.exitCode = 1;
      } finally {
        await database.close();
      }
    });
}
