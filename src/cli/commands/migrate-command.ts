// `scrutineer migrate`: bring the database schema up to date.
import type { Command } from 'commander';
import { openDatabase, print, readEnv } from '../runtime.ts';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Bring the database schema up to date and exit.')
    .action(async () => {
      const env = readEnv();
      const database = await openDatabase(env.DATABASE_URL, print);
      print(`Database ${database.location} is up to date.`);
      await database.close();
    });
}
