/**
 * `calendar.ics` (RFC 5545): the next-meeting dates that published meetings announce,
 * as all-day events a reader can subscribe to. Past dates stay in: the build never reads
 * the clock, so the same content always gives the same bytes (every DTSTAMP is the date
 * of the meeting that announced the event).
 */
import ical, {ICalCalendarMethod} from 'ical-generator';
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
  const calendar = ical({
    name: settings.title,
    prodId: {company: 'opsg', product: 'opsg', language: 'EN'},
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const event of calendarEvents(meetings)) {
    const what = event.kind === 'regular' ? 'meeting' : 'reporting meeting';
    calendar.createEvent({
      id: `${event.groupSlug}-${event.kind}-${event.date}@${domain}`,
      // Strings, not Date objects: the library formats them in UTC, so no time zone shifts a day.
      start: event.date,
      allDay: true,
      stamp: `${event.from.date}T00:00:00Z`,
      summary: `${event.groupName} (${event.group}) ${what}`,
      description: `Date given in the headlines of ${event.group} meeting ${event.from.number} on ${formatDate(event.from.date)}.`,
      url: settings.url ? fullUrl(settings.url, settings.base, event.from.path) : null,
    });
  }
  return calendar.toString();
}
