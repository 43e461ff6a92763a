// `scrutineer demo` (or `seed`): load the Rotherham reference case once.
import type { Command } from 'commander';
import { createServices } from '../../services/index.ts';
import { openDatabase, print, readEnv } from '../runtime.ts';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .alias('seed')
    .description('Load the Rotherham reference case (safe to run again: it loads only once).')
    .action(async () => {
      const env = readEnv();
      const database = await openDatabase(env.DATABASE_URL, print);
      const services = createServices({ database });
      const result = await services.demo.loadIfAbsent();
      print(
        result.loaded
          ? `Loaded the demo data into ${database.location}: ${Object.entries(result.counts)
              .map(([k, n]) => `${n} ${k}`)
              .join(', ')}.`
          : `The demo data is already loaded in ${database.location}; nothing to do.`,
      );
      await database.close();
    });
}
