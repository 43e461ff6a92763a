// Reads modern.gov web-service responses (GetCommittees, GetMeetings, GetMeeting, GetCouncillorsByWard) into plain records.
import type { IsoDate } from '../../domain/iso-date.ts';
import { ImportInputError } from '../import-error.ts';
import { parseClockTime, parseFlag, parseUkDate, plainText, plainUrl, ValueError } from './values.ts';
import { parseXml, type XmlNode, type XmlTree } from './xml-tree.ts';

export interface MgCommittee {
  id: string;
  title: string;
  category: string | null;
  deleted: boolean;
  expired: boolean;
}

export interface MgMeetingSummary {
  id: string;
  date: IsoDate;
  time: string | null;
  status: string | null;
}

export interface MgDocument {
  id: string;
  title: string;
  url: string | null;
  restricted: boolean;
  publishedOn: IsoDate | null;
}

export interface MgAgendaItem {
  id: string;
  title: string;
  /** The number the agenda shows ("1"), which may differ from modern.gov's own ordering number. */
  displayNumber: string | null;
  order: number;
  subOrder: number;
  text: string | null;
  minutes: string | null;
  minutesNumber: number | null;
  minutesPublished: boolean;
  restricted: boolean;
  documents: MgDocument[];
}

export interface MgAttendee {
  memberId: string | null;
  name: string;
  role: string | null;
  attendance: string | null;
  party: string | null;
  ward: string | null;
}

export interface MgMeeting {
  id: string;
  date: IsoDate;
  time: string | null;
  status: string | null;
  location: string | null;
  /** The committee named in the response (on its items or documents); GetMeeting has no committee id. */
  committeeTitle: string | null;
  agendaPublished: boolean;
  items: MgAgendaItem[];
  attendees: MgAttendee[];
}

export interface MgTermOfOffice {
  startsOn: IsoDate;
  /** null when modern.gov says "unspecified": the term is open-ended. */
  endsOn: IsoDate | null;
}

export interface MgCouncillor {
  id: string;
  name: string;
  ward: string | null;
  district: string | null;
  party: string | null;
  keyPosts: string | null;
  email: string | null;
  photoUrl: string | null;
  terms: MgTermOfOffice[];
}

export type ModernGovResponse =
  | { kind: 'committees'; file: string; committees: MgCommittee[] }
  | { kind: 'getmeetings'; file: string; committees: (MgCommittee & { meetings: MgMeetingSummary[] })[] }
  | { kind: 'meeting'; file: string; meeting: MgMeeting }
  | { kind: 'councillorsbyward'; file: string; councillors: MgCouncillor[] };

export const MODERNGOV_ROOTS = ['committees', 'getmeetings', 'meeting', 'councillorsbyward'] as const;

function readCommittee(tree: XmlTree, node: XmlNode, path: string): MgCommittee {
  const id = tree.required(node, 'committeeid', path);
  return {
    id,
    title: plainText(tree.required(node, 'committeetitle', path)) ?? id,
    category: plainText(tree.text(node, 'committeecategory')),
    deleted: tree.read(node, 'committeedeleted', path, parseFlag) ?? false,
    expired: tree.read(node, 'committeeexpired', path, parseFlag) ?? false,
  };
}

function readCommittees(tree: XmlTree): MgCommittee[] {
  return tree.children(tree.root, 'committee').map((node, i) => readCommittee(tree, node, `committees/committee[${i + 1}]`));
}

function readGetMeetings(tree: XmlTree) {
  return tree.children(tree.root, 'committee').map((node, i) => {
    const path = `getmeetings/committee[${i + 1}]`;
    const committee = readCommittee(tree, node, path);
    const meetings = tree.children(tree.child(node, 'committeemeetings'), 'meeting').map((m, j) => {
      const at = `${path}/committeemeetings/meeting[${j + 1}]`;
      const date = tree.read(m, 'meetingdate', at, parseUkDate);
      if (date === null) throw tree.error(m, `${at}/meetingdate`, 'is missing or blank');
      return {
        id: tree.required(m, 'meetingid', at),
        date,
        time: tree.read(m, 'meetingtime', at, parseClockTime),
        status: tree.text(m, 'meetingstatus'),
      };
    });
    return { ...committee, meetings };
  });
}

