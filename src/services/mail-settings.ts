// The site's public address (BASE_URL) and From address (MAIL_FROM) for links and senders in emails: read from configuration only, never from a request.
import { z } from 'zod';
import { ValidationError } from './errors.ts';
import type { NotificationSettings } from './notification-service.ts';

/**
 * BASE_URL is where every link in an email points. It comes from configuration alone: taken from
 * a request's Host header, anyone could have a confirmation link sent pointing at their own site.
 */
const BaseUrl = z.url({ protocol: /^https?$/, error: 'must be the site’s public address, like https://democracy.council.gov.uk' })
  .refine((v) => !/[?#]/.test(v), 'must be the site’s public address, with no query or fragment')
  .transform((v) => v.replace(/\/+$/, ''));

const MailEnv = z.object({
  BASE_URL: BaseUrl.optional(),
  MAIL_FROM: z.string().min(3).optional(),
});

/**
 * The settings for emails from an environment (`process.env`): undefined when BASE_URL is not set,
 * so nothing that needs a link in an email may be queued; ValidationError naming the variable when
 * it is set but not an http(s) address. MAIL_FROM defaults to noreply at BASE_URL's host.
 */
export function mailSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): NotificationSettings | undefined {
  const parsed = MailEnv.safeParse({ BASE_URL: env['BASE_URL'] || undefined, MAIL_FROM: env['MAIL_FROM'] || undefined });
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '));
  const { BASE_URL: baseUrl, MAIL_FROM: from } = parsed.data;
  if (baseUrl === undefined) return undefined;
  return { baseUrl, from: from ?? `noreply@${new URL(baseUrl).hostname}` };
}
