import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageErrorCode } from '../../src/server/platform/http/problem.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('operations endpoints', () => {
  it('reports liveness and readiness', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok' });
  });

  it('reports readiness as unavailable when the database is gone', async () => {
    const other = await buildTestApp();
    await other.database.handle.close();
    const ready = await other.app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    await other.app.close();
    await other.database.drop().catch(() => {});
  });

  it('exposes Prometheus metrics', async () => {
    const res = await t.app.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('process_cpu_user_seconds_total');
  });

  it('answers unknown API paths with localised problem details', async () => {
    const en = await t.app.inject({ url: '/api/v1/nothing-here', headers: { 'accept-language': 'en' } });
    expect(en.statusCode).toBe(404);
    expect(en.headers['content-type']).toContain('application/problem+json');
    expect(en.json()).toMatchObject({ status: 404, code: 'NOT_FOUND', title: 'NOT_FOUND' });
    const ru = await t.app.inject({
      url: '/api/v1/nothing-here',
      headers: { 'accept-language': 'ru-RU,ru;q=0.9' },
    });
    expect(ru.json().detail).toBe('По этому адресу ничего нет.');
  });

  it('serves the OpenAPI 3.1 document', async () => {
    const res = await t.app.inject('/api/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    expect(res.json().openapi).toBe('3.1.0');
  });

  it('sets security headers', async () => {
    const res = await t.app.inject('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("object-src 'none'");
  });
});

describe('storage errors are not blamed on the code', () => {
  it('a unique constraint lost to a concurrent writer maps to 409 CONFLICT, on this engine', async () => {
    const row = { key: 'race', value: '1', updated_at: new Date().toISOString() };
    await t.app.database.db.insertInto('settings').values(row).execute();
    const error = await t.app.database.db
      .insertInto('settings')
      .values(row)
      .execute()
      .catch((e: unknown) => e);
    expect(storageErrorCode(error)).toBe('CONFLICT');
    expect(storageErrorCode(new Error('anything else'))).toBeNull();
  });
});
