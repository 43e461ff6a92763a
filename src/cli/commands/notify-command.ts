// `scrutineer notify`: queue the reminders and status-change emails that are due, then send the outbox over SMTP.
import type { Command } from 'commander';
import { createServices } from '../../services/index.ts';
import { CliError, openDatabase, print, readEnv, readMailSettings } from '../runtime.ts';

export function registerNotifyCommand(program: Command): void {
  program
    .command('notify')
    .description('Queue the reminders and status-change emails that are due, then send everything queued (SMTP_URL, MAIL_FROM, BASE_URL).')
    .option('--queue-only', 'queue what is due without sending')
    .action(async (options: { queueOnly?: boolean }) => {
      const env = readEnv();
      // Sending needs SMTP_URL and MAIL_FROM; a missing one is named (their values are checked in config.ts).
      const required = (variable: 'SMTP_URL' | 'MAIL_FROM'): string => {
        const value = env[variable];
        if (value === undefined) throw new CliError(`invalid environment variable ${variable}: required by scrutineer notify`, 2);
        return value;
      };
      const smtpUrl = required('SMTP_URL');
      required('MAIL_FROM');
      // Every link in an email comes from BASE_URL: no mail is queued or sent without it.
      const settings = readMailSettings(env);
      if (!settings) throw new CliError('invalid environment variable BASE_URL: set it to the site’s public address, like https://democracy.council.gov.uk', 2);
      const database = await openDatabase(env.DATABASE_URL);
      try {
        const services = createServices({ database });
        const { queued } = await services.notifications.queueDue(settings);
        print(`Queued ${queued} message${queued === 1 ? '' : 's'}.`);
        if (options.queueOnly) return;
        const nodemailer = (await import('nodemailer')).default;
        const transport = nodemailer.createTransport(smtpUrl);
        const { sent, failed } = await services.notifications.sendDue(transport, settings);
        print(`Sent ${sent}; ${failed} failed (kept in the outbox to retry).`);
        if (failed > 0) process.exitCode = 1;
      } finally {
        await database.close();
      }
    });
}
