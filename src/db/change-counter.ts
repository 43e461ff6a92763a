// Notices every statement that may change data, so that caches of rendered pages know when to let go.
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { systemClock, type Clock } from '../domain/clock.ts';

/** Statements that only read: a query that is none of these may have written. */
const READ_ONLY_RAW = /^\s*(select|explain)\b/i;
/** A common table expression reads only when none of its parts is a data-modifying statement (PostgreSQL allows them in WITH). */
const READ_ONLY_WITH = /^\s*with\b/i;
const DATA_MODIFYING = /\b(insert|update|delete|merge|truncate)\b/i;

export class ChangeCounter implements KyselyPlugin {
  #count = 0;
  #lastChangeAt = 0;

  /** The clock that dates each change: the services' clock, so tests move time rather than wait for it. */
  constructor(private readonly clock: Clock = systemClock) {}

  /** How many statements that may have written have run through this handle. */
  get count(): number {
    return this.#count;
  }

  /** When the last of them ran (ms since the epoch), 0 if never. */
  get lastChangeAt(): number {
    return this.#lastChangeAt;
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (mayWrite(args.node)) this.#note();
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    // Counted again once a write has run: a reader that began between the two sees a change.
    if ((args.result.numAffectedRows ?? 0n) > 0n || (args.result.numChangedRows ?? 0n) > 0n) this.#note();
    return Promise.resolve(args.result);
  }

  #note(): void {
    this.#count += 1;
    this.#lastChangeAt = this.clock.now().getTime();
  }
}

function mayWrite(node: RootOperationNode | undefined): boolean {
  if (!node || typeof node !== 'object' || !('kind' in node)) return false;
  if (node.kind === 'SelectQueryNode') return false;
  if (node.kind === 'RawNode') {
    // The fragments are the SQL text; bound values (what a visitor searched for) are not in them.
    const text = node.sqlFragments.join(' ');
    if (READ_ONLY_WITH.test(text)) return DATA_MODIFYING.test(text);
    return !READ_ONLY_RAW.test(text);
  }
  return true;
}
