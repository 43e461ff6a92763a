// modern.gov's value formats: dates, times, flags and HTML text, including the awkward cases seen on live sites.
import { describe, expect, it } from 'vitest';
import { parseClockTime, parseFlag, parseUkDate, plainText, ValueError } from './values.ts';

describe('parseUkDate', () => {
  it.each([
    ['10/02/2026', '2026-02-10'],
    ['1/5/2026', '2026-05-01'],
    [' 29/02/2024 ', '2024-02-29'],
  ])('%s is %s', (text, iso) => expect(parseUkDate(text)).toBe(iso));

  it.each(['31/02/2026', '29/02/2025', '00/01/2026', '2026-02-10', 'unspecified', '10/02/26'])('refuses %s', (text) => {
    expect(() => parseUkDate(text)).toThrow(ValueError);
  });
});

describe('parseClockTime', () => {
  it.each([
    ['10.00 am', '10:00'],
    ['2.00 pm', '14:00'],
    ['12.30 pm', '12:30'],
    ['12.15 am', '00:15'],
    ['6.30pm', '18:30'],
    ['12 noon', '12:00'],
    ['14:05', '14:05'],
    ['7 p.m.', '19:00'],
  ])('%s is %s', (text, time) => expect(parseClockTime(text)).toBe(time));

  it.each(['25.00 pm', '13.00 pm', 'morning', '10.75 am'])('refuses %s', (text) => {
    expect(() => parseClockTime(text)).toThrow(ValueError);
  });
});

describe('parseFlag', () => {
  it('reads True/False and treats a blank or missing flag as false', () => {
    expect([parseFlag('True'), parseFlag('False'), parseFlag(''), parseFlag(null)]).toEqual([true, false, false, false]);
    expect(() => parseFlag('Maybe')).toThrow(ValueError);
  });
});

describe('plainText', () => {
  it.each([
    ['<div class="WordSection1"><p class="MsoNormal"><span style="">To approve\nthe minutes.</span></p></div>', 'To approve the minutes.'],
    ['<p>One</p><p>Two</p>', 'One\n\nTwo'],
    // Escaped twice: after the XML parser the markup is still escaped once.
    ['&lt;p&gt;Fish &amp;amp; chips&lt;/p&gt;', 'Fish & chips'],
    ['Smith &amp; Jones', 'Smith & Jones'],
    ['<script>alert(1)</script>Safe', 'Safe'],
    ['<p><a href="javascript:alert(1)">Report</a></p>', 'Report'],
    ['   \n  ', null],
  ])('%j → %j', (html, text) => expect(plainText(html)).toBe(text));
});
