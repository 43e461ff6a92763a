// The CSP hash of the one inline script in GOV.UK Frontend's page template, read from the installed template itself.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const TEMPLATE = path.join(path.dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), 'dist', 'govuk', 'template.njk');

/**
 * The template's script adds `js-enabled` to <body> before the page is drawn. A CSP hash-source
 * (CSP Level 3 §2.3.1, 'sha256-' + base64 of the script's text) lets it run with no nonce, so a page
 * is the same bytes for everyone and can be served from the page cache as it is; GOV.UK Frontend
 * documents this hash as the alternative to a nonce. It is computed from the installed template,
 * so an upgrade that changes the script changes the hash with it.
 */
export function govukInlineScriptHash(template: string = readFileSync(TEMPLATE, 'utf8')): string {
  const scripts = [...template.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
  const text = scripts[0]?.[1];
  // The hash is of the bytes the browser sees: a script with template code in it would differ per page.
  if (scripts.length !== 1 || text === undefined || /\{[{%#]/.test(text)) {
    throw new Error(`expected one inline script without template tags in ${TEMPLATE}; the Content-Security-Policy needs its hash`);
  }
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

export const GOVUK_INLINE_SCRIPT_HASH = govukInlineScriptHash();
