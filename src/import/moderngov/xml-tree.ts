// Parses a modern.gov XML response with fast-xml-parser and reads its elements, knowing each one's line.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ImportInputError } from '../import-error.ts';
import { decodeTextFile } from '../text-input.ts';
import { ValueError } from './values.ts';
import { present } from '../../domain/present.ts';

/** An element with children: its child elements by name, attributes under "@". */
export type XmlNode = Record<string, unknown>;

// Elements that may repeat, by path from the root: fast-xml-parser then always gives an array.
const REPEATING = new Set([
  'committees.committee',
  'getmeetings.committee',
  'getmeetings.committee.committeemeetings.meeting',
  'meeting.agendaitems.agendaitem',
  'meeting.agendaitems.agendaitem.linkeddocuments.linkeddoc',
  'meeting.attendees.attendee',
  'councillorsbyward.wards.ward',
  'councillorsbyward.wards.ward.councillors.councillor',
  'councillorsbyward.wards.ward.councillors.councillor.termsofoffice.termofoffice',
]);

/** The names of those elements: most elements are not one of them, and naming their path costs the parser more than a set lookup. */
const REPEATING_NAMES = new Set([...REPEATING].map((path) => path.slice(path.lastIndexOf('.') + 1)));

const METADATA = XMLParser.getMetaDataSymbol() as unknown as symbol;

/** A parsed response: its root element's name and node, and how to name a place in the file. */
export class XmlTree {
  readonly #lineStarts: number[];

  constructor(
    readonly file: string,
    readonly rootName: string,
    readonly root: XmlNode,
    source: string,
  ) {
    this.#lineStarts = [0];
    for (let i = 0; i < source.length; i += 1) if (source.charCodeAt(i) === 10) this.#lineStarts.push(i + 1);
  }

  /** The line on which an element starts (1-based), when the parser recorded it. */
  lineOf(node: XmlNode): number | null {
    const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[METADATA];
    if (meta?.startIndex === undefined) return null;
    let low = 0;
    let high = this.#lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (present(this.#lineStarts[mid], 'this.#lineStarts[mid]') <= meta.startIndex) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }

  /** An error naming the file, the line of the element and the element's path. */
  error(node: XmlNode, path: string, reason: string): ImportInputError {
    const line = this.lineOf(node);
    return new ImportInputError(this.file, `${line === null ? '' : `line ${line}, `}element ${path}`, reason);
  }

  /** The trimmed text of a child element; null when it is missing or blank. */
  text(node: XmlNode, name: string): string | null {
    let value = node[name];
    if (value === undefined || value === null) return null;
    if (typeof value === 'object' && !Array.isArray(value)) value = (value as XmlNode)['#text'];
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return null;
    const text = String(value).trim();
    return text === '' ? null : text;
  }

  /** The text of a child element that must be there. */
  required(node: XmlNode, name: string, path: string): string {
    const value = this.text(node, name);
    if (value === null) throw this.error(node, `${path}/${name}`, 'is missing or blank');
    return value;
  }

  /** An attribute's trimmed value; null when missing or blank. */
  attribute(node: XmlNode, name: string): string | null {
    const attributes = node['@'] as Record<string, unknown> | undefined;
    const value = attributes?.[name];
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return null;
    const text = String(value).trim();
    return text === '' ? null : text;
  }

  /** A child element with children of its own; null when missing or blank. */
  child(node: XmlNode, name: string): XmlNode | null {
    const value = node[name];
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as XmlNode) : null;
  }

  /** Repeating child elements (declared in REPEATING); blank ones are skipped. */
  children(node: XmlNode | null, name: string): XmlNode[] {
    if (node === null) return [];
    const value = node[name];
    if (!Array.isArray(value)) return [];
    return value.filter((v): v is XmlNode => v !== null && typeof v === 'object');
  }

  /** Reads a value with a parser from values.ts, turning its complaint into an error at this element. */
  read<T>(node: XmlNode, name: string, path: string, parse: (text: string) => T): T | null {
    const value = this.text(node, name);
    if (value === null) return null;
    try {
      return parse(value);
    } catch (error) {
      if (error instanceof ValueError) throw this.error(node, `${path}/${name}`, error.message);
      throw error;
    }
  }
}

/** Parses a response file's bytes; malformed XML or a file that is not text is an ImportInputError. */
export function parseXml(file: string, bytes: Uint8Array): XmlTree {
  const decoded = decodeTextFile(bytes);
  if (!decoded.ok) throw new ImportInputError(file, null, decoded.reason);
  const source = decoded.text;
  if (source.trim() === '') throw new ImportInputError(file, null, 'the file is empty');
  const valid = XMLValidator.validate(source);
  if (valid !== true) {
    // fast-xml-parser reports elements left open at the end as "Invalid '[ "a", "b" ]' found."
    const open = /^Invalid '\[(.*)\]' found/s.exec(valid.err.msg);
    if (open) {
      const names = [...present(open[1], 'open[1]').matchAll(/"([^"]*)"/g)].map((m) => `<${m[1]}>`);
      throw new ImportInputError(file, null, `malformed XML: the file ends with ${names.join(', ')} not closed (is it cut short?)`);
    }
    throw new ImportInputError(file, `line ${valid.err.line}, column ${valid.err.col}`, `malformed XML: ${valid.err.msg.replace(/\.$/, '')}`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    attributesGroupName: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    captureMetaData: true,
    isArray: (name, jpath) => REPEATING_NAMES.has(name) && REPEATING.has(String(jpath)),
  });
  let document: XmlNode;
  try {
    document = parser.parse(source) as XmlNode;
  } catch (error) {
    // The validator and the parser disagree on a few malformed inputs (an unclosed processing
    // instruction, say): whatever the parser refuses is still the file's fault, not ours.
    throw new ImportInputError(file, null, `malformed XML: ${(error as Error).message.replace(/\.$/, '')}`);
  }
  const roots = Object.keys(document).filter((key) => key !== '#text');
  if (roots.length !== 1) throw new ImportInputError(file, null, 'malformed XML: expected one root element');
  const rootName = present(roots[0], 'roots[0]');
  const root = document[rootName];
  const node = root !== null && typeof root === 'object' ? (root as XmlNode) : {};
  return new XmlTree(file, rootName, node, source);
}
