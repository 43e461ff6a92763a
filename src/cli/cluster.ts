// `scrutineer serve --workers N`: the primary that forks, replaces and drains the serving processes, and each worker's link to it.
import cluster, { type Worker } from 'node:cluster';
import { ChangeCounter } from '../db/change-counter.ts';
import type { DatabaseHandle } from '../db/create-db.ts';

/**
 * What passes between the primary and its workers. A worker says `hello` as soon as it runs and is
 * `welcome`d with its part; a worker whose request wrote says `changed` and is told `announced` once
 * every other worker has acknowledged (`ack`) the primary's `changed`.
 */
type Message =
  | { readonly scrutineer: 'hello' }
  | { readonly scrutineer: 'welcome'; readonly packs: boolean }
  | { readonly scrutineer: 'changed'; readonly id: number }
  | { readonly scrutineer: 'ack'; readonly id: number }
  | { readonly scrutineer: 'announced'; readonly id: number };

const KINDS = new Set(['hello', 'welcome', 'changed', 'ack', 'announced']);

/** A message of ours, or undefined for anything else on the channel. */
function messageOf(value: unknown): Message | undefined {
  if (typeof value !== 'object' || value === null || !('scrutineer' in value)) return undefined;
  const kind = value.scrutineer;
  return typeof kind === 'string' && KINDS.has(kind) ? (value as Message) : undefined;
}

/** How long a write's response waits for the other workers to let go of their stored pages; past it, they see the change by the database's token. */
const ANNOUNCE_TIMEOUT_MS = 2000;
/**
 * Each worker's young generation, MiB a semi-space. V8's default on a large machine (16 MiB)
 * let a demo worker's heap grow to 109 MiB, 213 MiB resident, after 160 renderings; with 4 MiB it
 * held 56 MiB, 154 MiB resident, for the same CPU time.
 */
export const WORKER_SEMI_SPACE_MIB = 4;

/** The Node.js options for a worker: the primary's own, with the young generation capped unless the operator already set it. */
export function workerExecArgv(execArgv: readonly string[], nodeOptions: string | undefined): string[] {
  const set = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)].some((option) => option.startsWith('--max-semi-space-size'));
  return set ? [...execArgv] : [...execArgv, `--max-semi-space-size=${WORKER_SEMI_SPACE_MIB}`];
}
/** A worker that kept serving this long was healthy: the next crash is replaced at once. */
const STABLE_MS = 30_000;
/** Back-off for a worker that keeps crashing: 0.5 s, doubled each time, at most 30 s. */
const BACKOFF_FIRST_MS = 500;
const BACKOFF_MAX_MS = 30_000;

export interface SuperviseOptions {
  readonly workers: number;
  readonly log: (line: string) => void;
  /** The line saying where the site is, once the first worker listens on `port`. */
  readonly serving: (port: number) => string;
  /**
   * Settles when the database is ready for the workers (migrated, the demo loaded, the search index
   * checked): each is welcomed, and so opens it, only then. Should it fail, the workers are stopped.
   */
  readonly prepared?: Promise<void>;
}

interface Member {
  readonly worker: Worker;
  /** Whether this one runs the background meeting-pack worker (exactly one does: it takes requests without claiming them). */
  readonly packs: boolean;
  /** Whether its message handler runs: from then on, it is told of every write. */
  hello: boolean;
  /** The process id of the worker it replaces. */
  readonly replacing?: number;
  listeningSince?: number;
}

interface Broadcast {
  readonly origin: Worker;
  readonly originId: number;
  readonly waiting: Set<number>;
  readonly timer: NodeJS.Timeout;
}

function how(code: number | null, signal: string | null): string {
  return signal ? `killed by ${signal}` : `exit code ${String(code)}`;
}

/**
 * The primary: it opens no database and serves nothing. It forks `workers` processes that share the
 * port (node:cluster hands each new connection to one of them in turn), replaces one that dies, and
 * on SIGTERM or SIGINT asks each to finish its requests and stop, resolving with 0 when all have
 * ended (or the exit code of a worker that failed before the site was ever up).
 */
