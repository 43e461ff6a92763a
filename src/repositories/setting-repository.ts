// Council settings and markers (such as "demo data loaded"), as key and text value.
import type { RepositoryContext } from './repository-context.ts';

export function createSettingRepository({ db }: RepositoryContext) {
  return {
    async get(key: string): Promise<string | undefined> {
      const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
      return row?.value;
    },

    async set(key: string, value: string): Promise<void> {
      await db.insertInto('settings').values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
    },
  };
}

export type SettingRepository = ReturnType<typeof createSettingRepository>;
