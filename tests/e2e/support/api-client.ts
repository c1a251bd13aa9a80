/** A failed call, with the problem details the server answered. */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} → ${status} ${JSON.stringify(body)}`);
  }
}

/**
 * A signed-in HTTP client of a running Atrium for preparing data the browser then looks at:
 * keeps the session cookie and sends the CSRF token on unsafe requests, as the web app does.
 */
export class ApiClient {
  private cookies = new Map<string, string>();
  private csrfToken: string | undefined;

  constructor(
    private readonly baseUrl: string,
    private readonly language: 'en' | 'ru' = 'en',
  ) {}

  /** Calls `/api/v1{path}`; resolves with the JSON body of a 2xx answer, throws ApiCallError otherwise. */
  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', 'accept-language': this.language };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    const text = await response.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) throw new ApiCallError(response.status, json, `${method} ${path}`);
    const token = (json as { csrfToken?: unknown } | undefined)?.csrfToken;
    if (typeof token === 'string') this.csrfToken = token;
    return json as T;
  }

  /** The session cookies, to hand to a browser context (`context.addCookies`). */
  cookiesFor(url: string): { name: string; value: string; url: string }[] {
    return [...this.cookies].map(([name, value]) => ({ name, value, url }));
  }

  /** Creates the company and its first administrator, and keeps the administrator's session. */
  async setup(props: {
    companyName: string;
    allowedDomains: string[];
    admin: { email: string; name: string; password: string };
  }): Promise<{ user: { id: string } }> {
    return this.call('POST', '/setup', props);
  }
}
