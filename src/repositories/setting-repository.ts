// Council settings and markers (such as "demo data loaded"), as key and text value.
import type { RepositoryContext } from './repository-context.ts';

export function createSettingRepository({ db }: RepositoryContext) {
  return {
    async get(key: string): Promise<string | undefined> {
      const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
      return row?.value;
    },

    async set(key: string, value: string): Promise<void> {
      await db
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    },

    /** Every setting whose key starts with the prefix ('deadline.'), as key and value, in key order. */
    async withPrefix(prefix: string): Promise<{ key: string; value: string }[]> {
      const rows = await db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute();
      return rows.filter((row) => row.key.startsWith(prefix));
    },

    async remove(key: string): Promise<void> {
      await db.deleteFrom('settings').where('key', '=', key).execute();
    },
  };
}

export type SettingRepository = ReturnType<typeof createSettingRepository>;
