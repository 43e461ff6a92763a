// What typed words become on each engine, and how snippets are escaped and marked.
import { describe, expect, it } from 'vitest';
import { highlight, parseSearchQuery, toFts5Match, toWebsearch } from './search-query.ts';

describe('parseSearchQuery', () => {
  it.each([
    ['practice partner', [['practice'], ['partner']], '"practice" AND "partner"', 'practice partner'],
    ['"Annual Participation"', [['annual', 'participation']], '"annual participation"', '"annual participation"'],
    ['S.9FE', [['s', '9fe']], '"s 9fe"', '"s 9fe"'],
    ['NEAR(a OR b) * "', [['near', 'a'], ['or'], ['b']], '"near a" AND "or" AND "b"', '"near a" or b'],
    ['  ', [], '', ''],
  ])('%j', (input, parts, fts5, websearch) => {
    const query = parseSearchQuery(input);
    expect(query.parts).toEqual(parts);
    expect(toFts5Match(query)).toBe(fts5);
    expect(toWebsearch(query)).toBe(websearch);
  });
});

describe('highlight', () => {
  it('escapes first, then marks whole words with their endings', () => {
    const { html, matched } = highlight('Partners & <b>partnered</b> in a partnership of practice', parseSearchQuery('partner practices'));
    expect(matched).toBe(true);
    // "partnership" is another word to both engines' stemmers, so it is not marked either.
    expect(html).toBe('<mark>Partners</mark> &amp; &lt;b&gt;<mark>partnered</mark>&lt;/b&gt; in a partnership of <mark>practice</mark>');
  });

  it('cuts a window around the first match in long text', () => {
    const text = `${'word '.repeat(200)}target here ${'tail '.repeat(200)}`;
    const { html } = highlight(text, parseSearchQuery('target'), 120);
    expect(html.startsWith('… ')).toBe(true);
    expect(html.endsWith(' …')).toBe(true);
    expect(html).toContain('<mark>target</mark> here');
    expect(html.length).toBeLessThan(200);
  });
});
