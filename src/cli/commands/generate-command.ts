// `scrutineer generate --years N --seed S`: write a deterministic synthetic council archive, with a progress display.
import { Option } from 'commander';
import type { Command } from 'commander';
import { createArchiveGenerator, type GenerateProgress } from '../../services/archive-generator.ts';
import { ConflictError, ValidationError } from '../../services/errors.ts';
import { createServices } from '../../services/index.ts';
import { CliError, duration, openDatabase, print, readEnv, refreshPlannerStatistics } from '../runtime.ts';

function wholeNumber(name: string, min: number, max: number) {
  return (value: string) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) throw new CliError(`${name} must be a whole number from ${min} to ${max}, not "${value}"`, 2);
    return n;
  };
}

/** A one-line progress display: rewritten in place on a terminal, a plain line every few seconds otherwise. */
export function progressReporter(stream: NodeJS.WriteStream = process.stdout, now: () => number = () => performance.now()) {
  const started = now();
  let lastPlain = -Infinity;
  return {
    update(progress: GenerateProgress): void {
      const elapsed = (now() - started) / 1000;
      const rate = progress.rowsDone / Math.max(elapsed, 0.001);
      const left = (progress.rowsTotal - progress.rowsDone) / Math.max(rate, 1);
      const line = `year ${progress.yearsDone}/${progress.years} · ${progress.rowsDone.toLocaleString('en-GB')} rows · ${Math.round(rate).toLocaleString('en-GB')} rows/s · about ${duration(left)} left`;
      if (stream.isTTY) {
        stream.write(`\r${line}\u001b[K`);
      } else if (elapsed - lastPlain >= 5) {
        lastPlain = elapsed;
        stream.write(`${line}\n`);
      }
    },
    finish(): number {
      if (stream.isTTY) stream.write('\n');
      return (now() - started) / 1000;
    },
  };
}

export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description('Write a deterministic synthetic council archive into an empty database (for benchmarks and load tests).')
    .addOption(new Option('--years <n>', 'municipal years of history').default(20).argParser(wholeNumber('--years', 1, 60)))
    .addOption(
      new Option('--seed <n>', 'seed of the pseudo-random generator: the same seed gives the same archive')
        .default(1)
        .argParser(wholeNumber('--seed', 0, 4294967295)),
    )
    .option('--no-search-index', 'skip rebuilding the search index afterwards')
    .action(async (options: { years: number; seed: number; searchIndex: boolean }) => {
      const env = readEnv();
      const database = await openDatabase(env.DATABASE_URL, print);
      try {
        print(`Generating ${options.years} years of council business (seed ${options.seed}) into ${database.location}.`);
        const reporter = progressReporter();
        const result = await createArchiveGenerator({ db: database.db }).generate({
          years: options.years,
          seed: options.seed,
          onProgress: (p) => reporter.update(p),
        });
        const seconds = reporter.finish();
        const rows = Object.values(result.counts).reduce((a, b) => a + b, 0);
        print(
          `Wrote ${rows.toLocaleString('en-GB')} rows in ${duration(seconds)}: ${Object.entries(result.counts)
            .map(([t, n]) => `${n.toLocaleString('en-GB')} ${t.replaceAll('_', ' ')}`)
            .join(', ')}.`,
        );
        if (options.searchIndex) {
          const started = performance.now();
          const { indexed } = await createServices({ database }).searchIndex.reindexAll();
          print(`Indexed ${indexed.toLocaleString('en-GB')} records for search in ${duration((performance.now() - started) / 1000)}.`);
        }
        await refreshPlannerStatistics(database);
      } catch (error) {
        if (error instanceof ConflictError) throw new CliError(error.message, 2);
        if (error instanceof ValidationError) throw new CliError(error.message, 2);
        throw error;
      } finally {
        await database.close();
      }
    });
}
