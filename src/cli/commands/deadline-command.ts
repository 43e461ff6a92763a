// `scrutineer deadline <rule> <YYYY-MM-DD> [--json]`: a statutory deadline as a sentence an officer can paste, or as JSON.
import type { Command } from 'commander';
import { DEADLINE_CITATIONS, DEADLINE_NAMES, DEADLINE_RULES } from '../../domain/deadlines.ts';
import { checkDeadlineRequest } from '../../services/deadline-service.ts';
import { ValidationError } from '../../services/errors.ts';
import { createServices } from '../../services/index.ts';
import { CliError, openDatabase, print, readEnv } from '../runtime.ts';

/** The rules, one a line, for --help: name, what it is and where it comes from. */
function rulesHelp(): string {
  const width = Math.max(...DEADLINE_RULES.map((r) => r.length));
  return DEADLINE_RULES.map((rule) => `  ${rule.padEnd(width)}  ${DEADLINE_NAMES[rule]} (${DEADLINE_CITATIONS[rule]})`).join('\n');
}

export function registerDeadlineCommand(program: Command): void {
  program
    .command('deadline')
    .description('Compute a statutory deadline from a date, with the council’s settings (units and lengths).')
    .argument('<rule>', 'the rule (see the list below)')
    .argument('<date>', 'the date to count from, YYYY-MM-DD (receipt, meeting, decision, publication or disclosure)')
    .option('--json', 'print one JSON object { rule, from, …dates, citation } instead of a sentence')
    .addHelpText('after', `\nRules:\n${rulesHelp()}\n\nExamples:\n  scrutineer deadline response 2017-10-18\n  scrutineer deadline call-in 2025-12-19 --json\n`)
    .action(async (rule: string, date: string, options: { json?: boolean }) => {
      // Bad input is refused before the database is opened: exit code 2 and one line naming the problem.
      const errors = checkDeadlineRequest(rule, date);
      if (errors.length > 0) throw new CliError(errors.map((e) => e.message).join('; '), 2);
      const env = readEnv();
      const database = await openDatabase(env.DATABASE_URL);
      try {
        const services = createServices({ database });
        const computed = await services.deadlines.compute(rule, date);
        print(options.json ? JSON.stringify(computed.json) : computed.sentence);
      } catch (error) {
        if (error instanceof ValidationError) throw new CliError(error.message, 2);
        throw error;
      } finally {
        await database.close();
      }
    });
}
