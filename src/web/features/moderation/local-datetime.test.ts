import { describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput } from './local-datetime.js';

describe('datetime-local values', () => {
  it('round-trips an instant to minute precision', () => {
    const instant = new Date('2026-03-12T15:45:30.000Z');
    const back = fromLocalInput(toLocalInput(instant));
    expect(back).toBe('2026-03-12T15:45:00.000Z');
  });

  it('reads an ISO string as well as a Date', () => {
    expect(toLocalInput('2026-01-02T03:04:00.000Z')).toBe(toLocalInput(new Date('2026-01-02T03:04:00.000Z')));
  });

  it.each(['', '2026-03-12', 'tomorrow', '2026-13-40T25:99'])('refuses %j', (value) => {
    expect(fromLocalInput(value)).toBeNull();
  });
});
