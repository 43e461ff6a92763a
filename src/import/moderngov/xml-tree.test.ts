// The XML layer refuses every malformed response as the file's fault, naming the file.
import { describe, expect, it } from 'vitest';
import { parseXml } from './xml-tree.ts';
import { ImportInputError } from '../import-error.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('parseXml', () => {
  it.each([
    ['an unclosed processing instruction after the root', '<committees></committees><?x'],
    [
      'an unclosed processing instruction that the validator lets through',
      '<?xml version="1.0"?><committees><committeescount>1</committeescount></committees>\n<?pi',
    ],
    ['a root left open', '<committees><committee>'],
    ['an empty file', '   '],
  ])('refuses %s with an ImportInputError naming the file', (_case, xml) => {
    expect(() => parseXml('committees.xml', bytes(xml))).toThrow(ImportInputError);
    expect(() => parseXml('committees.xml', bytes(xml))).toThrow(/committees\.xml/);
  });
});
