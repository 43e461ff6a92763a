// Workspace accounts: users, their sessions (stored by token hash) and sign-in attempts.
import { timestamps, type RepositoryContext } from './repository-context.ts';

export interface NewUser {
  email: string;
  name: string;
  role: string;
  person_id: number | null;
  password_hash: string;
}

export function createUserRepository({ db, clock }: RepositoryContext) {
  return {
    async create(values: NewUser) {
      const stamps = timestamps(clock);
      return db.insertInto('users').values({ ...values, ...stamps, password_changed_at: stamps.created_at })
        .returningAll().executeTakeFirstOrThrow();
    },

    async findByEmail(email: string) {
      return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    },

    async findById(id: number) {
      return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async list() {
      return db.selectFrom('users as u').leftJoin('people as p', 'p.id', 'u.person_id')
        .selectAll('u').select(['p.name as person_name', 'p.slug as person_slug'])
        .orderBy('u.email').execute();
    },

    async setPassword(id: number, passwordHash: string) {
      const now = clock.now().toISOString();
      await db.updateTable('users')
        .set((eb) => ({ password_hash: passwordHash, password_changed_at: now, updated_at: now, version: eb('version', '+', 1) }))
        .where('id', '=', id).execute();
    },

    async setDisabled(id: number, disabled: boolean) {
      const now = clock.now().toISOString();
      await db.updateTable('users')
        .set((eb) => ({ is_disabled: disabled ? 1 : 0, updated_at: now, version: eb('version', '+', 1) }))
        .where('id', '=', id).execute();
    },

    async createSession(values: { token_hash: string; user_id: number; expires_at: string }) {
      await db.insertInto('sessions').values({ ...values, created_at: clock.now().toISOString() }).execute();
    },

    /** The live session's user, or undefined when the token is unknown, expired or the user disabled. */
    async userForSession(tokenHash: string, now: string) {
      return db.selectFrom('sessions as s').innerJoin('users as u', 'u.id', 's.user_id')
        .selectAll('u').select(['s.expires_at'])
        .where('s.token_hash', '=', tokenHash).where('s.expires_at', '>', now).where('u.is_disabled', '=', 0)
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

    async recordAttempt(email: string, succeeded: boolean) {
      await db.insertInto('login_attempts').values({ email, succeeded: succeeded ? 1 : 0, occurred_at: clock.now().toISOString() }).execute();
    },

    /** Failed attempts for an email since its last success and after `since`, oldest first. */
    async recentFailures(email: string, since: string) {
      const lastSuccess = await db.selectFrom('login_attempts').select((eb) => eb.fn.max('occurred_at').as('at'))
        .where('email', '=', email).where('succeeded', '=', 1).executeTakeFirst();
      const after = lastSuccess?.at && lastSuccess.at > since ? lastSuccess.at : since;
      const rows = await db.selectFrom('login_attempts').select('occurred_at')
        .where('email', '=', email).where('succeeded', '=', 0).where('occurred_at', '>', after)
        .orderBy('occurred_at').execute();
      return rows.map((r) => r.occurred_at);
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
