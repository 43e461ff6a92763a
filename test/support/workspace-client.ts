// A signed-in (or anonymous) visitor for in-process web tests: keeps cookies like a browser and fills in each form's CSRF token.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface WorkspaceClient {
  get(url: string): Promise<LightMyRequestResponse>;
  /** GETs the form page first (for its CSRF token and cookie), then POSTs the fields to `action`. */
  submit(formUrl: string, fields: Record<string, string | string[]>, action?: string): Promise<LightMyRequestResponse>;
  /** POSTs without visiting the form (no CSRF token unless given). */
  post(url: string, fields: Record<string, string | string[]>): Promise<LightMyRequestResponse>;
  readonly cookies: Map<string, string>;
}

export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token on the page');
  return match[1]!;
}

function encode(fields: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  return params.toString();
}

/** Where a client's requests come from: its socket address, and headers sent with every request (such as a proxy's X-Forwarded-For). */
export interface ClientOrigin {
  readonly remoteAddress?: string;
  readonly headers?: Record<string, string>;
}

export function workspaceClient(app: FastifyInstance, origin: ClientOrigin = {}): WorkspaceClient {
  const cookies = new Map<string, string>();
  function remember(response: LightMyRequestResponse) {
    for (const cookie of response.cookies) {
      if (cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now())) cookies.delete(cookie.name);
      else cookies.set(cookie.name, cookie.value);
    }
    return response;
  }
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  async function post(url: string, fields: Record<string, string | string[]>) {
    return remember(
      await app.inject({
        method: 'POST',
        url,
        payload: encode(fields),
        ...(origin.remoteAddress ? { remoteAddress: origin.remoteAddress } : {}),
        headers: { ...origin.headers, 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader() },
      }),
    );
  }
  return {
    cookies,
    async get(url) {
      return remember(
        await app.inject({
          method: 'GET',
          url,
          ...(origin.remoteAddress ? { remoteAddress: origin.remoteAddress } : {}),
          headers: { ...origin.headers, cookie: cookieHeader() },
        }),
      );
    },
    post,
    async submit(formUrl, fields, action) {
      const page = await this.get(formUrl);
      return post(action ?? formUrl, { _csrf: csrfTokenIn(page.body), ...fields });
    },
  };
}

export async function signedIn(app: FastifyInstance, email: string, password: string, origin: ClientOrigin = {}): Promise<WorkspaceClient> {
  const client = workspaceClient(app, origin);
  const response = await client.submit('/sign-in', { email, password });
  if (response.statusCode !== 303) throw new Error(`sign-in failed with ${response.statusCode}`);
  return client;
}
