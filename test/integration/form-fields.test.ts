// The field schemas every workspace form shares: one rule for a record id, whichever form it is on.
import { describe, expect, it } from 'vitest';
import { optionalDate, optionalRecordId, recordId } from '../../src/services/form-input.ts';

describe('shared form fields', () => {
  it.each(['0', '-1', '1.5', '1e3', '1234567890', 'abc', ''])('refuses "%s" as a record id, required or optional', (value) => {
    expect(recordId('Choose one').safeParse(value).success).toBe(false);
    if (value !== '') expect(optionalRecordId('Choose one').safeParse(value).success).toBe(false);
  });

  it('reads an id, and a blank optional one as null', () => {
    expect(recordId('Choose one').parse('42')).toBe(42);
    expect(optionalRecordId('Choose one').parse('7')).toBe(7);
    expect(optionalRecordId('Choose one').parse('  ')).toBeNull();
    expect(optionalRecordId('Choose one').parse(undefined)).toBeNull();
  });

  it('reads a real date and refuses one the calendar lacks', () => {
    expect(optionalDate('The date').parse('2018-02-19')).toBe('2018-02-19');
    expect(optionalDate('The date').safeParse('2018-02-30').success).toBe(false);
    expect(optionalDate('The date').parse('')).toBeNull();
  });
});