export function superviseWorkers(options: SuperviseOptions): Promise<number> {
  const { log } = options;
  const members = new Map<number, Member>();
  const broadcasts = new Map<number, Broadcast>();
  const replacing = new Set<NodeJS.Timeout>();
  let nextBroadcast = 0;
  let everListened = false;
  let streak = 0;
  let stopping = false;
  let finish: (code: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => {
    finish = resolve;
  });
  let exitCode = 0;

  function send(worker: Worker, message: Message): void {
    if (worker.isConnected()) worker.send(message);
  }

  function fork(packs: boolean, replaces?: number): void {
    const worker = cluster.fork();
    members.set(worker.id, { worker, packs, hello: false, ...(replaces === undefined ? {} : { replacing: replaces }) });
    worker.on('message', (value: unknown) => receive(worker, messageOf(value)));
  }

  function release(id: number): void {
    const broadcast = broadcasts.get(id);
    if (broadcast === undefined || broadcast.waiting.size > 0) return;
    clearTimeout(broadcast.timer);
    broadcasts.delete(id);
    send(broadcast.origin, { scrutineer: 'announced', id: broadcast.originId });
  }

  function receive(worker: Worker, message: Message | undefined): void {
    const member = members.get(worker.id);
    if (message === undefined || member === undefined) return;
    if (message.scrutineer === 'hello') {
      member.hello = true;
      void ready.then((ok) => {
        if (ok) send(worker, { scrutineer: 'welcome', packs: member.packs });
      });
    } else if (message.scrutineer === 'changed') {
      const id = (nextBroadcast += 1);
      const others = [...members.values()].filter((m) => m.hello && m.worker !== worker);
      const timer = setTimeout(() => {
        const late = broadcasts.get(id);
        if (late === undefined) return;
        log(
          `Worker ${[...late.waiting].map((w) => members.get(w)?.worker.process.pid ?? w).join(', ')} did not acknowledge a change within ${ANNOUNCE_TIMEOUT_MS} ms.`,
        );
        late.waiting.clear();
        release(id);
      }, ANNOUNCE_TIMEOUT_MS);
      broadcasts.set(id, { origin: worker, originId: message.id, waiting: new Set(others.map((m) => m.worker.id)), timer });
      for (const other of others) send(other.worker, { scrutineer: 'changed', id });
      release(id);
    } else if (message.scrutineer === 'ack') {
      broadcasts.get(message.id)?.waiting.delete(worker.id);
      release(message.id);
    }
  }

  cluster.on('listening', (worker, address) => {
    const member = members.get(worker.id);
    if (member === undefined) return;
    member.listeningSince = performance.now();
    if (!everListened) log(options.serving(address.port));
    else if (member.replacing) log(`Worker ${worker.process.pid ?? worker.id} is serving in place of worker ${member.replacing}.`);
    everListened = true;
  });

  cluster.on('exit', (worker, code, signal) => {
    const member = members.get(worker.id);
    members.delete(worker.id);
    // A write's response does not wait for a worker that is gone.
    for (const [id, broadcast] of broadcasts) {
      broadcast.waiting.delete(worker.id);
      release(id);
    }
    if (member === undefined) return;
    if (stopping) {
      if (members.size === 0) finish(exitCode);
      return;
    }
    const pid = worker.process.pid ?? worker.id;
    if (!everListened) {
      // As a single process would: a site that cannot start (the port taken, the database refused) stops.
      log(`Worker ${pid} stopped before the site was serving (${how(code, signal)}): stopping.`);
      exitCode = code !== null && code !== 0 ? code : 1;
      stop();
      return;
    }
    const healthy = member.listeningSince !== undefined && performance.now() - member.listeningSince >= STABLE_MS;
    streak = healthy ? 1 : streak + 1;
    // The first crash is replaced at once; a worker that keeps crashing is restarted ever more slowly, so a fault at start-up does not fork in a hot loop.
    const delay = streak <= 1 ? 0 : Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** (streak - 2));
    log(`Worker ${pid} ended (${how(code, signal)}): starting another${delay > 0 ? ` in ${(delay / 1000).toFixed(1)} s` : ''}.`);
    const timer = setTimeout(() => {
      replacing.delete(timer);
      if (!stopping) fork(member.packs, pid);
    }, delay);
    replacing.add(timer);
  });

  function stop(): void {
    stopping = true;
    for (const timer of replacing) clearTimeout(timer);
    replacing.clear();
    if (members.size === 0) finish(exitCode);
    // Each worker, on SIGTERM, stops taking connections, finishes its requests in flight, closes the database and exits 0.
    for (const { worker } of members.values()) if (worker.process.exitCode === null && worker.process.signalCode === null) worker.process.kill('SIGTERM');
  }

  const onSignal = (signal: string) => {
    if (stopping) return;
    log(`${signal} received: finishing requests in flight, then stopping.`);
    stop();
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));

  // Whether the database was prepared; a failure is the caller's to report (it awaits `prepared` too).
  const ready = (options.prepared ?? Promise.resolve()).then(
    () => true,
    () => {
      exitCode = 1;
      stop();
      return false;
    },
  );

  cluster.setupPrimary({ execArgv: workerExecArgv(process.execArgv, process.env.NODE_OPTIONS) });
  for (let i = 0; i < options.workers; i += 1) fork(i === 0);
  return finished;
}

