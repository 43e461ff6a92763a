// The officer workspace's meetings as one service for the routes: each aggregate (the meeting, its agenda items, papers, attendance and minutes) has its own module.
import { createAgendaItemWorkspaceService } from './agenda-item-workspace-service.ts';
import { createAttendanceWorkspaceService } from './attendance-workspace-service.ts';
import { createMeetingDocumentWorkspaceService } from './meeting-document-workspace-service.ts';
import { createMeetingScheduleService } from './meeting-schedule-service.ts';
import type { MeetingWorkspaceDeps } from './meeting-workspace-support.ts';
import { createMinuteWorkspaceService } from './minute-workspace-service.ts';

export type { MeetingWorkspaceDeps } from './meeting-workspace-support.ts';
export { MAX_NAMED_PEOPLE } from './agenda-item-workspace-service.ts';
export { RECORDED_ATTENDANCE } from './attendance-workspace-service.ts';
export { sniffDocumentType, type UploadedFile } from './meeting-document-workspace-service.ts';
export { MAX_LIMBS, type LimbInput, type LimbRows } from './minute-workspace-service.ts';

export function createMeetingWorkspaceService(deps: MeetingWorkspaceDeps) {
  return {
    ...createMeetingScheduleService(deps),
    ...createAgendaItemWorkspaceService(deps),
    ...createMeetingDocumentWorkspaceService(deps),
    ...createAttendanceWorkspaceService(deps),
    ...createMinuteWorkspaceService(deps),
  };
}

export type MeetingWorkspaceService = ReturnType<typeof createMeetingWorkspaceService>;
