// What every command shares and can have before any database module is loaded: configuration from the environment, printing, and errors the user can act on (`serve --workers` forks its workers with no more than this).
import { mailSettings } from '../services/mail-settings.ts';
import type { NotificationSettings } from '../services/notification-service.ts';
import { ConfigError, readConfig, type Config } from './config.ts';

export type Env = Config;

export function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Seconds as a person reads them: `42s`, `2m05s`. */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** A failure the user can act on: printed as one line, exit code 2 for bad input, 1 otherwise. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** BASE_URL and MAIL_FROM (src/services/mail-settings.ts): undefined when BASE_URL is unset. */
export function readMailSettings(env: Env): NotificationSettings | undefined {
  return mailSettings(env.BASE_URL, env.MAIL_FROM);
}

/** The configuration (src/cli/config.ts); a bad variable stops the command with exit code 2, naming it. */
export function readEnv(env?: NodeJS.ProcessEnv): Env {
  try {
    return readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, 2, { cause: error });
    throw error;
  }
}
