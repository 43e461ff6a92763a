// `scrutineer paper <kind> <record>`: write a generated paper (response, annex, agenda, minutes, decision, forward plan, tracker report) as PDF, Word or HTML.
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { isPaperKind, PAPER_KINDS, type Paper, type PaperKind } from '../../domain/paper.ts';
import { EVERY_BODY } from '../../domain/withheld.ts';
import { paperToHtml } from '../../export/paper-html.ts';
import { NotFoundError, ValidationError } from '../../services/errors.ts';
import { createServices, type Services } from '../../services/index.ts';
import { packLinks } from '../pack-worker.ts';
import type { PaperOptions as PaperServiceOptions } from '../../services/paper-service.ts';
import { CliError, openDatabase, print, readEnv } from '../runtime.ts';

type OutputFormat = 'pdf' | 'docx' | 'html';

interface PaperOptions {
  format: OutputFormat;
  out?: string;
  full?: boolean;
  resolution?: string;
  from?: string;
  to?: string;
  year?: string;
}

async function build(services: Services, kind: PaperKind, record: string, opts: PaperOptions): Promise<Paper> {
  // The command line is the council's own operator at the server, who keeps the whole record.
  const audience: PaperServiceOptions = opts.full ? { audience: 'officer', reach: EVERY_BODY } : { audience: 'public' };
  switch (kind) {
    case 'response':
      return services.papers.response(record);
    case 'annex':
      return services.papers.annex(record);
    case 'agenda':
      return services.papers.agenda(record, audience);
    case 'minutes':
      return services.papers.minutes(record, audience);
    case 'decision': {
      if (!opts.resolution || !/^[1-9][0-9]{0,8}$/.test(opts.resolution)) throw new CliError('a decision needs --resolution <id>', 2);
      return services.papers.decision(record, Number(opts.resolution), audience);
    }
    case 'forward-plan':
      return services.papers.forwardPlan(record, { ...(opts.from ? { from: opts.from } : {}), ...(opts.to ? { to: opts.to } : {}) }, audience);
    case 'tracker-report':
      return services.papers.trackerReport(record);
    case 'work-programme':
      return services.papers.workProgramme(record);
    case 'urgency-report':
      // The council's report of decisions taken under special urgency covers every body: `record` names the council.
      return services.papers.urgencyReport({ ...(opts.from ? { from: opts.from } : {}), ...(opts.to ? { to: opts.to } : {}) });
    case 'annual-report': {
      if (opts.year !== undefined && !/^\d{4}$/.test(opts.year)) throw new CliError('--year is the year the municipal year starts in, such as 2017', 2);
      return services.papers.annualReport(record, opts.year === undefined ? undefined : Number(opts.year));
    }
    case 'council-annual-report': {
      // Every scrutiny committee of the council: `record` names the council, as for the urgency report.
      if (opts.year !== undefined && !/^\d{4}$/.test(opts.year)) throw new CliError('--year is the year the municipal year starts in, such as 2017', 2);
      return services.papers.councilAnnualReport(opts.year === undefined ? undefined : Number(opts.year));
    }
  }
}

/** The agenda pack of a meeting, built now if its inputs changed since it was last built. */
async function writeAgendaPack(record: string, opts: PaperOptions): Promise<void> {
  if (opts.format !== 'pdf') throw new CliError('an agenda pack is a PDF: leave out --format', 2);
  const env = readEnv();
  const database = await openDatabase(env.DATABASE_URL);
  try {
    const services = createServices({ database, packLinks: packLinks(env.BASE_URL), ...(env.COUNCIL_NAME ? { councilName: env.COUNCIL_NAME } : {}) });
    const pack = await services.packs.agendaPackNow(record).catch((error: unknown) => {
      if (error instanceof NotFoundError) throw new CliError(`${error.message}: "${record}"`, 2);
      throw error;
    });
    const file = opts.out ?? `agenda-pack-${pack.meeting.slug}.pdf`;
    await writeFile(file, pack.content);
    print(`Wrote ${pack.title} (${pack.page_count} pages) to ${file}.`);
  } finally {
    await database.close();
  }
}

export function registerPaperCommand(program: Command): void {
  program
    .command('paper')
    .description('Write a paper generated from the record as PDF (tagged, accessible), Word or HTML.')
    .argument('<kind>', `one of: ${PAPER_KINDS.join(', ')}, agenda-pack (a meeting's agenda pack: every public paper in one PDF)`)
    .argument('<record>', 'the review (response, annex), meeting (agenda, minutes, decision) or committee (forward-plan, tracker-report, annual-report) slug')
    .addOption(new Option('--format <format>', 'file format').choices(['pdf', 'docx', 'html']).default('pdf'))
    .option('--out <file>', 'where to write it (default: a file named after the paper, in this folder)')
    .option('--full', 'the officer version, with exempt and confidential text, marked NOT FOR PUBLICATION')
    .option('--resolution <id>', 'for a decision: the id of the resolution')
    .option('--from <date>', 'for a forward plan: the first day of the period, YYYY-MM-DD (default: today)')
    .option('--to <date>', 'for a forward plan: the last day of the period, YYYY-MM-DD (default: four months on)')
    .option('--year <year>', 'for an annual report: the year the municipal year starts in, such as 2017 for 2017/18 (default: the last complete one)')
    .addHelpText(
      'after',
      `
Examples:
  scrutineer paper response alternative-management-arrangements-for-childrens-services --format docx
  scrutineer paper agenda cabinet-and-commissioners-decision-making-meeting-2018-02-19 --full
  scrutineer paper forward-plan cabinet-and-commissioners-decision-making-meeting --from 2018-01-01 --to 2018-04-30
  scrutineer paper annual-report improving-lives-select-commission --year 2017
  scrutineer paper council-annual-report council --year 2017`,
    )
    .action(async (kind: string, record: string, opts: PaperOptions) => {
      if (kind === 'agenda-pack') return writeAgendaPack(record, opts);
      if (!isPaperKind(kind)) throw new CliError(`unknown paper "${kind}": use one of ${[...PAPER_KINDS, 'agenda-pack'].join(', ')}`, 2);
      const env = readEnv();
      const database = await openDatabase(env.DATABASE_URL);
      try {
        const services = createServices({ database, ...(env.COUNCIL_NAME ? { councilName: env.COUNCIL_NAME } : {}) });
        const paper = await build(services, kind, record, opts).catch((error: unknown) => {
          if (error instanceof NotFoundError) throw new CliError(`${error.message}: "${record}"`, 2);
          if (error instanceof ValidationError) throw new CliError(error.errors.map((e) => `--${e.field}: ${e.message}`).join('; ') || error.message, 2);
          throw error;
        });
        const body =
          opts.format === 'pdf'
            ? await (await import('../../export/paper-pdf.ts')).paperToPdf(paper)
            : opts.format === 'docx'
              ? await (await import('../../export/paper-docx.ts')).paperToDocx(paper)
              : paperToHtml(paper, { inlineStylesheet: true });
        const file = opts.out ?? `${paper.fileName}${opts.full && paper.marking ? '-not-for-publication' : ''}.${opts.format}`;
        await writeFile(file, body);
        print(`Wrote ${paper.title}${paper.marking ? ' (NOT FOR PUBLICATION)' : ''} to ${file}.`);
      } finally {
        await database.close();
      }
    });
}
