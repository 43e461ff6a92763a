#!/usr/bin/env node
// Compiles src/ to JavaScript in dist/ for production (`npm start`, the `scrutineer` command), when the sources are newer than the last build.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
const SRC = join(ROOT, 'src');
/** Written last, so that an interrupted build is never taken for a finished one. */
const STAMP = join(DIST, '.built');
/** Besides the sources, what changes the output. */
const INPUTS = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((name) => join(ROOT, name));

function newestChange(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(file) : statSync(file).mtimeMs);
  }
  return newest;
}

/** Whether dist/ holds a finished build at least as new as every source (and src/ exists to compare with). */
export function buildIsFresh() {
  if (!existsSync(STAMP)) return false;
  if (!existsSync(SRC)) return true;
  const built = statSync(STAMP).mtimeMs;
  return newestChange(SRC) <= built && INPUTS.every((file) => !existsSync(file) || statSync(file).mtimeMs <= built);
}

/** Files that are not TypeScript (views, stylesheets, paper templates) are read beside the compiled modules. */
function copyAssets(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = join(dir, entry.name);
    if (entry.isDirectory()) copyAssets(file);
    else if (!entry.name.endsWith('.ts')) {
      const target = join(DIST, relative(SRC, file));
      mkdirSync(dirname(target), { recursive: true });
      cpSync(file, target);
    }
  }
}

/** Compiles with TypeScript without type checking (`npm run typecheck` and `npm test` check types). */
export function build() {
  // TypeScript 7 (typescript-go, native) when installed: it compiles in a fraction of TypeScript 6's time.
  const require = createRequire(import.meta.url);
  const compiler = existsSync(join(ROOT, 'node_modules/typescript-go/bin/tsc'))
    ? join(ROOT, 'node_modules/typescript-go/bin/tsc')
    : require.resolve('typescript/bin/tsc');
  rmSync(DIST, { recursive: true, force: true });
  const result = spawnSync(process.execPath, [compiler, '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`compiling src/ to dist/ failed (exit ${result.status ?? result.signal})`);
  copyAssets(SRC);
  writeFileSync(STAMP, '');
}

export function buildIfStale() {
  if (buildIsFresh()) return false;
  process.stderr.write('Compiling src/ to dist/ ...\n');
  build();
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    if (process.argv.includes('--force')) build();
    else buildIfStale();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
