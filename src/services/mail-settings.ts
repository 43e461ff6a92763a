// The site's public address (BASE_URL) and From address (MAIL_FROM) for links and senders in emails: from configuration only, never from a request.
import { z } from 'zod';
import type { NotificationSettings } from './notification-service.ts';

/**
 * BASE_URL is where every link in an email points. It comes from configuration alone (src/cli/config.ts
 * parses it with this schema): taken from a request's Host header, anyone could have a confirmation
 * link sent pointing at their own site.
 */
export const BaseUrl = z
  .url({ protocol: /^https?$/, error: 'must be the site’s public address, like https://democracy.council.gov.uk' })
  .refine((v) => !/[?#]/.test(v), 'must be the site’s public address, with no query or fragment')
  .transform((v) => v.replace(/\/+$/, ''));

/**
 * The settings for emails: undefined when BASE_URL is not set, so nothing that needs a link in an
 * email may be queued. MAIL_FROM defaults to noreply at BASE_URL's host.
 */
export function mailSettings(baseUrl: string | undefined, from: string | undefined): NotificationSettings | undefined {
  if (baseUrl === undefined) return undefined;
  return { baseUrl, from: from ?? `noreply@${new URL(baseUrl).hostname}` };
}
