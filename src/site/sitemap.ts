/** `sitemap.xml` with absolute URLs (only when the site URL is configured). */
import {x} from 'xastscript';
import {toXml} from 'xast-util-to-xml';
import type {MeetingView} from '../view.js';
import {fullUrl} from './urls.js';

/**
 * Render the sitemap of the given site paths. Drafts are never listed, and neither is a
 * folder (a group page) that holds no published meeting: with `--drafts`, such a page
 * exists only to preview a draft.
 */
export function renderSitemap(siteUrl: string, base: string, paths: string[], meetings: MeetingView[]): string {
  const published = meetings.filter((meeting) => !meeting.draft);
  const lastmod = new Map(published.map((meeting) => [meeting.path, meeting.date]));
  const listed = paths.filter((path) => path === '' || lastmod.has(path) || (path.endsWith('/') && published.some((meeting) => meeting.path.startsWith(path))));
  const tree = x(null, [
    {type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"'},
    x('urlset', {xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9'}, listed.map((path) =>
      x('url', [x('loc', fullUrl(siteUrl, base, path)), lastmod.has(path) ? x('lastmod', lastmod.get(path)) : undefined]))),
  ]);
  return toXml(tree) + '\n';
}
