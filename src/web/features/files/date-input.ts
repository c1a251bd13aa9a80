const pad = (n: number) => String(n).padStart(2, '0');
const day = 24 * 60 * 60 * 1000;

/** The value of an `<input type="date">` for the day `days` from now, in the browser's time zone. */
export function dateInputFromNow(days: number, now = new Date()): string {
  const d = new Date(now.getTime() + days * day);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * The ISO instant at which a day picked in an `<input type="date">` ends (23:59 local time),
 * never later than `maxDays` from now: "until 12 March" includes the 12th, and the last day
 * offered still fits the server's limit. Null when the value is not a date.
 */
export function endOfPickedDay(value: string, maxDays: number, now = new Date()): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const end = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 0, 0);
  if (Number.isNaN(end.getTime())) return null;
  const latest = now.getTime() + maxDays * day - 60_000;
  return new Date(Math.min(end.getTime(), latest)).toISOString();
}
