// Tests for reading dates as people type them into the GOV.UK date input, with the Design System's error wording, and the rules between dates.
import { describe, expect, it } from 'vitest';
import { dateBoxes, notBefore, notInFuture, readDateAnswer, reviewDateErrors } from './date-answer.ts';

const label = 'the date of the response';

describe('readDateAnswer', () => {
  it.each([
    ['three boxes', { day: '5', month: '3', year: '2026' }, '2026-03-05'],
    ['leading zeros', { day: '05', month: '03', year: '2026' }, '2026-03-05'],
    ['"5/3/2026" typed into the day box', { day: '5/3/2026' }, '2026-03-05'],
    ['"5/3/2026" typed into the day box, other boxes blank', { day: '5/3/2026', month: '', year: '' }, '2026-03-05'],
    ['dots', { day: '5.3.2026' }, '2026-03-05'],
    ['spaces', { day: '5 3 2026' }, '2026-03-05'],
    ['a month name', { day: '5 March 2026' }, '2026-03-05'],
    ['a short month name in the month box', { day: '5', month: 'Mar', year: '2026' }, '2026-03-05'],
    ['ISO 8601', { day: '2026-03-05' }, '2026-03-05'],
    ['29 February in a leap year', { day: '29', month: '2', year: '2028' }, '2028-02-29'],
  ])('reads %s', (_name, answer, expected) => {
    expect(readDateAnswer(answer, label, true)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['nothing', {}, null, 'Enter the date of the response'],
    ['no month', { day: '5', year: '2026' }, 'month', 'The date of the response must include a month'],
    ['no day or year', { month: '3' }, null, 'The date of the response must include a day and a year'],
    ['month 13', { day: '5', month: '13', year: '2026' }, 'month', 'The date of the response must be a real date'],
    ['31 April', { day: '31', month: '4', year: '2026' }, 'day', 'The date of the response must be a real date'],
    ['a two-digit year', { day: '5', month: '3', year: '26' }, 'year', 'The date of the response must be a real date'],
    ['words', { day: 'next Tuesday' }, null, 'The date of the response must be a real date'],
    ['30/2/2026', { day: '30/2/2026' }, 'day', 'The date of the response must be a real date'],
  ])('refuses %s, naming the box', (_name, answer, part, message) => {
    expect(readDateAnswer(answer, label, true)).toEqual({ ok: false, part, message });
  });

  it('leaves an optional date blank', () => {
    expect(readDateAnswer({ day: ' ', month: '', year: '' }, label, false)).toEqual({ ok: true, value: null });
  });

  it('splits a stored date into the boxes', () => {
    expect(dateBoxes('2026-03-05')).toEqual({ day: '5', month: '3', year: '2026' });
    expect(dateBoxes(null)).toEqual({ day: '', month: '', year: '' });
  });
});

describe('rules between dates', () => {
  it('refuses a date in the future in the Design System’s words', () => {
    expect(notInFuture('updateDate', 'the date of the update', '2026-03-06', '2026-03-05')).toEqual([
      { field: 'updateDate', message: 'The date of the update must be today or in the past' },
    ]);
    expect(notInFuture('updateDate', 'the date of the update', '2026-03-05', '2026-03-05')).toEqual([]);
  });

  it('names the date a date may not precede', () => {
    expect(notBefore('actionByDate', 'the action by date', '2026-03-04', '2026-03-05', 'the date of the response')).toEqual([
      { field: 'actionByDate', message: 'The action by date must be the same as or after 5 March 2026, the date of the response' },
    ]);
    expect(notBefore('actionByDate', 'the action by date', '2026-03-05', '2026-03-05', 'the date of the response')).toEqual([]);
  });

  it.each([
    ['in order', { startedOn: '2026-01-01', reportDate: '2026-02-01', receivedOn: '2026-02-10' }, []],
    ['a report before the review began', { startedOn: '2026-01-01', reportDate: '2025-12-31', receivedOn: null }, ['reportDate']],
    ['received before the report', { startedOn: null, reportDate: '2026-02-01', receivedOn: '2026-01-31' }, ['receivedOn']],
    ['received in the future', { startedOn: null, reportDate: null, receivedOn: '2026-03-06' }, ['receivedOn']],
  ] as const)('checks a review’s dates: %s', (_name, dates, fields) => {
    expect(reviewDateErrors(dates, '2026-03-05').map((e) => e.field)).toEqual(fields);
  });
});
