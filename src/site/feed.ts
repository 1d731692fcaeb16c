/**
 * Atom feeds (RFC 4287), dates from the content only: the site's and each group's latest
 * published meetings, and each thread's latest items.
 */
import {x} from 'xastscript';
import {toXml} from 'xast-util-to-xml';
import type {Settings} from '../config.js';
import type {MeetingView} from '../view.js';
import type {Thread} from './archive.js';
import type {ThreadEntry} from './pages.js';
import {fullUrl} from './urls.js';
import {newestFirst} from './order.js';

/** What a feed is of: its title and the site path of the page it follows (the home page by default). */
export interface FeedScope {
  /** The feed's title. */
  title: string;
  /** Site path of the page it follows (`opsg/`); its feed is `<path>feed.xml`. */
  path: string;
}

/** Render `feed.xml` (or a group's); `fallbackUpdated` is used only when there are no meetings. */
export function renderFeed(meetings: MeetingView[], settings: Settings, fallbackUpdated: string, scope: FeedScope = {title: settings.title, path: ''}): string {
  const latest = meetings.filter((meeting) => !meeting.draft)
    .sort(newestFirst)
    .slice(0, settings.feedLimit);
  const link = (path: string) => (settings.url ? fullUrl(settings.url, settings.base, path) : settings.base + path);
  const id = (path: string) => (settings.url ? fullUrl(settings.url, settings.base, path) : `urn:opsg:${path.replace(/\/$/, '').replaceAll('/', ':') || 'site'}`);
  const stamp = (date: string) => `${date}T00:00:00Z`;
  const tree = x(null, [
    {type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"'},
    x('feed', {xmlns: 'http://www.w3.org/2005/Atom'}, [
      x('title', scope.title),
      x('id', id(scope.path)),
      x('updated', latest[0] ? stamp(latest[0].date) : fallbackUpdated),
      x('link', {rel: 'alternate', type: 'text/html', href: link(scope.path)}),
      settings.url ? x('link', {rel: 'self', type: 'application/atom+xml', href: link(scope.path + 'feed.xml')}) : undefined,
      x('author', [x('name', settings.title)]),
      ...latest.map((meeting) =>
        x('entry', [
          x('title', meeting.title),
          x('id', id(meeting.path)),
          x('updated', stamp(meeting.date)),
          x('published', stamp(meeting.date)),
          x('link', {rel: 'alternate', type: 'text/html', href: link(meeting.path)}),
          x('author', [x('name', meeting.groupName)]),
          x('category', {term: meeting.group, label: meeting.groupName}),
          x('summary', {type: 'text'}, meeting.items.map((item) => `${item.number}. ${item.title}`).join('\n')),
        ])),
    ]),
  ]);
  return xmlChars(toXml(tree)) + '\n';
}

/** Drop what XML 1.0 does not allow anywhere (§2.2: U+FFFE, U+FFFF, lone surrogates, most controls), which would make the feed not well-formed. */
export function xmlChars(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}

/** Render a thread's feed: its latest items (`entries`, newest first), each linking to its item. */
export function renderThreadFeed(thread: Thread, entries: ThreadEntry[], settings: Settings): string {
  const link = (path: string) => (settings.url ? fullUrl(settings.url, settings.base, path) : settings.base + path);
  const id = (path: string) => (settings.url ? fullUrl(settings.url, settings.base, path) : `urn:opsg:${path.replace(/\/$/, '').replaceAll('/', ':').replace('#', ':')}`);
  const stamp = (date: string) => `${date}T00:00:00Z`;
  const tree = x(null, [
    {type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"'},
    x('feed', {xmlns: 'http://www.w3.org/2005/Atom'}, [
      x('title', `${settings.title}: ${thread.name}`),
      x('id', id(thread.path)),
      // A thread always has an item: it exists because one mentions it.
      x('updated', stamp(entries[0]?.date ?? '1970-01-01')),
      x('link', {rel: 'alternate', type: 'text/html', href: link(thread.path)}),
      settings.url ? x('link', {rel: 'self', type: 'application/atom+xml', href: link(thread.path + 'feed.xml')}) : undefined,
      x('author', [x('name', settings.title)]),
      ...entries.map((entry) =>
        x('entry', [
          x('title', `${entry.group} ${entry.number}, item ${entry.item}: ${entry.title}`),
          x('id', id(`${entry.path}#${entry.anchor}`)),
          x('updated', stamp(entry.date)),
          x('published', stamp(entry.date)),
          x('link', {rel: 'alternate', type: 'text/html', href: link(`${entry.path}#${entry.anchor}`)}),
          x('summary', {type: 'text'}, entry.sentence),
        ])),
    ]),
  ]);
  return toXml(tree) + '\n';
}
