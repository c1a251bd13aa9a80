import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { fileCell, linkCell } from './files-access.cells.js';
import { dynamicCells } from './files-access.dynamic.js';
import { foreignThings, idSwapCells, subResourceCells, uncoveredRoutes } from './files-access.idor.js';
import { actions } from './files-access.oracle.js';
import { callers, fileKeys, linkKeys } from './files-access.plan.js';
import { buildFilesWorld } from './files-access.world.js';

/**
 * The authorisation matrix of document libraries (issue 4, first acceptance point): people ×
 * roles × spaces × share grants × actions, each cell against the independent oracle of
 * files-access.oracle.ts (written from the rules, not from the feature's policy); then links,
 * access that follows live memberships, and id swapping on every route with an id.
 *
 * The world (files-access.plan.ts): a platform admin and moderator, a group admin, moderator and
 * member, a guest member, the uploader, an employee in no world group (but in Partners), employees
 * of Design and of its sub-department UX, an unrelated guest, a deactivated admin with a session
 * and every membership, and an anonymous caller; the company library, an open, a closed and a
 * secret group's, and two personal libraries; folders two deep; shares on files and folders to a
 * person, a group and a department, read and edit, one to a guest; a valid, an expired and a
 * revoked link. Every cell is a test named as a sentence.
 */

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
  await buildFilesWorld(t);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const matrix = callers.flatMap((who) =>
  fileKeys.flatMap((file) => actions.map((action) => fileCell(who, file, action))),
);
const links = callers.flatMap((who) =>
  linkKeys.flatMap((link) => (['open', 'download'] as const).map((what) => linkCell(who, link, what))),
);

describe('who may do what with which file', () => {
  it.each(matrix.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    await c.run();
  });
});

describe('links', () => {
  it.each(links.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    await c.run();
  });
});

describe('access follows live memberships and departments', () => {
  it.each(dynamicCells.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    await c.run();
  });
});

describe('swapping ids gives 404, never another file', () => {
  it('covers every route of the files feature with an id in its path', async () => {
    const doc = (await t.app.inject('/api/v1/openapi.json')).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(uncoveredRoutes(doc)).toEqual([]);
  });

  it.each(idSwapCells().map((c) => [c.name, c] as const))('%s', async (_, c) => {
    await c.run();
  });

  describe("another file's comments, shares, links and versions", () => {
    beforeAll(async () => {
      await foreignThings();
    });
    it.each(subResourceCells().map((c) => [c.name, c] as const))('%s', async (_, c) => {
      await c.run();
    });
  });
});
