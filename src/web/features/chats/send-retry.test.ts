import { describe, expect, it } from 'vitest';
import { maxAttempts, retryDelayMs } from './send-retry.js';

describe('sending again a message the server refused for now', () => {
  it('waits longer after each refusal, never past 10 s, with jitter', () => {
    const waits = [1, 2, 3, 4, 5].map((attempt) => retryDelayMs(503, attempt, () => 1));
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000]);
    expect(retryDelayMs(429, 5, () => 0)).toBe(4000);
    expect(retryDelayMs(503, 1, () => 0.5)).toBe(375);
  });

  it('gives up after the last attempt', () => {
    expect(retryDelayMs(503, maxAttempts, () => 1)).toBeNull();
  });

  it('never retries a refusal about the message or the person', () => {
    for (const status of [400, 403, 404, 409, 413, 500]) expect(retryDelayMs(status, 1)).toBeNull();
  });
});
