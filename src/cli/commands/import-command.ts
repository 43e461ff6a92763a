// `scrutineer import moderngov|tracker`: bring a council's records in from modern.gov or a CSV tracker.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { addDays, parseIsoDate, type IsoDate } from '../../domain/iso-date.ts';
import { londonToday } from '../../domain/clock.ts';
import { createServices, type Services } from '../../services/index.ts';
import {
  FetchFailedError,
  ImportInputError,
  ImportInterruptedError,
  parseColumnMap,
  type ImportTally,
  type TrackerField,
} from '../../services/import-service.ts';
import { createProgressReporter } from '../progress.ts';
import { CliError, openDatabase, print, readEnv } from '../runtime.ts';

async function readInput(file: string): Promise<{ name: string; bytes: Uint8Array }> {
  try {
    return { name: file, bytes: new Uint8Array(await readFile(file)) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`${file}: cannot read it (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message})`, 2);
  }
}

function describeTally(tally: ImportTally): string {
  const part = (label: string, counts: Record<string, number>) => {
    const entries = Object.entries(counts).filter(([, n]) => n > 0);
    return entries.length === 0 ? null : `${label} ${entries.map(([k, n]) => `${n} ${k}`).join(', ')}`;
  };
  return (
    [part('created', tally.created), part('updated', tally.updated), part('unchanged', tally.unchanged), part('skipped', tally.skipped)]
      .filter(Boolean)
      .join('; ') || 'nothing to import'
  );
}

function isoOption(name: string) {
  return (value: string): IsoDate => {
    try {
      return parseIsoDate(value);
    } catch {
      throw new CliError(`--${name} must be a date written YYYY-MM-DD, not "${value}"`, 2);
    }
  };
}

/** Runs an import with Ctrl-C asking it to stop cleanly between files, and maps its failures to exit codes. */
async function withServices<T>(run: (services: Services, signal: AbortSignal) => Promise<T>): Promise<T> {
  const env = readEnv();
  const database = await openDatabase(env.DATABASE_URL);
  const services = createServices({ database, ...(env.COUNCIL_NAME ? { councilName: env.COUNCIL_NAME } : {}) });
  const controller = new AbortController();
  const onInterrupt = () => {
    process.stderr.write('\nStopping after the current file (press Ctrl-C again to stop at once)...\n');
    controller.abort();
  };
  process.once('SIGINT', onInterrupt);
  try {
    return await run(services, controller.signal);
  } catch (error) {
    if (error instanceof ImportInputError) throw new CliError(error.message, 2);
    if (error instanceof FetchFailedError) throw new CliError(error.message, 1);
    if (error instanceof ImportInterruptedError) throw new CliError(error.message, 130);
    throw error;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    await database.close();
  }
}

