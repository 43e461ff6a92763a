// Tests for splitting typed text into paragraphs and lists: line breaks and sub-points survive, stray control characters do not.
import { describe, expect, it } from 'vitest';
import { textBlocks, textLines } from './text-blocks.ts';

describe('textBlocks', () => {
  it('keeps a lead-in and its lettered sub-points as a paragraph and a marked list', () => {
    expect(textBlocks('The Council should:\r\n(a) set up a board;\r\n(b) report yearly.')).toEqual([
      { kind: 'paragraph', text: 'The Council should:' },
      {
        kind: 'list',
        marked: true,
        items: [
          { marker: '(a)', text: 'set up a board;' },
          { marker: '(b)', text: 'report yearly.' },
        ],
      },
    ]);
  });

  it.each([
    [
      'numbered',
      '1. First\n2. Second',
      [
        { marker: '1.', text: 'First' },
        { marker: '2.', text: 'Second' },
      ],
      true,
    ],
    [
      'roman in brackets',
      '(i) One\n(ii) Two',
      [
        { marker: '(i)', text: 'One' },
        { marker: '(ii)', text: 'Two' },
      ],
      true,
    ],
    [
      'letters with a bracket',
      'a) One\nb) Two',
      [
        { marker: 'a)', text: 'One' },
        { marker: 'b)', text: 'Two' },
      ],
      true,
    ],
    [
      'bullets',
      '- One\n• Two',
      [
        { marker: null, text: 'One' },
        { marker: null, text: 'Two' },
      ],
      false,
    ],
  ] as const)('reads %s points as one list', (_name, text, items, marked) => {
    expect(textBlocks(text)).toEqual([{ kind: 'list', marked, items }]);
  });

  it('makes each line a paragraph, and blank lines only separate', () => {
    expect(textBlocks('First line\nSecond line\n\n\nThird')).toEqual([
      { kind: 'paragraph', text: 'First line' },
      { kind: 'paragraph', text: 'Second line' },
      { kind: 'paragraph', text: 'Third' },
    ]);
  });

  it('carries an indented line on the point above, and resumes prose after the list', () => {
    expect(textBlocks('(a) a long point\n    that wraps\nAfterwards.')).toEqual([
      { kind: 'list', marked: true, items: [{ marker: '(a)', text: 'a long point that wraps' }] },
      { kind: 'paragraph', text: 'Afterwards.' },
    ]);
  });

  it('does not take a sentence that begins with an initial for a point', () => {
    expect(textBlocks('A. Smith moved the motion.')).toEqual([{ kind: 'paragraph', text: 'A. Smith moved the motion.' }]);
  });

  it('drops the characters that print as stray glyphs', () => {
    expect(textLines('One\u2028Two\u0007\tthree\u000b(a) four')).toEqual(['One', 'Two three', '(a) four']);
  });

  it('has no blocks for missing or blank text', () => {
    expect(textBlocks(null)).toEqual([]);
    expect(textBlocks(' \n \n')).toEqual([]);
  });
});
