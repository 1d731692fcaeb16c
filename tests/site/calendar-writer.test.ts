/**
 * `calendar.ics` is written by opsg's own few lines, not a library: a calendar of every
 * announced date took 0.4 s to fold through the library at 1,000 meetings, and a build
 * writes it again whenever any meeting changes. What it writes must be what that library
 * (ical-generator, kept to check against) writes for the same events, byte for byte:
 * escaping, dates, and lines folded at 75 octets without splitting a character.
 */
import ical, {ICalCalendarMethod} from 'ical-generator';
import {describe, expect, test} from 'vitest';
import type {Settings} from '../../src/config.js';
import {formatDate} from '../../src/dates.js';
import {calendarEvents, fold, renderCalendar} from '../../src/site/calendar.js';
import {fullUrl} from '../../src/site/urls.js';
import type {MeetingView} from '../../src/view.js';

/** How the calendar was written with ical-generator. */
function reference(meetings: readonly MeetingView[], settings: Settings): string {
  const domain = settings.url ? new URL(settings.url).hostname : 'opsg.invalid';
  const calendar = ical({name: settings.title, prodId: {company: 'opsg', product: 'opsg', language: 'EN'}, method: ICalCalendarMethod.PUBLISH});
  for (const event of calendarEvents(meetings)) {
    const what = event.kind === 'regular' ? 'meeting' : 'reporting meeting';
    calendar.createEvent({
      id: `${event.groupSlug}-${event.kind}-${event.date}@${domain}`,
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

/** A small deterministic generator, so that a failure can be run again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

// What a name may hold: the characters RFC 5545 escapes, line breaks, and characters of
// two, three and four octets (and a lone surrogate) to fold around.
const alphabet = ['a', 'B', ' ', ',', ';', '\\', ':', '"', '\n', '\r\n', 'é', '€', '中', '😀', '\ud83d', '\ude00', 'x'.repeat(20)];

function text(next: () => number, longest: number): string {
  let made = '';
  const length = Math.floor(next() * longest);
  for (let at = 0; at < length; at++) made += alphabet[Math.floor(next() * alphabet.length)];
  return made;
}

function date(next: () => number): string {
  const day = new Date(Date.UTC(1990 + Math.floor(next() * 40), 0, 1) + Math.floor(next() * 365) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

function site(seed: number): {meetings: MeetingView[]; settings: Settings} {
  const next = random(seed);
  const groups = Array.from({length: 1 + Math.floor(next() * 3)}, (_, at) => ({group: `G${at}${text(next, 3)}`, groupName: text(next, 40), groupSlug: `g${at}`}));
  const meetings = Array.from({length: Math.floor(next() * 12)}, (_, at) => {
    const group = groups[Math.floor(next() * groups.length)]!;
    const nextDates: Record<string, string> = {};
    if (next() < 0.8) nextDates.regular = date(next);
    if (next() < 0.3) nextDates.reporting = date(next);
    return {...group, number: at + 1, date: date(next), path: `${group.groupSlug}/${at + 1}/`, draft: next() < 0.1, nextDates} as unknown as MeetingView;
  });
  const url = next() < 0.7 ? `https://example.org${next() < 0.5 ? '/a,b;c' : ''}/` : '';
  const settings = {title: next() < 0.9 ? text(next, 60) : '', url, base: next() < 0.5 ? '/' : '/sub/'} as unknown as Settings;
  return {meetings, settings};
}

describe('calendar.ics', () => {
  test('is written as ical-generator writes it, for 600 generated sites', () => {
    for (let seed = 1; seed <= 600; seed++) {
      const {meetings, settings} = site(seed);
      expect(renderCalendar(meetings, settings), `seed ${seed}`).toBe(reference(meetings, settings));
    }
  });

  test('folds after 75 octets, never inside a character', () => {
    expect(fold('x'.repeat(74))).toBe('x'.repeat(74));
    expect(fold('x'.repeat(75))).toBe(`${'x'.repeat(74)}\r\n x`);
    // 73 octets, then a character of four: it moves whole to the next line.
    expect(fold(`${'x'.repeat(73)}😀y`)).toBe(`${'x'.repeat(73)}\r\n 😀y`);
    expect(fold(`${'x'.repeat(72)}éé`)).toBe(`${'x'.repeat(72)}é\r\n é`);
  });
});
