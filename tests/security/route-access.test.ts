import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../../src/server/platform/http/access.js';
import { setupThroughApi } from '../support/auth-helpers.js';
import { insertUser, openSession } from '../support/session.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every API route against every kind of caller, with an oracle written here independently of
 * the routes' own declarations. The route list comes from the OpenAPI document, so a new route
 * without a line in this table fails the test until someone decides who may call it.
 * Requests carry an empty body: refusals (401/403) must come before validation, and nothing is
 * changed by the allowed callers, who may get 400/404 but never a 401 or a 5xx.
 */
const oracle: Record<string, Access> = {
  'GET /api/v1/setup': 'public',
  'POST /api/v1/setup': 'public',
  'POST /api/v1/auth/register': 'public',
  'POST /api/v1/auth/verify-email': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': 'public',
  'POST /api/v1/auth/password/forgot': 'public',
  'POST /api/v1/auth/password/reset': 'public',
  'GET /api/v1/auth/password-policy': 'public',
  'GET /api/v1/me': 'signed-in',
  'PATCH /api/v1/me/locale': 'signed-in',
  'POST /api/v1/me/password': 'signed-in',
  'GET /api/v1/me/sessions': 'signed-in',
  'DELETE /api/v1/me/sessions/{id}': 'signed-in',
  'GET /api/v1/admin/password-policy': 'admin',
  'PUT /api/v1/admin/password-policy': 'admin',
  'GET /api/v1/admin/allowed-domains': 'admin',
  'PUT /api/v1/admin/allowed-domains': 'admin',
  'GET /api/v1/admin/company': 'admin',
  'PUT /api/v1/admin/company': 'admin',
  'POST /api/v1/admin/imports/users': 'admin',
  'POST /api/v1/admin/seed-demo': 'admin',
  'GET /api/v1/users': 'employee',
  'POST /api/v1/users': 'admin',
  'GET /api/v1/users/{id}': 'signed-in',
  'PATCH /api/v1/users/{id}': 'signed-in',
  'POST /api/v1/users/{id}/deactivate': 'admin',
  'POST /api/v1/users/{id}/reactivate': 'admin',
  'PUT /api/v1/users/{id}/role': 'admin',
  'DELETE /api/v1/users/{id}/sessions': 'admin',
  'GET /api/v1/users/{id}/photo': 'signed-in',
  'PUT /api/v1/users/{id}/photo': 'signed-in',
  'DELETE /api/v1/users/{id}/photo': 'signed-in',
  'POST /api/v1/users/{id}/follow': 'employee',
  'DELETE /api/v1/users/{id}/follow': 'employee',
  'GET /api/v1/users/{id}/followers': 'employee',
  'GET /api/v1/users/{id}/following': 'employee',
  'GET /api/v1/users/{id}/reports': 'employee',
  'GET /api/v1/org-chart/managers': 'employee',
  'GET /api/v1/skills': 'employee',
  'GET /api/v1/departments': 'employee',
  'POST /api/v1/departments': 'admin',
  'PATCH /api/v1/departments/{id}': 'admin',
  'DELETE /api/v1/departments/{id}': 'admin',
  'POST /api/v1/groups': 'employee',
  'GET /api/v1/groups': 'signed-in',
  'GET /api/v1/groups/{id}': 'signed-in',
  'PATCH /api/v1/groups/{id}': 'employee',
  'DELETE /api/v1/groups/{id}': 'employee',
  'POST /api/v1/groups/{id}/join': 'employee',
  'DELETE /api/v1/groups/{id}/join': 'employee',
  'GET /api/v1/groups/{id}/requests': 'employee',
  'POST /api/v1/groups/{id}/requests/{userId}/approve': 'employee',
  'POST /api/v1/groups/{id}/requests/{userId}/reject': 'employee',
  'POST /api/v1/groups/{id}/invite/accept': 'employee',
  'POST /api/v1/groups/{id}/invite/decline': 'employee',
  'GET /api/v1/groups/{id}/members': 'signed-in',
  'POST /api/v1/groups/{id}/members': 'employee',
  'DELETE /api/v1/groups/{id}/members/{userId}': 'signed-in',
  'PUT /api/v1/groups/{id}/members/{userId}/role': 'employee',
  'POST /api/v1/markdown/preview': 'signed-in',
  'GET /api/v1/feed': 'signed-in',
  'GET /api/v1/company/feed': 'employee',
  'GET /api/v1/groups/{id}/feed': 'signed-in',
  'GET /api/v1/topics/{tag}/feed': 'employee',
  'GET /api/v1/users/{id}/posts': 'signed-in',
  'GET /api/v1/topics': 'employee',
  'GET /api/v1/topics/{tag}': 'employee',
  'PUT /api/v1/topics/{tag}/follow': 'employee',
  'DELETE /api/v1/topics/{tag}/follow': 'employee',
  'PUT /api/v1/admin/topics/{tag}/priority': 'admin',
  'POST /api/v1/posts': 'signed-in',
  'GET /api/v1/posts/{id}': 'signed-in',
  'PATCH /api/v1/posts/{id}': 'signed-in',
  'DELETE /api/v1/posts/{id}': 'signed-in',
  'GET /api/v1/posts/{id}/versions': 'signed-in',
  'POST /api/v1/posts/{id}/share': 'signed-in',
  'GET /api/v1/posts/{id}/comments': 'signed-in',
  'POST /api/v1/posts/{id}/comments': 'signed-in',
  'PATCH /api/v1/posts/{id}/comments/{commentId}': 'signed-in',
  'DELETE /api/v1/posts/{id}/comments/{commentId}': 'signed-in',
  'PUT /api/v1/posts/{id}/reactions/{emoji}': 'signed-in',
  'DELETE /api/v1/posts/{id}/reactions/{emoji}': 'signed-in',
  'POST /api/v1/events': 'signed-in',
  'PUT /api/v1/posts/{id}/rsvp': 'signed-in',
  'GET /api/v1/posts/{id}/rsvps': 'signed-in',
  'GET /api/v1/posts/{id}/event.ics': 'signed-in',
  'POST /api/v1/polls': 'signed-in',
  'PUT /api/v1/posts/{id}/votes': 'signed-in',
  'GET /api/v1/posts/{id}/votes': 'signed-in',
  'POST /api/v1/announcements': 'moderator',
  'POST /api/v1/posts/{id}/read-confirmation': 'employee',
  'GET /api/v1/posts/{id}/readers': 'employee',
  'POST /api/v1/posts/{id}/remind': 'employee',
  'POST /api/v1/vacancies': 'moderator',
  'POST /api/v1/posts/{id}/referrals': 'employee',
  'GET /api/v1/posts/{id}/referrals': 'employee',
  'GET /api/v1/mentions': 'signed-in',
  'POST /api/v1/uploads': 'signed-in',
  'GET /api/v1/uploads/{id}': 'signed-in',
  'GET /api/v1/notifications': 'signed-in',
  'GET /api/v1/notifications/unread-count': 'signed-in',
  'POST /api/v1/notifications/{id}/read': 'signed-in',
  'POST /api/v1/notifications/read-all': 'signed-in',
  'GET /api/v1/notifications/settings': 'signed-in',
  'PUT /api/v1/notifications/settings': 'signed-in',
  'POST /api/v1/posts/{id}/hide': 'signed-in',
  'POST /api/v1/posts/{id}/unhide': 'signed-in',
  'POST /api/v1/posts/{id}/lock-comments': 'signed-in',
  'POST /api/v1/posts/{id}/unlock-comments': 'signed-in',
  'POST /api/v1/posts/{id}/pin': 'signed-in',
  'POST /api/v1/posts/{id}/unpin': 'signed-in',
  'POST /api/v1/posts/{id}/comments/{commentId}/hide': 'signed-in',
  'POST /api/v1/posts/{id}/comments/{commentId}/unhide': 'signed-in',
  'POST /api/v1/posts/{id}/reports': 'signed-in',
  'GET /api/v1/moderation/reports': 'signed-in',
  'POST /api/v1/moderation/reports/{id}/resolve': 'signed-in',
  'GET /api/v1/banners': 'signed-in',
  'POST /api/v1/banners': 'moderator',
  'PATCH /api/v1/banners/{id}': 'moderator',
  'DELETE /api/v1/banners/{id}': 'moderator',
  'GET /api/v1/stories': 'signed-in',
  'POST /api/v1/stories': 'employee',
  'DELETE /api/v1/stories/{id}': 'employee',
  'GET /api/v1/stories/{id}/image': 'employee',
  // Guests (issue 4).
  'POST /api/v1/groups/{id}/guests': 'employee',
  'GET /api/v1/groups/{id}/guests': 'employee',
  'DELETE /api/v1/guest-invitations/{id}': 'employee',
  'GET /api/v1/guest-invitations/by-token/{token}': 'public',
  'POST /api/v1/guest-invitations/accept': 'public',
  // Document libraries (issue 4).
  'POST /api/v1/files': 'signed-in',
  'GET /api/v1/files/shared-with-me': 'signed-in',
  'GET /api/v1/files/quota': 'signed-in',
  'GET /api/v1/files/{id}': 'signed-in',
  'PATCH /api/v1/files/{id}': 'signed-in',
  'DELETE /api/v1/files/{id}': 'signed-in',
  'GET /api/v1/files/{id}/content': 'signed-in',
  'GET /api/v1/files/{id}/thumbnail': 'signed-in',
  'GET /api/v1/files/{id}/text': 'signed-in',
  'GET /api/v1/files/{id}/versions': 'signed-in',
  'POST /api/v1/files/{id}/versions': 'signed-in',
  'POST /api/v1/files/{id}/versions/{version}/restore': 'signed-in',
  'GET /api/v1/files/{id}/comments': 'signed-in',
  'POST /api/v1/files/{id}/comments': 'signed-in',
  'DELETE /api/v1/files/{id}/comments/{commentId}': 'signed-in',
  'GET /api/v1/files/{id}/shares': 'signed-in',
  'POST /api/v1/files/{id}/shares': 'signed-in',
  'DELETE /api/v1/files/{id}/shares/{shareId}': 'signed-in',
  'GET /api/v1/folders/{id}/shares': 'signed-in',
  'POST /api/v1/folders/{id}/shares': 'signed-in',
  'DELETE /api/v1/folders/{id}/shares/{shareId}': 'signed-in',
  'GET /api/v1/files/{id}/links': 'signed-in',
  'POST /api/v1/files/{id}/links': 'signed-in',
  'DELETE /api/v1/files/{id}/links/{linkId}': 'signed-in',
  'GET /api/v1/file-links/{token}': 'signed-in',
  'GET /api/v1/file-links/{token}/content': 'signed-in',
  'POST /api/v1/folders': 'signed-in',
  'GET /api/v1/folders/{id}': 'signed-in',
  'PATCH /api/v1/folders/{id}': 'signed-in',
  'DELETE /api/v1/folders/{id}': 'signed-in',
  'GET /api/v1/libraries/company': 'signed-in',
  'GET /api/v1/libraries/groups/{id}': 'signed-in',
  'GET /api/v1/libraries/people/{id}': 'signed-in',
  'GET /api/v1/settings/files': 'admin',
  'PUT /api/v1/settings/files': 'admin',
  // Chats (issue 5): membership is checked per chat (404 for non-members), not by role.
  'POST /api/v1/chats': 'signed-in',
  'GET /api/v1/chats': 'signed-in',
  'GET /api/v1/chats/unread': 'signed-in',
  'GET /api/v1/chats/{id}': 'signed-in',
  'PATCH /api/v1/chats/{id}': 'signed-in',
  'PATCH /api/v1/chats/{id}/me': 'signed-in',
  'POST /api/v1/chats/{id}/read': 'signed-in',
  'GET /api/v1/chats/{id}/members': 'signed-in',
  'POST /api/v1/chats/{id}/members/{userId}': 'signed-in',
  'DELETE /api/v1/chats/{id}/members/{userId}': 'signed-in',
  'PATCH /api/v1/chats/{id}/members/{userId}': 'signed-in',
  'GET /api/v1/chat-folders': 'signed-in',
  'POST /api/v1/chat-folders': 'signed-in',
  'PATCH /api/v1/chat-folders/{id}': 'signed-in',
  'DELETE /api/v1/chat-folders/{id}': 'signed-in',
  'POST /api/v1/groups/{id}/chat': 'employee',
  'POST /api/v1/departments/{id}/chat': 'admin',
  // Messages (issue 5): the chat's membership decides, per message.
  'GET /api/v1/chats/search': 'signed-in',
  'GET /api/v1/chats/{id}/messages': 'signed-in',
  'POST /api/v1/chats/{id}/messages': 'signed-in',
  'GET /api/v1/chats/{id}/messages/{messageId}': 'signed-in',
  'PATCH /api/v1/chats/{id}/messages/{messageId}': 'signed-in',
  'DELETE /api/v1/chats/{id}/messages/{messageId}': 'signed-in',
  'POST /api/v1/chats/{id}/messages/{messageId}/forward': 'signed-in',
  'GET /api/v1/chats/{id}/messages/{messageId}/receipts': 'signed-in',
  'PUT /api/v1/chats/{id}/messages/{messageId}/reactions/{emoji}': 'signed-in',
  'DELETE /api/v1/chats/{id}/messages/{messageId}/reactions/{emoji}': 'signed-in',
  // Chat attachments (issue 5): members of the chat only, checked per chat.
  'POST /api/v1/chats/{id}/attachments': 'signed-in',
  'GET /api/v1/chats/{id}/attachments/{attachmentId}': 'signed-in',
  'GET /api/v1/chats/{id}/attachments/{attachmentId}/thumbnail': 'signed-in',
  // Stickers (issue 5): everyone signed in (guests too) sends them; admins manage the packs.
  'GET /api/v1/stickers': 'signed-in',
  'GET /api/v1/stickers/{id}/image': 'signed-in',
  'GET /api/v1/sticker-packs': 'admin',
  'POST /api/v1/sticker-packs': 'admin',
  'PUT /api/v1/sticker-packs/order': 'admin',
  'PATCH /api/v1/sticker-packs/{id}': 'admin',
  'DELETE /api/v1/sticker-packs/{id}': 'admin',
  'PUT /api/v1/sticker-packs/{id}/order': 'admin',
  'POST /api/v1/sticker-packs/{id}/stickers': 'admin',
  'DELETE /api/v1/sticker-packs/{id}/stickers/{stickerId}': 'admin',
  // Presence (issue 5): a guest sees only the people of their own groups and chats (in SQL).
  'GET /api/v1/presence': 'signed-in',
  'PUT /api/v1/me/presence': 'signed-in',
  // Web Push (issue 5): one's own subscriptions.
  'GET /api/v1/push/key': 'signed-in',
  'POST /api/v1/push/subscriptions': 'signed-in',
  'DELETE /api/v1/push/subscriptions': 'signed-in',
};

