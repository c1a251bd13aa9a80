const pad = (n: number) => String(n).padStart(2, '0');

/**
 * An instant as the value of an `<input type="datetime-local">` in the browser's time zone
 * (`2026-03-12T18:00`), minutes precision.
 */
export function toLocalInput(instant: Date | string): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The ISO instant (UTC) of a `datetime-local` value read in the browser's time zone; null when invalid. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
