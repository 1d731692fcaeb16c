/** `sitemap.xml` with absolute URLs (only when the site URL is configured). */
import {x} from 'xastscript';
import {toXml} from 'xast-util-to-xml';
import type {MeetingView} from '../view.js';
import {fullUrl} from './urls.js';

/** Render the sitemap of the given site paths; drafts are never listed. */
export function renderSitemap(siteUrl: string, base: string, paths: string[], meetings: MeetingView[]): string {
  const lastmod = new Map(meetings.map((meeting) => [meeting.path, meeting.date]));
  const tree = x(null, [
    {type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"'},
    x('urlset', {xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9'}, paths.map((path) =>
      x('url', [x('loc', fullUrl(siteUrl, base, path)), lastmod.has(path) ? x('lastmod', lastmod.get(path)) : undefined]))),
  ]);
  return toXml(tree) + '\n';
}
