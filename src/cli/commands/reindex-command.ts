// `scrutineer reindex [KIND ID]`: rebuild the public search index, or refresh one record in it.
import type { Command } from 'commander';
import { createServices } from '../../services/index.ts';
import { SEARCH_KINDS, isSearchKind } from '../../services/search-index-service.ts';
import { CliError, openDatabase, print, readEnv, refreshPlannerStatistics } from '../runtime.ts';

export function registerReindexCommand(program: Command): void {
  program
    .command('reindex')
    .description('Rebuild the search index from the public record (exempt and confidential text is never indexed), or refresh one record.')
    .argument('[kind]', `one kind of record: ${SEARCH_KINDS.join(', ')}`)
    .argument('[id]', 'the id of the record to refresh')
    .action(async (kind: string | undefined, id: string | undefined) => {
      if (kind !== undefined && !isSearchKind(kind)) throw new CliError(`unknown kind "${kind}": use one of ${SEARCH_KINDS.join(', ')}`, 2);
      if (kind !== undefined && (id === undefined || !/^[1-9]\d{0,15}$/.test(id)))
        throw new CliError('give the id of the record to refresh, a whole number from 1', 2);
      const env = readEnv();
      const database = await openDatabase(env.DATABASE_URL, print);
      try {
        const services = createServices({ database });
        if (kind === undefined) {
          const { indexed } = await services.searchIndex.reindexAll();
          print(`Indexed ${indexed} records for search in ${database.location}.`);
          await refreshPlannerStatistics(database);
        } else {
          const { indexed } = await services.searchIndex.reindex(kind, Number(id));
          print(indexed ? `Refreshed ${kind} ${id} in the search index.` : `Removed ${kind} ${id} from the search index (it does not exist or is not public).`);
        }
      } finally {
        await database.close();
      }
    });
}
