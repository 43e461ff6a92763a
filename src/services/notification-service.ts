// Email notifications through the outbox: reminders of targets and responses due, status changes and cancelled meetings to followers, and following itself.
import { callInLine } from '../domain/call-in.ts';
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../domain/clock.ts';
import { formatLongDate, parseIsoDate } from '../domain/iso-date.ts';
import { MAX_RECORD_ID } from '../domain/record-id.ts';
import { ProgressStatus } from '../domain/vocabulary.ts';
import type { Repositories } from '../repositories/index.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import type { TrackerService } from './tracker-service.ts';
import type { UnitOfWork } from './unit-of-work.ts';
import { DEFAULT_REMINDER_DAYS, type SettingsService } from './settings-service.ts';

/** Reminders go this many days before a target or deadline (by default: the council's setting notifications.reminder-days), and again once it has passed. */
export const REMINDER_DAYS = DEFAULT_REMINDER_DAYS;

/** The watermark of audit events already turned into status-change messages. */
const WATERMARK_KEY = 'notify.status-events-after';

/** What sends one message: nodemailer's transport in production, anything with sendMail in tests. */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string; messageId: string; headers?: Record<string, string> }): Promise<unknown>;
}

export interface NotificationSettings {
  /** The site's public address, for links in messages (https://democracy.council.gov.uk). */
  readonly baseUrl: string;
  /** The From address. */
  readonly from: string;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const FOLLOWABLE = ['review', 'recommendation', 'meeting', 'body'] as const;

/** The watermark of audit events already turned into messages about the forward plan. */
const FORWARD_PLAN_WATERMARK_KEY = 'notify.forward-plan-events-after';

/** The intended date recorded in an audit event's record (before or after), if any. */
const IntendedDate = z.looseObject({ intended_date: z.string() });
function intendedDateIn(json: string | null): string | null {
  if (json === null) return null;
  const parsed = IntendedDate.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data.intended_date : null;
}

/** The watermark of audit events already turned into messages about meetings (cancellations). */
const MEETING_WATERMARK_KEY = 'notify.meeting-events-after';

/** The watermark of call-in steps already told to followers and the decision maker. */
const CALL_IN_WATERMARK_KEY = 'notify.call-in-events-after';

/** The subject of each step told: the decision held, the committee's outcome, the reconsideration that closes it. */
const CALL_IN_SUBJECT: Record<string, string> = { accept: 'Called in', outcome: 'Call-in outcome', reconsider: 'Call-in closed' };

/**
 * Confirmation emails sent to one address in a day (UTC), whatever it asked to follow: enough for
 * a person following a few records, too few for someone else to flood that inbox from the form.
 */
export const MAX_FOLLOW_CONFIRMATIONS_PER_DAY = 3;

export function createNotificationService(deps: {
  repos: () => Repositories;
  unitOfWork: UnitOfWork;
  clock: Clock;
  tracker: TrackerService;
  settings?: Pick<SettingsService, 'reminderDays'>;
}) {
  const { repos, unitOfWork } = deps;

  return {
    /**
     * Queues whatever is due today, once each (dedupe keys): to responsible officers before their
     * target and when it has passed; to the scrutiny officers before an executive response is due
     * and when it is late (RULES.md rule 1); and to followers when a recommendation's standing
     * changes (read from the audit trail after a watermark, so nothing is missed or sent twice).
     */
    async queueDue(settings: NotificationSettings): Promise<{ queued: number }> {
      const days = deps.settings ? await deps.settings.reminderDays() : REMINDER_DAYS;
      const due = await deps.tracker.dueReport({ days });
      let queued = 0;
      await unitOfWork('system', async ({ repos: tx }) => {
        const n = tx.notifications;
        const items = [...due.overdue.map((i) => ({ ...i, late: true })), ...due.dueSoon.map((i) => ({ ...i, late: false }))];
        for (const item of items) {
          const when = formatLongDate(parseIsoDate(item.dueOn));
          let recipients: string[] = [];
          let subject: string;
          if (item.kind === 'recommendation' && item.recommendationId !== null) {
            const responsible = await n.responsiblePersonOf(item.recommendationId);
            if (responsible?.responsible_person_id) recipients = await n.emailsOfPerson(responsible.responsible_person_id);
            subject = item.late
              ? `Overdue: ${item.reviewTitle}, recommendation ${item.recommendationNumber} (due ${when})`
              : `Due ${when}: ${item.reviewTitle}, recommendation ${item.recommendationNumber}`;
          } else {
            recipients = await n.scrutinyOfficerEmails();
            subject = item.late ? `Overdue: ${item.what}, ${item.reviewTitle} (due ${when})` : `Due ${when}: ${item.what}, ${item.reviewTitle}`;
          }
          // One no review made is found on the page of the meeting whose minute made it.
          const link =
            item.reviewSlug === null
              ? `${settings.baseUrl}/meetings/${item.madeAtSlug ?? ''}`
              : item.kind === 'recommendation'
                ? `${settings.baseUrl}/reviews/${item.reviewSlug}/recommendations/${item.recommendationNumber}`
                : `${settings.baseUrl}/reviews/${item.reviewSlug}`;
          const body = `${item.what}.\n${item.late ? `It was due on ${when}, ${item.days} day${item.days === 1 ? '' : 's'} ago.` : `It is due on ${when}.`}\n\n${link}\n`;
          for (const email of recipients) {
            const key = `${item.late ? 'overdue' : 'due-soon'}:${item.kind}:${item.reviewSlug ?? `recommendation-${item.recommendationId ?? '-'}`}:${item.recommendationNumber ?? '-'}:${item.dueOn}:${email}`;
            if (await n.enqueue({ recipient: email, subject, body, kind: `reminder.${item.kind}`, dedupe_key: key })) queued++;
          }
        }

        const after = Number((await tx.settings.get(WATERMARK_KEY)) ?? 0);
        const events = await n.statusEventsAfter(after);
        for (const event of events) {
          const followers = await n.activeFollowers([
            { entityType: 'recommendation', entityId: event.recommendation_id },
            { entityType: 'review', entityId: event.review_id },
          ]);
          const progress = event.action === 'progress.added' ? (await tx.recommendations.progress(event.recommendation_id)).at(-1) : undefined;
          const what =
            event.action === 'progress.added'
              ? `A progress update: ${ProgressStatus.label(progress?.status ?? '')}${progress ? `. ${progress.narrative}` : ''}`
              : event.action === 'recommendation.signed_off'
                ? 'The committee has signed it off.'
                : 'The executive has responded.';
          for (const follower of followers) {
            const body = `${event.review_title}, recommendation ${event.number}\n\n${what}\n\n${settings.baseUrl}/reviews/${event.review_slug}/recommendations/${event.number}\n\nTo stop these emails: ${settings.baseUrl}/unsubscribe/${follower.token}`;
            if (
              await n.enqueue({
                recipient: follower.email,
                subject: `Update: ${event.review_title}, recommendation ${event.number}`,
                body,
                kind: 'status-change',
                dedupe_key: `status:${event.id}:${follower.id}`,
              })
            )
              queued++;
          }
        }
        const last = events.at(-1);
        if (last) await tx.settings.set(WATERMARK_KEY, String(last.id));

        // A cancelled meeting tells its followers, with the reason the public page shows. Links come
        // from BASE_URL only (settings.baseUrl), never from a request's Host.
        const meetingAfter = Number((await tx.settings.get(MEETING_WATERMARK_KEY)) ?? 0);
        const cancellations = await n.meetingCancellationsAfter(meetingAfter);
        for (const event of cancellations) {
          const followers = await n.activeFollowers([{ entityType: 'meeting', entityId: event.meeting_id }]);
          const name = `${event.title ?? event.organisation_name}, ${formatLongDate(parseIsoDate(event.meeting_date))}`;
          for (const follower of followers) {
            const body = `The meeting of ${name} is cancelled.${event.reason ? `\n\nThe reason: ${event.reason}` : ''}\n\n${settings.baseUrl}/meetings/${event.meeting_slug}\n\nTo stop these emails: ${settings.baseUrl}/unsubscribe/${follower.token}`;
            if (
              await n.enqueue({
                recipient: follower.email,
                subject: `Cancelled: ${name}`,
                body,
                kind: 'meeting.cancelled',
                dedupe_key: `meeting-cancelled:${event.id}:${follower.id}`,
              })
            )
              queued++;
          }
        }
        const lastCancellation = cancellations.at(-1);
        if (lastCancellation) await tx.settings.set(MEETING_WATERMARK_KEY, String(lastCancellation.id));

        // A key decision published, or its intended date moved, tells the followers of the body
        // whose forward plan lists it (SI 2012/2089 reg 9: the notice is how the public learns of
        // it). A private decision's message holds only what the public forward plan shows.
        const planAfter = Number((await tx.settings.get(FORWARD_PLAN_WATERMARK_KEY)) ?? 0);
        const planEvents = await n.forwardPlanEventsAfter(planAfter);
        for (const event of planEvents) {
          if (event.is_key_decision !== 1) continue;
          const before = intendedDateIn(event.before_json);
          const after = intendedDateIn(event.after_json);
          const published = event.action === 'create';
          if (!published && (before === null || after === null || before === after)) continue;
          const followers = await n.activeFollowers([{ entityType: 'body', entityId: event.organisation_id }]);
          const when = formatLongDate(parseIsoDate(after ?? event.intended_date));
          const what = published
            ? `${event.organisation_name} has published a key decision on its forward plan, to be taken on or after ${when}.`
            : `The intended date of this key decision has moved from ${formatLongDate(parseIsoDate(before ?? ''))} to ${when}.`;
          const privately = event.exempt_paragraph !== null || event.is_confidential === 1 ? '\n\nThe decision will be taken in private.' : '';
          for (const follower of followers) {
            const body = `${event.title}\n\n${what}${privately}\n\n${settings.baseUrl}/forward-plan/${event.slug}\n\nTo stop these emails: ${settings.baseUrl}/unsubscribe/${follower.token}`;
            if (
              await n.enqueue({
                recipient: follower.email,
                subject: published ? `Key decision: ${event.title}` : `New date for key decision: ${event.title}`,
                body,
                kind: published ? 'forward_plan.published' : 'forward_plan.rescheduled',
                dedupe_key: `forward-plan:${event.id}:${follower.id}`,
              })
            )
              queued++;
          }
        }
        const lastPlanEvent = planEvents.at(-1);
        if (lastPlanEvent) await tx.settings.set(FORWARD_PLAN_WATERMARK_KEY, String(lastPlanEvent.id));
        // A call-in accepted (the decision held), heard (the outcome) and reconsidered (closed) tells the
        // followers of the meeting that took the decision and of the one that hears it, and the decision
        // maker the forward plan names (RULES.md 5a). A call-in of withheld business is told to nobody.
        const callInAfter = Number((await tx.settings.get(CALL_IN_WATERMARK_KEY)) ?? 0);
        const callInEvents = await n.callInEventsAfter(callInAfter);
        for (const event of callInEvents) {
          const c = event.call_in_id === null ? undefined : await tx.callIns.publishedById(event.call_in_id);
          if (!c) continue;
          const title = `${c.body_name}${c.minute_number === null ? '' : `, Minute ${c.minute_number}`}: ${c.minute_title}`;
          const subject = `${CALL_IN_SUBJECT[event.action] ?? 'Call-in'}: ${title}`;
          const text = `${title}\n\n${callInLine(c)}\n\n${settings.baseUrl}/call-ins#call-in-${c.id}`;
          const meetings = [c.meeting_id, ...(c.hearing_meeting_id === null ? [] : [c.hearing_meeting_id])];
          const followers = await n.activeFollowers(meetings.map((id) => ({ entityType: 'meeting', entityId: id })));
          const told = new Set<string>();
          for (const follower of followers) {
            if (told.has(follower.email)) continue;
            told.add(follower.email);
            const body = `${text}\n\nTo stop these emails: ${settings.baseUrl}/unsubscribe/${follower.token}`;
            if (await n.enqueue({ recipient: follower.email, subject, body, kind: 'call-in', dedupe_key: `call-in:${event.id}:${follower.email}` })) queued++;
          }
          for (const personId of await n.callInDecisionMakers(c.id)) {
            for (const email of await n.emailsOfPerson(personId)) {
              if (told.has(email)) continue;
              told.add(email);
              if (await n.enqueue({ recipient: email, subject, body: `${text}\n`, kind: 'call-in', dedupe_key: `call-in:${event.id}:${email}` })) queued++;
            }
          }
        }
        const lastCallIn = callInEvents.at(-1);
        if (lastCallIn) await tx.settings.set(CALL_IN_WATERMARK_KEY, String(lastCallIn.id));
      });
      return { queued };
    },

    /**
     * Anyone may follow a review or a recommendation by email. Nothing is sent to the address until
     * its owner confirms with the link in the first message (so nobody can be signed up by someone
     * else); every later message carries a one-click unsubscribe link.
     */
    async follow(input: unknown, settings: NotificationSettings) {
      const parsed = z
        .object({
          email: z.string().trim().toLowerCase().max(254).email('Enter an email address in the correct format, like name@example.org'),
          entityType: z.enum(FOLLOWABLE),
          entityId: z.coerce.number().int().positive().max(MAX_RECORD_ID, 'There is nothing to follow at this address'),
        })
        .safeParse(input);
      if (!parsed.success) throw ValidationError.fromZod(parsed.error);
      const { email, entityType, entityId } = parsed.data;
      const target =
        entityType === 'review'
          ? await repos()
              .reviews.findById(entityId)
              .then((r) => r && { title: r.title, link: `/reviews/${r.slug}` })
          : entityType === 'body'
            ? await repos()
                .organisations.findById(entityId)
                .then((b) => b && b.kind !== 'external' && { title: `${b.name}: key decisions and work`, link: `/committees/${b.slug}` })
            : entityType === 'meeting'
              ? await repos()
                  .meetings.findById(entityId)
                  .then(async (m) => {
                    if (!m) return undefined;
                    const body = await repos().organisations.findById(m.organisation_id);
                    return { title: `${m.title ?? body?.name ?? 'the meeting'}, ${formatLongDate(parseIsoDate(m.meeting_date))}`, link: `/meetings/${m.slug}` };
                  })
              : await repos()
                  .workspace.recommendation(entityId)
                  .then((r) => r && { title: `${r.review_title}, recommendation ${r.number}`, link: `/reviews/${r.review_slug}/recommendations/${r.number}` });
      if (!target) throw new NotFoundError('There is nothing to follow at this address');
      // One pending or confirmed following per address and record: asking again sends nothing more.
      if (await repos().notifications.currentFollower(email, entityType, entityId)) return { title: target.title, link: target.link };
      const token = randomBytes(24).toString('base64url');
      const day = deps.clock.now().toISOString().slice(0, 10);
      await unitOfWork('system', async ({ repos: tx }) => {
        // At most MAX_FOLLOW_CONFIRMATIONS_PER_DAY confirmation emails to one address a day (UTC):
        // each takes one of that many numbered slots, whose keys the outbox holds unique, so even
        // requests racing on two connections cannot queue more; with no slot free, nothing is queued.
        let queued = false;
        for (let slot = 1; slot <= MAX_FOLLOW_CONFIRMATIONS_PER_DAY && !queued; slot += 1) {
          queued = await tx.notifications.enqueue({
            recipient: email,
            kind: 'follow.confirm',
            dedupe_key: `follow-confirm:${hashToken(email)}:${day}:${slot}`,
            subject: `Confirm: follow ${target.title}`,
            body: `Someone (we hope you) asked to be emailed when ${target.title} changes.\n\nTo confirm, open: ${settings.baseUrl}/follow/confirm/${token}\n\nIf it was not you, ignore this email: nothing more will be sent.\n`,
          });
        }
        if (queued) await tx.notifications.addFollower({ email, entity_type: entityType, entity_id: entityId, token });
      });
      return { title: target.title, link: target.link };
    },

    async confirm(token: string) {
      const follower = await repos().notifications.followerByToken(token);
      if (!follower || follower.unsubscribed_at) throw new NotFoundError('This link is not valid: it may have been used to unsubscribe');
      await repos().notifications.confirmFollower(follower.id);
    },

    async unsubscribe(token: string) {
      const follower = await repos().notifications.followerByToken(token);
      if (!follower) throw new NotFoundError('This link is not valid');
      await repos().notifications.unsubscribe(follower.id);
    },

    /**
     * Sends queued messages. Each is marked sent straight after the server accepts it; the
     * Message-ID comes from the dedupe key, so a resend after a crash between the two is the same
     * message, which mail systems recognise. A failure is recorded and retried next time.
     */
    async sendDue(transport: MailTransport, settings: NotificationSettings, limit = 200): Promise<{ sent: number; failed: number }> {
      const n = repos().notifications;
      let sent = 0;
      let failed = 0;
      for (const message of await n.unsent(limit)) {
        const domain = new URL(settings.baseUrl).hostname || 'scrutineer.invalid';
        try {
          await transport.sendMail({
            from: settings.from,
            to: message.recipient,
            subject: message.subject,
            text: message.body,
            messageId: `<${hashToken(message.dedupe_key).slice(0, 32)}@${domain}>`,
          });
          await n.markSent(message.id);
          sent++;
        } catch (error) {
          await n.markFailed(message.id, (error as Error).message);
          failed++;
        }
      }
      return { sent, failed };
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
