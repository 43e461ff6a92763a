// Workspace accounts as the administrator's pages show them: role in words, the person linked, and whether they can sign in.
import { ROLE_LABELS, isRole, type Role } from '../../domain/roles.ts';
import { paths } from '../paths.ts';

/** What each role may do, as the account form explains it. */
export const ROLE_HINTS: Record<Role, string> = {
  administrator: 'Everything a democratic services officer can do, and manage accounts',
  democratic_services: 'Keep the whole record: reviews, meetings, minutes, responses and people',
  lead_officer: 'Record progress on the recommendations assigned to the person linked below',
  councillor: 'Read the workspace, and the exempt papers of the bodies the person linked below sits on',
};

interface AccountRecord {
  readonly id: number;
  readonly email: string;
  readonly name: string;
  readonly role: string;
  readonly person_name: string | null;
  readonly is_disabled: number;
  readonly must_change_password: number;
}

/** Whether the account can sign in, and if it must first choose a password. */
function accountStatus(account: AccountRecord): string {
  if (account.is_disabled === 1) return 'Cannot sign in';
  return account.must_change_password === 1 ? 'Has a temporary password' : 'Active';
}

export function presentAccount(account: AccountRecord) {
  return {
    id: account.id,
    name: account.name,
    email: account.email,
    role: isRole(account.role) ? ROLE_LABELS[account.role] : account.role,
    person: account.person_name,
    status: accountStatus(account),
    isDisabled: account.is_disabled === 1,
    href: paths.admin.user(account.id),
  };
}

export function presentAccounts(accounts: readonly AccountRecord[]) {
  return accounts.map(presentAccount);
}
