import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/test-app.js';

interface Operation {
  summary?: string;
  tags?: string[];
  requestBody?: unknown;
  responses?: Record<string, { content?: unknown }>;
}

/** Actions whose request is the URL alone: they take no body by design. */
const bodyless = new Set([
  'POST /api/v1/auth/logout',
  'POST /api/v1/users/{id}/deactivate',
  'POST /api/v1/users/{id}/reactivate',
  'POST /api/v1/users/{id}/follow',
  'POST /api/v1/notifications/{id}/read',
  'POST /api/v1/notifications/read-all',
  'PUT /api/v1/topics/{tag}/follow',
  // Chats (issue 5): open a group's or department's chat, add a member, react with an emoji.
  'POST /api/v1/groups/{id}/chat',
  'POST /api/v1/departments/{id}/chat',
  'POST /api/v1/chats/{id}/members/{userId}',
  'PUT /api/v1/chats/{id}/messages/{messageId}/reactions/{emoji}',
]);

let t: TestApp;
let operations: [string, Operation][] = [];
beforeAll(async () => {
  t = await buildTestApp();
  const doc = (await t.app.inject('/api/v1/openapi.json')).json() as {
    paths: Record<string, Record<string, Operation>>;
  };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as [string, Operation]),
  );
});
afterAll(async () => {
  await t.close();
});

describe('the OpenAPI document', () => {
  it('describes every API route', () => {
    expect(operations.filter(([name]) => name.includes(' /api/v1/')).length).toBeGreaterThanOrEqual(40);
  });

  it('gives every operation a summary, tags and a documented success response', () => {
    for (const [name, op] of operations) {
      expect(op.summary, name).toBeTruthy();
      expect(op.tags?.length, name).toBeGreaterThan(0);
      const success = Object.entries(op.responses ?? {}).filter(([code]) => code.startsWith('2'));
      expect(success.length, name).toBeGreaterThan(0);
      for (const [code, response] of success) {
        if (code !== '204') expect(response.content, `${name} ${code}`).toBeTruthy();
      }
    }
  });

  it('gives every operation that takes a body its request schema', () => {
    for (const [name, op] of operations) {
      const method = name.split(' ')[0]!;
      if (['POST', 'PUT', 'PATCH'].includes(method) && !bodyless.has(name)) {
        expect(op.requestBody, name).toBeTruthy();
      }
    }
  });
});
