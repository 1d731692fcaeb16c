/** The Atom feed (RFC 4287): the latest published meetings, dates from the content only. */
import {x} from 'xastscript';
import {toXml} from 'xast-util-to-xml';
import type {Settings} from '../config.js';
import type {MeetingView} from '../view.js';
import {fullUrl} from './urls.js';
import {newestFirst} from './order.js';

/** Render `feed.xml`; `fallbackUpdated` is used only when there are no meetings. */
export function renderFeed(meetings: MeetingView[], settings: Settings, fallbackUpdated: string): string {
  const latest = meetings.filter((meeting) => !meeting.draft)
    .sort(newestFirst)
    .slice(0, settings.feedLimit);
  const link = (path: string) => (settings.url ? fullUrl(settings.url, settings.base, path) : settings.base + path);
  const id = (path: string) => (settings.url ? fullUrl(settings.url, settings.base, path) : `urn:opsg:${path.replace(/\/$/, '').replaceAll('/', ':') || 'site'}`);
  const stamp = (date: string) => `${date}T00:00:00Z`;
  const tree = x(null, [
    {type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"'},
    x('feed', {xmlns: 'http://www.w3.org/2005/Atom'}, [
      x('title', settings.title),
      x('id', id('')),
      x('updated', latest[0] ? stamp(latest[0].date) : fallbackUpdated),
      x('link', {rel: 'alternate', type: 'text/html', href: link('')}),
      settings.url ? x('link', {rel: 'self', type: 'application/atom+xml', href: link('feed.xml')}) : undefined,
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
