import type { LightMyRequestResponse } from 'fastify';
import type { TestSession } from './session.js';
import type { TestApp } from './test-app.js';

/** A password every default policy accepts (long, not common, no context words). */
export const goodPassword = 'violet otter canoe harbour 71';

/** The session cookie's value from a response's Set-Cookie, or undefined. */
export function sessionCookieOf(res: LightMyRequestResponse, name = 'sid'): string | undefined {
  const cookie = res.cookies.find((c) => c.name === name);
  return cookie && cookie.value !== '' ? cookie.value : undefined;
}

/** A TestSession from a sign-in-like response (`{ user, csrfToken }` and a cookie). */
export function sessionFrom(res: LightMyRequestResponse, name = 'sid'): TestSession {
  const secret = sessionCookieOf(res, name);
  if (!secret) throw new Error(`no session cookie in response ${res.statusCode}: ${res.body}`);
  const cookie = `${name}=${secret}`;
  const csrfToken = res.json().csrfToken as string;
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}

/** Runs the first-run setup through the API; returns the administrator's session. */
export async function setupThroughApi(
  t: TestApp,
  props: {
    companyName?: string;
    allowedDomains?: string[];
    email?: string;
    name?: string;
    password?: string;
  } = {},
): Promise<{ session: TestSession; userId: string; email: string }> {
  const email = props.email ?? 'founder@corp.test';
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/setup',
    payload: {
      companyName: props.companyName ?? 'Northwind Trading',
      allowedDomains: props.allowedDomains ?? ['corp.test'],
      admin: { email, name: props.name ?? 'Founding Admin', password: props.password ?? goodPassword },
    },
  });
  if (res.statusCode !== 201) throw new Error(`setup failed: ${res.statusCode} ${res.body}`);
  return { session: sessionFrom(res), userId: res.json().user.id, email };
}

/** The token of the newest e-mail to `to` whose link points at `page`. */
export function tokenFromMail(t: TestApp, to: string, page: 'verify-email' | 'reset-password'): string {
  const mail = [...t.mail].reverse().find((m) => m.to === to && m.text.includes(`/${page}?token=`));
  if (!mail) throw new Error(`no ${page} mail to ${to}`);
  const match = new RegExp(`/${page}\\?token=([A-Za-z0-9_%-]+)`).exec(mail.text);
  if (!match?.[1]) throw new Error('no token in mail');
  return decodeURIComponent(match[1]);
}

/** Signs up and verifies `email` through the API, leaving an active account with `password`. */
export async function signUpAndVerify(
  t: TestApp,
  email: string,
  password = goodPassword,
  name = 'New Colleague',
) {
  const reg = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { email, name, password },
  });
  if (reg.statusCode !== 202) throw new Error(`register failed: ${reg.statusCode} ${reg.body}`);
  const token = tokenFromMail(t, email, 'verify-email');
  const ver = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/verify-email',
    payload: { token, password },
  });
  if (ver.statusCode !== 200) throw new Error(`verify failed: ${ver.statusCode} ${ver.body}`);
}

/** Signs in through the API. */
export function login(t: TestApp, email: string, password: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, headers });
}
