// The `scrutineer` command: serve the site, migrate the database, load the demo.
import cluster from 'node:cluster';
import { Command, CommanderError } from 'commander';
import { CliError } from './output.ts';

/**
 * Each command, in the order help lists them, by the name it is run as: its module (in
 * src/cli/commands/<name>-command.ts, where it registers itself) is loaded only when needed, so
 * that `serve` does not load every other command's libraries before its workers start.
 */
const COMMANDS: readonly (readonly [string, () => Promise<(program: Command) => void>])[] = [
  ['serve', async () => (await import('./commands/serve-command.ts')).registerServeCommand],
  ['migrate', async () => (await import('./commands/migrate-command.ts')).registerMigrateCommand],
  ['demo', async () => (await import('./commands/demo-command.ts')).registerDemoCommand],
  ['import', async () => (await import('./commands/import-command.ts')).registerImportCommand],
  ['import', async () => (await import('./commands/import-response-command.ts')).registerImportResponseCommand],
  ['paper', async () => (await import('./commands/paper-command.ts')).registerPaperCommand],
  ['papers', async () => (await import('./commands/papers-command.ts')).registerPapersCommand],
  ['user', async () => (await import('./commands/user-command.ts')).registerUserCommand],
  ['audit', async () => (await import('./commands/audit-command.ts')).registerAuditCommand],
  ['notify', async () => (await import('./commands/notify-command.ts')).registerNotifyCommand],
  ['backup', async () => (await import('./commands/backup-command.ts')).registerBackupCommand],
  ['restore', async () => (await import('./commands/restore-command.ts')).registerRestoreCommand],
  ['generate', async () => (await import('./commands/generate-command.ts')).registerGenerateCommand],
  ['deadline', async () => (await import('./commands/deadline-command.ts')).registerDeadlineCommand],
  ['tracker', async () => (await import('./commands/tracker-command.ts')).registerTrackerCommand],
  ['settings', async () => (await import('./commands/settings-command.ts')).registerSettingsCommand],
  ['reindex', async () => (await import('./commands/reindex-command.ts')).registerReindexCommand],
];

const VERSION = '0.1.0';

export async function createProgram(only?: string): Promise<Command> {
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

  // Only the command run, when it is one of ours and not a request for help; else every command (for help and errors).
  const wanted = COMMANDS.some(([name]) => name === only) ? COMMANDS.filter(([name]) => name === only) : COMMANDS;
  for (const register of await Promise.all(wanted.map(([, load]) => load()))) register(program);

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = await createProgram(argv[2]);
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
