// Wires every use case over one database: createServices(deps) is what the web app and the CLI use.
import type { DatabaseHandle } from '../db/create-db.ts';
import { systemClock, type Clock } from '../domain/clock.ts';
import { createRepositories } from '../repositories/index.ts';
import { createCommitteeService } from './committee-service.ts';
import { createDemoService } from './demo-service.ts';
import { createDocumentService } from './document-service.ts';
import { createIssueService } from './issue-service.ts';
import { createMeetingService } from './meeting-service.ts';
import { createPersonService } from './person-service.ts';
import { createReviewService } from './review-service.ts';
import { createHomeService } from './home-service.ts';

export interface ServiceDeps {
  database: DatabaseHandle;
  clock?: Clock;
  councilName?: string;
}

export function createServices(deps: ServiceDeps) {
  const clock = deps.clock ?? systemClock;
  const repositories = createRepositories({ db: deps.database.db, clock });
  const repos = () => repositories;
  return {
    clock,
    councilName: deps.councilName ?? 'Rotherham Metropolitan Borough Council',
    database: deps.database,
    home: createHomeService(repos, clock),
    committees: createCommitteeService(repos),
    meetings: createMeetingService(repos),
    issues: createIssueService(repos),
    reviews: createReviewService(repos),
    people: createPersonService(repos),
    documents: createDocumentService(repos),
    demo: createDemoService({ db: deps.database.db, clock }),
  };
}

export type Services = ReturnType<typeof createServices>;