/** A well-formed value for each path parameter: the route must answer 404, not 400, to it. */
const samplePathParams: Record<string, string> = {
  id: '01900000-0000-7000-8000-000000000000',
  commentId: '01900000-0000-7000-8000-000000000001',
  userId: '01900000-0000-7000-8000-000000000002',
  tag: 'onboarding',
  emoji: '👍',
  // Document libraries (issue 4).
  shareId: '01900000-0000-7000-8000-000000000003',
  linkId: '01900000-0000-7000-8000-000000000004',
  version: '1',
  token: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  // Chats (issue 5).
  messageId: '01900000-0000-7000-8000-000000000005',
  attachmentId: '01900000-0000-7000-8000-000000000006',
  stickerId: '01900000-0000-7000-8000-000000000007',
};

type Caller = 'anonymous' | 'deactivated' | 'guest' | 'employee' | 'moderator' | 'admin';
const callers: Caller[] = ['anonymous', 'deactivated', 'guest', 'employee', 'moderator', 'admin'];

function admits(access: Access, caller: Caller): boolean {
  if (access === 'public') return true;
  if (caller === 'anonymous' || caller === 'deactivated') return false;
  switch (access) {
    case 'signed-in':
      return true;
    case 'employee':
      return caller !== 'guest';
    case 'moderator':
      return caller === 'moderator' || caller === 'admin';
    case 'admin':
      return caller === 'admin';
  }
}

