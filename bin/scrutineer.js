#!/usr/bin/env node
// The installed `scrutineer` command: runs the compiled CLI in dist/ when it is as new as the sources (bin/build.js), else the TypeScript through tsx.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, ROOT, buildIsFresh } from './build.js';

if (buildIsFresh()) {
  const { runCommandLine } = await import(pathToFileURL(join(DIST, 'cli/main.js')).href);
  await runCommandLine();
} else {
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  const result = spawnSync(process.execPath, [tsx, join(ROOT, 'src/cli/main.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
