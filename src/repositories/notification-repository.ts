// The email outbox and the followers of reviews, recommendations and meetings.
import type { RepositoryContext } from './repository-context.ts';
import { notWithdrawn } from './withheld-expression.ts';

export interface NewOutboxMessage {
  recipient: string;
  subject: string;
  body: string;
  kind: string;
  dedupe_key: string;
}

export function createNotificationRepository({ db, clock }: RepositoryContext) {
  return {
    /** Queues a message once: a second message with the same dedupe key is ignored. True when queued. */
    async enqueue(message: NewOutboxMessage): Promise<boolean> {
      const result = await db
        .insertInto('outbox')
        .values({ ...message, created_at: clock.now().toISOString() })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async unsent(limit: number) {
      return db.selectFrom('outbox').selectAll().where('sent_at', 'is', null).orderBy('id').limit(limit).execute();
    },

    async markSent(id: number) {
      await db
        .updateTable('outbox')
        .set((eb) => ({ sent_at: clock.now().toISOString(), attempts: eb('attempts', '+', 1), last_error: null }))
        .where('id', '=', id)
        .where('sent_at', 'is', null)
        .execute();
    },

    async markFailed(id: number, error: string) {
      await db
        .updateTable('outbox')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 1000) }))
        .where('id', '=', id)
        .execute();
    },

    async addFollower(values: { email: string; entity_type: string; entity_id: number; token: string }) {
      return db
        .insertInto('followers')
        .values({ ...values, created_at: clock.now().toISOString() })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /** The address's following of a record that has not been unsubscribed (pending confirmation or confirmed), if any. */
    async currentFollower(email: string, entityType: string, entityId: number) {
      return db
        .selectFrom('followers')
        .select('id')
        .where('email', '=', email)
        .where('entity_type', '=', entityType)
        .where('entity_id', '=', entityId)
        .where('unsubscribed_at', 'is', null)
        .executeTakeFirst();
    },

    async followerByToken(token: string) {
      return db.selectFrom('followers').selectAll().where('token', '=', token).executeTakeFirst();
    },

    async confirmFollower(id: number) {
      await db.updateTable('followers').set({ confirmed_at: clock.now().toISOString() }).where('id', '=', id).where('confirmed_at', 'is', null).execute();
    },

    async unsubscribe(id: number) {
      await db.updateTable('followers').set({ unsubscribed_at: clock.now().toISOString() }).where('id', '=', id).where('unsubscribed_at', 'is', null).execute();
    },

    /** Confirmed, still-subscribed followers of any of the given records. */
    async activeFollowers(targets: { entityType: string; entityId: number }[]) {
      if (targets.length === 0) return [];
      return db
        .selectFrom('followers')
        .selectAll()
        .where('confirmed_at', 'is not', null)
        .where('unsubscribed_at', 'is', null)
        .where((eb) => eb.or(targets.map((t) => eb.and([eb('entity_type', '=', t.entityType), eb('entity_id', '=', t.entityId)]))))
        .orderBy('id')
        .execute();
    },

    /** Meetings cancelled (their audit events) after an event id, oldest first, with what a message names. */
    async meetingCancellationsAfter(auditId: number) {
      return (
        db
          .selectFrom('audit_events as a')
          .innerJoin('meetings as m', 'm.id', 'a.entity_id')
          .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
          .select([
            'a.id',
            'm.id as meeting_id',
            'm.slug as meeting_slug',
            'm.title',
            'm.meeting_date',
            'm.cancellation_reason as reason',
            'o.name as organisation_name',
          ])
          .where('a.entity_type', '=', 'meeting')
          .where('a.action', '=', 'cancel')
          .where('a.id', '>', auditId)
          // Only a meeting still cancelled: a cancellation since undone tells nobody.
          .where('m.status', '=', 'cancelled')
          .orderBy('a.id')
          .execute()
      );
    },

    /**
     * Forward-plan entries published or saved (their audit events) after an event id, oldest first,
     * with the entry as it stands now: the notification reads what changed from the event.
     */
    async forwardPlanEventsAfter(auditId: number) {
      return db
        .selectFrom('audit_events as a')
        .innerJoin('forward_plan_entries as fp', 'fp.id', 'a.entity_id')
        .innerJoin('organisations as o', 'o.id', 'fp.organisation_id')
        .select([
          'a.id',
          'a.action',
          'a.before_json',
          'a.after_json',
          'fp.id as entry_id',
          'fp.slug',
          'fp.title',
          'fp.intended_date',
          'fp.is_key_decision',
          'fp.exempt_paragraph',
          'fp.is_confidential',
          'fp.organisation_id',
          'o.name as organisation_name',
        ])
        .where('a.entity_type', '=', 'forward_plan_entry')
        .where('a.action', 'in', ['create', 'update'])
        .where('a.id', '>', auditId)
        .orderBy('a.id')
        .execute();
    },

    /** The call-in steps people are told of (accepted, the committee's outcome, the reconsideration), after an event id, oldest first. */
    async callInEventsAfter(auditId: number) {
      return db
        .selectFrom('audit_events')
        .select(['id', 'action', 'entity_id as call_in_id'])
        .where('entity_type', '=', 'call_in')
        .where('action', 'in', ['accept', 'outcome', 'reconsider'])
        .where('id', '>', auditId)
        .orderBy('id')
        .execute();
    },

    /** The decision maker the forward plan names for a called-in decision (SI 2012/2089 reg 9), when it names a person. */
    async callInDecisionMakers(callInId: number) {
      const rows = await db
        .selectFrom('call_ins as c')
        .innerJoin('resolutions as r', 'r.id', 'c.resolution_id')
        .innerJoin('minutes as mi', 'mi.id', 'r.minute_id')
        .innerJoin('agenda_items as ai', 'ai.id', 'mi.agenda_item_id')
        .innerJoin('forward_plan_entries as fp', 'fp.id', 'ai.forward_plan_entry_id')
        .select('fp.decision_maker_person_id')
        .where('c.id', '=', callInId)
        .where('fp.decision_maker_person_id', 'is not', null)
        .execute();
      return rows.map((r) => r.decision_maker_person_id).filter((id) => id !== null);
    },

    /** Audit events that change where a recommendation stands, after an event id, oldest first. */
    async statusEventsAfter(auditId: number) {
      return db
        .selectFrom('audit_events as a')
        .innerJoin('recommendations as rec', 'rec.id', 'a.entity_id')
        .innerJoin('scrutiny_reviews as r', 'r.id', 'rec.review_id')
        .select([
          'a.id',
          'a.action',
          'a.occurred_at',
          'rec.id as recommendation_id',
          'rec.number',
          'rec.status',
          'r.id as review_id',
          'r.slug as review_slug',
          'r.title as review_title',
        ])
        .where('a.entity_type', '=', 'recommendation')
        .where('a.id', '>', auditId)
        .where(notWithdrawn('rec', 'r'))
        .where('a.action', 'in', ['progress.added', 'response.recorded', 'response.revised', 'recommendation.signed_off'])
        .orderBy('a.id')
        .execute();
    },

    /** Email addresses for a responsible person: their workspace accounts (enabled) and their own record. */
    async emailsOfPerson(personId: number) {
      const [users, person] = await Promise.all([
        db.selectFrom('users').select('email').where('person_id', '=', personId).where('is_disabled', '=', 0).execute(),
        db.selectFrom('people').select('email').where('id', '=', personId).executeTakeFirst(),
      ]);
      return [...new Set([...users.map((u) => u.email), ...(person?.email ? [person.email.toLowerCase()] : [])])];
    },

    /** The democratic services officers (the scrutiny officers) who are told when a response is due. */
    async scrutinyOfficerEmails() {
      const rows = await db
        .selectFrom('users')
        .select('email')
        .where('role', '=', 'democratic_services')
        .where('is_disabled', '=', 0)
        .orderBy('email')
        .execute();
      return rows.map((r) => r.email);
    },

    /** Who the executive's response names as responsible for a recommendation (any origin). */
    async responsiblePersonOf(recommendationId: number) {
      const row = await db
        .selectFrom('recommendations as rec')
        .innerJoin('executive_responses as er', 'er.recommendation_id', 'rec.id')
        .select(['er.responsible_person_id', 'rec.id'])
        .where(notWithdrawn('rec'))
        .where('rec.id', '=', recommendationId)
        .executeTakeFirst();
      return row ?? null;
    },

    async responsiblePerson(reviewSlug: string, number: number) {
      const row = await db
        .selectFrom('recommendations as rec')
        .innerJoin('scrutiny_reviews as r', 'r.id', 'rec.review_id')
        .innerJoin('executive_responses as er', 'er.recommendation_id', 'rec.id')
        .select(['er.responsible_person_id', 'rec.id'])
        .where(notWithdrawn('rec', 'r'))
        .where('r.slug', '=', reviewSlug)
        .where('rec.number', '=', number)
        .executeTakeFirst();
      return row ?? null;
    },
  };
}

export type NotificationRepository = ReturnType<typeof createNotificationRepository>;
