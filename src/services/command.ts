// The one write pipeline: every officer, import and CLI write is a declared command, run as role check, parse, then (in one transaction) version check, change, audit event and search-index rows.
import { z } from 'zod';
import type { Actor, Role, SystemActor } from '../domain/roles.ts';
import { ConflictError, ForbiddenError } from './errors.ts';
import { parseInput } from './form-input.ts';
import type { UnitOfWork, Work } from './unit-of-work.ts';

/*
 * What is not an officer write, and so is not declared here: it changes no part of the council's
 * record, so it has no role to check and no search rows to keep. Each still runs in a transaction
 * of its own (a unit of work or the repositories' own) where it needs one:
 * - sign-in bookkeeping: attempts, sessions and the rate limits on guessing (auth-service admit,
 *   recordFailure, signIn, signOut);
 * - email-notification bookkeeping: which reminder or status email went to whom (notification-service);
 * - a form's one-time key and where its save led (submission-service), kept so a resubmission writes nothing;
 * - derived copies rebuilt from the record: meeting packs (meeting-pack-service) and the search
 *   index (search-index-service reindex);
 * - bulk loads into an empty database, each with one summary audit event: the demo
 *   (demo-service) and the synthetic archive for benchmarks (archive-generator).
 */

/**
 * Who may run a command: a signed-in user's role, or a writer that is not a user and says so:
 * 'system' (the `scrutineer` command line, the demo), 'import' (any `import:<source>` actor) or
 * 'public' (a member of the public on a public form, who is not signed in).
 */
export type CommandRole = Role | 'system' | 'import' | 'public';

/** At least one role: a write that names nobody who may make it cannot be defined (DESIGN.md "How we write code" 9). */
export type CommandRoles = readonly [CommandRole, ...CommandRole[]];

/** The workspace's editors (src/domain/roles.ts EDITOR_ROLES): democratic services officers and administrators keep the record. */
export const EDITORS: CommandRoles = ['administrator', 'democratic_services'];

/** For a write whose form is read by more than one schema (rows of a table, an upload): the change parses its own fields. */
export const NO_INPUT = z.object({});

/** What a command's change is given: the parsed input, what it acts on, who asked, and the transaction's work. */
export interface CommandStep<I, T> {
  readonly input: I;
  readonly target: T;
  readonly actor: Actor | SystemActor;
  readonly work: Work;
}

export interface Command<S extends z.ZodType, T, R> {
  /** Names the write in errors and logs ("recommendation.respond"). */
  readonly name: string;
  readonly roles: CommandRoles;
  /** The edge schema, built from the shared field schemas in form-input.ts. */
  readonly input: S;
  /** The change, its audit event and the records it touches: runs inside the one transaction. */
  readonly change: (step: CommandStep<z.output<S>, T>) => Promise<R>;
}

/**
 * Declares a write. The roles are a non-empty tuple for the compiler, and are checked again here
 * for callers the compiler cannot see (a list built at run time): a command nobody may run is a
 * programming mistake, refused when the module loads rather than on the first request.
 */
export function defineCommand<S extends z.ZodType, T, R>(command: Command<S, T, R>): Command<S, T, R> {
  const roles: readonly unknown[] = command.roles;
  if (!Array.isArray(roles) || roles.length === 0) {
    throw new TypeError(`The command ${command.name} declares no roles: say who may run it`);
  }
  return Object.freeze({ ...command, roles: Object.freeze([...command.roles]) as unknown as CommandRoles });
}

/** Whether this actor holds one of the roles: a system writer only when the command names it. */
export function mayRun(roles: CommandRoles, actor: Actor | SystemActor): boolean {
  if (typeof actor !== 'string') return roles.includes(actor.role);
  return roles.includes(actor === 'system' || actor === 'public' ? actor : 'import');
}

/** Refuses an actor the command does not name, before anything is read or written. */
export function authorise(command: { readonly name: string; readonly roles: CommandRoles }, actor: Actor | SystemActor): void {
  if (!mayRun(command.roles, actor)) {
    throw new ForbiddenError(typeof actor === 'string' ? `The ${actor} writer may not do this` : 'You do not have permission to make this change');
  }
}

/**
 * The version check every edit shares: a form carries the version of the record it was opened at
 * (a hidden field), and a save is refused when the record has moved on since. The ConflictError
 * carries both versions, so the 409 page shows theirs beside what was typed.
 */
export function checkVersion(what: string, opened: number | null, current: number | null): void {
  if (opened !== current) {
    throw new ConflictError(`Someone else changed ${what} after you opened it`, { versions: { opened, current } });
  }
}

/** For a guarded update (`where version = opened`) that changed no row: the record moved on between the read and the write. */
export function staleUnless(saved: boolean, what: string, opened: number | null): void {
  if (!saved) throw new ConflictError(`Someone else changed ${what} after you opened it`, { versions: { opened, current: null } });
}

/** A write declared where its service lists its writes, its change written in the method that runs it. */
export interface WriteDeclaration<S extends z.ZodType> {
  readonly name: string;
  readonly roles: CommandRoles;
  readonly input: S;
}

/** Declares a write whose change is given when it runs (`write`): the same rules as defineCommand. */
export function declareWrite<S extends z.ZodType>(name: string, roles: CommandRoles, input: S): WriteDeclaration<S> {
  return defineCommand({ name, roles, input, change: () => Promise.resolve(undefined) });
}

export type RunWrite = <S extends z.ZodType, R>(
  declared: WriteDeclaration<S>,
  actor: Actor | SystemActor,
  input: unknown,
  change: (values: z.output<S>, work: Work) => Promise<R>,
) => Promise<R>;

/** Runs a declared write through the same pipeline as a command (role, parse, then one unit of work). */
export function createWriteRunner(unitOfWork: UnitOfWork): RunWrite {
  const run = createCommandRunner(unitOfWork);
  return (declared, actor, input, change) => run({ ...declared, change: ({ input: values, work }) => change(values, work) }, actor, undefined, input);
}

export type RunCommand = <S extends z.ZodType, T, R>(command: Command<S, T, R>, actor: Actor | SystemActor, target: T, input: unknown) => Promise<R>;

/**
 * Runs commands: role check, then parse (ValidationError with per-field messages), then the change
 * inside one unit of work (its audit events and the touched search rows commit with it). Nothing
 * needed for consistency happens after the commit: the page cache follows the change token, which
 * the commit itself moves.
 */
export function createCommandRunner(unitOfWork: UnitOfWork): RunCommand {
  return async (command, actor, target, input) => {
    authorise(command, actor);
    const parsed = parseInput(command.input, input);
    return unitOfWork(actor, (work) => command.change({ input: parsed, target, actor, work }));
  };
}
