import ical, { ICalCalendarMethod } from 'ical-generator';

/**
 * The `.ics` file of an event (RFC 5545) through `ical-generator`, which escapes `\ ; ,` and line
 * breaks in text values and folds lines at 75 octets without splitting a character. Control
 * characters other than tab and line breaks are not allowed in iCalendar text, so they are
 * removed first (stored titles have none, bodies may carry a tab).
 */

export interface CalendarEvent {
  postId: string;
  title: string;
  startsAt: string;
  endsAt: string | null;
  location: string | null;
  onlineUrl: string | null;
  description: string;
  /** Where the post is read in Atrium, when the public address is configured. */
  postUrl: string | null;
  /** The domain in the event's UID (the public host, or `atrium`). */
  uidDomain: string;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const controls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const text = (value: string) => value.replace(controls, '');

export function buildEventCalendar(event: CalendarEvent): string {
  const calendar = ical({
    prodId: { company: 'Atrium', product: 'Atrium', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
  });
  const description = [event.description.trim(), event.onlineUrl, event.postUrl]
    .filter((part): part is string => Boolean(part))
    .join('\n\n');
  calendar.createEvent({
    id: `${event.postId}@${event.uidDomain}`,
    start: new Date(event.startsAt),
    end: event.endsAt ? new Date(event.endsAt) : null,
    summary: text(event.title),
    location: event.location ? text(event.location) : event.onlineUrl,
    description: description ? text(description) : null,
    url: event.onlineUrl ?? event.postUrl,
  });
  // RFC 5545 ends every content line with CRLF, the last one included.
  const ics = calendar.toString();
  return ics.endsWith('\r\n') ? ics : `${ics}\r\n`;
}
