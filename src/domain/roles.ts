// Who may do what in the officer workspace: the roles of a signed-in user and the permissions each carries.

export const ROLES = ['administrator', 'democratic_services', 'lead_officer', 'councillor'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  administrator: 'Administrator',
  democratic_services: 'Democratic services officer',
  lead_officer: 'Lead officer',
  councillor: 'Councillor',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Roles that may keep the whole record: create and edit reviews, meetings, minutes and responses. */
export const EDITOR_ROLES: readonly Role[] = ['administrator', 'democratic_services'];

/** Roles that may enter the workspace at all (councillors read; lead officers update what is theirs). */
export const WORKSPACE_ROLES: readonly Role[] = ['administrator', 'democratic_services', 'lead_officer', 'councillor'];

/** Roles that may record progress: editors on anything, a lead officer on recommendations assigned to them. */
export const PROGRESS_ROLES: readonly Role[] = ['administrator', 'democratic_services', 'lead_officer'];

export function isEditor(role: Role): boolean {
  return EDITOR_ROLES.includes(role);
}

/** A signed-in person as the services see them: enough to authorise and to name in the audit trail. */
export interface Actor {
  readonly userId: number;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  /** The Person record of an officer or councillor, which links them to responsibilities and seats. */
  readonly personId: number | null;
  /** True while the user still holds a password an administrator chose: they must choose their own first. */
  readonly mustChangePassword?: boolean;
}

/**
 * A writer that is not a signed-in user: the system itself, an import named for its source
 * ("import:moderngov"), or a member of the public using a public form (a work programme suggestion).
 */
export type SystemActor = 'system' | 'public' | `import:${string}`;

/** How an actor is named in audit events: stable and readable ("user:3 jane@council.gov.uk", "import:tracker"). */
export function actorLabel(actor: Actor | SystemActor): string {
  return typeof actor === 'string' ? actor : `user:${actor.userId} ${actor.email}`;
}

/**
 * A lead officer updates progress only on recommendations whose executive response names them as
 * the responsible officer (executive_responses.responsible_person_id); editors update any.
 */
export function mayRecordProgress(actor: Actor, responsiblePersonId: number | null): boolean {
  if (isEditor(actor.role)) return true;
  return actor.role === 'lead_officer' && actor.personId !== null && actor.personId === responsiblePersonId;
}
