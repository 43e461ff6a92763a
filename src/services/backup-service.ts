// Backing up the council's record while it is in use, and bringing a backup back.
import { restoreDatabase, snapshotDatabase, type BackupResult } from '../db/backup.ts';
import type { DatabaseHandle, Dialect } from '../db/create-db.ts';

export function createBackupService(database: DatabaseHandle) {
  return {
    /** A consistent snapshot of the whole database, taken without stopping anyone. */
    async backup(file: string): Promise<BackupResult> {
      return snapshotDatabase(database, file);
    },
  };
}

/** Replaces the database at `url` with a backup; run with the server stopped. */
export async function restoreFromBackup(url: string | undefined, file: string): Promise<{ dialect: Dialect; file: string }> {
  return restoreDatabase(url, file);
}

export type BackupService = ReturnType<typeof createBackupService>;
