// `scrutineer settings [set KEY VALUE | reset KEY]`: the council's settings for the statutory clock and monitoring.
import type { Command } from 'commander';
import { ValidationError } from '../../services/errors.ts';
import { createServices } from '../../services/index.ts';
import { CliError, openDatabase, print, readEnv } from '../runtime.ts';

async function withServices(work: (services: ReturnType<typeof createServices>) => Promise<void>): Promise<void> {
  const env = readEnv();
  const database = await openDatabase(env.DATABASE_URL);
  try {
    await work(createServices({ database }));
  } catch (error) {
    if (error instanceof ValidationError) throw new CliError(error.errors.map((e) => `${e.field}: ${e.message}`).join('; '), 2);
    throw error;
  } finally {
    await database.close();
  }
}

export function registerSettingsCommand(program: Command): void {
  const settings = program
    .command('settings')
    .description('List the council’s settings for deadlines and monitoring, with their values and defaults.')
    .action(async () => {
      await withServices(async (services) => {
        const rows = await services.settings.list();
        const width = Math.max(...rows.map((r) => r.key.length));
        for (const row of rows) {
          print(`${row.key.padEnd(width)}  ${row.value}${row.isSet ? '' : ' (default)'}  ${row.description}`);
        }
      });
    });

  settings
    .command('set')
    .description('Set one setting; it is checked against the law first (exit code 2 if refused).')
    .argument('<key>', 'the setting, e.g. deadline.response.unit')
    .argument('<value>', 'its value, e.g. weeks')
    .action(async (key: string, value: string) => {
      await withServices(async (services) => {
        await services.settings.set(key, value);
        print(`${key} = ${value}`);
      });
    });

  settings
    .command('reset')
    .description('Return one setting to its default.')
    .argument('<key>', 'the setting')
    .action(async (key: string) => {
      await withServices(async (services) => {
        await services.settings.reset(key);
        print(`${key} reset to its default`);
      });
    });
}
