// Signing in and out, sessions, password changes, throttling of password guesses, and the administration of accounts.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../domain/clock.ts';
import { isRole, ROLES, type Actor } from '../domain/roles.ts';
import { KNOWN_CLIENT_DAYS, LOCK_MINUTES, locksStarted, refusalMessage, signInVerdict, type AttemptHistory, type Verdict } from '../domain/sign-in-throttle.ts';
import type { Repositories } from '../repositories/index.ts';
import type { User } from '../db/schema.ts';
import { ConflictError, NotFoundError, ValidationError } from './errors.ts';
import { dummyHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password.ts';
import type { UnitOfWork } from './unit-of-work.ts';
import { NO_INPUT, authorise, createWriteRunner, declareWrite, staleUnless } from './command.ts';
import { formVersion, optionalRecordId, parseInput } from './form-input.ts';

/** How long a session lasts from sign-in; signing in again starts a new one. */
export const SESSION_HOURS = 12;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Enter an email address')
  .max(254)
  .email('Enter an email address in the correct format, like name@example.org');

const PasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Password must be ${MIN_PASSWORD_LENGTH} characters or more`)
  .max(256, 'Password must be 256 characters or fewer');

export const NewUserSchema = z.object({
  email: EmailSchema,
  name: z.string({ error: 'Enter a name' }).trim().min(1, 'Enter a name').max(200),
  role: z.string({ error: `Role must be one of: ${ROLES.join(', ')}` }).refine(isRole, `Role must be one of: ${ROLES.join(', ')}`),
  person: z.string().trim().min(1).optional(),
  password: PasswordSchema,
});

const RoleSchema = z.string({ error: 'Choose a role' }).refine(isRole, 'Choose a role');

/** An account as an administrator makes it in the workspace: the person chosen from a list, the password typed once and replaced by its holder. */
const WorkspaceUserSchema = z.object({
  email: EmailSchema,
  name: z.string({ error: 'Enter a name' }).trim().min(1, 'Enter a name').max(200, 'Name must be 200 characters or fewer'),
  role: RoleSchema,
  personId: optionalRecordId('Choose a person from the list'),
  password: PasswordSchema,
});

const UserDetailsSchema = z.object({
  name: z.string({ error: 'Enter a name' }).trim().min(1, 'Enter a name').max(200, 'Name must be 200 characters or fewer'),
  role: RoleSchema,
  personId: optionalRecordId('Choose a person from the list'),
  version: formVersion,
});

const TemporaryPasswordSchema = z.object({ password: PasswordSchema });
const AccessSchema = z.object({ access: z.enum(['enable', 'disable'], { error: 'Choose whether the account may sign in' }) });

/**
 * Accounts are administered by administrators in the workspace, or from the command line
 * (`scrutineer user …`), which writes as the system; a user changes only their own password.
 * Sign-in attempts, sessions and lock-outs are bookkeeping, not writes to the record (see command.ts).
 */
const CREATE_ACCOUNT = declareWrite('user.create', ['administrator'], WorkspaceUserSchema);
const UPDATE_ACCOUNT = declareWrite('user.update', ['administrator'], UserDetailsSchema);
const SET_TEMPORARY_PASSWORD = declareWrite('user.temporaryPassword', ['administrator'], TemporaryPasswordSchema);
const SET_ACCESS = declareWrite('user.access', ['administrator'], AccessSchema);
const ADD_USER = declareWrite('user.add', ['system'], NewUserSchema);
const DISABLE_USER = declareWrite('user.disable', ['system'], NO_INPUT);
const UNLOCK_USER = declareWrite('user.unlock', ['system'], NO_INPUT);
const RESET_PASSWORD = declareWrite('user.resetPassword', ['system'], z.object({ password: PasswordSchema }));
const CHANGE_PASSWORD = declareWrite('user.changePassword', [...ROLES], NO_INPUT);

export type SignInResult =
  | { ok: true; token: string; actor: Actor; expiresAt: Date }
  | { ok: false; reason: 'invalid' }
  /** Refused without checking the password (or this wrong one started a lock); `message` says when to try again. */
  | { ok: false; reason: 'wait' | 'locked'; until: Date; message: string };

/** A password check let through by the throttle: its attempt row, and what a wrong password would start. */
interface Admitted {
  readonly attemptId: number;
  /** When the attempt was recorded. */
  readonly at: Date;
  readonly history: AttemptHistory;
  /** The verdict the next attempt from this client would get if this password is wrong. */
  readonly ifWrong: Verdict;
}

export function toActor(user: Pick<User, 'id' | 'email' | 'name' | 'role' | 'person_id'> & Partial<Pick<User, 'must_change_password'>>): Actor {
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: isRole(user.role) ? user.role : 'councillor',
    personId: user.person_id,
    mustChangePassword: user.must_change_password === 1,
  };
}

/** What an audit event may show of a user: never the password hash. */
function publicUser(user: User) {
  const { password_hash: _hash, ...rest } = user;
  return rest;
}

export function createAuthService(deps: { repos: () => Repositories; unitOfWork: UnitOfWork; clock: Clock }) {
  const { repos, unitOfWork, clock } = deps;
  const write = createWriteRunner(unitOfWork);

  async function findUser(email: string) {
    const user = await repos().users.findByEmail(normaliseEmail(email));
    if (!user) throw new NotFoundError(`No user with the email address ${normaliseEmail(email)}`);
    return user;
  }

  type Refusal = Extract<SignInResult, { reason: 'wait' | 'locked' }>;

  function refusal(verdict: Extract<Verdict, { allowed: false }>): Refusal {
    return { ok: false, reason: verdict.reason, until: verdict.until, message: refusalMessage(verdict, clock.now()) };
  }

  /**
   * Checks the throttle and, when it lets the attempt through, records it as a failure (until the
   * password proves right) in the same transaction. The transaction first takes the email's
   * throttle row, so concurrent guesses are counted one after another: ten at once get no more
   * checks than ten in a row would.
   */
  async function admit(email: string, client: string): Promise<Admitted | Refusal> {
    return unitOfWork('system', async ({ repos: tx }) => {
      const clearedThrough = await tx.users.holdThrottle(email);
      const now = clock.now();
      const since = new Date(now.getTime() - LOCK_MINUTES * 60_000).toISOString();
      const knownSince = new Date(now.getTime() - KNOWN_CLIENT_DAYS * 86_400_000).toISOString();
      const found = await tx.users.attemptHistory(email, client, since, knownSince, clearedThrough);
      const history: AttemptHistory = {
        clientFailures: found.clientFailures.map((at) => new Date(at)),
        accountFailures: found.accountFailures.map((at) => new Date(at)),
        knownClient: found.knownClient,
      };
      const verdict = signInVerdict(history, now);
      if (!verdict.allowed) return refusal(verdict);
      const attemptId = await tx.users.recordAttempt(email, client, false);
      const withThis: AttemptHistory = {
        ...history,
        clientFailures: [...history.clientFailures, now],
        accountFailures: [...history.accountFailures, now],
      };
      return { attemptId, at: now, history: withThis, ifWrong: signInVerdict(withThis, now) };
    });
  }

  /** The lock a wrong password started for this client, if it did (a mere delay is not worth a message). */
  function lockIfWrong(admitted: Admitted): Refusal | null {
    return !admitted.ifWrong.allowed && admitted.ifWrong.reason === 'locked' ? refusal(admitted.ifWrong) : null;
  }

  /** A wrong password: its attempt stays a failure; a lock it started goes into the audit trail. */
  async function recordFailure(email: string, client: string, userId: number | null, admitted: Admitted): Promise<void> {
    const locks = locksStarted(admitted.history, admitted.at);
    if (locks.length === 0) return;
    await unitOfWork('system', async ({ audit }) => {
      for (const lock of locks) {
        await audit('lock_out', 'user', userId, null, { email, client, scope: lock.scope, until: lock.until.toISOString() });
      }
    });
  }

  return {
    /**
     * Checks an email and password from a client address. Unknown emails take as long as known ones
     * (a dummy hash is verified) and get the same answer, so the form does not reveal who has an
     * account. Guesses are throttled per email and address (src/domain/sign-in-throttle.ts).
     */
    async signIn(emailInput: string, password: string, client: string): Promise<SignInResult> {
      const email = normaliseEmail(emailInput);
      const admitted = await admit(email, client);
      if (!('attemptId' in admitted)) return admitted;
      const user = await repos().users.findByEmail(email);
      const matches = await verifyPassword(password, user?.password_hash ?? (await dummyHash()));
      if (!user || !matches || user.is_disabled === 1) {
        await recordFailure(email, client, user?.id ?? null, admitted);
        return lockIfWrong(admitted) ?? { ok: false, reason: 'invalid' };
      }
      const now = clock.now();
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
      await unitOfWork(toActor(user), async ({ repos: tx, audit }) => {
        await tx.users.markAttemptSucceeded(admitted.attemptId);
        await tx.users.createSession({ token_hash: hashToken(token), user_id: user.id, expires_at: expiresAt.toISOString() });
        await audit('sign_in', 'user', user.id, null, null);
      });
      return { ok: true, token, actor: toActor(user), expiresAt };
    },

    /** The signed-in actor for a session cookie's token, or null. */
    async actorForToken(token: string | undefined): Promise<Actor | null> {
      if (!token) return null;
      const user = await repos().users.userForSession(hashToken(token), clock.now().toISOString());
      return user ? toActor(user) : null;
    },

    async signOut(token: string | undefined): Promise<void> {
      if (token) await repos().users.deleteSession(hashToken(token));
    },

    /**
     * Changes the actor's own password after checking the current one; other sessions end. Guesses
     * at the current password are throttled exactly as sign-in is, and count towards the same
     * locks, so a stolen session cannot be used to try passwords without limit.
     */
    async changePassword(actor: Actor, token: string, input: unknown, client: string): Promise<void> {
      const parsed = z
        .object({
          currentPassword: z.string().min(1, 'Enter your current password'),
          newPassword: PasswordSchema,
          confirmPassword: z.string(),
        })
        .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'The passwords do not match' })
        .safeParse(input);
      if (!parsed.success) throw ValidationError.fromZod(parsed.error);
      const admitted = await admit(actor.email, client);
      if (!('attemptId' in admitted)) throw new ValidationError([{ field: 'currentPassword', message: admitted.message }]);
      const user = await repos().users.findById(actor.userId);
      if (!user || !(await verifyPassword(parsed.data.currentPassword, user.password_hash))) {
        await recordFailure(actor.email, client, actor.userId, admitted);
        throw new ValidationError([{ field: 'currentPassword', message: lockIfWrong(admitted)?.message ?? 'Your current password is not correct' }]);
      }
      const hash = await hashPassword(parsed.data.newPassword);
      await write(CHANGE_PASSWORD, actor, undefined, async (_values, { repos: tx, audit }) => {
        await tx.users.markAttemptSucceeded(admitted.attemptId);
        await tx.users.setPassword(user.id, hash);
        await tx.users.deleteSessionsOf(user.id, hashToken(token));
        await audit('change_password', 'user', user.id, null, null);
      });
    },

    async addUser(actor: 'system', input: unknown) {
      // The password is hashed before the transaction: SQLite holds its write lock from BEGIN, and
      // every other process's save would wait out the hash. The write parses the same input again.
      authorise(ADD_USER, actor);
      const passwordHash = await hashPassword(parseInput(NewUserSchema, input).password);
      return write(ADD_USER, actor, input, async ({ email, name, role, person }, { repos: tx, audit }) => {
        if (await tx.users.findByEmail(email)) throw new ConflictError(`There is already a user with the email address ${email}`);
        let personId: number | null = null;
        if (person) {
          const found = await tx.people.findBySlug(person);
          if (!found) throw new ValidationError([{ field: 'person', message: `No person with the slug ${person}` }]);
          personId = found.id;
        }
        const user = await tx.users.create({ email, name, role: role, person_id: personId, password_hash: passwordHash });
        await audit('create', 'user', user.id, null, publicUser(user));
        return publicUser(user);
      });
    },

    // Accounts in the workspace (administrators) ---------------------------------------------

    /** Makes an account with a password the administrator gives its holder; they choose their own at the first sign-in. */
    async createAccount(actor: Actor, input: unknown) {
      // Hashed before the transaction, as in addUser: the write lock is not held while it is made.
      authorise(CREATE_ACCOUNT, actor);
      const passwordHash = await hashPassword(parseInput(WorkspaceUserSchema, input).password);
      return write(CREATE_ACCOUNT, actor, input, async ({ email, name, role, personId }, { repos: tx, audit }) => {
        if (await tx.users.findByEmail(email)) throw new ValidationError([{ field: 'email', message: `There is already an account for ${email}` }]);
        if (personId !== null && !(await tx.people.findById(personId)))
          throw new ValidationError([{ field: 'personId', message: 'Choose a person from the list' }]);
        const user = await tx.users.create({ email, name, role, person_id: personId, password_hash: passwordHash, must_change_password: 1 });
        await audit('create', 'user', user.id, null, publicUser(user));
        return publicUser(user);
      });
    },

    async account(actor: Actor, id: number) {
      authorise(UPDATE_ACCOUNT, actor);
      const user = (await repos().users.list()).find((u) => u.id === id);
      if (!user) throw new NotFoundError('No such account');
      const { password_hash: _hash, ...rest } = user;
      return rest;
    },

    async updateAccount(actor: Actor, id: number, input: unknown) {
      return write(UPDATE_ACCOUNT, actor, input, async ({ name, role, personId, version }, { repos: tx, audit }) => {
        const before = await tx.users.findById(id);
        if (!before) throw new NotFoundError('No such account');
        if (personId !== null && !(await tx.people.findById(personId)))
          throw new ValidationError([{ field: 'personId', message: 'Choose a person from the list' }]);
        if (before.id === actor.userId && role !== 'administrator') {
          // Someone must be left who can administer accounts: an administrator cannot demote themselves.
          throw new ValidationError([{ field: 'role', message: 'You cannot take the administrator role from your own account' }]);
        }
        staleUnless(await tx.users.updateDetails(id, version, { name, role, person_id: personId }), 'this account', version);
        // A new role takes effect at once: the sessions opened under the old one end.
        if (role !== before.role) await tx.users.deleteSessionsOf(id);
        const after = await tx.users.findById(id);
        await audit('update', 'user', id, publicUser(before), after ? publicUser(after) : null);
      });
    },

    /** For a holder who forgot theirs or is locked out: every session ends, the locks lift, and the new password must be replaced at the next sign-in. */
    async setTemporaryPassword(actor: Actor, id: number, input: unknown) {
      authorise(SET_TEMPORARY_PASSWORD, actor);
      const hash = await hashPassword(parseInput(TemporaryPasswordSchema, input).password);
      await write(SET_TEMPORARY_PASSWORD, actor, input, async (_values, { repos: tx, audit }) => {
        const user = await tx.users.findById(id);
        if (!user) throw new NotFoundError('No such account');
        if (user.id === actor.userId)
          throw new ValidationError([{ field: 'password', message: 'Change your own password on the “Change your password” page' }]);
        await tx.users.setPassword(id, hash, true);
        await tx.users.deleteSessionsOf(id);
        await tx.users.unlock(user.email);
        await audit('reset_password', 'user', id, null, null);
      });
    },

    /** Stops an account signing in (every session ends at once) or lets it sign in again; the record and its audit trail stay. */
    async setAccountAccess(actor: Actor, id: number, input: unknown) {
      await write(SET_ACCESS, actor, input, async ({ access }, { repos: tx, audit }) => {
        const user = await tx.users.findById(id);
        if (!user) throw new NotFoundError('No such account');
        if (user.id === actor.userId && access === 'disable')
          throw new ValidationError([{ field: 'access', message: 'You cannot stop your own account signing in' }]);
        await tx.users.setDisabled(id, access === 'disable');
        if (access === 'disable') await tx.users.deleteSessionsOf(id);
        const after = await tx.users.findById(id);
        await audit(access, 'user', id, publicUser(user), after ? publicUser(after) : null);
      });
    },

    async listUsers() {
      return (await repos().users.list()).map(({ password_hash: _hash, ...rest }) => rest);
    },

    /** Disabling ends every session at once and refuses future sign-ins; the record (and its audit trail) stays. */
    async disableUser(actor: 'system', email: string) {
      const user = await findUser(email);
      await write(DISABLE_USER, actor, undefined, async (_values, { repos: tx, audit }) => {
        await tx.users.setDisabled(user.id, true);
        await tx.users.deleteSessionsOf(user.id);
        const after = await tx.users.findById(user.id);
        await audit('disable', 'user', user.id, publicUser(user), after ? publicUser(after) : null);
      });
    },

    /**
     * Lifts every sign-in lock and delay on an account at once: the failures so far stop counting.
     * For the user an attack locked out of a new address, or the one who forgot their password.
     */
    async unlockUser(actor: 'system', email: string) {
      const user = await findUser(email);
      await write(UNLOCK_USER, actor, undefined, async (_values, { repos: tx, audit }) => {
        await tx.users.unlock(user.email);
        await audit('unlock', 'user', user.id, null, null);
      });
    },

    async resetPassword(actor: 'system', email: string, password: string) {
      const user = await findUser(email);
      // Hashed before the transaction, as in addUser: the write lock is not held while it is made.
      authorise(RESET_PASSWORD, actor);
      const hash = await hashPassword(parseInput(RESET_PASSWORD.input, { password }).password);
      await write(RESET_PASSWORD, actor, { password }, async (_values, { repos: tx, audit }) => {
        await tx.users.setPassword(user.id, hash);
        await tx.users.deleteSessionsOf(user.id);
        await audit('reset_password', 'user', user.id, null, null);
      });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
