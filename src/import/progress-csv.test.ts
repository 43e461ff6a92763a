// Reading the bulk progress CSV: headers, line numbers and refusals.
import { describe, expect, it } from 'vitest';
import { parseProgressCsv } from './progress-csv.ts';

describe('parseProgressCsv', () => {
  it('reads rows by header name, in any column order, with their line numbers', () => {
    const result = parseProgressCsv(
      '\uFEFFStatus,recommendation_id,update_date,narrative,extra\non_track,12,2026-06-01,"Going well, on plan",x\nslipped,13,2026-06-01,Late,\n',
    );
    expect(result).toEqual({
      ok: true,
      rows: [
        {
          line: 2,
          recommendationId: 12,
          updateDate: '2026-06-01',
          status: 'on_track',
          rag: null,
          narrative: 'Going well, on plan',
          newTargetDate: null,
          slipReason: null,
        },
        { line: 3, recommendationId: 13, updateDate: '2026-06-01', status: 'slipped', rag: null, narrative: 'Late', newTargetDate: null, slipReason: null },
      ],
    });
  });
  it('refuses a file without the required columns, naming them', () => {
    expect(parseProgressCsv('id,when\n1,2026-01-01\n')).toEqual({
      ok: false,
      problems: [{ line: 1, message: 'The first line must name the columns; missing: recommendation_id, update_date, status, narrative' }],
    });
  });
  it('names each line with a bad recommendation id', () => {
    const result = parseProgressCsv(
      'recommendation_id,update_date,status,narrative\nabc,2026-01-01,on_track,x\n5,2026-01-01,on_track,y\n,2026-01-01,on_track,z\n',
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.line)).toEqual([2, 4]);
  });
  it('refuses an empty file and a header with no rows', () => {
    expect(parseProgressCsv('')).toMatchObject({ ok: false });
    expect(parseProgressCsv('recommendation_id,update_date,status,narrative\n')).toMatchObject({
      ok: false,
      problems: [{ message: 'The file has no rows after the header' }],
    });
  });
});
