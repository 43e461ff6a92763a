// `scrutineer audit --since YYYY-MM-DD`: list every recorded change since a date, oldest first.
import type { Command } from 'commander';
import { ValidationError } from '../../services/errors.ts';
import { createServices } from '../../services/index.ts';
import { CliError, openDatabase, print, readEnv } from '../runtime.ts';

export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description('List the changes recorded in the audit trail since a date (who, when, what, before and after).')
    .requiredOption('--since <date>', 'first day to list, YYYY-MM-DD (UTC)')
    .action(async (options: { since: string }) => {
      const env = readEnv();
      const database = await openDatabase(env.DATABASE_URL);
      try {
        const entries = await createServices({ database }).audit.since(options.since);
        if (entries.length === 0) print(`No changes since ${options.since}.`);
        for (const e of entries) {
          print(`${e.occurredAt}\t${e.actor}\t${e.action}\t${e.entityType}${e.entityId === null ? '' : ` ${e.entityId}`}`);
          for (const c of e.changes) print(`\t${c.field}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`);
        }
      } catch (error) {
        if (error instanceof ValidationError) throw new CliError(`--since: ${error.errors[0]?.message ?? error.message}`, 2);
        throw error;
      } finally {
        await database.close();
      }
    });
}
