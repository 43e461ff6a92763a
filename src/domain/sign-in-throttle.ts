// When a password may be tried: a progressive delay and a lock per account and client address, and a lock per account that addresses it was used from are not bound by.

/** Failures of one account from one client address that lock that address out of it. */
export const CLIENT_LOCK_FAILURES = 5;

/** Failures of one account from every address together that lock it for addresses it has never signed in from. */
export const ACCOUNT_LOCK_FAILURES = 20;

/** How long a lock lasts, and how far back failures are counted. */
export const LOCK_MINUTES = 15;

/** An address the account signed in from within this many days is the real user's, not bound by the account-wide lock. */
export const KNOWN_CLIENT_DAYS = 90;

/**
 * Seconds to wait after the nth failure from one address before the next try: none after the
 * first, then 1, 2, 4 (OWASP Authentication Cheat Sheet, "Login Throttling": an increasing delay
 * slows guessing without shutting the real user out).
 */
export function delaySeconds(failures: number): number {
  return failures < 2 ? 0 : 2 ** (failures - 2);
}

export interface AttemptHistory {
  /**
   * Instants of this account's failed attempts from this address (including ones still being
   * checked) after its last success from there and after the last unlock, oldest first.
   */
  readonly clientFailures: readonly Date[];
  /** The same from every address, after the account's last success and the last unlock. */
  readonly accountFailures: readonly Date[];
  /** Whether the account has signed in from this address within KNOWN_CLIENT_DAYS. */
  readonly knownClient: boolean;
}

export type Verdict =
  | { readonly allowed: true }
  /** 'wait': the progressive delay; 'locked': a lock of LOCK_MINUTES. */
  | { readonly allowed: false; readonly reason: 'wait' | 'locked'; readonly scope: 'client' | 'account'; readonly until: Date };

function within(failures: readonly Date[], now: Date): Date[] {
  const windowStart = now.getTime() - LOCK_MINUTES * 60_000;
  return failures.filter((at) => at.getTime() > windowStart);
}

/**
 * Whether a password may be tried now. Attempts refused here are not recorded, so a lock ends
 * LOCK_MINUTES after the failure that reached the limit and cannot be renewed by knocking on it.
 * Five wrong guesses from one address lock that address only; an attacker spread over many
 * addresses reaches the account-wide limit, which the addresses the user signed in from before
 * are not bound by, so the real user is not locked out by someone who merely knows their email.
 */
export function signInVerdict(history: AttemptHistory, now: Date): Verdict {
  const client = within(history.clientFailures, now);
  const lastClient = client.at(-1);
  if (lastClient && client.length >= CLIENT_LOCK_FAILURES) {
    return { allowed: false, reason: 'locked', scope: 'client', until: new Date(lastClient.getTime() + LOCK_MINUTES * 60_000) };
  }
  if (!history.knownClient) {
    const account = within(history.accountFailures, now);
    const lastAccount = account.at(-1);
    if (lastAccount && account.length >= ACCOUNT_LOCK_FAILURES) {
      return { allowed: false, reason: 'locked', scope: 'account', until: new Date(lastAccount.getTime() + LOCK_MINUTES * 60_000) };
    }
  }
  if (lastClient) {
    const until = new Date(lastClient.getTime() + delaySeconds(client.length) * 1000);
    if (until > now) return { allowed: false, reason: 'wait', scope: 'client', until };
  }
  return { allowed: true };
}

/**
 * The locks that the newest failure in `history` (recorded at `now`) started, for the audit trail:
 * the address's own lock when it reached CLIENT_LOCK_FAILURES, the account-wide one when the
 * account reached ACCOUNT_LOCK_FAILURES.
 */
export function locksStarted(history: AttemptHistory, now: Date): { scope: 'client' | 'account'; until: Date }[] {
  const until = new Date(now.getTime() + LOCK_MINUTES * 60_000);
  return [
    ...(within(history.clientFailures, now).length === CLIENT_LOCK_FAILURES ? [{ scope: 'client' as const, until }] : []),
    ...(within(history.accountFailures, now).length === ACCOUNT_LOCK_FAILURES ? [{ scope: 'account' as const, until }] : []),
  ];
}

/** What a refused attempt tells the user: when to try again, in words (the time on a London clock for a lock). */
export function refusalMessage(verdict: { reason: 'wait' | 'locked'; until: Date }, now: Date): string {
  if (verdict.reason === 'wait') {
    const seconds = Math.max(1, Math.ceil((verdict.until.getTime() - now.getTime()) / 1000));
    return `You have tried too many times. Wait ${seconds} ${seconds === 1 ? 'second' : 'seconds'}, then try again`;
  }
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(verdict.until);
  return `You have tried too many times. Try again after ${time}`;
}
