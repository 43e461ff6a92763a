// Loads the reference case (src/services/demo/rotherham.ts) into an empty database, once.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../domain/clock.ts';
import { municipalYear, slugify } from '../domain/slug.ts';
import { createRepositories, type Repositories } from '../repositories/index.ts';
import * as demo from './demo/rotherham.ts';
import { rebuildSearchIndex } from './search-index-service.ts';
import { refreshTrackerEntries } from './tracker-entries-service.ts';
import { IMPORT_ACTORS, recordImportSummary } from './import-audit.ts';
import { refreshReviewStatus } from './review-lifecycle-service.ts';
import { present } from '../domain/present.ts';
import { NO_FILE } from '../repositories/document-repository.ts';

export const DEMO_MARKER = 'demo.loaded';

export interface DemoLoadResult {
  loaded: boolean;
  counts: Record<string, number>;
}

function lookup<T>(map: Map<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo data refers to unknown ${what} "${key}"`);
  return value;
}

export function createDemoService(deps: { db: Kysely<Database>; clock: Clock }) {
  async function load(repos: Repositories): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    const bump = (what: string) => {
      counts[what] = (counts[what] ?? 0) + 1;
    };
    const orgIds = new Map<string, number>();
    const personIds = new Map<string, number>();
    const meetingIds = new Map<string, number>();
    const itemIds = new Map<string, number>();
    const minuteIds = new Map<string, number>();
    const issueIds = new Map<string, number>();

    for (const o of demo.organisations) {
      const row = await repos.organisations.create({
        slug: slugify(o.name),
        name: o.name,
        kind: o.kind,
        parent_id: o.parent ? lookup(orgIds, o.parent, 'organisation') : null,
        description: o.description ?? null,
        category: null,
        source_system: null,
        source_id: null,
      });
      orgIds.set(o.key, row.id);
      bump('organisations');
    }

    for (const p of demo.people) {
      const row = await repos.people.create({
        slug: slugify([p.honorific, p.name].filter(Boolean).join(' ')),
        name: p.name,
        honorific: p.honorific ?? null,
        kind: p.kind,
        job_title: p.jobTitle ?? null,
        party: null,
        ward: null,
        email: null,
        photo_url: null,
        source_system: null,
        source_id: null,
      });
      personIds.set(p.key, row.id);
      bump('people');
    }

    for (const m of demo.memberships) {
      await repos.organisations.addMembership({
        person_id: lookup(personIds, m.person, 'person'),
        organisation_id: lookup(orgIds, m.organisation, 'organisation'),
        role: m.role,
        portfolio: m.portfolio ?? null,
        starts_on: null,
        ends_on: null,
        notes: m.notes ?? null,
      });
      bump('memberships');
    }

    for (const i of demo.issues) {
      const row = await repos.issues.create({ slug: slugify(i.title), title: i.title, summary: i.summary });
      issueIds.set(i.key, row.id);
      bump('issues');
    }

    // Meetings first, so referrals can name later meetings.
    for (const m of demo.meetings) {
      const organisation = present(
        demo.organisations.find((o) => o.key === m.organisation),
        'the demo organisation',
      );
      const row = await repos.meetings.create({
        slug: `${slugify(organisation.name, 60)}-${m.date}`,
        organisation_id: lookup(orgIds, m.organisation, 'organisation'),
        title: null,
        meeting_date: m.date,
        start_time: null,
        starts_at: null,
        location: null,
        status: m.status,
        is_executive: m.isExecutive ? 1 : 0,
        agenda_published_on: null,
        urgency_reason: null,
        source_system: null,
        source_id: null,
      });
      meetingIds.set(m.key, row.id);
      bump('meetings');
    }

    const r = demo.review;
    const review = await repos.reviews.create({
      slug: r.slug,
      title: r.title,
      short_title: r.shortTitle,
      organisation_id: lookup(orgIds, r.organisation, 'organisation'),
      group_organisation_id: lookup(orgIds, r.group, 'organisation'),
      summary: r.summary,
      scope: null,
      criteria_heading: r.criteriaHeading,
      status: r.status,
      started_on: r.startedOn,
      report_date: r.reportDate,
      report_meeting_id: lookup(meetingIds, r.reportMeeting, 'meeting'),
      received_on: r.receivedOn,
      response_meeting_id: lookup(meetingIds, r.responseMeeting, 'meeting'),
      response_title: r.responseTitle,
      issue_id: lookup(issueIds, r.issue, 'issue'),
    });
    bump('reviews');

    for (const m of demo.meetings) {
      const meetingId = lookup(meetingIds, m.key, 'meeting');
      for (const [index, item] of m.items.entries()) {
        const agendaItem = await repos.meetings.createAgendaItem({
          meeting_id: meetingId,
          position: index + 1,
          number: item.number,
          title: item.title,
          description: item.description ?? null,
          report_of: item.reportOf ?? null,
          exempt_paragraph: null,
          urgency_reason: null,
          issue_id: item.issue ? lookup(issueIds, item.issue, 'issue') : null,
          source_system: null,
          source_id: null,
        });
        itemIds.set(item.key, agendaItem.id);
        bump('agenda items');
        for (const [position, person] of (item.people ?? []).entries()) {
          await repos.meetings.addAgendaItemPerson({
            agenda_item_id: agendaItem.id,
            position: position + 1,
            role: person.role,
            name: person.name,
            person_id: person.person ? lookup(personIds, person.person, 'person') : null,
            note: person.note ?? null,
          });
        }
        for (const [n, text] of (item.recommendations ?? []).entries()) {
          await repos.meetings.addAgendaItemRecommendation({ agenda_item_id: agendaItem.id, number: n + 1, text });
        }
        for (const d of item.documents ?? []) {
          await repos.documents.create({
            slug: `${d.key}`,
            title: d.title,
            kind: d.kind,
            meeting_id: meetingId,
            agenda_item_id: agendaItem.id,
            review_id: d.review ? review.id : null,
            exempt_paragraph: null,
            url: null,
            ...NO_FILE,
            text_content: d.text ?? null,
            published_on: null,
            source_system: null,
            source_id: null,
          });
          bump('documents');
        }
      }
    }

    // Minutes in date order, so "Further to Minute N" always points back to one already stored.
    for (const m of demo.meetings) {
      const meetingId = lookup(meetingIds, m.key, 'meeting');
      for (const item of m.items) {
        const minute = item.minute;
        if (!minute) continue;
        const row = await repos.minutes.createMinute({
          organisation_id: lookup(orgIds, m.organisation, 'organisation'),
          meeting_id: meetingId,
          agenda_item_id: lookup(itemIds, item.key, 'agenda item'),
          number: minute.number,
          municipal_year: municipalYear(m.date),
          title: minute.title,
          body: minute.body.join('\n\n'),
          further_to_minute_id: minute.furtherTo ? lookup(minuteIds, minute.furtherTo, 'minute') : null,
        });
        minuteIds.set(minute.key, row.id);
        bump('minutes');
        if (!minute.resolution) continue;
        const r = minute.resolution;
        const resolution = await repos.minutes.createResolution({
          minute_id: row.id,
          mover_name: r.mover?.name ?? null,
          mover_person_id: r.mover ? lookup(personIds, r.mover.person, 'person') : null,
          seconder_name: r.seconder?.name ?? null,
          seconder_person_id: r.seconder ? lookup(personIds, r.seconder.person, 'person') : null,
          votes_for: null,
          votes_against: null,
          votes_abstained: null,
          is_executive_decision: r.executiveDecision ? 1 : 0,
          published_on: null,
          reasons: null,
          alternatives: null,
          conflicts: null,
          dispensation: null,
        });
        bump('resolutions');
        for (const [n, limb] of r.limbs.entries()) {
          const limbRow = await repos.minutes.createLimb({ resolution_id: resolution.id, number: n + 1, verb: limb.verb, text: limb.text });
          for (const referral of limb.referrals ?? []) {
            const targetMeeting = referral.meeting ? lookup(meetingIds, referral.meeting, 'meeting') : null;
            const target = referral.meeting
              ? present(
                  demo.meetings.find((x) => x.key === referral.meeting),
                  'the referral meeting',
                )
              : undefined;
            const placedItem = target?.items.find((x) => x.referredBy?.includes(minute.key));
            await repos.minutes.createReferral({
              limb_id: limbRow.id,
              issue_id: item.issue ? lookup(issueIds, item.issue, 'issue') : null,
              target_organisation_id: referral.organisation ? lookup(orgIds, referral.organisation, 'organisation') : null,
              target_meeting_id: targetMeeting,
              target_description: referral.description ?? null,
              status: placedItem ? 'placed' : referral.meeting ? 'pending' : 'sent',
              agenda_item_id: placedItem ? lookup(itemIds, placedItem.key, 'agenda item') : null,
            });
            bump('referrals');
          }
        }
      }
    }

    for (const issue of demo.issues) {
      for (const h of issue.history) {
        const meeting = present(
          demo.meetings.find((m) => m.items.some((i) => i.key === h.item)),
          'the meeting of the demo item',
        );
        const item = present(
          meeting.items.find((i) => i.key === h.item),
          'the demo item',
        );
        await repos.issues.addConsideration({
          issue_id: lookup(issueIds, issue.key, 'issue'),
          meeting_id: lookup(meetingIds, meeting.key, 'meeting'),
          agenda_item_id: lookup(itemIds, h.item, 'agenda item'),
          minute_id: item.minute ? lookup(minuteIds, item.minute.key, 'minute') : null,
          decision_summary: h.decision,
        });
      }
    }

    for (const [index, term] of r.terms.entries()) {
      await repos.reviews.addTerm({ review_id: review.id, position: index + 1, number: term.number, text: term.text, parent_position: term.parent ?? null });
    }
    for (const [index, c] of r.criteria.entries()) {
      await repos.reviews.addCriterion({ review_id: review.id, position: index + 1, number: c.number, title: c.title, text: c.text });
    }
    for (const [index, s] of r.schedule.entries()) {
      await repos.reviews.addReviewMeeting({ review_id: review.id, position: index + 1, starts_on: s.startsOn, ends_on: s.endsOn, title: null }, s.business);
    }
    const optionIds = new Map<string, number>();
    for (const o of r.options) {
      optionIds.set(o.key, (await repos.reviewParts.addOption(review.id, { name: o.name, description: o.description ?? null })).id);
    }
    for (const [index, e] of r.evidence.entries()) {
      await repos.reviews.addEvidence({
        review_id: review.id,
        position: index + 1,
        kind: e.kind,
        mode: e.mode,
        organisation_id: 'organisation' in e && e.organisation ? lookup(orgIds, e.organisation, 'organisation') : null,
        organisation_name: e.organisationName,
        occurred_on: e.date,
        subject: e.subject,
        notes: null,
        option_id: 'option' in e && e.option ? lookup(optionIds, e.option, 'option') : null,
      });
      bump('evidence');
    }
    const responseMeetingId = lookup(meetingIds, r.responseMeeting, 'meeting');
    const responseMeeting = present(
      demo.meetings.find((m) => m.key === r.responseMeeting),
      'the response meeting',
    );
    for (const rec of r.recommendations) {
      const row = await repos.recommendations.create(
        {
          review_id: review.id,
          number: rec.number,
          text: rec.text,
          status: 'open',
          signed_off_on: null,
          signed_off_meeting_id: null,
        },
        'points' in rec ? rec.points : [],
      );
      bump('recommendations');
      const response = rec.response as demo.DemoRecommendation['response'];
      await repos.recommendations.addResponse({
        recommendation_id: row.id,
        decision: response.decision,
        response_text: response.text,
        proposed_action: null,
        reason: response.reason ?? null,
        responsible_person_id: response.officer ? lookup(personIds, response.officer.person, 'person') : null,
        responsible_name: response.officer?.name ?? null,
        action_by_date: response.actionByDate ?? null,
        action_by_text: response.actionByText ?? null,
        outcome: response.outcome ?? null,
        agreed_meeting_id: responseMeetingId,
        responded_on: responseMeeting.date,
      });
      bump('responses');
    }
    // Where the report was received and the response agreed, recorded as an officer records them in
    // the workspace; the review's status then follows from its records.
    await repos.reviewLifecycle.recordMeetings(review.id, review.version, {
      report_meeting_id: review.report_meeting_id,
      report_agenda_item_id: lookup(itemIds, r.reportAgendaItem, 'agenda item'),
      received_on: review.received_on,
      response_meeting_id: review.response_meeting_id,
      response_minute_id: lookup(minuteIds, r.responseMinute, 'minute'),
    });
    await refreshReviewStatus(repos, review.id);
    return counts;
  }

  return {
    /** Loads the demo unless it is already there; safe to call on every start. */
    async loadIfAbsent(): Promise<DemoLoadResult> {
      return deps.db.transaction().execute(async (trx) => {
        const repos = createRepositories({ db: trx, clock: deps.clock });
        if (await repos.settings.get(DEMO_MARKER)) return { loaded: false, counts: {} };
        const counts = await load(repos);
        await rebuildSearchIndex(repos);
        // Loaded outside the write pipeline, so the tracker's entries are written here, all at once.
        await refreshTrackerEntries(repos, 'everything');
        await repos.settings.set(DEMO_MARKER, deps.clock.now().toISOString());
        // One audit event for the whole load, with what it created.
        await recordImportSummary(repos, IMPORT_ACTORS.demo, { data: 'demo: Rotherham reference case', created: counts });
        return { loaded: true, counts };
      });
    },

    /** Loads the demo only into a database that holds no bodies yet: never into a council's own data. */
    async loadIfEmpty(): Promise<DemoLoadResult> {
      const repos = createRepositories({ db: deps.db, clock: deps.clock });
      if (await repos.settings.get(DEMO_MARKER)) return { loaded: false, counts: {} };
      if ((await repos.organisations.count()) > 0) return { loaded: false, counts: {} };
      return this.loadIfAbsent();
    },

    async isLoaded(): Promise<boolean> {
      return Boolean(await createRepositories({ db: deps.db, clock: deps.clock }).settings.get(DEMO_MARKER));
    },
  };
}

export type DemoService = ReturnType<typeof createDemoService>;
