// The environment variables Scrutineer reads, parsed with zod in one place when a command starts; nothing else reads process.env.
import { z } from 'zod';
import { BaseUrl } from '../services/mail-settings.ts';
import { parseTrustProxy } from '../web/trust-proxy.ts';

/** An empty variable counts as unset, as a shell's `FOO= command` means. */
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** A yes/no switch: true/1 or false/0 (any case); unset or empty is undefined. */
const flag = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['', 'true', '1', 'false', '0'].includes(v), 'must be true or false (or 1 or 0)')
  .transform((v) => (v === '' ? undefined : v === 'true' || v === '1'))
  .optional();

/** TRUST_PROXY's meaning is src/web/trust-proxy.ts's; a value it refuses is named here like any other. */
const trustProxy = z
  .string()
  .optional()
  .transform((v, ctx) => {
    try {
      return parseTrustProxy(v);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be true, false, a number of proxies, or proxy addresses such as 127.0.0.1 or 10.0.0.0/8' });
      return z.NEVER;
    }
  });

/**
 * Every variable, one schema: add a variable here, with its meaning, and in the README's
 * "Configuration" table. Each command calls readConfig() once when it starts.
 */
const ConfigSchema = z.object({
  /** `postgres://…` for PostgreSQL, or a path to a SQLite file (default data/scrutineer.db). */
  DATABASE_URL: optionalText,
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  /** The council's name in page headers, titles, feeds and papers. */
  COUNCIL_NAME: optionalText,
  /** Searches per client address per minute (src/web/routes/public/search-routes.ts); 0 turns the limit off. */
  SEARCH_RATE_LIMIT: z.coerce.number().int().min(0).optional(),
  /** Forces the Secure attribute of the session and CSRF cookies on or off (src/web/cookie-policy.ts). */
  COOKIE_SECURE: flag,
  /** Which reverse proxies are believed about the client's address and protocol (src/web/trust-proxy.ts). */
  TRUST_PROXY: trustProxy,
  /** nodemailer's connection URL for `scrutineer notify`: smtp://user:pass@host:587 or smtps://…:465. */
  SMTP_URL: optionalText.pipe(
    z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      .optional(),
  ),
  /** The From address of notification emails (default noreply at BASE_URL's host). */
  MAIL_FROM: optionalText.pipe(z.string().min(3).optional()),
  /** The site's public address, for links in emails and packs; without it following by email is off (src/services/mail-settings.ts). */
  BASE_URL: optionalText.pipe(BaseUrl.optional()),
  /** 1 sends every request through Fastify's logger (and past the page cache). */
  LOG_REQUESTS: flag,
  NODE_ENV: optionalText,
});

export type Config = z.infer<typeof ConfigSchema>;

/** A variable that is set but cannot be used: the message names it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    message: string,
    readonly variable: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Parses the environment; the first bad variable is named in the error. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = issue?.path.join('.') ?? 'environment';
  throw new ConfigError(`invalid environment variable ${variable}: ${issue?.message ?? 'not valid'}`, variable, { cause: result.error });
}
