/**
 * A browser-less admin-page client for tests: keeps the cookies the pages set (per path prefix is not
 * needed: every admin cookie is under /admin) and reads the CSRF token from the forms it is served.
 */
export interface AdminClient {
  cookies: Map<string, string>;
  csrf?: string;
  request(path: string, init?: { method?: string; form?: Record<string, string | string[]>; headers?: Record<string, string> }): Promise<Response>;
}

type Fetch = (path: string, init: RequestInit) => Promise<Response>;

export function adminClient(fetchPath: Fetch): AdminClient {
  const cookies = new Map<string, string>();
  const client: AdminClient = {
    cookies,
    async request(path, init = {}) {
      const headers: Record<string, string> = { ...(init.headers ?? {}) };
      if (cookies.size) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      let body: string | undefined;
      if (init.form) {
        const params = new URLSearchParams();
        for (const [k, v] of Object.entries(init.form)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
        body = params.toString();
        headers['content-type'] = 'application/x-www-form-urlencoded';
      }
      const res = await fetchPath(path, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, ...(body !== undefined ? { body } : {}), redirect: 'manual' });
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const eq = pair!.indexOf('=');
        const name = pair!.slice(0, eq).trim();
        const value = pair!.slice(eq + 1).trim();
        if (value === '' || /max-age=0/i.test(line)) cookies.delete(name);
        else cookies.set(name, value);
      }
      return res;
    },
  };
  return client;
}

/** The value of a hidden form field in a page. */
export const hiddenField = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1];

/** Signs in through the form; answers the sign-in POST's response (303 on success) and keeps the session cookie and CSRF token. */
export async function signIn(client: AdminClient, email: string, password: string): Promise<Response> {
  const form = await (await client.request('/admin/sign-in')).text();
  const res = await client.request('/admin/sign-in', { form: { _pre: hiddenField(form, '_pre') ?? '', email, password } });
  if (res.status === 303) {
    const page = await (await client.request('/admin/stalled')).text();
    client.csrf = hiddenField(page, '_csrf');
  }
  return res;
}
