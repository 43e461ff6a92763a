// One-time submission keys of workspace forms: used once, in the transaction of the write they allowed, and where that write led.
import type { RepositoryContext } from './repository-context.ts';

export function createFormSubmissionRepository({ db, clock }: RepositoryContext) {
  return {
    /**
     * Uses a key: true the first time, false when it was used already. A second submission racing
     * the first waits on the key's row (PostgreSQL) or on the writer lock (SQLite) and finds it taken.
     */
    async use(key: string): Promise<boolean> {
      const result = await db
        .insertInto('form_submissions')
        .values({ submission_key: key, used_at: clock.now().toISOString(), result_url: null })
        .onConflict((oc) => oc.column('submission_key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },

    async setResult(key: string, url: string): Promise<void> {
      await db.updateTable('form_submissions').set({ result_url: url }).where('submission_key', '=', key).execute();
    },

    async resultOf(key: string): Promise<string | null> {
      const row = await db.selectFrom('form_submissions').select('result_url').where('submission_key', '=', key).executeTakeFirst();
      return row?.result_url ?? null;
    },
  };
}

export type FormSubmissionRepository = ReturnType<typeof createFormSubmissionRepository>;
