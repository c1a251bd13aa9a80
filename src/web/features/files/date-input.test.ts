import { describe, expect, test } from 'vitest';
import { dateInputFromNow, endOfPickedDay } from './date-input.js';

describe('date inputs', () => {
  const now = new Date(2026, 2, 10, 15, 30);

  test('a day from now is written as the input writes it', () => {
    expect(dateInputFromNow(0, now)).toBe('2026-03-10');
    expect(dateInputFromNow(7, now)).toBe('2026-03-17');
    expect(dateInputFromNow(90, now)).toBe('2026-06-08');
  });

  test('a picked day ends at 23:59 local time', () => {
    expect(endOfPickedDay('2026-03-17', 90, now)).toBe(new Date(2026, 2, 17, 23, 59).toISOString());
  });

  test('the last day offered is cut to the limit', () => {
    const latest = new Date(now.getTime() + 90 * 24 * 60 * 60 * 1000 - 60_000).toISOString();
    expect(endOfPickedDay(dateInputFromNow(90, now), 90, now)).toBe(latest);
  });

  test('anything else is no date', () => {
    expect(endOfPickedDay('', 90, now)).toBeNull();
    expect(endOfPickedDay('17.03.2026', 90, now)).toBeNull();
  });
});
