// The workspace's review, recommendation and response forms as view models: the stored record as the form's values, and the other person's version after a stale save.
import type { ScrutinyWorkspaceService } from '../../services/scrutiny-workspace-service.ts';

type Review = Awaited<ReturnType<ScrutinyWorkspaceService['review']>>['review'];
type Recommendation = Awaited<ReturnType<ScrutinyWorkspaceService['recommendation']>>['recommendation'];

/** The review form's values of a stored review (strings, as a browser would send them). */
export function reviewValues(review: Review): Record<string, string> {
  return {
    title: review.title,
    organisationId: String(review.organisation_id),
    startedOn: review.started_on ?? '',
    reportDate: review.report_date ?? '',
    receivedOn: review.received_on ?? '',
    summary: review.summary ?? '',
    version: String(review.version),
  };
}

/** The executive response form's values of a stored response; `responsiblePerson` is the linked person's slug. */
export function responseValues(recommendation: Recommendation, responsiblePerson: string): Record<string, string> {
  return {
    decision: recommendation.decision ?? '',
    responseText: recommendation.response_text ?? '',
    proposedAction: recommendation.proposed_action ?? '',
    reason: recommendation.reason ?? '',
    responsibleName: recommendation.responsible_name ?? '',
    responsiblePerson,
    actionByDate: recommendation.action_by_date ?? '',
    actionByText: recommendation.action_by_text ?? '',
    outcome: recommendation.outcome ?? '',
    respondedOn: recommendation.responded_on ?? '',
    version: recommendation.response_version === null ? '' : String(recommendation.response_version),
  };
}

/** A person as the lists of people to choose from show them: their name, and their post when known. */
export function personChoice(person: { readonly name: string; readonly job_title: string | null }): string {
  return person.job_title ? `${person.name}, ${person.job_title}` : person.name;
}
