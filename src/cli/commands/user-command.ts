// `scrutineer user add|list|disable|unlock|reset-password`: administer workspace accounts (passwords come from stdin, never the command line).
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { ROLE_LABELS, ROLES } from '../../domain/roles.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../services/errors.ts';
import { createServices, type Services } from '../../services/index.ts';
import { CliError, openDatabase, print, readEnv } from '../runtime.ts';

/**
 * Reads one password line from stdin. On a terminal it prompts on stderr with echo off; from a
 * pipe (`--password-stdin`, or a script) it takes the first line. A password never goes on the
 * command line, where other users of the machine and the shell history would see it.
 */
export async function readPassword(prompt: string, input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin): Promise<string> {
  const interactive = input.isTTY === true;
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (!muted) process.stderr.write(chunk);
      callback();
    },
  });
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
  try {
    if (interactive) {
      process.stderr.write(prompt);
      muted = true;
    }
    const line = await new Promise<string>((resolve, reject) => {
      rl.once('line', resolve);
      rl.once('close', () => reject(new CliError('no password given on stdin', 2)));
    });
    if (interactive) process.stderr.write('\n');
    return line.replace(/\r$/, '');
  } finally {
    rl.close();
  }
}

/** Runs an action with services over the configured database, turning the catalogue's refusals into one-line errors with exit code 2. */
async function withServices(action: (services: Services) => Promise<void>): Promise<void> {
  const env = readEnv();
  const database = await openDatabase(env.DATABASE_URL);
  try {
    await action(createServices({ database }));
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new CliError(error.errors.map((e) => `${e.field}: ${e.message}`).join('; '), 2);
    }
    if (error instanceof ConflictError || error instanceof NotFoundError) throw new CliError(error.message, 2);
    throw error;
  } finally {
    await database.close();
  }
}

export function registerUserCommand(program: Command): void {
  const user = program.command('user').description('Administer the accounts that sign in to the officer workspace.');

  user
    .command('add')
    .description(`Add an account; the password is read from stdin. Roles: ${ROLES.join(', ')}.`)
    .requiredOption('--email <email>', 'email address, used to sign in')
    .requiredOption('--name <name>', 'name shown in the workspace and the audit trail')
    .requiredOption('--role <role>', `one of: ${ROLES.map((r) => `${r} (${ROLE_LABELS[r]})`).join(', ')}`)
    .option('--person <slug>', 'the person record of a lead officer or councillor (links responsibilities and seats)')
    .option('--password-stdin', 'read the password from the first line of stdin without prompting')
    .action(async (options: { email: string; name: string; role: string; person?: string; passwordStdin?: boolean }) => {
      const password = await readPassword('Password (12 characters or more): ');
      await withServices(async (services) => {
        const created = await services.auth.addUser('system', {
          email: options.email,
          name: options.name,
          role: options.role,
          person: options.person,
          password,
        });
        print(`Added ${created.email} (${ROLE_LABELS[created.role as keyof typeof ROLE_LABELS] ?? created.role}).`);
      });
    });

  user
    .command('list')
    .description('List every account with its role and whether it is disabled.')
    .action(async () => {
      await withServices(async (services) => {
        const users = await services.auth.listUsers();
        if (users.length === 0) print('No accounts yet: add one with `scrutineer user add`.');
        for (const u of users) {
          print([u.email, u.role, u.name, u.person_slug ?? '-', u.is_disabled ? 'disabled' : 'active'].join('\t'));
        }
      });
    });

  user
    .command('disable')
    .description('Disable an account: its sessions end at once and it can no longer sign in.')
    .argument('<email>')
    .action(async (email: string) => {
      await withServices(async (services) => {
        await services.auth.disableUser('system', email);
        print(`Disabled ${email.trim().toLowerCase()}.`);
      });
    });

  user
    .command('unlock')
    .description('Lift the sign-in locks and delays on an account: its failed attempts so far stop counting.')
    .argument('<email>')
    .action(async (email: string) => {
      await withServices(async (services) => {
        await services.auth.unlockUser('system', email);
        print(`Unlocked ${email.trim().toLowerCase()}: it may sign in from any address now.`);
      });
    });

  user
    .command('reset-password')
    .description("Set a new password (read from stdin) and end the account's sessions.")
    .argument('<email>')
    .option('--password-stdin', 'read the password from the first line of stdin without prompting')
    .action(async (email: string) => {
      const password = await readPassword('New password (12 characters or more): ');
      await withServices(async (services) => {
        await services.auth.resetPassword('system', email, password);
        print(`Reset the password of ${email.trim().toLowerCase()}.`);
      });
    });
}
