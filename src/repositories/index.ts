// Builds every repository over one query handle: the database, or a transaction for a unit of work.
import type { RepositoryContext } from './repository-context.ts';
import { createBulkRepository } from './bulk-repository.ts';
import { createDocumentRepository } from './document-repository.ts';
import { createImportRepository } from './import-repository.ts';
import { createIssueRepository } from './issue-repository.ts';
import { createMeetingRepository } from './meeting-repository.ts';
import { createMinuteRepository } from './minute-repository.ts';
import { createOpenDataRepository } from './open-data-repository.ts';
import { createOrganisationRepository } from './organisation-repository.ts';
import { createPersonRepository } from './person-repository.ts';
import { createRecommendationRepository } from './recommendation-repository.ts';
import { createReviewRepository } from './review-repository.ts';
import { createSearchRepository } from './search-repository.ts';
import { createSearchSourceRepository } from './search-source-repository.ts';
import { createSettingRepository } from './setting-repository.ts';
import { createTrackerRepository } from './tracker-repository.ts';
import { createUserRepository } from './user-repository.ts';
import { createAuditRepository } from './audit-repository.ts';
import { createWorkspaceRepository } from './workspace-repository.ts';
import { createSlugRepository } from './slug-repository.ts';
import { createNotificationRepository } from './notification-repository.ts';
import { createPaperRepository } from './paper-repository.ts';
import { createDocumentFileRepository } from './document-file-repository.ts';
import { createMeetingRecordRepository } from './meeting-record-repository.ts';
import { createOrganisationWorkspaceRepository } from './organisation-workspace-repository.ts';
import { createReviewPartsRepository } from './review-parts-repository.ts';
import { createPaperPackRepository } from './paper-pack-repository.ts';
import { createReviewLifecycleRepository } from './review-lifecycle-repository.ts';
import { createWithdrawalRepository } from './withdrawal-repository.ts';
import { createFormSubmissionRepository } from './form-submission-repository.ts';
import { createWorkProgrammeRepository } from './work-programme-repository.ts';
import { createForwardPlanRepository } from './forward-plan-repository.ts';
import { createCallInRepository } from './call-in-repository.ts';
import { createChangeLogRepository } from './change-log-repository.ts';

export function createRepositories(context: RepositoryContext) {
  return {
    organisations: createOrganisationRepository(context),
    people: createPersonRepository(context),
    meetings: createMeetingRepository(context),
    documents: createDocumentRepository(context),
    minutes: createMinuteRepository(context),
    issues: createIssueRepository(context),
    reviews: createReviewRepository(context),
    recommendations: createRecommendationRepository(context),
    settings: createSettingRepository(context),
    imports: createImportRepository(context),
    tracker: createTrackerRepository(context),
    search: createSearchRepository(context),
    searchSources: createSearchSourceRepository(context),
    bulk: createBulkRepository(context),
    openData: createOpenDataRepository(context),
    users: createUserRepository(context),
    audit: createAuditRepository(context),
    workspace: createWorkspaceRepository(context),
    slugs: createSlugRepository(context),
    notifications: createNotificationRepository(context),
    papers: createPaperRepository(context),
    documentFiles: createDocumentFileRepository(context),
    meetingRecords: createMeetingRecordRepository(context),
    organisationWorkspace: createOrganisationWorkspaceRepository(context),
    reviewParts: createReviewPartsRepository(context),
    paperPacks: createPaperPackRepository(context),
    reviewLifecycle: createReviewLifecycleRepository(context),
    withdrawals: createWithdrawalRepository(context),
    formSubmissions: createFormSubmissionRepository(context),
    workProgramme: createWorkProgrammeRepository(context),
    forwardPlan: createForwardPlanRepository(context),
    callIns: createCallInRepository(context),
    changeLog: createChangeLogRepository(context),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
