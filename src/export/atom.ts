// Serialises an Atom feed (RFC 4287) with xmlbuilder2, so every title and text is escaped as XML.
import { create } from 'xmlbuilder2';

export interface AtomEntry {
  /** A permanent, universally unique IRI (§4.2.6): never reused, never changed. */
  readonly id: string;
  readonly title: string;
  /** ISO instant of the entry's last significant change (§4.2.15). */
  readonly updated: string;
  readonly published?: string | null;
  /** Absolute URL of the page that shows the entry. */
  readonly link: string;
  /** Plain text (type="text"): no markup reaches a feed reader from our data. */
  readonly summary?: string | null;
  readonly content?: string | null;
  readonly categories?: readonly string[];
}

export interface AtomFeed {
  readonly id: string;
  readonly title: string;
  readonly subtitle?: string;
  /** Absolute URL of this feed (rel="self", §4.2.7.2) and of the page it mirrors (rel="alternate"). */
  readonly selfLink: string;
  readonly alternateLink: string;
  readonly authorName: string;
  /** When the feed has no entries, the time its emptiness was known; otherwise the newest entry's. */
  readonly fallbackUpdated: string;
  readonly entries: readonly AtomEntry[];
}

function latest(instants: readonly string[], fallback: string): string {
  return instants.reduce((max, at) => (at > max ? at : max), instants[0] ?? fallback);
}

export function serialiseAtom(feed: AtomFeed): string {
  const doc = create({ version: '1.0', encoding: 'utf-8' });
  const root = doc.ele('http://www.w3.org/2005/Atom', 'feed', { 'xml:lang': 'en-GB' });
  root.ele('id').txt(feed.id);
  root.ele('title', { type: 'text' }).txt(feed.title);
  if (feed.subtitle) root.ele('subtitle', { type: 'text' }).txt(feed.subtitle);
  // §4.1.1: atom:updated of the feed is the most recent instant the feed changed.
  root.ele('updated').txt(
    new Date(
      latest(
        feed.entries.map((e) => e.updated),
        feed.fallbackUpdated,
      ),
    ).toISOString(),
  );
  root.ele('link', { rel: 'self', type: 'application/atom+xml', href: feed.selfLink });
  root.ele('link', { rel: 'alternate', type: 'text/html', href: feed.alternateLink });
  root.ele('author').ele('name').txt(feed.authorName);
  root.ele('generator').txt('Scrutineer');
  for (const entry of feed.entries) {
    const e = root.ele('entry');
    e.ele('id').txt(entry.id);
    e.ele('title', { type: 'text' }).txt(entry.title);
    e.ele('updated').txt(new Date(entry.updated).toISOString());
    if (entry.published) e.ele('published').txt(new Date(entry.published).toISOString());
    e.ele('link', { rel: 'alternate', type: 'text/html', href: entry.link });
    for (const term of entry.categories ?? []) e.ele('category', { term });
    if (entry.summary) e.ele('summary', { type: 'text' }).txt(entry.summary);
    if (entry.content) e.ele('content', { type: 'text' }).txt(entry.content);
  }
  return doc.end({ prettyPrint: true });
}
