// The officer workspace's record of who attended a meeting and what interests they declared.
import { z } from 'zod';
import type { Actor } from '../domain/roles.ts';
import { AttendanceStatus, DeclarationKind } from '../domain/vocabulary.ts';
import type { Repositories } from '../repositories/index.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import { requireEditor, blankToNull } from './form-input.ts';
import { meetingWorkspaceSupport, optionalId, type MeetingWorkspaceDeps } from './meeting-workspace-support.ts';
import { EDITORS, NO_INPUT, createWriteRunner, declareWrite } from './command.ts';

/** The statuses an officer records; "expected" is only what an import says of a meeting not yet held. */
export const RECORDED_ATTENDANCE = ['present', 'apologies', 'absent', 'substitute', 'in_attendance'] as const;

const AttendanceSchema = z.object({
  personId: optionalId,
  name: z.string().max(200, 'The name must be 200 characters or fewer').optional().transform(blankToNull),
  role: z.string().max(200, 'The role must be 200 characters or fewer').optional().transform(blankToNull),
  status: z
    .string({ error: 'Choose whether they were present, sent apologies, were absent or substituted' })
    .refine((v) => (RECORDED_ATTENDANCE as readonly string[]).includes(v), 'Choose whether they were present, sent apologies, were absent or substituted'),
});

const DeclarationSchema = z.object({
  personId: optionalId,
  name: z.string().max(200, 'The name must be 200 characters or fewer').optional().transform(blankToNull),
  agendaItemId: optionalId,
  kind: z.string({ error: 'Choose the kind of interest' }).refine((v) => DeclarationKind.is(v), 'Choose the kind of interest'),
  interest: z.string({ error: 'Enter the interest declared' }).trim().min(1, 'Enter the interest declared').max(5000),
  dispensation: z.string().max(5000).optional().transform(blankToNull),
});

const RECORD_MEMBERS_ATTENDANCE = declareWrite('attendance.recordMembersAttendance', EDITORS, NO_INPUT);
const ADD_ATTENDANCE = declareWrite('attendance.addAttendance', EDITORS, AttendanceSchema);
const REMOVE_ATTENDANCE = declareWrite('attendance.removeAttendance', EDITORS, NO_INPUT);
const ADD_DECLARATION = declareWrite('attendance.addDeclaration', EDITORS, DeclarationSchema);
const REMOVE_DECLARATION = declareWrite('attendance.removeDeclaration', EDITORS, NO_INPUT);

