// The one failure an import reader raises: which file, where in it, and why, so a person can fix it.

/** Bad input (malformed, of the wrong kind, or holding an impossible value); the CLI exits with code 2. */
export class ImportInputError extends Error {
  override name = 'ImportInputError';
  constructor(
    readonly file: string,
    readonly where: string | null,
    readonly reason: string,
  ) {
    super(`${file}: ${where ? `${where}: ` : ''}${reason}`);
  }
}