export function registerImportCommand(program: Command): void {
  const command = program.command('import').description('Import records from another system (safe to run again: records are matched by their source ids).');

  command
    .command('moderngov')
    .description('Import modern.gov web-service responses (GetCommittees, GetMeetings, GetMeeting, GetCouncillorsByWard), from files or a live site.')
    .argument('[files...]', 'XML responses saved from mgWebService.asmx, recognised by their root element')
    .option('--url <base>', 'fetch the responses from a live site instead, e.g. https://democracy.example.gov.uk')
    .option('--source <name>', 'a name for the site, put before every source id so two councils never collide (default with --url: its host)')
    .option('--council <name>', 'the council the councillors belong to (default: COUNCIL_NAME, else "Council")')
    .option('--from <date>', 'with --url: first meeting date to fetch, YYYY-MM-DD (default: a year ago)', isoOption('from'))
    .option('--to <date>', 'with --url: last meeting date to fetch, YYYY-MM-DD (default: a year ahead)', isoOption('to'))
    .addHelpText(
      'after',
      `
Examples:
  scrutineer import moderngov committees.xml meetings.xml meeting_4967.xml councillors_by_ward.xml
  scrutineer import moderngov --url https://democracy.example.gov.uk --from 2025-05-01`,
    )
    .action(async (files: string[], opts: { url?: string; source?: string; council?: string; from?: IsoDate; to?: IsoDate }) => {
      if (files.length === 0 && !opts.url) throw new CliError('name one or more response files, or a site with --url', 2);
      if (files.length > 0 && opts.url) throw new CliError('give either files or --url, not both', 2);
      if (opts.source !== undefined && !/^[A-Za-z0-9][A-Za-z0-9.-]{0,99}$/.test(opts.source)) {
        throw new CliError('--source must be letters, digits, dots and hyphens', 2);
      }
      const inputs = await Promise.all(files.map(readInput));
      await withServices(async (services, signal) => {
        const reporter = createProgressReporter(process.stdout);
        const councilName = opts.council ?? readEnv().COUNCIL_NAME;
        const common = {
          signal,
          onProgress: reporter.update,
          ...(opts.source ? { source: opts.source } : {}),
          ...(councilName ? { councilName } : {}),
        };
        try {
          let result;
          if (opts.url) {
            const today = londonToday(services.clock) as IsoDate;
            result = await services.imports.moderngovSite(opts.url, {
              ...common,
              from: opts.from ?? addDays(today, -365),
              to: opts.to ?? addDays(today, 365),
            });
          } else {
            result = await services.imports.moderngovFiles(inputs, common);
          }
          reporter.finish();
          print(`Imported ${result.units.length} ${result.units.length === 1 ? 'response' : 'responses'} from modern.gov: ${describeTally(result.tally)}.`);
        } catch (error) {
          reporter.finish();
          if (error instanceof ImportInputError) {
            // Files are all checked before any is written; from a site, each response is written as it arrives.
            throw new ImportInputError(
              error.file,
              error.where,
              `${error.reason}; ${opts.url ? 'the responses before it were imported, and running again carries on' : 'nothing was imported'}`,
            );
          }
          throw error;
        }
      });
    });

  command
    .command('tracker')
    .description('Import a recommendations tracker from CSV: all rows or none.')
    .argument('<file>', 'the tracker as CSV, with a heading row')
    .option('--map <pairs>', 'say which column holds which field, e.g. "Rec No=reference,Scrutiny Review=review"')
    .option('--dry-run', 'check every row and report what would happen, writing nothing')
    .option('--body <name>', 'the scrutiny committee new reviews belong to (found by name or slug, else created)')
    .addHelpText(
      'after',
      `
Fields: reference, review, date_agreed, recommendation, response, decision, lead_officer,
        target_date, status, latest_update, update_date
Example:
  scrutineer import tracker tracker.csv --map "Rec No=reference,Owner=lead_officer" --dry-run`,
    )
    .action(async (file: string, opts: { map?: string; dryRun?: boolean; body?: string }) => {
      let map: Record<string, TrackerField> = {};
      try {
        if (opts.map) map = parseColumnMap(opts.map);
      } catch (error) {
        if (error instanceof ImportInputError) throw new CliError(error.message, 2);
        throw error;
      }
      const input = await readInput(file);
      await withServices(async (services) => {
        const result = await services.imports.tracker(input, { map, dryRun: opts.dryRun ?? false, ...(opts.body ? { body: opts.body } : {}) });
        print(
          `Columns: ${Object.entries(result.columns)
            .map(([field, heading]) => `"${heading}" → ${field}`)
            .join(', ')}`,
        );
        if (result.errors.length > 0) {
          for (const e of result.errors) process.stderr.write(`${file}: line ${e.line}: ${e.reason}\n`);
          throw new CliError(`${result.errors.length} bad ${result.errors.length === 1 ? 'row' : 'rows'} in ${file}; nothing was imported`, 2);
        }
        for (const row of result.rows) print(`line ${row.line}: ${row.outcome}${row.notes.length ? `: ${row.notes.join('; ')}` : ''}`);
        const count = (o: string) => result.rows.filter((r) => r.outcome === o).length;
        const summary = `${result.rows.length} rows: ${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged`;
        print(result.dryRun ? `Dry run: ${summary}; nothing was written.` : `Imported ${summary}.`);
      });
    });
}
