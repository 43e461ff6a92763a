// Reads a page's inline scripts and its Content-Security-Policy's script hashes, to check the policy lets exactly those scripts run.
import { createHash } from 'node:crypto';

/** CSP Level 3 hash-sources ('sha256-' + base64 of the script's text) of every inline script in the page. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter(([, attributes]) => !/\bsrc=/.test(attributes ?? ''))
    .map(
      ([, , text]) =>
        `'sha256-${createHash('sha256')
          .update(text ?? '', 'utf8')
          .digest('base64')}'`,
    );
}

/** The script-src directive's sources. */
export function scriptSources(csp: string): string[] {
  return /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1]?.trim().split(/\s+/) ?? [];
}
