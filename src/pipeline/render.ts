/**
 * Stage 6, render: view models → every output file of the site, as a map from site path
 * to content. Order and content depend only on the input, never on time or locale.
 *
 * `plan` does the site-wide work once (order, neighbours, the site view, asset names) and
 * lists every path; each file is then rendered on its own by `plan.file(path)`. A build
 * renders them all; the preview server renders only the pages a browser asks for.
 */
import {createHash} from 'node:crypto';
import {unified} from 'unified';
import rehypeStringify from 'rehype-stringify';
import type {Root} from 'hast';
import type {Settings} from '../config.js';
import {isoFromDate} from '../dates.js';
import {renderFeed} from '../site/feed.js';
import {renderMeetingsJson} from '../site/meetings-json.js';
import {renderSitemap} from '../site/sitemap.js';
import {absolutePath, relativeUrl} from '../site/urls.js';
import {h, type LayoutPage, type TemplateContext, type Templates} from '../templates.js';
import type {GroupView, MeetingLink, MeetingView, SiteView} from '../view.js';

// Meeting content arrives as sanitised HTML in `raw` nodes (see transform.ts); nothing else makes raw nodes.
const serializer = unified().use(rehypeStringify, {allowDangerousHtml: true, upperDoctype: true}).freeze();

/** The rendered site, site path → content; `notes` are remarks for the report. */
export interface RenderedSite {
  /** Every file to write. */
  files: Map<string, string>;
  /** Remarks such as “no sitemap without a site URL”. */
  notes: string[];
}

/** The site laid out but not yet rendered: every path, and a way to render any one of them. */
export interface SitePlan {
  /** Every site path, in the order a build writes them. */
  paths: string[];
  /** Remarks such as “no sitemap without a site URL”. */
  notes: string[];
  /** The site view the templates receive. */
  site: SiteView;
  /** Meetings in site order (group, then newest first), neighbours linked. */
  meetings: MeetingView[];
  /** Render one file; undefined for a path that is not part of the site. */
  file: (sitePath: string) => string | undefined;
}

/** Render every page and machine-readable file. */
export function render(views: MeetingView[], settings: Settings, templates: Templates): RenderedSite {
  const site = plan(views, settings, templates);
  const files = new Map<string, string>();
  for (const at of site.paths) files.set(at, site.file(at)!);
  return {files, notes: site.notes};
}

/**
 * Lay the site out: order the meetings, link neighbours, build the site view and list
 * every path. Rendering a path is deferred to `file`, which is pure given the plan.
 */
