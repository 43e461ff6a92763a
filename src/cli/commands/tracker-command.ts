// `scrutineer tracker [--days N] [--json]`: what is overdue and what falls due soon, for a scheduled job to mail or post.
import type { Command } from 'commander';
import { formatLongDate, formatLongDateWithWeekday, parseIsoDate } from '../../domain/iso-date.ts';
import { ValidationError } from '../../services/errors.ts';
import { createServices } from '../../services/index.ts';
import type { DueItem } from '../../services/tracker-service.ts';
import { CliError, openDatabase, print, readEnv } from '../runtime.ts';
import { present } from '../../domain/present.ts';

function table(items: readonly DueItem[], daysHeading: string): string[] {
  const rows = items.map((item) => [formatLongDate(parseIsoDate(item.dueOn)), String(item.days), item.reviewTitle, item.what, item.officer ?? '']);
  const header = ['Due', daysHeading, 'Review', 'What', 'Officer'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => present(r[i], 'r[i]').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 ? c.padStart(present(widths[i], 'widths[i]')) : c.padEnd(present(widths[i], 'widths[i]'))))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

export function registerTrackerCommand(program: Command): void {
  program
    .command('tracker')
    .description('Print what is overdue and what falls due in the next N days: recommendation targets, executive responses and monitoring reports.')
    .option('--days <n>', 'how many days ahead to look', '30')
    .option('--json', 'print one JSON object { today, until, days, overdue, dueSoon }')
    .action(async (options: { days: string; json?: boolean }) => {
      if (!/^\d{1,4}$/.test(options.days)) throw new CliError(`--days must be a whole number of days, not “${options.days}”`, 2);
      const env = readEnv();
      const database = await openDatabase(env.DATABASE_URL);
      try {
        const services = createServices({ database });
        const report = await services.tracker.dueReport({ days: Number(options.days) });
        if (options.json) {
          print(JSON.stringify(report, null, 2));
          return;
        }
        print(`Overdue on ${formatLongDateWithWeekday(report.today)}: ${report.overdue.length === 0 ? 'nothing' : report.overdue.length}`);
        if (report.overdue.length > 0) for (const line of table(report.overdue, 'Days late')) print(`  ${line}`);
        print('');
        print(
          `Due in the next ${report.days} days, to ${formatLongDateWithWeekday(report.until)}: ${report.dueSoon.length === 0 ? 'nothing' : report.dueSoon.length}`,
        );
        if (report.dueSoon.length > 0) for (const line of table(report.dueSoon, 'Days left')) print(`  ${line}`);
      } catch (error) {
        if (error instanceof ValidationError) throw new CliError(error.errors.map((e) => e.message).join('; '), 2);
        throw error;
      } finally {
        await database.close();
      }
    });
}
