// `scrutineer serve`: migrate, optionally load the demo, and serve the site until stopped.
import { Option } from 'commander';
import type { Command } from 'commander';
import { createServices } from '../../services/index.ts';
import { DEMO_COUNCIL } from '../../services/demo/rotherham.ts';
import { buildApp } from '../../web/app.ts';
import { packLinks, startPackWorker } from '../pack-worker.ts';
import { CliError, openDatabase, print, readEnv, readMailSettings } from '../runtime.ts';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Serve the public site (migrating the database first).')
    .option('--demo', 'load the Rotherham reference case into an empty database first')
    .addOption(
      new Option('-p, --port <port>', 'port to listen on (default: $PORT or 3000)').argParser((v) => {
        const port = Number(v);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a whole number from 0 to 65535, not "${v}"`, 2);
        return port;
      }),
    )
    .option('--host <host>', 'address to listen on (default: $HOST or 127.0.0.1)')
    .action(async (options: { demo?: boolean; port?: number; host?: string }) => {
      const env = readEnv();
      const mail = readMailSettings(env);
      const database = await openDatabase(env.DATABASE_URL, print);
      // The demo's council names the site only when serving the demo and no COUNCIL_NAME is set.
      const demoCouncil = options.demo && env.COUNCIL_NAME === undefined ? DEMO_COUNCIL : undefined;
      const councilName = env.COUNCIL_NAME ?? demoCouncil?.name;
      const services = createServices({ database, packLinks: packLinks(env.BASE_URL), ...(councilName === undefined ? {} : { councilName }) });
      if (options.demo) {
        const result = await services.demo.loadIfEmpty();
        if (result.loaded)
          print(
            `Loaded the demo data (${Object.entries(result.counts)
              .map(([k, n]) => `${n} ${k}`)
              .join(', ')}).`,
          );
        // The demo is loaded in bulk, without the audited writes that queue packs: queue its meetings.
        if (result.loaded) await services.packs.requestAll();
      }
      if (!mail) print('BASE_URL is not set: following records by email is off until it names the site’s public address.');
      // Before the first visitor searches: an index that disagrees with the record (left by a crash
      // of an older version, or a write outside the pipeline) is rebuilt, and withheld text in it
      // is removed (RULES.md rule 9). The check counts rows; it reads no text.
      const check = await services.searchIndex.checkAndRepair();
      if (check.repaired) print(`Rebuilt the search index (${check.indexed} records): ${check.reason}.`);
      const app = await buildApp({
        services,
        logger: env.LOG_REQUESTS ?? false,
        trustProxy: env.TRUST_PROXY,
        ...(mail ? { mail } : {}),
        ...(demoCouncil ? { council: demoCouncil } : {}),
        ...(env.SEARCH_RATE_LIMIT === undefined ? {} : { searchRateLimit: env.SEARCH_RATE_LIMIT }),
        ...(env.COOKIE_SECURE === undefined ? {} : { cookieSecure: env.COOKIE_SECURE }),
        ...(env.NODE_ENV === undefined ? {} : { nodeEnv: env.NODE_ENV }),
      });
      const port = options.port ?? env.PORT;
      const host = options.host ?? env.HOST;
      let closing = false;
      let worker: ReturnType<typeof startPackWorker> | undefined = undefined;
      const shutdown = async (signal: string) => {
        if (closing) return;
        closing = true;
        print(`${signal} received: finishing requests in flight, then stopping.`);
        await app.close();
        await worker?.stop();
        await database.close();
        process.exit(0);
      };
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
      process.once('SIGINT', () => void shutdown('SIGINT'));
      await app.listen({ port, host });
      worker = startPackWorker(services.packs, print);
      const address = app.server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      print(
        `Scrutineer is serving ${database.dialect === 'sqlite' ? `SQLite ${database.location}` : `PostgreSQL ${database.location}`} at http://${host === '0.0.0.0' ? 'localhost' : host}:${actualPort}/`,
      );
    });
}
