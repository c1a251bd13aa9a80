import { describe, expect, it } from 'vitest';
import { streamOfPost, streams } from './streams.js';

describe('the stream of a post', () => {
  it.each([
    [{ id: 'p1', space_type: 'group', group_id: 'g1', has_audience: 0 }, streams.group('g1')],
    [{ id: 'p2', space_type: 'company', group_id: null, has_audience: 0 }, streams.company],
    [{ id: 'p3', space_type: 'profile', group_id: null, has_audience: 0 }, streams.company],
    // A post for chosen departments must not be announced to the whole company.
    [{ id: 'p4', space_type: 'company', group_id: null, has_audience: 1 }, 'post:p4'],
  ] as const)('%o → %s', (post, stream) => {
    expect(streamOfPost(post)).toBe(stream);
  });
});