export function plan(views: MeetingView[], settings: Settings, templates: Templates): SitePlan {
  const notes: string[] = [];
  const meetings = order(views);
  linkNeighbours(meetings);
  const site = siteView(meetings, settings);
  const assets = {style: asset('style', templates.style), print: asset('print', templates.print_css)};
  const ctx = (page: string, absolute = false): TemplateContext => ({
    h,
    url: absolute ? (target) => absolutePath(settings.base, target) : (target) => relativeUrl(page, target),
    site,
    assets,
  });
  const html = (tree: Root) => serializer.stringify(tree) + '\n';
  const page = (at: string, made: LayoutPage, absolute = false) => html(templates.layout(made, ctx(at, absolute)));
  const published = meetings.filter((meeting) => !meeting.draft);
  let newestCache: MeetingView[] | undefined;
  const newest = () =>
    (newestCache ??= [...meetings].sort((a, b) => (a.date === b.date ? (a.path < b.path ? -1 : 1) : a.date < b.date ? 1 : -1)));

  // Each renderer is keyed by its path; the insertion order is the order a build writes.
  const renderers = new Map<string, () => string>();
  renderers.set(assets.style, () => templates.style);
  renderers.set(assets.print, () => templates.print_css);
  renderers.set('index.html', () => page('index.html', templates.index(site, ctx('index.html'))));
  for (const group of site.groups) {
    const at = `${group.slug}/index.html`;
    renderers.set(at, () => page(at, templates.group(group, ctx(at))));
  }
  for (const meeting of meetings) {
    const at = `${meeting.path}index.html`;
    renderers.set(at, () => page(at, templates.meeting(meeting, ctx(at))));
    const printAt = `${meeting.path}print.html`;
    renderers.set(printAt, () => html(templates.print({title: meeting.title, meetings: [meeting]}, ctx(printAt))));
  }
  renderers.set('print.html', () => html(templates.print({title: `${settings.title}: all meetings`, meetings: newest()}, ctx('print.html'))));
  if (settings.printPerGroup) {
    for (const group of site.groups) {
      const at = `${group.slug}/print.html`;
      renderers.set(at, () => html(templates.print({title: `${group.name} (${group.group}): all meetings`, meetings: newest().filter((m) => m.groupSlug === group.slug)}, ctx(at))));
    }
  }
  renderers.set('404.html', () => page('404.html', templates.notFound(site, ctx('404.html', true)), true));
  renderers.set('feed.xml', () => renderFeed(published, settings, sourceDateStamp()));
  renderers.set('meetings.json', () => renderMeetingsJson(published, settings));
  if (settings.url) {
    const siteUrl = settings.url;
    const paths = ['', ...site.groups.map((group) => group.slug + '/'), ...published.map((meeting) => meeting.path)];
    renderers.set('sitemap.xml', () => renderSitemap(siteUrl, settings.base, paths, published));
  } else {
    notes.push('No sitemap.xml: set `url` in opsg.config.json to the site’s public address to get one');
  }
  return {paths: [...renderers.keys()], notes, site, meetings, file: (at) => renderers.get(at)?.()};
}

/** Group code, then newest first (date, then number). */
function order(views: MeetingView[]): MeetingView[] {
  return [...views].sort((a, b) =>
    a.group !== b.group ? (a.group < b.group ? -1 : 1) : a.date !== b.date ? (a.date < b.date ? 1 : -1) : b.number - a.number);
}

/** Previous and next meeting of the same group, by meeting number. */
function linkNeighbours(meetings: MeetingView[]): void {
  const byGroup = new Map<string, MeetingView[]>();
  for (const meeting of meetings) {
    const list = byGroup.get(meeting.group);
    if (list) list.push(meeting);
    else byGroup.set(meeting.group, [meeting]);
  }
  for (const list of byGroup.values()) {
    list.sort((a, b) => a.number - b.number);
    list.forEach((meeting, index) => {
      meeting.previous = link(list[index - 1]);
      meeting.following = link(list[index + 1]);
    });
  }
}

function link(meeting: MeetingView | undefined): MeetingLink | undefined {
  return meeting && {path: meeting.path, number: meeting.number, dateText: meeting.dateText, title: meeting.title};
}

/** The site view: groups in code order, meetings by year, newest first. */
function siteView(meetings: MeetingView[], settings: Settings): SiteView {
  const groups: GroupView[] = [];
  for (const meeting of meetings) {
    let group = groups.at(-1);
    if (group?.group !== meeting.group) {
      group = {group: meeting.group, name: meeting.groupName, slug: meeting.groupSlug, years: []};
      groups.push(group);
    }
    let year = group.years.at(-1);
    if (year?.year !== meeting.year) {
      year = {year: meeting.year, meetings: []};
      group.years.push(year);
    }
    year.meetings.push(meeting);
  }
  return {title: settings.title, label: settings.label, groups, drafts: settings.drafts};
}

/** `assets/<name>.<hash>.css`: the name changes when the content does. */
function asset(name: string, content: string): string {
  return `assets/${name}.${createHash('sha256').update(content).digest('hex').slice(0, 10)}.css`;
}

/** The feed's date when there is no meeting: `SOURCE_DATE_EPOCH`, else the epoch. */
function sourceDateStamp(): string {
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  const date = Number.isFinite(epoch) && epoch >= 0 ? new Date(epoch * 1000) : new Date(0);
  return `${isoFromDate(date)}T00:00:00Z`;
}
