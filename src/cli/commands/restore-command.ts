// `scrutineer restore FILE`: replace the database with a backup made by `scrutineer backup`.
import type { Command } from 'commander';
import { BackupError } from '../../db/backup.ts';
import { restoreFromBackup } from '../../services/backup-service.ts';
import { CliError, openDatabase, print, readEnv, refreshPlannerStatistics } from '../runtime.ts';

export function registerRestoreCommand(program: Command): void {
  program
    .command('restore')
    .description('Replace the database with the backup in FILE (stop the server first).')
    .argument('<file>', 'a file written by `scrutineer backup`')
    .action(async (file: string) => {
      const env = readEnv();
      try {
        const result = await restoreFromBackup(env.DATABASE_URL, file);
        // A backup from an older release is brought up to this release's schema.
        const database = await openDatabase(env.DATABASE_URL, print);
        print(`Restored ${result.file} into ${database.location}.`);
        await refreshPlannerStatistics(database);
        await database.close();
      } catch (error) {
        if (error instanceof BackupError) throw new CliError(error.message);
        throw error;
      }
    });
}
