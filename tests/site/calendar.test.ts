/**
 * `calendar.ics`: the next-meeting dates of published meetings, read back with an
 * iCalendar parser (ical.js). Past dates stay in, drafts never get in, the clock and the
 * time zone change nothing, and every group page links to it.
 */
import fs from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import {afterAll, afterEach, describe, expect, test, vi} from 'vitest';
import {makeSite, meeting} from '../helpers.js';
import {buildSite, decode, linksOf} from './site-helpers.js';

const dirs: string[] = [];
const site = (files: Record<string, string>) => {
  const dir = makeSite(files);
  dirs.push(dir);
  return dir;
};
const read = (dist: string, file: string) => fs.readFileSync(path.join(dist, file), 'utf8');

afterEach(() => {
  vi.useRealTimers();
  delete process.env.TZ;
});

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, {recursive: true, force: true});
});

/** One event as a calendar application reads it. */
interface ReadEvent {
  uid: string;
  date: string;
  allDay: boolean;
  stamp: string;
  summary: string;
  description: string;
  url: string | null;
}

/** Parse `calendar.ics` with ical.js. */
function parse(text: string): {name: unknown; events: ReadEvent[]} {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const start = component.getFirstPropertyValue('dtstart') as ICAL.Time;
    const stamp = component.getFirstPropertyValue('dtstamp') as ICAL.Time;
    return {
      uid: String(component.getFirstPropertyValue('uid')),
      date: start.toString(),
      allDay: start.isDate,
      stamp: stamp.toString(),
      summary: String(component.getFirstPropertyValue('summary')),
      description: String(component.getFirstPropertyValue('description')),
      url: (component.getFirstPropertyValue('url') as string | null) ?? null,
    };
  });
  return {name: calendar.getFirstPropertyValue('x-wr-calname'), events};
}

const files = {
  'opsg.config.json': JSON.stringify({title: 'Test headlines'}),
  // Front matter dates; 28 announces the reporting meeting again.
  'content/opsg-27.md': meeting({extra: 'next_meeting: 2020-01-07\nnext_reporting_meeting: 2020-01-27'}),
  'content/opsg-28.md': meeting({meeting: 28, date: '2020-01-07', extra: 'next_meeting: 2020-02-04\nnext_reporting_meeting: 2020-01-27'}),
  // A date written only in the closing line.
  'content/ssc-1.md': meeting({group: 'SSC', meeting: 1, date: '2020-01-15', items: '1. Minutes (SSC Chair): Agreed.\n\nNext Regular Meeting Date: 12 February 2020'}),
  // A draft's dates stay out, even when drafts are built.
  'content/opsg-29.md': meeting({meeting: 29, date: '2020-02-04', status: 'draft', extra: 'next_meeting: 2020-03-03'}),
};

describe('calendar.ics', () => {
  test('lists every announced date of the published meetings, past ones included, as all-day events', async () => {
    const {dist} = await buildSite(site(files));
    const calendar = parse(read(dist, 'calendar.ics'));
    expect(calendar.name).toBe('Test headlines');
    expect(calendar.events.map((event) => [event.date, event.summary])).toEqual([
      ['2020-01-07', 'Operations Group (OPSG) meeting'],
      ['2020-01-27', 'Operations Group (OPSG) reporting meeting'],
      ['2020-02-04', 'Operations Group (OPSG) meeting'],
      ['2020-02-12', 'Security Sub-Committee (SSC) meeting'],
    ]);
    expect(calendar.events.every((event) => event.allDay)).toBe(true);
    // The date two meetings gave is one event, from the later one.
    const reporting = calendar.events[1]!;
    expect(reporting.description).toBe('Date given in the headlines of OPSG meeting 28 on 7 January 2020.');
    expect(reporting.stamp).toBe('2020-01-07T00:00:00Z');
    expect(new Set(calendar.events.map((event) => event.uid)).size).toBe(4);
    expect(calendar.events[0]!.uid).toBe('opsg-regular-2020-01-07@opsg.invalid');
    expect(calendar.events[0]!.url).toBeNull();
  });

  test('never carries a draft’s dates, even when drafts are built', async () => {
    const dir = site(files);
    const without = await buildSite(dir, {}, 'dist-a');
    const withDrafts = await buildSite(dir, {drafts: true}, 'dist-b');
    expect(fs.existsSync(path.join(withDrafts.dist, 'opsg/29/index.html'))).toBe(true);
    expect(read(withDrafts.dist, 'calendar.ics')).toBe(read(without.dist, 'calendar.ics'));
    expect(parse(read(withDrafts.dist, 'calendar.ics')).events.map((event) => event.date)).not.toContain('2020-03-03');
  });

  test('is the same bytes whatever the clock and the time zone say', async () => {
    const dir = site(files);
    vi.useFakeTimers({toFake: ['Date']});
    vi.setSystemTime(new Date('2031-05-06T23:30:00Z'));
    process.env.TZ = 'Pacific/Kiritimati';
    const first = await buildSite(dir, {cache: false}, 'dist-a');
    vi.setSystemTime(new Date('1999-01-02T03:04:05Z'));
    process.env.TZ = 'America/Los_Angeles';
    const second = await buildSite(dir, {cache: false}, 'dist-b');
    expect(read(second.dist, 'calendar.ics')).toBe(read(first.dist, 'calendar.ics'));
    expect(parse(read(first.dist, 'calendar.ics')).events[0]!.date).toBe('2020-01-07');
  });

  test('names the site’s host in every UID and links each event to the meeting that gave it', async () => {
    const {dist} = await buildSite(site({...files, 'opsg.config.json': JSON.stringify({url: 'https://example.org', base: '/headlines/'})}));
    const events = parse(read(dist, 'calendar.ics')).events;
    expect(events.map((event) => event.uid)).toEqual([
      'opsg-regular-2020-01-07@example.org',
      'opsg-reporting-2020-01-27@example.org',
      'opsg-regular-2020-02-04@example.org',
      'ssc-regular-2020-02-12@example.org',
    ]);
    expect(events.map((event) => event.url)).toEqual([
      'https://example.org/headlines/opsg/27/',
      'https://example.org/headlines/opsg/28/',
      'https://example.org/headlines/opsg/28/',
      'https://example.org/headlines/ssc/1/',
    ]);
  });

  test('is an empty calendar when no meeting gives a date', async () => {
    const {dist} = await buildSite(site({'content/opsg-27.md': meeting()}));
    expect(parse(read(dist, 'calendar.ics')).events).toEqual([]);
  });

  test('is linked from every group page', async () => {
    const {dist} = await buildSite(site(files));
    for (const page of ['opsg/index.html', 'ssc/index.html']) {
      const links = linksOf(read(dist, page)).map(decode).filter((href) => href.endsWith('calendar.ics'));
      expect(links, page).toHaveLength(1);
      expect(fs.existsSync(path.resolve(path.dirname(path.join(dist, page)), links[0]!)), page).toBe(true);
    }
  });
});
