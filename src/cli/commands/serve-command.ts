// `scrutineer serve`: migrate, optionally load the demo, and serve the site until stopped, in one process or several (--workers).
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { Option } from 'commander';
import type { Command } from 'commander';
import type { DatabaseHandle } from '../../db/create-db.ts';
import { joinCluster, superviseWorkers, type ClusterWorker } from '../cluster.ts';
import { packLinks, startPackWorker } from '../pack-worker.ts';
import { CliError, print, readEnv, readMailSettings, type Env } from '../output.ts';

// The database, the services and the web stack are imported when first needed, not with this
// module: with --workers, the primary forks its workers as soon as it has read its options, and
// they load those modules while the primary migrates the database and checks the search index.
const runtime = () => import('../runtime.ts');
const servicesModule = () => import('../../services/index.ts');
const demoModule = () => import('../../services/demo/rotherham.ts');

interface ServeOptions {
  demo?: boolean;
  port?: number;
  host?: string;
  workers?: number;
}

/** PostgreSQL connections the processes serving the site open together, at most (each opens at least 2, at most 10). */
const POSTGRES_CONNECTIONS = 80;

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
    .addOption(
      new Option(
        '-w, --workers <n>',
        `processes serving the site on one port (default: one per core, here ${availableParallelism()}); 1 serves in this process alone`,
      ).argParser((v) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1 || n > 256) throw new CliError(`--workers must be a whole number from 1 to 256, not "${v}"`, 2);
        return n;
      }),
    )
    .action(async (options: ServeOptions) => {
      const env = readEnv();
      const workers = options.workers ?? availableParallelism();
      if (cluster.isWorker) return serveWorker(env, options, workers);
      if (workers <= 1) return serveSite(await prepare(env, options), env, options, { packs: true });
      // The primary only supervises. Its workers start at once and load the site while it migrates
      // the database, loads the demo and checks the search index; each opens the database only when
      // told that this is done.
      let location = '';
      const prepared = prepare(env, options).then(async (database) => {
        location = describe(database);
        await database.close();
      });
      const host = options.host ?? env.HOST;
      const code = await superviseWorkers({
        workers,
        log: print,
        prepared,
        serving: (port) => `Scrutineer is serving ${location} at ${siteAddress(host, port)} with ${workers} worker processes`,
      });
      // Should the database not be prepared (refused, or a migration failed), the workers were stopped and this is the command's error.
      await prepared;
      process.exit(code);
    });
}

function describe(database: DatabaseHandle): string {
  return database.dialect === 'sqlite' ? `SQLite ${database.location}` : `PostgreSQL ${database.location}`;
}

function siteAddress(host: string, port: number): string {
  return `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`;
}

async function councilOf(env: Env, options: ServeOptions) {
  // The demo's council names the site only when serving the demo and no COUNCIL_NAME is set.
  const demoCouncil = options.demo && env.COUNCIL_NAME === undefined ? (await demoModule()).DEMO_COUNCIL : undefined;
  return { demoCouncil, councilName: env.COUNCIL_NAME ?? demoCouncil?.name };
}

/** The web stack, as one import. */
async function siteModules() {
  const [{ buildApp }, { installWriteAnnouncements }] = await Promise.all([import('../../web/app.ts'), import('../../web/write-announcements.ts')]);
  return { buildApp, installWriteAnnouncements };
}

/** What runs once, before any request: migrations, the demo, the search index's check. */
async function prepare(env: Env, options: ServeOptions): Promise<DatabaseHandle> {
  const { openDatabase } = await runtime();
  const { createServices } = await servicesModule();
  const database = await openDatabase(env.DATABASE_URL, print);
  const { councilName } = await councilOf(env, options);
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
  if (!readMailSettings(env)) print('BASE_URL is not set: following records by email is off until it names the site’s public address.');
  // Before the first visitor searches: an index that disagrees with the record (left by a crash
  // of an older version, or a write outside the pipeline) is rebuilt, and withheld text in it
  // is removed (RULES.md rule 9). The check counts rows; it reads no text.
  const check = await services.searchIndex.checkAndRepair();
  if (check.repaired) print(`Rebuilt the search index (${check.indexed} records): ${check.reason}.`);
  return database;
}

/** One of the --workers processes: opens the database (already migrated by the primary) and serves. */
async function serveWorker(env: Env, options: ServeOptions, workers: number): Promise<void> {
  // Loaded while the primary prepares the database; the welcome comes once it has.
  const [{ openDatabase }, member] = await Promise.all([runtime(), joinCluster(), servicesModule(), siteModules()]);
  const maxConnections = Math.max(2, Math.min(10, Math.floor(POSTGRES_CONNECTIONS / workers)));
  const database = await openDatabase(env.DATABASE_URL, print, { migrate: false, maxConnections });
  await serveSite(database, env, options, { packs: member.packs, member });
}

/**
 * Serves the site from this process until SIGTERM or SIGINT: stops taking connections, finishes
 * the requests in flight, stops the pack worker, closes the database and exits 0.
 */
async function serveSite(opened: DatabaseHandle, env: Env, options: ServeOptions, part: { packs: boolean; member?: ClusterWorker }): Promise<void> {
  const mail = readMailSettings(env);
  const shared = part.member?.share(opened);
  const database = shared?.database ?? opened;
  const [{ createServices }, { buildApp, installWriteAnnouncements }] = await Promise.all([servicesModule(), siteModules()]);
  const { demoCouncil, councilName } = await councilOf(env, options);
  const services = createServices({ database, packLinks: packLinks(env.BASE_URL), ...(councilName === undefined ? {} : { councilName }) });
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
  if (part.member && shared) {
    const member = part.member;
    installWriteAnnouncements(app, {
      writes: () => shared.writes(),
      announce: () => member.announce(),
      ...(env.NODE_ENV === 'production' ? {} : { name: String(member.pid) }),
    });
  }
  const port = options.port ?? env.PORT;
  const host = options.host ?? env.HOST;
  let closing = false;
  let worker: ReturnType<typeof startPackWorker> | undefined = undefined;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    // In a worker the primary has said it for all of them.
    if (!part.member) print(`${signal} received: finishing requests in flight, then stopping.`);
    await app.close();
    await worker?.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port, host });
  // The pack worker takes queued requests without claiming them: it runs in one process only.
  if (part.packs) worker = startPackWorker(services.packs, print);
  if (part.member) return;
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  print(`Scrutineer is serving ${describe(database)} at ${siteAddress(host, actualPort)}`);
}
