// Which reverse proxies are believed about the client: the TRUST_PROXY setting's meaning (src/cli/config.ts reads it), handed to Fastify's trustProxy.
import { isIP } from 'node:net';

/** Fastify's trustProxy: off, every proxy, this many hops, or these addresses, ranges and proxy-addr names. */
export type TrustProxy = boolean | number | readonly string[];

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Reads TRUST_PROXY. Unset, empty or `false`: no proxy is trusted, and X-Forwarded-For, -Proto and
 * -Host are ignored (a client could send them to pose as another address). `true`: every hop is
 * trusted (only when nothing but the proxy can reach the app). A whole number: that many proxies
 * in front. Otherwise a comma-separated list of proxy addresses or ranges (`127.0.0.1`,
 * `10.0.0.0/8`, `loopback`). Anything else is refused when a command starts (src/cli/config.ts).
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = value?.trim() ?? '';
  if (v === '' || v.toLowerCase() === 'false') return false;
  if (v.toLowerCase() === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v) === 0 ? false : Number(v);
  const entries = v
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  const wrong = entries.find((e) => !isAddressOrRange(e));
  if (entries.length === 0 || wrong !== undefined) {
    throw new Error(`TRUST_PROXY must be true, false, a number of proxies, or proxy addresses such as 127.0.0.1 or 10.0.0.0/8, not "${value}"`);
  }
  return entries;
}
