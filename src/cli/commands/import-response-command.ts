// `scrutineer import response FILE.docx --review <slug-or-id>`: read a Word executive response table, show what was understood, and create it once confirmed.
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { ResponseDecision } from '../../domain/vocabulary.ts';
import { formatLongDate, parseIsoDate } from '../../domain/iso-date.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../services/errors.ts';
import { createServices } from '../../services/index.ts';
import type { ResponseImportPreview } from '../../services/response-import-service.ts';
import { IMPORT_ACTORS } from '../../services/import-audit.ts';
import { CliError, openDatabase, print, readEnv } from '../runtime.ts';

function shorten(text: string, length = 70): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

/** The plan as a person checks it against the Word table: one line per row, then the rows that could not be read. */
export function describePlan(preview: ResponseImportPreview, reviewTitle: string): string[] {
  const lines = [`Read ${preview.rows.length} ${preview.rows.length === 1 ? 'recommendation' : 'recommendations'} for “${reviewTitle}”:`];
  for (const row of preview.rows) {
    const actionBy = row.actionByDate ? formatLongDate(parseIsoDate(row.actionByDate)) : row.actionByText;
    const extras = [
      row.points.length > 0 ? `${row.points.length} ${row.points.length === 1 ? 'point' : 'points'}` : null,
      row.officerName ? `officer ${row.officerName}` : null,
      actionBy ? `action by ${actionBy}` : null,
      row.outcome === 'no_further_action' ? 'no further action required' : null,
    ].filter(Boolean);
    lines.push(`  ${row.number}. ${shorten(row.text)}`);
    lines.push(`     ${ResponseDecision.label(row.decision)}: ${shorten(row.responseText, 60)}${extras.length > 0 ? ` (${extras.join('; ')})` : ''}`);
  }
  if (preview.problems.length > 0) {
    lines.push(
      `Could not read ${preview.problems.length} ${preview.problems.length === 1 ? 'row' : 'rows'} (${preview.problems.length === 1 ? 'it' : 'they'} will not be created):`,
    );
    for (const problem of preview.problems) lines.push(`  ${problem.message}`);
  }
  return lines;
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** Adds `response` to the `import` command (registered by import-command.ts), or makes `import` if it is not there. */
export function registerImportResponseCommand(program: Command): void {
  const parent = program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('Import records from another system.');
  parent
    .command('response')
    .description('Read the table of a Word executive response (recommendation, agreed or not, response, officer, action by) into a review.')
    .argument('<file>', 'the response as a Word (.docx) file')
    .requiredOption('--review <slug-or-id>', 'the review the recommendations belong to')
    .option('--yes', 'create the records without asking')
    .addHelpText(
      'after',
      `
Shows what it read, row by row, and the rows it could not read; creates nothing until you confirm
(or pass --yes). Without a terminal to ask, it only shows the plan.

Example:
  scrutineer import response "Appendix A response.docx" --review home-care-review`,
    )
    .action(async (file: string, opts: { review: string; yes?: boolean }) => {
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new CliError(
          `${file}: cannot read it (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message})`,
          2,
        );
      }
      const env = readEnv();
      const database = await openDatabase(env.DATABASE_URL);
      try {
        const services = createServices({ database, ...(env.COUNCIL_NAME ? { councilName: env.COUNCIL_NAME } : {}) });
        const review = await services.responseImport.findReview(opts.review).catch((error: unknown) => {
          if (error instanceof NotFoundError) throw new CliError(`no review "${opts.review}"`, 2);
          throw error;
        });
        const preview = await services.responseImport.previewResponseImport(bytes).catch((error: unknown) => {
          if (error instanceof ValidationError) throw new CliError(`${file}: ${error.message}`, 2);
          throw error;
        });
        for (const line of describePlan(preview, review.title)) print(line);
        if (preview.rows.length === 0) throw new CliError('no row of the table could be read; nothing was created', 2);
        if (!opts.yes) {
          if (!process.stdin.isTTY) {
            print('Nothing was created: run again with --yes to create these records.');
            return;
          }
          if (
            !(await confirm(`Create ${preview.rows.length} ${preview.rows.length === 1 ? 'recommendation' : 'recommendations'} with their responses? [y/N] `))
          ) {
            print('Nothing was created.');
            return;
          }
        }
        try {
          const result = await services.responseImport.applyResponseImport(IMPORT_ACTORS.wordResponse, { review: review.id, preview });
          print(
            `Created ${result.created.length} ${result.created.length === 1 ? 'recommendation' : 'recommendations'} with their responses in “${review.title}”.`,
          );
        } catch (error) {
          if (error instanceof ConflictError) throw new CliError(error.message, 1);
          throw error;
        }
      } finally {
        await database.close();
      }
    });
}
