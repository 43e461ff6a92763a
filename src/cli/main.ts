// The `scrutineer` command: serve the site, migrate the database, load the demo.
import { Command, CommanderError, Option } from 'commander';
import { createServices } from '../services/index.ts';
import { buildApp } from '../web/app.ts';
import { CliError, openDatabase, readEnv } from './runtime.ts';

const VERSION = '0.1.0';

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

export function createProgram(): Command {
  const program = new Command('scrutineer')
    .description('Scrutineer: meetings, decisions and scrutiny recommendations for a UK council.')
    .version(VERSION)
    .showHelpAfterError()
    .addHelpText('after', `
Configuration (environment variables):
  DATABASE_URL  postgres://user:pass@host/db for PostgreSQL, or a SQLite file path
                (default: data/scrutineer.db)
  PORT          port to listen on (default: 3000)
  HOST          address to listen on (default: 127.0.0.1)`);

  program.command('serve')
    .description('Serve the public site (migrating the database first).')
    .option('--demo', 'load the Rotherham reference case into an empty database first')
    .addOption(new Option('-p, --port <port>', 'port to listen on (default: $PORT or 3000)').argParser((v) => {
      const port = Number(v);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a whole number from 0 to 65535, not "${v}"`, 2);
      return port;
    }))
    .option('--host <host>', 'address to listen on (default: $HOST or 127.0.0.1)')
    .action(async (options: { demo?: boolean; port?: number; host?: string }) => {
      const env = readEnv();
      const database = await openDatabase(env.DATABASE_URL, print);
      const services = createServices({ database, ...(env.COUNCIL_NAME ? { councilName: env.COUNCIL_NAME } : {}) });
      if (options.demo) {
        const result = await services.demo.loadIfEmpty();
        if (result.loaded) print(`Loaded the demo data (${Object.entries(result.counts).map(([k, n]) => `${n} ${k}`).join(', ')}).`);
      }
      const app = await buildApp({ services, logger: process.env.LOG_REQUESTS === '1' });
      const port = options.port ?? env.PORT;
      const host = options.host ?? env.HOST;
      let closing = false;
      const shutdown = async (signal: string) => {
        if (closing) return;
        closing = true;
        print(`${signal} received: finishing requests in flight, then stopping.`);
        await app.close();
        await database.close();
        process.exit(0);
      };
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
      process.once('SIGINT', () => void shutdown('SIGINT'));
      await app.listen({ port, host });
      const address = app.server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      print(`Scrutineer is serving ${database.dialect === 'sqlite' ? `SQLite ${database.location}` : `PostgreSQL ${database.location}`} at http://${host === '0.0.0.0' ? 'localhost' : host}:${actualPort}/`);
    });

  program.command('migrate')
    .description('Bring the database schema up to date and exit.')
    .action(async () => {
      const env = readEnv();
      const database = await openDatabase(env.DATABASE_URL, print);
      print(`Database ${database.location} is up to date.`);
      await database.close();
    });

  program.command('demo')
    .alias('seed')
    .description('Load the Rotherham reference case (safe to run again: it loads only once).')
    .action(async () => {
      const env = readEnv();
      const database = await openDatabase(env.DATABASE_URL, print);
      const services = createServices({ database });
      const result = await services.demo.loadIfAbsent();
      print(result.loaded
        ? `Loaded the demo data into ${database.location}: ${Object.entries(result.counts).map(([k, n]) => `${n} ${k}`).join(', ')}.`
        : `The demo data is already loaded in ${database.location}; nothing to do.`);
      await database.close();
    });

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

// Run when executed directly (not when imported by tests).
if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/src/cli/main.ts')) {
  const code = await main(process.argv);
  // `serve` keeps the process alive through its open server; other commands end here.
  if (code !== 0 || !process.argv.includes('serve')) process.exitCode = code;
}
