// `scrutineer backup FILE`: a consistent snapshot of the database, taken while the site keeps serving.
import type { Command } from 'commander';
import { BackupError } from '../../db/backup.ts';
import { createServices } from '../../services/index.ts';
import { CliError, openDatabase, print, readEnv } from '../runtime.ts';

export function registerBackupCommand(program: Command): void {
  program
    .command('backup')
    .description('Write a consistent snapshot of the database to FILE (SQLite backup API, or pg_dump custom format); safe while serving.')
    .argument('<file>', 'where to write the backup')
    .action(async (file: string) => {
      const env = readEnv();
      const database = await openDatabase(env.DATABASE_URL);
      try {
        const result = await createServices({ database }).backup.backup(file);
        print(`Backed up ${database.location} to ${result.file} (${result.bytes} bytes).`);
      } catch (error) {
        if (error instanceof BackupError) throw new CliError(error.message);
        throw error;
      } finally {
        await database.close();
      }
    });
}
