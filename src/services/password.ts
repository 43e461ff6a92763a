// Password hashing with scrypt (node:crypto): a per-user random salt, parameters kept in the hash, timing-safe comparison.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { present } from '../domain/present.ts';

// OWASP Password Storage Cheat Sheet lists equivalent scrypt settings; N=2^14, r=8, p=5 is one of
// them and needs 16 MiB rather than 128 MiB per hash. The parameters are stored in each hash so
// they can be raised later and old hashes still verify.
const N = 2 ** 14;
const R = 8;
const P = 5;
const KEY_LENGTH = 32;
const MAX_MEMORY = 256 * 1024 * 1024;

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: MAX_MEMORY });
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(present(parts[4], 'parts[4]'), 'base64');
  const expected = Buffer.from(present(parts[5], 'parts[5]'), 'base64');
  const key = await scrypt(password, salt, expected.length, { N: n, r, p, maxmem: MAX_MEMORY });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

let dummyHash_: Promise<string> | undefined;

/** A hash of nothing anyone knows, verified against when the email is unknown so timing does not reveal accounts. */
export function dummyHash(): Promise<string> {
  dummyHash_ ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash_;
}

/** The rule for a new password (NCSC: length over complexity). */
export const MIN_PASSWORD_LENGTH = 12;
