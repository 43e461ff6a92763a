// Fetches responses from a live modern.gov site's web service (mgWebService.asmx) over HTTP GET.

/** A request that failed (network, HTTP status): not bad input, so the CLI exits with code 1. */
export class FetchFailedError extends Error {
  override name = 'FetchFailedError';
}

export interface FetchedResponse {
  /** The URL fetched: used as the "file" in messages. */
  name: string;
  bytes: Uint8Array;
}

/** The web service's address for a site: "https://democracy.example.gov.uk" → ".../mgWebService.asmx". */
export function webServiceUrl(base: string): URL {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new FetchFailedError(`"${base}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchFailedError(`"${base}" is not an http(s) URL`);
  if (!/\.asmx$/i.test(url.pathname)) url.pathname = `${url.pathname.replace(/\/+$/, '')}/mgWebService.asmx`;
  url.search = '';
  url.hash = '';
  return url;
}

/** dd/mm/yyyy, the date form the web service's parameters take. */
function ukDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

export function createWebServiceClient(base: string, fetchImpl: typeof fetch = fetch, timeoutMs = 60_000) {
  const service = webServiceUrl(base);

  async function get(method: string, params: Record<string, string>): Promise<FetchedResponse> {
    const url = new URL(`${service.pathname}/${method}`, service);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    let response: Response;
    try {
      response = await fetchImpl(url, { headers: { accept: 'text/xml, application/xml' }, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new FetchFailedError(`GET ${url.href} failed: ${(error as Error).message}`);
    }
    if (!response.ok) throw new FetchFailedError(`GET ${url.href} failed: HTTP ${response.status}`);
    return { name: url.href, bytes: new Uint8Array(await response.arrayBuffer()) };
  }

  return {
    host: service.host,
    committees: () => get('GetCommittees', {}),
    meetings: (committeeId: string, from: string, to: string) =>
      get('GetMeetings', { lCommitteeId: committeeId, sFromDate: ukDate(from), sToDate: ukDate(to) }),
    meeting: (meetingId: string) => get('GetMeeting', { lMeetingId: meetingId }),
    councillorsByWard: () => get('GetCouncillorsByWard', {}),
  };
}
