// Starts one PostgreSQL server for the whole test run (when installed) and hands its URL to the tests.
import type { TestProject } from 'vitest/node';
import { findPostgresBin, startPostgres, type PostgresServer } from './postgres-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the test PostgreSQL server, or '' when the PostgreSQL suite is skipped. */
    postgresUrl: string;
  }
}

let server: PostgresServer | undefined;

export default async function setup(project: TestProject): Promise<() => void> {
  let url = process.env.TEST_DATABASE_URL ?? '';
  if (!url) {
    const bin = findPostgresBin();
    if (bin) {
      server = await startPostgres(bin);
      url = server.url;
    } else if (process.env.CI) {
      throw new Error(
        "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): CI must run the suite on both engines. Install Debian's postgresql package.",
      );
    } else {
      console.warn(
        '\n  PostgreSQL is not installed: the PostgreSQL half of the repository and service suite is SKIPPED.\n  Install it (apt-get install postgresql) or set TEST_DATABASE_URL to run it.\n',
      );
    }
  }
  project.provide('postgresUrl', url);
  return () => server?.stop();
}