let t: TestApp;
const people = new Map<Caller, string>();
let routes: string[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  const setup = await setupThroughApi(t);
  people.set('admin', setup.userId);
  const db = t.app.database.db;
  for (const role of ['guest', 'employee', 'moderator'] as const) {
    people.set(role, (await insertUser(db, { role })).id);
  }
  people.set('deactivated', (await insertUser(db, { role: 'admin', status: 'deactivated' })).id);
  const doc = (await t.app.inject('/api/v1/openapi.json')).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  routes = Object.entries(doc.paths)
    .flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    )
    .filter((route) => route.includes(' /api/v1/'));
});
afterAll(async () => {
  await t.close();
});

describe('who may call which route', () => {
  it('the oracle names exactly the routes the app serves', () => {
    expect([...routes].sort()).toEqual(Object.keys(oracle).sort());
  });

  const cases = Object.entries(oracle).flatMap(([route, access]) =>
    callers.map((caller) => ({ route, access, caller })),
  );
  it.each(cases)('$route as $caller ($access)', async ({ route, access, caller }) => {
    const [method, path] = route.split(' ') as [string, string];
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(samplePathParams[name] ?? 'x'),
    );
    // A session of its own per case: the sign-out route ends the session that calls it.
    const userId = people.get(caller);
    const session = userId ? await openSession(t.app.database.db, userId) : null;
    const res = await t.app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(session?.headers ?? {}),
        ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
      },
      ...(method === 'GET' ? {} : { payload: '{}' }),
    });
    expect(res.statusCode, res.body).toBeLessThan(500);
    if (admits(access, caller)) {
      // Admitted callers may still be refused by a feature's per-object policy (a guest opening
      // someone else's profile), or get 400/404 for the empty body and unknown id.
      expect(res.statusCode, res.body).not.toBe(401);
    } else {
      const expected = caller === 'anonymous' || caller === 'deactivated' ? 401 : 403;
      expect(res.statusCode, res.body).toBe(expected);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});
