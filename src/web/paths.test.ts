// Workspace addresses: a route's link and the pattern it registers come from one definition.
import { describe, expect, it } from 'vitest';
import { paths } from './paths.ts';

describe('workspace routes', () => {
  it('fills each parameter of the pattern in order, percent-encoded', () => {
    expect(paths.admin.removeAttendance(3, 9)).toBe('/admin/meetings/3/attendance/9/remove');
    expect(paths.admin.removeAttendance.pattern).toBe('/admin/meetings/:id/attendance/:entry/remove');
    expect(paths.admin.exemptDocument('a/b?c')).toBe('/admin/exempt/documents/a%2Fb%3Fc');
    expect(paths.admin.home()).toBe('/admin');
  });

  it('adds only the query fields that are given', () => {
    expect(paths.admin.people()).toBe('/admin/people');
    expect(paths.admin.people({ page: 1 })).toBe('/admin/people');
    expect(paths.admin.people({ page: 3 })).toBe('/admin/people?page=3');
    expect(paths.admin.newMembership({ personId: 4 })).toBe('/admin/memberships/new?personId=4');
    expect(paths.admin.withdraw('review', 7)).toBe('/admin/withdraw/review/7');
    expect(paths.admin.meetingSignOff.pattern).toBe('/admin/meetings/:id/sign-off');
  });

  it('gives the review parts one pattern per part', () => {
    expect(paths.admin.reviewPart(5, 'evidence', 8)).toBe('/admin/reviews/5/evidence/8');
    expect(paths.admin.reviewPart.pattern('evidence')).toBe('/admin/reviews/:id/evidence/:part');
  });
});
