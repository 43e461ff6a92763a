// Runs the real `scrutineer` command in a child process, for tests of signals, crashes and serving.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CLI = path.join(ROOT, 'src/cli/main.ts');

export interface CliChild {
  readonly child: ChildProcessWithoutNullStreams;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  readonly exited: Promise<number | string>;
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}): CliChild {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1));
  });
  return { child, output: () => text, exited };
}

/**
 * Waits until the output matches, or fails with what the process said. Checked again on each chunk
 * the process writes (not on a timer), so a test acts the moment the line is out; `timeoutMs` only
 * bounds a process that never prints it.
 */
export async function waitForOutput(cli: CliChild, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
  const now = pattern.exec(cli.output());
  if (now) return now;
  if (cli.child.exitCode !== null || cli.child.signalCode !== null) throw new Error(`process ended before printing ${pattern}: ${cli.output()}`);
  return new Promise<RegExpMatchArray>((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(cli.output());
      if (match) finish(() => resolve(match));
    };
    const ended = () => finish(() => reject(new Error(`process ended before printing ${pattern}: ${cli.output()}`)));
    const timer = setTimeout(() => finish(() => reject(new Error(`timed out waiting for ${pattern}: ${cli.output()}`))), timeoutMs);
    function finish(settle: () => void) {
      clearTimeout(timer);
      cli.child.stdout.off('data', check);
      cli.child.stderr.off('data', check);
      cli.child.off('close', ended);
      settle();
    }
    // Listeners added after spawnCli's own, so the chunk is already in output() when they run.
    cli.child.stdout.on('data', check);
    cli.child.stderr.on('data', check);
    // 'close' comes after the last chunk of output, so a line printed just before exiting is still seen.
    cli.child.once('close', ended);
  });
}

/** Starts `scrutineer serve --port 0` and returns its base URL (without a trailing slash). */
export async function serveCli(databaseUrl: string, extraArgs: string[] = []): Promise<CliChild & { url: string }> {
  const cli = spawnCli(['serve', '--port', '0', '--host', '127.0.0.1', ...extraArgs], { DATABASE_URL: databaseUrl });
  const match = await waitForOutput(cli, /at (http:\/\/127\.0\.0\.1:\d+)\//, 60_000);
  return { ...cli, url: match[1]! };
}

/** Runs `scrutineer ARGS` to its end, as a user runs it, and gives back its exit code and output. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