function readMeeting(tree: XmlTree): MgMeeting {
  const node = tree.root;
  const path = 'meeting';
  const id = tree.required(node, 'meetingid', path);
  const date = tree.read(node, 'meetingdate', path, parseUkDate);
  if (date === null) throw tree.error(node, `${path}/meetingdate`, 'is missing or blank');
  let committeeTitle: string | null = null;
  const items = tree.children(tree.child(node, 'agendaitems'), 'agendaitem').map((item, i) => {
    const at = `${path}/agendaitems/agendaitem[${i + 1}]`;
    const itemId = tree.required(item, 'agendaitemid', at);
    const documents = tree.children(tree.child(item, 'linkeddocuments'), 'linkeddoc').map((doc, j) => {
      const docAt = `${at}/linkeddocuments/linkeddoc[${j + 1}]`;
      committeeTitle ??= plainText(tree.text(doc, 'committeetitle'));
      const docId = tree.required(doc, 'attachmentid', docAt);
      return {
        id: docId,
        title: plainText(tree.text(doc, 'title')) ?? `Document ${docId}`,
        url: plainUrl(tree.text(doc, 'url')),
        restricted: tree.read(doc, 'isrestricted', docAt, parseFlag) ?? false,
        publishedOn: tree.read(doc, 'publicationdate', docAt, parseUkDate),
      };
    });
    // Dates on an item are checked even though the meeting's own date is the one kept.
    tree.read(item, 'meetingdate', at, parseUkDate);
    tree.read(item, 'actualmeetingdate', at, parseUkDate);
    const displayNumber = tree.text(item, 'fulldisplaynumberformat')?.replace(/\.+$/, '') ?? null;
    const order = tree.read(item, 'agendaitemnumber', at, toInteger);
    const minutesNumber = tree.read(item, 'minutesitemnumber', at, toInteger);
    return {
      id: itemId,
      title: plainText(tree.required(item, 'agendaitemtitle', at)) ?? itemId,
      displayNumber: displayNumber === '' ? null : displayNumber,
      order: order ?? i + 1,
      subOrder: tree.read(item, 'agendaitemsubnumber', at, toInteger) ?? 0,
      text: plainText(tree.text(item, 'agendatext')),
      minutes: plainText(tree.text(item, 'minutesnonemptyhtmlbody')),
      minutesNumber,
      minutesPublished: tree.read(item, 'isminutepublished', at, parseFlag) ?? false,
      restricted: tree.read(item, 'isrestricted', at, parseFlag) ?? false,
      documents,
    };
  });
  for (const item of tree.children(tree.child(node, 'agendaitems'), 'agendaitem')) {
    committeeTitle ??= plainText(tree.text(item, 'refertocommittee'));
  }
  const attendees = tree.children(tree.child(node, 'attendees'), 'attendee').map((a, i) => {
    const at = `${path}/attendees/attendee[${i + 1}]`;
    const name = plainText(tree.attribute(a, 'name'));
    if (name === null) throw tree.error(a, `${at}/@name`, 'is missing or blank');
    return {
      memberId: tree.attribute(a, 'memberid'),
      name,
      role: plainText(tree.attribute(a, 'roledescription')),
      attendance: tree.attribute(a, 'attendance'),
      party: plainText(tree.attribute(a, 'politicalparty')),
      ward: plainText(tree.attribute(a, 'ward')),
    };
  });
  return {
    id,
    date,
    time: tree.read(node, 'meetingtime', path, parseClockTime),
    status: tree.text(node, 'meetingstatus'),
    location: plainText(tree.text(node, 'meetinglocation')),
    committeeTitle,
    agendaPublished: tree.read(node, 'agendapublished', path, parseFlag) ?? false,
    items,
    attendees,
  };
}

function readCouncillors(tree: XmlTree): MgCouncillor[] {
  const seen = new Map<string, MgCouncillor>();
  tree.children(tree.child(tree.root, 'wards'), 'ward').forEach((ward, i) => {
    const wardPath = `councillorsbyward/wards/ward[${i + 1}]`;
    const wardTitle = plainText(tree.text(ward, 'wardtitle'));
    tree.children(tree.child(ward, 'councillors'), 'councillor').forEach((c, j) => {
      const at = `${wardPath}/councillors/councillor[${j + 1}]`;
      const id = tree.required(c, 'councillorid', at);
      const terms = tree.children(tree.child(c, 'termsofoffice'), 'termofoffice').map((t, k) => {
        const termAt = `${at}/termsofoffice/termofoffice[${k + 1}]`;
        const startsOn = tree.read(t, 'startdate', termAt, parseUkDate);
        if (startsOn === null) throw tree.error(t, `${termAt}/startdate`, 'is missing or blank');
        const end = tree.text(t, 'enddate');
        const endsOn = end === null || /^unspecified$/i.test(end) ? null : tree.read(t, 'enddate', termAt, parseUkDate);
        if (endsOn !== null && endsOn < startsOn) throw tree.error(t, `${termAt}/enddate`, `ends (${end}) before it starts`);
        return { startsOn, endsOn };
      });
      const district = plainText(tree.text(c, 'districttitle'));
      const work = tree.child(c, 'workaddress');
      seen.set(id, {
        id,
        name: plainText(tree.required(c, 'fullusername', at)) ?? id,
        // "No Ward" is how modern.gov lists members elected for a region rather than a ward.
        ward: wardTitle && !/^no ward$/i.test(wardTitle) ? wardTitle : district,
        district,
        party: plainText(tree.text(c, 'politicalpartytitle')),
        keyPosts: plainText(tree.text(c, 'keyposts')),
        email: work ? tree.text(work, 'email') : null,
        photoUrl: plainUrl(tree.text(c, 'photobigurl')) ?? plainUrl(tree.text(c, 'photosmallurl')),
        terms,
      });
    });
  });
  return [...seen.values()];
}

function toInteger(text: string): number {
  if (!/^\d+$/.test(text)) throw new ValueError(`"${text}" is not a whole number`);
  return Number(text);
}

/**
 * Reads one response file, recognising it by its root element. Unknown elements inside are
 * ignored (the web service adds fields over time); an unknown root element is an error.
 */
export function readModernGovResponse(file: string, bytes: Uint8Array): ModernGovResponse {
  const tree = parseXml(file, bytes);
  switch (tree.rootName) {
    case 'committees':
      return { kind: 'committees', file, committees: readCommittees(tree) };
    case 'getmeetings':
      return { kind: 'getmeetings', file, committees: readGetMeetings(tree) };
    case 'meeting':
      return { kind: 'meeting', file, meeting: readMeeting(tree) };
    case 'councillorsbyward':
      return { kind: 'councillorsbyward', file, councillors: readCouncillors(tree) };
    default:
      throw new ImportInputError(
        file,
        `element <${tree.rootName}>`,
        `unknown root element: expected one of ${MODERNGOV_ROOTS.map((r) => `<${r}>`).join(', ')}`,
      );
  }
}
