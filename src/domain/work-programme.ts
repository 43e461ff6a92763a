// A work programme topic's path (RULES.md 5b): suggested, agreed, scheduled for a meeting, heard there, or dropped with a reason; and what each state allows.
import type { TopicState } from './vocabulary.ts';

/** What can be done next to a topic. */
export type TopicAction = 'accept' | 'agree' | 'schedule' | 'placeOnAgenda' | 'startReview' | 'markHeard' | 'drop';

export interface TopicFacts {
  readonly state: string;
  /** Null while a member of the public's suggestion waits for an officer to accept it for consideration. */
  readonly accepted_on: string | null;
  readonly method: string;
  readonly meeting_id: number | null;
  readonly agenda_item_id: number | null;
  readonly review_id: number | null;
}

/** The meeting a topic is planned for, as far as hearing it goes. */
export interface PlannedMeeting {
  readonly meeting_date: string;
  readonly status: string;
}

/** Done and dropped topics are closed: nothing more happens to them. */
export const CLOSED_TOPIC_STATES: readonly TopicState[] = ['done', 'dropped'];

/**
 * Whether the meeting has been heard: it is recorded as held (a minuted meeting is held, migration
 * 0021), or its day has come and it was not cancelled or postponed. A topic is marked heard by an
 * officer rather than derived, because a meeting can run out of time and defer an item.
 */
export function meetingHasHappened(meeting: PlannedMeeting | null, today: string): boolean {
  if (meeting === null) return false;
  if (meeting.status === 'held') return true;
  return meeting.status !== 'cancelled' && meeting.status !== 'postponed' && meeting.meeting_date <= today;
}

/** What may be done to a topic now, in the order the workspace offers it. */
export function topicActions(topic: TopicFacts, meeting: PlannedMeeting | null, today: string): TopicAction[] {
  if ((CLOSED_TOPIC_STATES as readonly string[]).includes(topic.state)) return [];
  const actions: TopicAction[] = [];
  if (topic.accepted_on === null) actions.push('accept');
  if (topic.state === 'suggested') actions.push('agree');
  if (topic.state === 'agreed' || topic.state === 'scheduled') actions.push('schedule');
  if (topic.state === 'scheduled' && topic.meeting_id !== null && topic.agenda_item_id === null) actions.push('placeOnAgenda');
  if ((topic.state === 'agreed' || topic.state === 'scheduled') && topic.method === 'review' && topic.review_id === null) actions.push('startReview');
  if (topic.state === 'scheduled' && meetingHasHappened(meeting, today)) actions.push('markHeard');
  actions.push('drop');
  return actions;
}

/** Why an action is refused now, in words for the officer; null when it may be done. */
export function refusal(action: TopicAction, topic: TopicFacts, meeting: PlannedMeeting | null, today: string): string | null {
  if (topicActions(topic, meeting, today).includes(action)) return null;
  if (topic.state === 'done') return 'This topic has already been heard';
  if (topic.state === 'dropped') return 'This topic has been dropped';
  switch (action) {
    case 'accept':
      return 'This suggestion has already been accepted for consideration';
    case 'agree':
      return 'Only a suggested topic can be agreed';
    case 'schedule':
      return 'Agree the topic before planning it for a meeting';
    case 'placeOnAgenda':
      return topic.agenda_item_id !== null ? 'This topic is already on the meeting’s agenda' : 'Plan the topic for a meeting first';
    case 'startReview':
      return topic.review_id !== null ? 'A review of this topic has already been started' : 'Only an agreed topic scrutinised by a review can start one';
    case 'markHeard':
      return 'The topic can be marked as heard once its meeting has taken place';
    case 'drop':
      return 'This topic cannot be dropped';
  }
}

/** The municipal year 2026 is written "2026 to 2027" (GOV.UK style: "to", not a dash, for ranges). */
export function municipalYearLabel(year: number): string {
  return `${year} to ${year + 1}`;
}
