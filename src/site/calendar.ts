/**
 * `calendar.ics` (RFC 5545): the next-meeting dates that published meetings announce,
 * as all-day events a reader can subscribe to. Past dates stay in: the build never reads
 * the clock, so the same content always gives the same bytes (every DTSTAMP is the date
 * of the meeting that announced the event).
 */
import type {Settings} from '../config.js';
import {formatDate} from '../dates.js';
import type {MeetingView} from '../view.js';
import {fullUrl} from './urls.js';

/** The site path of the calendar. */
export const calendarPath = 'calendar.ics';

/** One announced meeting date. */
export interface CalendarEvent {
  /** Group code. */
  group: string;
  /** Group's full name. */
  groupName: string;
  /** Group's URL segment. */
  groupSlug: string;
  /** Which next meeting the date is for. */
  kind: 'regular' | 'reporting';
  /** The announced date, `YYYY-MM-DD`. */
  date: string;
  /** The meeting that announced it (the latest one, when several did). */
  from: MeetingView;
}

/**
 * The announced dates, one per group, kind and date, in date order. Drafts never reach
 * the calendar, even when the site shows them.
 */
export function calendarEvents(meetings: readonly MeetingView[]): CalendarEvent[] {
  const events = new Map<string, CalendarEvent>();
  for (const meeting of meetings) {
    if (meeting.draft) continue;
    for (const kind of ['regular', 'reporting'] as const) {
      const date = meeting.nextDates?.[kind];
      if (date === undefined) continue;
      const key = `${meeting.group}\u0000${kind}\u0000${date}`;
      const known = events.get(key);
      // Two meetings may announce the same date: the later one speaks last.
      if (known && (known.from.date > meeting.date || (known.from.date === meeting.date && known.from.number > meeting.number))) continue;
      events.set(key, {group: meeting.group, groupName: meeting.groupName, groupSlug: meeting.groupSlug, kind, date, from: meeting});
    }
  }
  return [...events.values()].sort((a, b) =>
    a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.group !== b.group ? (a.group < b.group ? -1 : 1) : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0);
}

/** Render `calendar.ics` for the published meetings. */
export function renderCalendar(meetings: readonly MeetingView[], settings: Settings): string {
  // A UID must be globally unique and stable: the site's host when known, else opsg's own name.
  const domain = settings.url ? new URL(settings.url).hostname : 'opsg.invalid';
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//opsg//opsg//EN', 'METHOD:PUBLISH'];
  // The calendar's name as most clients read it (X-WR-CALNAME) and as RFC 7986 names it.
  if (settings.title) lines.push(`NAME:${settings.title}`, `X-WR-CALNAME:${settings.title}`);
  for (const event of calendarEvents(meetings)) {
    const what = event.kind === 'regular' ? 'meeting' : 'reporting meeting';
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.groupSlug}-${event.kind}-${event.date}@${domain}`,
      'SEQUENCE:0',
      // The date of the meeting that announced it, never the clock: the same content, the same bytes.
      `DTSTAMP:${event.from.date.replaceAll('-', '')}T000000Z`,
      `DTSTART;VALUE=DATE:${event.date.replaceAll('-', '')}`,
      'X-MICROSOFT-CDO-ALLDAYEVENT:TRUE',
      'X-MICROSOFT-MSNCALENDAR-ALLDAYEVENT:TRUE',
      `SUMMARY:${text(`${event.groupName} (${event.group}) ${what}`)}`,
      `DESCRIPTION:${text(`Date given in the headlines of ${event.group} meeting ${event.from.number} on ${formatDate(event.from.date)}.`)}`,
      ...(settings.url ? [`URL;VALUE=URI:${text(fullUrl(settings.url, settings.base, event.from.path))}`] : []),
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  // Folded line by line, as written: a raw line break in the site's title (which is not
  // escaped, as ical-generator wrote it) starts a line of its own.
  return lines.join('\r\n').split('\r\n').map(fold).join('\r\n');
}

/** A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, a line break as `\n`. */
export function text(value: string): string {
  return value.replace(/[\\;,]/g, (char) => '\\' + char).replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * A content line folded (RFC 5545 §3.1): no line longer than 75 octets, a continuation line
 * starting with a space. A character is never split, nor a surrogate pair.
 */
export function fold(line: string): string {
  let folded = '';
  let from = 0;
  let octets = 0;
  for (let at = 0; at < line.length; at++) {
    const code = line.charCodeAt(at);
    const start = at;
    if (code >= 0xd800 && code <= 0xdbff && at + 1 < line.length) at++;
    const size = code < 0x80 ? 1 : Buffer.byteLength(line.slice(start, at + 1), 'utf8');
    octets += size;
    if (octets > 74) {
      folded += line.slice(from, start) + '\r\n ';
      from = start;
      octets = size;
    }
  }
  return folded + line.slice(from);
}