export function createAttendanceWorkspaceService(deps: MeetingWorkspaceDeps) {
  const { unitOfWork } = deps;
  const write = createWriteRunner(unitOfWork);
  const { meeting, namedPerson, itemOf } = meetingWorkspaceSupport(deps);

  /** Each member once (a person may hold two memberships of one body, say member then chair). */
  async function membersAt(tx: Repositories, m: { organisation_id: number; meeting_date: string }) {
    const seen = new Set<number>();
    return (await tx.meetings.membersOn(m.organisation_id, m.meeting_date)).filter((p) => !seen.has(p.person_id) && seen.add(p.person_id));
  }

  return {
    /** The body's members on the day of the meeting, each with what is recorded of them, for the one-page attendance form. */
    async membersAttendance(actor: Actor, meetingId: number) {
      requireEditor(actor);
      const m = await meeting(meetingId);
      const [members, attendance] = await Promise.all([membersAt(deps.repos(), m), deps.repos().meetings.attendance(m.id)]);
      return members.map((p) => ({ ...p, status: attendance.find((a) => a.person_id === p.person_id)?.status ?? null }));
    },

    /**
     * Records the attendance of every member of the body on one form (`member-<person id>`, blank
     * for "not recorded"): all rows or none. An entry already recorded for a member is changed in
     * place, so the form can be saved again to correct it.
     */
    async recordMembersAttendance(actor: Actor, meetingId: number, input: Record<string, string>) {
      return write(RECORD_MEMBERS_ATTENDANCE, actor, undefined, async (_values, { repos: tx, audit }) => {
        const m = await meeting(meetingId, tx);
        const members = await membersAt(tx, m);
        const errors = members
          .filter((p) => {
            const status = (input[`member-${p.person_id}`] ?? '').trim();
            return status !== '' && !(RECORDED_ATTENDANCE as readonly string[]).includes(status);
          })
          .map((p) => ({ field: `member-${p.person_id}`, message: `Choose whether ${p.name} was present, sent apologies, was absent or substituted` }));
        if (errors.length > 0) throw new ValidationError(errors);
        const recorded = await tx.meetings.attendance(m.id);
        let changed = 0;
        for (const p of members) {
          const status = (input[`member-${p.person_id}`] ?? '').trim();
          if (status === '') continue;
          const existing = recorded.find((a) => a.person_id === p.person_id);
          if (existing && existing.status === status) continue;
          if (existing) {
            await tx.meetings.setAttendanceStatus(existing.id, status);
            await audit('update', 'attendance', existing.id, { status: existing.status }, { status });
          } else {
            const created = await tx.meetings.addAttendance({ meeting_id: m.id, person_id: p.person_id, name: p.name, role: null, status });
            await audit('create', 'attendance', created.id, null, created);
          }
          changed += 1;
        }
        return { changed };
      });
    },

    async addAttendance(actor: Actor, meetingId: number, input: unknown) {
      return write(ADD_ATTENDANCE, actor, input, async (values, { repos: tx, audit }) => {
        const m = await meeting(meetingId, tx);
        const named = await namedPerson(tx, values.personId, values.name);
        if ('field' in named) throw new ValidationError([named]);
        const already = (await tx.meetings.attendance(m.id)).find(
          (a) => (named.person_id !== null && a.person_id === named.person_id) || a.name.toLowerCase() === named.name.toLowerCase(),
        );
        if (already)
          throw new ValidationError([
            {
              field: 'personId',
              message: `${already.name} is already recorded as ${AttendanceStatus.label(already.status).toLowerCase()}: remove that entry first`,
            },
          ]);
        const created = await tx.meetings.addAttendance({ meeting_id: m.id, ...named, role: values.role, status: values.status });
        await audit('create', 'attendance', created.id, null, created);
        return created;
      });
    },

    async removeAttendance(actor: Actor, meetingId: number, entryId: number) {
      return write(REMOVE_ATTENDANCE, actor, undefined, async (_values, { repos: tx, audit }) => {
        const entry = await tx.meetingRecords.findAttendance(entryId);
        if (!entry || entry.meeting_id !== meetingId) throw new NotFoundError('That attendance entry has already been removed');
        await tx.meetingRecords.removeAttendance(entry.id);
        await audit('delete', 'attendance', entry.id, entry, null);
        return entry;
      });
    },

    /** RULES.md rule 12: a member's declaration at the meeting, the item it concerns, and any dispensation. */
    async addDeclaration(actor: Actor, meetingId: number, input: unknown) {
      return write(ADD_DECLARATION, actor, input, async (values, { repos: tx, audit }) => {
        const m = await meeting(meetingId, tx);
        const named = await namedPerson(tx, values.personId, values.name);
        if ('field' in named) throw new ValidationError([named]);
        const item = await itemOf(tx, m.id, values.agendaItemId);
        const created = await tx.meetings.addDeclaration({
          meeting_id: m.id,
          agenda_item_id: item?.id ?? null,
          ...named,
          kind: values.kind,
          interest: values.interest,
          dispensation: values.dispensation,
        });
        await audit('create', 'declaration', created.id, null, created);
        return created;
      });
    },

    async removeDeclaration(actor: Actor, meetingId: number, entryId: number) {
      return write(REMOVE_DECLARATION, actor, undefined, async (_values, { repos: tx, audit }) => {
        const entry = await tx.meetingRecords.findDeclaration(entryId);
        if (!entry || entry.meeting_id !== meetingId) throw new NotFoundError('That declaration has already been removed');
        await tx.meetingRecords.removeDeclaration(entry.id);
        await audit('delete', 'declaration', entry.id, entry, null);
        return entry;
      });
    },
  };
}

export type AttendanceWorkspaceService = ReturnType<typeof createAttendanceWorkspaceService>;
