// Workspace accounts: users, their sessions (stored by token hash), sign-in attempts and their throttle.
import { timestamps, type RepositoryContext } from './repository-context.ts';

export interface NewUser {
  email: string;
  name: string;
  role: string;
  person_id: number | null;
  password_hash: string;
  /** 1 when an administrator chose the password (migration 0037). */
  must_change_password?: 0 | 1;
}

/** What an administrator changes of an account on its page. */
export interface UserDetails {
  name: string;
  role: string;
  person_id: number | null;
}

export function createUserRepository({ db, clock }: RepositoryContext) {
  return {
    async create(values: NewUser) {
      const stamps = timestamps(clock);
      return db
        .insertInto('users')
        .values({ ...values, ...stamps, password_changed_at: stamps.created_at })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async findByEmail(email: string) {
      return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    },

    async findById(id: number) {
      return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async list() {
      return db
        .selectFrom('users as u')
        .leftJoin('people as p', 'p.id', 'u.person_id')
        .selectAll('u')
        .select(['p.name as person_name', 'p.slug as person_slug'])
        .orderBy('u.email')
        .execute();
    },

    /** A new password: the holder's own (`temporary` false), or one an administrator chose, to be replaced at the next sign-in. */
    async setPassword(id: number, passwordHash: string, temporary = false) {
      const now = clock.now().toISOString();
      await db
        .updateTable('users')
        .set((eb) => ({
          password_hash: passwordHash,
          must_change_password: temporary ? 1 : 0,
          password_changed_at: now,
          updated_at: now,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', id)
        .execute();
    },

    /** Changes an account's name, role and person over the version the administrator opened; false when it had moved on. */
    async updateDetails(id: number, version: number, values: UserDetails): Promise<boolean> {
      const now = clock.now().toISOString();
      const result = await db
        .updateTable('users')
        .set((eb) => ({ ...values, updated_at: now, version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async setDisabled(id: number, disabled: boolean) {
      const now = clock.now().toISOString();
      await db
        .updateTable('users')
        .set((eb) => ({ is_disabled: disabled ? 1 : 0, updated_at: now, version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .execute();
    },

    async createSession(values: { token_hash: string; user_id: number; expires_at: string }) {
      await db
        .insertInto('sessions')
        .values({ ...values, created_at: clock.now().toISOString() })
        .execute();
    },

    /** The live session's user, or undefined when the token is unknown, expired or the user disabled. */
    async userForSession(tokenHash: string, now: string) {
      return db
        .selectFrom('sessions as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .selectAll('u')
        .select(['s.expires_at'])
        .where('s.token_hash', '=', tokenHash)
        .where('s.expires_at', '>', now)
        .where('u.is_disabled', '=', 0)
        .executeTakeFirst();
    },

    async deleteSession(tokenHash: string) {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    },

    /** Ends every session of a user (password reset, disabling), optionally keeping one. */
    async deleteSessionsOf(userId: number, except?: string) {
      let q = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (except !== undefined) q = q.where('token_hash', '!=', except);
      await q.execute();
    },

    /**
     * Takes the email's throttle row for the rest of the transaction (PostgreSQL holds its lock until
     * commit; SQLite runs one write transaction at a time), so attempts for one email are checked
     * and counted one after another. Gives the last attempt id an unlock cleared.
     */
    async holdThrottle(email: string): Promise<number> {
      const now = clock.now().toISOString();
      const row = await db
        .insertInto('login_throttles')
        .values({ email, updated_at: now })
        .onConflict((oc) => oc.column('email').doUpdateSet({ updated_at: now }))
        .returning('unlocked_through')
        .executeTakeFirstOrThrow();
      return Number(row.unlocked_through);
    },

    /** Clears an email's failures so far: they no longer count towards any lock. */
    async unlock(email: string) {
      const now = clock.now().toISOString();
      const last = await db
        .selectFrom('login_attempts')
        .select((eb) => eb.fn.max('id').as('id'))
        .where('email', '=', email)
        .executeTakeFirst();
      const through = Number(last?.id ?? 0);
      await db
        .insertInto('login_throttles')
        .values({ email, unlocked_through: through, updated_at: now })
        .onConflict((oc) => oc.column('email').doUpdateSet({ unlocked_through: through, updated_at: now }))
        .execute();
    },

    /** Records an attempt (a failure until marked succeeded) and gives its id. */
    async recordAttempt(email: string, client: string, succeeded: boolean): Promise<number> {
      const row = await db
        .insertInto('login_attempts')
        .values({ email, client, succeeded: succeeded ? 1 : 0, occurred_at: clock.now().toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    async markAttemptSucceeded(id: number) {
      await db.updateTable('login_attempts').set({ succeeded: 1 }).where('id', '=', id).execute();
    },

    /**
     * An email's failures after `since` (ISO), from one client after its last success from there
     * and from every client after the last success from any, both after the attempt id
     * `clearedThrough`; and whether the email has succeeded from this client after `knownSince`.
     */
    async attemptHistory(email: string, client: string, since: string, knownSince: string, clearedThrough: number) {
      const lastSuccess = (fromClient: boolean) => {
        let q = db
          .selectFrom('login_attempts')
          .select((eb) => [eb.fn.max('id').as('id'), eb.fn.max('occurred_at').as('at')])
          .where('email', '=', email)
          .where('succeeded', '=', 1);
        if (fromClient) q = q.where('client', '=', client);
        return q.executeTakeFirst();
      };
      const failuresAfter = async (afterId: number, fromClient: boolean) => {
        let q = db
          .selectFrom('login_attempts')
          .select('occurred_at')
          .where('email', '=', email)
          .where('succeeded', '=', 0)
          .where('id', '>', afterId)
          .where('occurred_at', '>', since);
        if (fromClient) q = q.where('client', '=', client);
        return (await q.orderBy('id').execute()).map((r) => r.occurred_at);
      };
      const fromClient = await lastSuccess(true);
      const fromAny = await lastSuccess(false);
      return {
        clientFailures: await failuresAfter(Math.max(clearedThrough, Number(fromClient?.id ?? 0)), true),
        accountFailures: await failuresAfter(Math.max(clearedThrough, Number(fromAny?.id ?? 0)), false),
        knownClient: typeof fromClient?.at === 'string' && fromClient.at > knownSince,
      };
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
