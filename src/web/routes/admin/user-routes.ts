// Accounts in the workspace: administrators make them, change their role and person, set a temporary password and stop or restore sign-in.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ROLE_LABELS, ROLES, type Role } from '../../../domain/roles.ts';
import { formState } from '../../form-view.ts';
import { paths } from '../../paths.ts';
import { presentAccount, presentAccounts, ROLE_HINTS } from '../../presenters/account-presenter.ts';
import { optionItems, recordItems } from '../../presenters/select-options.ts';
import { actorOf, type WorkspaceRouteDeps } from '../../session.ts';
import { formRoute, recordFormRoutes, shownValues, showingState, workspaceAccess, workspaceView, type FormShowing } from '../../workspace-form.ts';
import { readId } from './admin-params.ts';

const ADMINISTRATORS: readonly Role[] = ['administrator'];

export function userRoutes(app: FastifyInstance, { services, cookies }: WorkspaceRouteDeps): void {
  const auth = services.auth;

  app.get(paths.admin.users.pattern, workspaceAccess(app, ADMINISTRATORS).read, async (request, reply) =>
    workspaceView(request, reply, cookies, 'admin/users.njk', { pageTitle: 'Accounts', accounts: presentAccounts(await auth.listUsers()) }),
  );

  /** The account form: making one (with its temporary password) or changing one (with its actions below). */
  async function accountPage(request: FastifyRequest, id: number | null, showing: FormShowing) {
    const account = id === null ? null : await auth.account(actorOf(request), id);
    const stored = account ? { name: account.name, role: account.role, personId: account.person_id, version: account.version } : {};
    const shown = shownValues(showing, stored);
    const people = (await services.scrutinyWorkspace.choices()).people;
    return {
      template: 'admin/user-form.njk',
      pageTitle: account ? account.name : 'Add an account',
      data: {
        account: account ? presentAccount(account) : null,
        form: showingState(showing, stored),
        roles: optionItems(
          ROLES.map((role) => ({ value: role, text: ROLE_LABELS[role] })),
          shown.role,
        ).map((item) => ({ ...item, hint: { text: ROLE_HINTS[item.value as Role] } })),
        people: recordItems(people, (p) => (p.job_title ? `${p.name}, ${p.job_title}` : p.name), shown.personId, 'Nobody'),
      },
    };
  }

  recordFormRoutes(app, cookies, {
    createPattern: paths.admin.newUser.pattern,
    recordPattern: paths.admin.user.pattern,
    roles: ADMINISTRATORS,
    page: accountPage,
    create: async (request, typed) => (await auth.createAccount(actorOf(request), typed)).id,
    update: (request, id, typed) => auth.updateAccount(actorOf(request), id, typed),
    link: (id) => paths.admin.user(id),
    conflictField: 'name',
    created: 'Account added. Give its holder the temporary password yourself; they choose their own when they first sign in.',
    saved: 'Account saved',
  });

  formRoute<{ Params: { id: string } }>(app, cookies, {
    pattern: paths.admin.userPassword.pattern,
    roles: ADMINISTRATORS,
    page: async (request, showing) => {
      const account = await auth.account(actorOf(request), readId(request.params.id));
      return {
        template: 'admin/user-password.njk',
        pageTitle: `Set a temporary password for ${account.name}`,
        data: { account: presentAccount(account), form: formState({}, showing.errors) },
      };
    },
    save: async (request, typed) => {
      const id = readId(request.params.id);
      await auth.setTemporaryPassword(actorOf(request), id, typed);
      return paths.admin.user(id);
    },
    conflictField: 'password',
    saved: 'Temporary password set. Their sessions have ended and any sign-in lock is lifted; they choose their own password when they next sign in.',
  });

  formRoute<{ Params: { id: string } }>(app, cookies, {
    pattern: paths.admin.userAccess.pattern,
    roles: ADMINISTRATORS,
    page: async (request, showing) => {
      const account = await auth.account(actorOf(request), readId(request.params.id));
      const disabled = account.is_disabled === 1;
      return {
        template: 'admin/user-access.njk',
        pageTitle: disabled ? `Let ${account.name} sign in again` : `Stop ${account.name} signing in`,
        data: { account: presentAccount(account), access: disabled ? 'enable' : 'disable', form: formState({}, showing.errors) },
      };
    },
    save: async (request, typed) => {
      const id = readId(request.params.id);
      await auth.setAccountAccess(actorOf(request), id, typed);
      return { url: paths.admin.user(id), saved: typed.access === 'disable' ? 'The account can no longer sign in' : 'The account can sign in again' };
    },
    conflictField: 'access',
  });
}
