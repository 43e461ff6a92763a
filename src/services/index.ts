// Wires every use case over one database: createServices(deps) is what the web app and the CLI use.
import type { DatabaseHandle } from '../db/create-db.ts';
import { systemClock, type Clock } from '../domain/clock.ts';
import { createRepositories } from '../repositories/index.ts';
import { createCommitteeService } from './committee-service.ts';
import { createDemoService } from './demo-service.ts';
import { createImportService } from './import-service.ts';
import { createDocumentService } from './document-service.ts';
import { createIssueService } from './issue-service.ts';
import { createMeetingService } from './meeting-service.ts';
import { createPersonService } from './person-service.ts';
import { createReviewService } from './review-service.ts';
import { createSearchIndexService } from './search-index-service.ts';
import { createFeedService } from './feed-service.ts';
import { createApiService } from './api-service.ts';
import { createSearchService } from './search-service.ts';
import { createHomeService } from './home-service.ts';
import { createSettingsService } from './settings-service.ts';
import { createDeadlineService } from './deadline-service.ts';
import { createRecommendationService } from './recommendation-service.ts';
import { createTrackerService } from './tracker-service.ts';
import { createAuthService } from './auth-service.ts';
import { createAuditService } from './audit-service.ts';
import { createUnitOfWork, type PipelineObserver } from './unit-of-work.ts';
import { createCommandRunner } from './command.ts';
import { createScrutinyWorkspaceService } from './scrutiny-workspace-service.ts';
import { createMeetingWorkspaceService } from './meeting-workspace-service.ts';
import { createExemptAccessService } from './exempt-access-service.ts';
import { createNotificationService } from './notification-service.ts';
import { createHealthService } from './health-service.ts';
import { createBackupService } from './backup-service.ts';
import { createChangeService } from './change-service.ts';
import { createPaperService } from './paper-service.ts';
import { createResponseImportService } from './response-import-service.ts';
import { createDocumentFileService } from './document-file-service.ts';
import { createOrganisationWorkspaceService } from './organisation-workspace-service.ts';
import { createMeetingPackService, type PackLinks } from './meeting-pack-service.ts';
import { createReviewLifecycleService } from './review-lifecycle-service.ts';
import { createWithdrawalService } from './withdrawal-service.ts';
import { createSubmissionService } from './submission-service.ts';
import { createIssueWorkspaceService } from './issue-workspace-service.ts';
import { createWorkProgrammeService } from './work-programme-service.ts';
import { createForwardPlanService } from './forward-plan-service.ts';
import { createCallInService } from './call-in-service.ts';

export interface ServiceDeps {
  database: DatabaseHandle;
  clock?: Clock;
  /** COUNCIL_NAME, or the demo's council (services/demo); a neutral "Council" when neither is given. */
  councilName?: string;
  /** Addresses printed in meeting packs (from src/web/paths.ts); without them a pack names no addresses. */
  packLinks?: PackLinks;
  /** Called at each stage of a write inside its transaction: for crash tests only; the server and the CLI never pass one. */
  pipelineObserver?: PipelineObserver;
}

/** The council's name when none is configured: the name belongs to the deployment (or the demo data), not the code. */
export const UNNAMED_COUNCIL = 'Council';

export function createServices(deps: ServiceDeps) {
  const clock = deps.clock ?? systemClock;
  const repositories = createRepositories({ db: deps.database.db, clock });
  const repos = () => repositories;
  const changes = createChangeService(deps.database, clock);
  const unitOfWork = createUnitOfWork(deps.database.db, clock, deps.pipelineObserver, changes);
  const run = createCommandRunner(unitOfWork);
  const settings = createSettingsService(repos, unitOfWork);
  const recommendations = createRecommendationService({ db: deps.database.db, clock, run });
  const tracker = createTrackerService({ db: deps.database.db, clock, settings, run });
  const exemptAccess = createExemptAccessService({ repos, clock });
  const councilName = deps.councilName ?? UNNAMED_COUNCIL;
  const papers = createPaperService(repos, { clock, councilName, deadlineSettings: () => settings.deadlineSettings() });
  return {
    clock,
    councilName,
    database: deps.database,
    home: createHomeService(repos, clock),
    committees: createCommitteeService(repos),
    meetings: createMeetingService(repos),
    issues: createIssueService(repos),
    reviews: createReviewService(repos),
    people: createPersonService(repos),
    documents: createDocumentService(repos),
    search: createSearchService(repos),
    searchIndex: createSearchIndexService({ db: deps.database.db, clock }),
    feeds: createFeedService(repos),
    api: createApiService(repos),
    demo: createDemoService({ db: deps.database.db, clock }),
    imports: createImportService({ db: deps.database.db, clock, unitOfWork }),
    auth: createAuthService({ repos, unitOfWork, clock }),
    audit: createAuditService(repos),
    health: createHealthService({ db: deps.database.db, clock }),
    backup: createBackupService(deps.database),
    changes,
    settings,
    deadlines: createDeadlineService(settings),
    recommendations,
    scrutinyWorkspace: createScrutinyWorkspaceService({ repos, unitOfWork, clock, recommendations }),
    reviewLifecycle: createReviewLifecycleService({ repos, unitOfWork, clock }),
    meetingWorkspace: createMeetingWorkspaceService({
      repos,
      unitOfWork,
      clock,
      settings,
      // Uploaded papers are read by the document-file service; the unit of work puts them into search.
      documentFiles: createDocumentFileService({ repos, unitOfWork }),
    }),
    exemptAccess,
    packs: createMeetingPackService({
      repos,
      clock,
      councilName,
      exemptAccess,
      transaction: (fn) => deps.database.db.transaction().execute((trx) => fn(createRepositories({ db: trx, clock }))),
      ...(deps.packLinks ? { links: deps.packLinks } : {}),
      unitOfWork,
      generated: {
        annex: (slug) => papers.annex(slug),
        response: (slug) => papers.response(slug),
        minutes: (slug) => papers.minutes(slug),
        decision: (slug, id) => papers.decision(slug, id),
      },
    }),
    tracker,
    notifications: createNotificationService({ repos, unitOfWork, clock, tracker, settings }),
    papers,
    responseImport: createResponseImportService({ repos, unitOfWork }),
    documentFiles: createDocumentFileService({ repos, unitOfWork }),
    organisationWorkspace: createOrganisationWorkspaceService({ repos, unitOfWork, clock }),
    withdrawals: createWithdrawalService({ repos, unitOfWork }),
    submissions: createSubmissionService({ repos }),
    issueWorkspace: createIssueWorkspaceService({ repos, unitOfWork }),
    workProgramme: createWorkProgrammeService({ repos, unitOfWork, clock }),
    forwardPlan: createForwardPlanService({ repos, unitOfWork, clock, settings }),
    callIns: createCallInService({ repos, unitOfWork, clock, settings }),
  };
}

export type Services = ReturnType<typeof createServices>;
