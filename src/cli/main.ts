// The `scrutineer` command: serve the site, migrate the database, load the demo.
import cluster from 'node:cluster';
import { Command, CommanderError } from 'commander';
import { CliError } from './runtime.ts';
import { registerDemoCommand } from './commands/demo-command.ts';
import { registerImportCommand } from './commands/import-command.ts';
import { registerImportResponseCommand } from './commands/import-response-command.ts';
import { registerPaperCommand } from './commands/paper-command.ts';
import { registerPapersCommand } from './commands/papers-command.ts';
import { registerMigrateCommand } from './commands/migrate-command.ts';
import { registerServeCommand } from './commands/serve-command.ts';
import { registerUserCommand } from './commands/user-command.ts';
import { registerAuditCommand } from './commands/audit-command.ts';
import { registerNotifyCommand } from './commands/notify-command.ts';
import { registerBackupCommand } from './commands/backup-command.ts';
import { registerRestoreCommand } from './commands/restore-command.ts';
import { registerGenerateCommand } from './commands/generate-command.ts';
import { registerDeadlineCommand } from './commands/deadline-command.ts';
import { registerTrackerCommand } from './commands/tracker-command.ts';
import { registerSettingsCommand } from './commands/settings-command.ts';
import { registerReindexCommand } from './commands/reindex-command.ts';

const VERSION = '0.1.0';

export function createProgram(): Command {
  const program = new Command('scrutineer')
    .description('Scrutineer: meetings, decisions and scrutiny recommendations for a UK council.')
    .version(VERSION)
    .showHelpAfterError()
    .addHelpText(
      'after',
      `
Configuration (environment variables):
  DATABASE_URL  postgres://user:pass@host/db for PostgreSQL, or a SQLite file path
                (default: data/scrutineer.db)
  PORT          port to listen on (default: 3000)
  HOST          address to listen on (default: 127.0.0.1)`,
    );

  // Each command lives in src/cli/commands/<name>-command.ts and registers itself here.
  registerServeCommand(program);
  registerMigrateCommand(program);
  registerDemoCommand(program);
  registerImportCommand(program);
  // After `import`: adds `import response` to it.
  registerImportResponseCommand(program);
  registerPaperCommand(program);
  registerPapersCommand(program);
  registerUserCommand(program);
  registerAuditCommand(program);
  registerNotifyCommand(program);
  registerBackupCommand(program);
  registerRestoreCommand(program);
  registerGenerateCommand(program);
  registerDeadlineCommand(program);
  registerTrackerCommand(program);
  registerSettingsCommand(program);
  registerReindexCommand(program);

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = createProgram();
  program.exitOverride();
  program.configureOutput({ writeErr: (s) => process.stderr.write(s) });
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version "fail" with exit code 0; usage errors are bad input.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof CliError) {
      process.stderr.write(`scrutineer: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`scrutineer: ${(error as Error).message}\n`);
    return 1;
  }
}

/** Runs this process's command line: from bin/scrutineer.js (compiled) or when this file is executed directly. */
export async function runCommandLine(): Promise<void> {
  const code = await main(process.argv);
  // `serve` keeps the process alive through its open server; other commands end here. A worker of
  // `serve --workers` that failed is ended here, or its channel to the primary would keep it alive.
  if (code !== 0 && cluster.isWorker) process.exit(code);
  if (code !== 0 || !process.argv.includes('serve')) process.exitCode = code;
}

// Run when executed directly (not when imported by tests or by bin/scrutineer.js).
if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/src/cli/main.ts')) {
  await runCommandLine();
}