/** A worker's part in the cluster, as the primary gave it. */
export interface ClusterWorker {
  /** Whether this worker runs the background meeting-pack worker. */
  readonly packs: boolean;
  /** The process id, named on responses outside production so that one can see which worker answered. */
  readonly pid: number;
  /**
   * The database as this worker's services use it: its change token also moves when another
   * worker announces a write, and `writes()` counts the statements this worker ran that may have written.
   */
  share(database: DatabaseHandle): { database: DatabaseHandle; writes(): number };
  /** Tells the other workers that the record changed, resolving once they have let go of their stored pages. */
  announce(): Promise<void>;
}

/** In a worker: says hello to the primary and waits to be told its part. */
export async function joinCluster(): Promise<ClusterWorker> {
  let generation = 0;
  let nextId = 0;
  const pending = new Map<number, () => void>();
  let welcome: (message: { packs: boolean }) => void = () => undefined;
  const welcomed = new Promise<{ packs: boolean }>((resolve) => {
    welcome = resolve;
  });
  const send = (message: Message) => {
    if (process.send && process.connected) process.send(message);
  };
  process.on('message', (value: unknown) => {
    const message = messageOf(value);
    if (message === undefined) return;
    if (message.scrutineer === 'welcome') welcome(message);
    else if (message.scrutineer === 'changed') {
      // Another worker wrote: every page stored before now is out of date (the token moves), and only then is the write answered.
      generation += 1;
      send({ scrutineer: 'ack', id: message.id });
    } else if (message.scrutineer === 'announced') pending.get(message.id)?.();
  });
  send({ scrutineer: 'hello' });
  const part = await welcomed;
  return {
    packs: part.packs,
    pid: process.pid,
    share(database) {
      const counter = new ChangeCounter();
      const changes = database.changes;
      const shared: DatabaseHandle = {
        ...database,
        db: database.db.withPlugin(counter),
        ...(changes ? { changes: { token: () => `${changes.token()}#${generation}`, lastChangeAt: () => changes.lastChangeAt() } } : {}),
      };
      return { database: shared, writes: () => counter.count };
    },
    announce() {
      const id = (nextId += 1);
      return new Promise<void>((resolve) => {
        // Should the primary not answer (it is stopping), the response goes anyway: the database's token catches up within a second.
        const timer = setTimeout(done, ANNOUNCE_TIMEOUT_MS + 500);
        function done() {
          clearTimeout(timer);
          pending.delete(id);
          resolve();
        }
        pending.set(id, done);
        send({ scrutineer: 'changed', id });
      });
    },
  };
}
