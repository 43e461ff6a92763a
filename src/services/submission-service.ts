// One-time submission keys for workspace forms: the key a request carries, used by the first unit of work that writes, so a repeated submission writes nothing.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Repositories } from '../repositories/index.ts';

/** What one request knows about its form's key; `used` once a unit of work has committed with it. */
export interface SubmissionContext {
  key: string | null;
  used: boolean;
}

const submissions = new AsyncLocalStorage<SubmissionContext>();

/** A key as the form machinery issues it (a UUID); anything else is ignored, as if the field were absent. */
const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The submission of the request being served, if it carries a key that no write has used yet. */
export function pendingSubmissionKey(): string | null {
  const context = submissions.getStore();
  return context && context.key !== null && !context.used ? context.key : null;
}

/** Marks the request's key used: its first write committed. Later writes of the same request go ahead. */
export function markSubmissionUsed(): void {
  const context = submissions.getStore();
  if (context) context.used = true;
}

export function createSubmissionService(deps: { repos: () => Repositories }) {
  return {
    /** Runs a request's handling with room for its form's key (set once the body is read). */
    run<T>(fn: () => T): T {
      return submissions.run({ key: null, used: false }, fn);
    },

    /** Records the key the posted form carries. */
    receive(value: unknown): void {
      const context = submissions.getStore();
      if (context && typeof value === 'string' && KEY.test(value)) context.key = value;
    },

    /** The key of this request when a write used it, so the web layer can remember where it led. */
    usedKey(): string | null {
      const context = submissions.getStore();
      return context?.used ? context.key : null;
    },

    async remember(key: string, url: string): Promise<void> {
      await deps.repos().formSubmissions.setResult(key, url);
    },

    async resultOf(key: string): Promise<string | null> {
      return deps.repos().formSubmissions.resultOf(key);
    },
  };
}

export type SubmissionService = ReturnType<typeof createSubmissionService>;
