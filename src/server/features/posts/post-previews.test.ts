import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, type Person, signedIn } from '../../../../tests/support/people.js';
import { buildTestApp, type TestApp } from '../../../../tests/support/test-app.js';
import { fetchLinkPreview } from '../../platform/net/link-preview.js';
import { createSafeFetch } from '../../platform/net/safe-fetch.js';
import { linkPreviewSource, settleLinkPreviews } from './post-previews.service.js';

/**
 * Link previews are fetched after the post commits, through the SSRF-guarded client, without
 * holding up the response. The page server here stands for the remote site; the production
 * client refuses loopback, so the tests that need a preview use a client whose policy admits it.
 */

let t: TestApp;
let author: Person;
let server: Server;
let base: string;
let hits: string[] = [];
let gate: Promise<void> = Promise.resolve();

const productionSource = linkPreviewSource.fetch;
const localFetch = createSafeFetch({ isAllowedPort: () => true, isAllowedAddress: (a) => a === '127.0.0.1' });

beforeAll(async () => {
  t = await buildTestApp();
  author = await signedIn(t, 'employee');
  server = createServer(async (request, response) => {
    hits.push(request.url ?? '');
    await gate;
    const title = request.url === '/second' ? 'Second page' : 'Quarterly results &amp; more';
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      `<html><head><title>${title}</title><meta property="og:description" content="<b>Numbers</b>">` +
        '<meta property="og:site_name" content="Intranet"></head></html>',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => {
  linkPreviewSource.fetch = productionSource;
  hits = [];
});
afterAll(async () => {
  await settleLinkPreviews();
  await t.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function streamTypes(postId: string): Promise<string[]> {
  const rows = await t.database.handle.db
    .selectFrom('stream_events')
    .select(['type', 'data'])
    .where('stream', '=', 'company')
    .orderBy('seq')
    .execute();
  return rows.filter((r) => JSON.parse(r.data).postId === postId).map((r) => r.type);
}

describe('link previews', () => {
  it('are fetched after the response, stored, and announced with post.updated', async () => {
    linkPreviewSource.fetch = (url) => fetchLinkPreview(url, localFetch);
    let open: () => void = () => {};
    gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const res = await call(t, author, {
      method: 'POST',
      url: '/api/v1/posts',
      payload: { space: { type: 'company' }, body: `Read [the report](${base}/first) and ${base}/second` },
    });
    // The page has not answered yet, and the post is already published.
    expect(res.statusCode).toBe(201);
    expect(res.json().preview).toBeNull();
    open();
    await settleLinkPreviews();
    expect(hits).toEqual(['/first']);
    const post = (await call(t, author, { url: `/api/v1/posts/${res.json().id}` })).json();
    expect(post.preview).toEqual({
      url: `${base}/first`,
      title: 'Quarterly results & more',
      description: '<b>Numbers</b>',
      siteName: 'Intranet',
    });
    expect(await streamTypes(post.id)).toEqual(['post.created', 'post.updated']);

    const edited = await call(t, author, {
      method: 'PATCH',
      url: `/api/v1/posts/${post.id}`,
      payload: { body: `Now see ${base}/second` },
    });
    expect(edited.json().preview).toBeNull();
    await settleLinkPreviews();
    const after = (await call(t, author, { url: `/api/v1/posts/${post.id}` })).json();
    expect(after.preview).toMatchObject({ url: `${base}/second`, title: 'Second page' });
    const unlinked = await call(t, author, {
      method: 'PATCH',
      url: `/api/v1/posts/${post.id}`,
      payload: { body: 'No links any more' },
    });
    expect(unlinked.json().preview).toBeNull();
  });

  it('never reach a loopback address through the production client', async () => {
    gate = Promise.resolve();
    const res = await call(t, author, {
      method: 'POST',
      url: '/api/v1/posts',
      payload: {
        space: { type: 'company' },
        body: `Internal: ${base}/admin and http://169.254.169.254/latest`,
      },
    });
    expect(res.statusCode).toBe(201);
    await settleLinkPreviews();
    expect(hits).toEqual([]);
    expect((await call(t, author, { url: `/api/v1/posts/${res.json().id}` })).json().preview).toBeNull();
  });
});
