// Tables of cases for which tracker entries a write's page tags reach.
import { describe, expect, it } from 'vitest';
import { writeTags } from './page-tags.ts';
import { joinReach, trackerReach, type TrackerReach } from './tracker-entries.ts';

describe('trackerReach', () => {
  it.each<[string, readonly string[], TrackerReach]>([
    ['a recommendation written', ['recommendation:12'], { recommendation: [12] }],
    ['a recommendation of a review', ['recommendation:12', 'in:review:3'], { recommendation: [12], review: [3] }],
    ['something of a recommendation', ['in:recommendation:12'], { recommendation: [12] }],
    ['a review', ['review:3', 'in:organisation:4'], { review: [3] }],
    ['something of a review', ['in:review:3'], { review: [3] }],
    ['a response re-indexed', ['executive_response:8'], { executive_response: [8] }],
    ['a progress update withdrawn (its row names no recommendation)', ['progress_update:9', 'recommendation'], { progress_update: [9] }],
    ['a recommendation withdrawn (its row names no review)', ['recommendation:12', 'review'], { recommendation: [12] }],
    ['a limb', ['resolution_limb:5', 'meeting'], { resolution_limb: [5] }],
    ['a resolution', ['resolution:6', 'in:minute:7', 'meeting'], { resolution: [6], minute: [7] }],
    ['a minute', ['minute:7', 'in:meeting:2'], { minute: [7] }],
    ['something of a minute', ['in:minute:7'], { minute: [7] }],
    ['an agenda item', ['agenda_item:4', 'in:meeting:2'], { agenda_item: [4] }],
    // Publishing the agenda makes the meeting's draft items public.
    ['a meeting', ['meeting:2'], { meeting: [2] }],
    ['something of a meeting', ['in:meeting:2'], {}],
    ['a body renamed', ['organisation:4'], { organisation: [4] }],
    ['a person renamed', ['person:5'], { person: [5] }],
    ['a membership', ['membership:1', 'in:organisation:4', 'in:person:5'], {}],
    ['a membership that names neither', ['membership:1', 'organisation'], {}],
    ['an attendance', ['attendance:1', 'in:meeting:2', 'in:person:5'], {}],
    ['a declaration, document and referral', ['declaration:1', 'document:2', 'referral:3', 'meeting'], {}],
    ['an issue, a setting, a user', ['issue:1', 'setting', 'user:2'], {}],
    ['the tracker entries themselves', ['tracker_entry'], {}],
    ['ids gathered and sorted', ['recommendation:12', 'in:recommendation:3', 'recommendation:12'], { recommendation: [3, 12] }],
    ['nothing', [], {}],
  ])('%s: %o', (_name, tags, expected) => {
    expect(trackerReach(tags)).toEqual(expected);
  });

  it.each<[string, readonly string[]]>([
    ['nobody knows', ['*']],
    ['nobody knows, beside a record', ['recommendation:12', '*']],
    ['a recommendation, not saying which', ['recommendation']],
    ['a review, not saying which', ['review']],
    ['a response, not saying which', ['executive_response', 'recommendation']],
    ['a progress update, not saying which', ['progress_update']],
    ['a meeting, not saying which', ['meeting']],
    ['a limb, not saying which', ['resolution_limb', 'meeting']],
    ['a body, not saying which', ['organisation']],
    ['a person, not saying which', ['person']],
    // A bare owner beside a record that is not its part: someone wrote a recommendation and did not say which.
    ['a recommendation not named beside a minute', ['minute:7', 'recommendation']],
    ['a kind not known', ['call_in:3']],
    ['a part of a kind not known', ['in:call_in:3']],
    ['a page-side tag', ['=meeting:2']],
    ['a malformed tag', ['recommendation:x']],
    ['a name an object has of its own', ['constructor:1']],
  ])('%s: %o reaches every entry', (_name, tags) => {
    expect(trackerReach(tags)).toBe('everything');
  });

  it.each<[string, string, number | null, unknown, unknown, TrackerReach]>([
    ['progress added', 'recommendation', 12, null, { recommendation_id: 12, status: 'on_track' }, { recommendation: [12] }],
    ['progress update withdrawn', 'progress_update', 9, { withdrawn: false }, { withdrawn: true }, { progress_update: [9] }],
    ['review moved to another committee', 'review', 3, { organisation_id: 4 }, { organisation_id: 5 }, { review: [3] }],
    ['limb withdrawn', 'resolution_limb', 5, { withdrawn_on: null }, { withdrawn_on: '2026-11-01' }, { resolution_limb: [5] }],
    ['an attendance', 'attendance', 1, null, { meeting_id: 2, person_id: 5 }, {}],
    ['an import', 'import', null, null, { created: {} }, 'everything'],
  ])('as an audited write gives them: %s', (_name, entityType, entityId, before, after, expected) => {
    expect(trackerReach(writeTags(entityType, entityId, before, after))).toEqual(expected);
  });
});

describe('joinReach', () => {
  it.each<[readonly TrackerReach[], TrackerReach]>([
    [[], {}],
    [[{}, {}], {}],
    [[{ recommendation: [3] }, { recommendation: [1, 3], review: [2] }], { recommendation: [1, 3], review: [2] }],
    [[{ minute: [7] }, { recommendation: [3] }, { minute: [2, 7] }], { minute: [2, 7], recommendation: [3] }],
    [['everything', { recommendation: [3] }], 'everything'],
    [[{ recommendation: [3] }, 'everything'], 'everything'],
  ])('%o → %o', (reaches, expected) => {
    expect(joinReach(...reaches)).toEqual(expected);
  });
});
