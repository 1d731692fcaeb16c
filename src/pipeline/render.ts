/**
 * Stage 6, render: view models → every output file of the site. Order and content depend
 * only on the input, never on time or locale.
 *
 * `plan` does the site-wide work once (order, neighbours, the site view, asset names) and
 * lists every path; each file is then rendered on its own by `plan.file(path)`. A build
 * renders each as it writes it (and none whose inputs did not change); the preview server
 * renders only the pages a browser asks for.
 */
import {createHash} from 'node:crypto';
import {unified} from 'unified';
import rehypeStringify from 'rehype-stringify';
import type {Element, ElementContent, Root} from 'hast';
import {EXIT, visit} from 'unist-util-visit';
import type {Settings} from '../config.js';
import {brandStyle, brandView} from '../branding.js';
import {isoFromDate} from '../dates.js';
import {calendarPath, renderCalendar} from '../site/calendar.js';
import {renderFeed, renderThreadFeed} from '../site/feed.js';
import {collectArchive, itemTexts, type Thread} from '../site/archive.js';
import {latestOnGroup, perThreadPage, threadEntries, threadPages, yearLinks, yearPath, type SearchPage, type TopicsPage} from '../site/pages.js';
import {referenceUrl} from '../autolink.js';
import {searchScript, type PreparedArchive} from '../search.js';
import {newestFirst} from '../site/order.js';
import {renderMeetingsJson} from '../site/meetings-json.js';
import {renderSitemap} from '../site/sitemap.js';
import {absolutePath, relativeUrl} from '../site/urls.js';
import {h, type LayoutPage, type TemplateContext, type Templates} from '../templates.js';
import type {GroupView, MeetingLink, MeetingView, SiteView} from '../view.js';

// Meeting content arrives as sanitised HTML in `raw` nodes (see transform.ts); nothing else makes raw nodes.
const serializer = unified().use(rehypeStringify, {allowDangerousHtml: true, upperDoctype: true}).freeze();

/** Where rendered parts of long pages (year lists, print months) are kept between builds (the build cache). */
export interface PartStore {
  /** A stored part, if any. */
  get(key: string): string | undefined;
  /** Store a part. */
  set(key: string, value: string): void;
}

/** What `plan` may be given besides the views. */
export interface PlanOptions {
  /** What a view is made from, for the files' keys (default: the view itself). */
  viewKey?: (view: MeetingView) => string;
  /** Where the parts of long pages (lists, combined print pages) are kept between builds. */
  store?: PartStore | undefined;
  /** A view with its content, for the pages that show it (default: the view as given). */
  full?: (view: MeetingView) => MeetingView;
  /** The threads and search index (default: threads made here from `full`, no search index). */
  archive?: PreparedArchive | undefined;
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
  /** Render one file in parts, to be written as they come (the combined print pages are large; the search index is bytes). */
  parts: (sitePath: string) => Iterable<string | Uint8Array> | undefined;
  /**
   * A digest of everything a file is made from (the templates, the settings, the site's
   * groups and the meetings it shows, by their `viewKey`): equal digests mean equal bytes,
   * so a build can keep the previous file without rendering it.
   */
  key: (sitePath: string) => string | undefined;
  /** The keys of the stored parts a file is made of, whether or not this build renders it. */
  partKeys: (sitePath: string) => string[];
}

/**
 * Lay the site out: order the meetings, link neighbours, build the site view and list
 * every path. Rendering a path is deferred to `file`, which is pure given the plan.
 */
export function plan(views: MeetingView[], settings: Settings, templates: Templates, options: PlanOptions = {}): SitePlan {
  const {viewKey = (view: MeetingView) => JSON.stringify(view), store, full = (view: MeetingView) => view} = options;
  const notes: string[] = [];
  const meetings = order(views);
  linkNeighbours(meetings);
  const site = siteView(meetings, settings);
  const style = templates.style + brandStyle(settings.brand);
  const script = settings.search ? searchScript(settings) : undefined;
  const assets = {style: asset('style', style), print: asset('print', templates.print_css), search: script === undefined ? undefined : asset('search', script, 'js')};
  const ctx = (page: string, absolute = false): TemplateContext => ({
    h,
    url: absolute ? (target) => absolutePath(settings.base, target) : (target) => relativeUrl(page, target, settings.cleanUrls),
    site,
    assets,
    partials: {meetingList: templates.meetingList},
  });
  const html = (tree: Root) => serializer.stringify(tree) + '\n';
  const page = (at: string, made: LayoutPage, absolute = false) => html(templates.layout(made, ctx(at, absolute)));
  const published = meetings.filter((meeting) => !meeting.draft);
  const archive = options.archive?.archive ?? collectArchive(itemTexts(published, full), settings.autolinks);
  const byPath = new Map(published.map((meeting) => [meeting.path, meeting]));
  // Which threads each item belongs to, for the links on meeting pages.
  const itemThreads = new Map<string, Array<{name: string; path: string}>>();
  for (const thread of archive.threads) {
    for (const mention of thread.mentions) {
      const at = mention.path + '#' + mention.anchor;
      const list = itemThreads.get(at) ?? [];
      if (!list.some((entry) => entry.path === thread.path)) list.push({name: thread.name, path: thread.path});
      itemThreads.set(at, list);
    }
  }
  const withThreads = (meeting: MeetingView): MeetingView => ({...meeting, items: meeting.items.map((item) => ({...item, threads: itemThreads.get(meeting.path + '#' + item.anchor) ?? []}))});
  let newestCache: MeetingView[] | undefined;
  const newest = () =>
    (newestCache ??= [...meetings].sort(newestFirst));

  // Each renderer is keyed by its path; the insertion order is the order a build writes.
  // `from` names the meetings a file shows ('all' for every one), for its key.
  // `salt` is what else the file shows (a thread's entries, a year's neighbours), for its key.
  type Made = string | Uint8Array | Iterable<string>;
  const renderers = new Map<string, {render: () => Made; from: MeetingView[] | 'all'; salt: string}>();
  const add = (at: string, from: MeetingView[] | 'all', render: () => Made, salt = '') => renderers.set(at, {render, from, salt});
  add(assets.style, [], () => style);
  add(assets.print, [], () => templates.print_css);
  if (assets.search !== undefined && script !== undefined) add(assets.search, [], () => script);
  const logo = settings.brand?.logo;
  if (logo) add(logo.sitePath, [], () => logo.text);
  const pieced = new Map<string, () => Piece[]>();
  // Made once per plan: a build asks for a page's pieces to write it and again for their keys.
  const addPieced = (at: string, from: MeetingView[] | 'all', make: () => Piece[], salt = '') => {
    let made: Piece[] | undefined;
    const pieces = () => (made ??= make());
    pieced.set(at, pieces);
    add(at, from, () => assemble(pieces()), salt);
  };
  // The home and group pages show each group's latest meetings and link to its years.
  const allYears = JSON.stringify(site.groups.map((group) => yearLinks(group)));
  addPieced('index.html', site.groups.flatMap((group) => group.years.flatMap((year) => year.meetings).slice(0, latestOnGroup)), () => listing('index.html', (c) => templates.index(site, c)), allYears);
  for (const group of site.groups) {
    const at = `${group.slug}/index.html`;
    const years = yearLinks(group);
    addPieced(at, group.years.flatMap((year) => year.meetings).slice(0, latestOnGroup), () => listing(at, (c) => templates.group(group, c)), JSON.stringify(years));
    for (const year of group.years) {
      const yearAt = `${yearPath(group.slug, year.year)}index.html`;
      addPieced(yearAt, year.meetings, () => listing(yearAt, (c) => templates.year({group: {...group, years: [year]}, year: year.year, years}, c)), JSON.stringify(years));
    }
    const groupPublished = published.filter((meeting) => meeting.groupSlug === group.slug);
    if (groupPublished.length > 0) {
      add(`${group.slug}/feed.xml`, groupPublished.slice(0, settings.feedLimit), () => renderFeed(groupPublished, settings, sourceDateStamp(), {title: `${settings.title}: ${group.name} (${group.group})`, path: `${group.slug}/`}));
    }
  }
  for (const thread of archive.threads) addThread(thread);
  const topics: TopicsPage = {references: [], owners: []};
  for (const thread of archive.threads) (thread.kind === 'reference' ? topics.references : topics.owners).push({name: thread.name, path: thread.path, count: thread.mentions.length});
  add('topics/index.html', [], () => page('topics/index.html', templates.topics(topics, ctx('topics/index.html'))), JSON.stringify(topics));
  if (settings.search) {
    const searchPage: SearchPage = {groups: site.groups.map((group) => ({group: group.group, name: group.name, years: yearLinks(group)}))};
    add('search/index.html', [], () => page('search/index.html', templates.search(searchPage, ctx('search/index.html'))), JSON.stringify(searchPage));
  }
  const search = options.archive?.search;
  for (const at of search?.paths ?? []) add(at, [], () => search!.read(at), options.archive!.key);
  for (const meeting of meetings) {
    const at = `${meeting.path}index.html`;
    add(at, [meeting], () => page(at, templates.meeting(withThreads(full(meeting)), ctx(at))), JSON.stringify(meeting.items.map((item) => itemThreads.get(meeting.path + '#' + item.anchor))));
    const printAt = `${meeting.path}print.html`;
    add(printAt, [meeting], () => html(templates.print({title: meeting.title, meetings: [full(meeting)], combined: false, draft: meeting.draft}, ctx(printAt))));
  }
  addPieced('print.html', 'all', () => combined('print.html', `${settings.title}: all meetings`, newest()));
  if (settings.printPerGroup) {
    for (const group of site.groups) {
      const at = `${group.slug}/print.html`;
      addPieced(at, group.years.flatMap((year) => year.meetings), () => combined(at, `${group.name} (${group.group}): all meetings`, newest().filter((m) => m.groupSlug === group.slug)));
    }
  }
  add('404.html', [], () => page('404.html', templates.notFound(site, ctx('404.html', true)), true));
  add('feed.xml', 'all', () => renderFeed(published, settings, sourceDateStamp()));
  add('meetings.json', 'all', () => renderMeetingsJson(published, settings));
  add(calendarPath, 'all', () => renderCalendar(published, settings));
  if (settings.url) {
    const siteUrl = settings.url;
    const paths = ['', ...site.groups.map((group) => group.slug + '/'), ...published.map((meeting) => meeting.path)];
    add('sitemap.xml', 'all', () => renderSitemap(siteUrl, settings.base, paths, published));
  } else {
    notes.push('No sitemap.xml: set `url` in opsg.config.json to the site’s public address to get one');
  }

  // What every file shares: templates, the settings pages show, the groups in the navigation.
  const siteKey = createHash('sha256').update(JSON.stringify([
    templates.hash, assets, settings.search, settings.title, settings.url, settings.base, settings.cleanUrls, settings.label, settings.statement, settings.drafts, settings.feedLimit, settings.pdf, site.brand ?? null,
    site.groups.map((group) => [group.group, group.name, group.slug]), process.env.SOURCE_DATE_EPOCH ?? '',
  ])).digest('hex');
  let allKey: string | undefined;
  const meetingKey = (meeting: MeetingView) => viewKey(meeting) + JSON.stringify([meeting.previous, meeting.following]);
  const key = (at: string): string | undefined => {
    const entry = renderers.get(at);
    if (!entry) return undefined;
    const hash = createHash('sha256').update(siteKey).update(at).update(entry.salt);
    if (entry.from === 'all') hash.update((allKey ??= createHash('sha256').update(meetings.map(meetingKey).join('\n')).digest('hex')));
    else for (const meeting of entry.from) hash.update(meetingKey(meeting));
    return hash.digest('hex');
  };

  /** A page of stored parts: fixed text, and parts made once and kept under their key. */
  type Piece = string | {key?: string; render: () => string};
  function* assemble(pieces: Piece[]): Generator<string> {
    for (const piece of pieces) {
      if (typeof piece === 'string') {
        yield piece;
        continue;
      }
      let part = piece.key === undefined ? undefined : store?.get(piece.key);
      if (part === undefined) {
        part = piece.render();
        if (piece.key !== undefined) store?.set(piece.key, part);
      }
      yield part;
    }
  }

  /**
   * A page that lists meetings (the home page, a group page), in pieces: the page is made
   * with a marker where each call of the meeting-list partial goes, and each list is then
   * written a year at a time. A year's part is kept under the keys of its meetings, so a
   * change renders only its own year's list again, and the longest list is never whole in
   * memory. With templates of the site's own, the page is made whole.
   */
  function listing(at: string, made: (context: TemplateContext) => LayoutPage): Piece[] {
    const base = ctx(at);
    if (templates.overridden) return [{render: () => html(templates.layout(made(base), base))}];
    const calls: Array<{group: GroupView; level: 'h2' | 'h3'}> = [];
    const marked: TemplateContext = {
      ...base,
      partials: {
        meetingList: (group, level) => {
          calls.push({group, level});
          return [{type: 'raw', value: `\u0000opsg-list-${calls.length - 1}\u0000`} as unknown as ElementContent];
        },
      },
    };
    const listKey = createHash('sha256').update(siteKey).update(at).digest('hex');
    return html(templates.layout(made(marked), marked)).split(/\u0000opsg-list-(\d+)\u0000/).flatMap((piece, index): Piece[] => {
      if (index % 2 === 0) return [piece];
      const {group, level} = calls[Number(piece)]!;
      return group.years.map((year) => ({
        key: createHash('sha256').update(listKey).update(JSON.stringify([level, group.group, group.name, group.slug, year.year])).update(year.meetings.map(meetingKey).join('\n')).digest('hex'),
        render: () => serializer.stringify({type: 'root', children: templates.meetingList({...group, years: [year]}, level, base)}),
      }));
    });
  }

  /**
   * A combined print page, in pieces: the document around `<main>` once, then the meetings
   * a month at a time. A month's part is kept under the keys of its meetings, so a change
   * renders only its own month again, and the page is never whole in memory.
   */
  function combined(at: string, title: string, list: MeetingView[]): Piece[] {
    const doc = {title, combined: true, draft: list.some((meeting) => meeting.draft)};
    const shell = templates.print({...doc, meetings: []}, ctx(at));
    const main = findMain(shell);
    const marker = '\u0000opsg-print-body\u0000';
    if (main) main.children = [{type: 'raw', value: marker} as unknown as ElementContent];
    const [head, tail, ...more] = main ? html(shell).split(marker) : [];
    if (head === undefined || tail === undefined || more.length > 0) {
      // A print template that does not keep the meetings in one <main>: render it whole.
      return [{render: () => html(templates.print({...doc, meetings: list.map(full)}, ctx(at)))}];
    }
    const docKey = createHash('sha256').update(siteKey).update(JSON.stringify([at, title, doc.draft])).digest('hex');
    return [
      head,
      ...byMonth(list).map((month) => ({
        key: createHash('sha256').update(docKey).update(month.map(meetingKey).join('\n')).digest('hex'),
        render: () => {
          const body = findMain(templates.print({...doc, meetings: month.map(full)}, ctx(at)));
          return body ? serializer.stringify({type: 'root', children: body.children}) : '';
        },
      })),
      tail,
    ];
  }

  /** A thread's pages and its feed. */
  function addThread(thread: Thread): void {
    const pages = threadPages(thread);
    const external = thread.kind === 'reference' ? referenceUrl(thread.name, settings.autolinks) : undefined;
    const feed = `${thread.path}feed.xml`;
    pages.forEach((pagePath, index) => {
      const at = `${pagePath}index.html`;
      const entries = threadEntries(thread, index + 1, byPath);
      const made = {kind: thread.kind, name: thread.name, total: thread.mentions.length, entries, page: index + 1, start: index * perThreadPage + 1, pages, feed, external};
      add(at, [], () => page(at, templates.thread(made, ctx(at))), JSON.stringify(made));
    });
    const first = threadEntries(thread, 1, byPath).slice(0, settings.feedLimit);
    add(feed, [], () => renderThreadFeed(thread, first, settings), JSON.stringify(first));
  }

  const parts = (at: string): Iterable<string | Uint8Array> | undefined => {
    const entry = renderers.get(at);
    return entry ? guarded(at, entry.render) : undefined;
  };
  const file = (at: string): string | undefined => {
    const made = parts(at);
    // Text files only: the search index's binary files are written from `parts`.
    return made === undefined ? undefined : [...made].map((part) => (typeof part === 'string' ? part : Buffer.from(part).toString('utf8'))).join('');
  };
  // The archive's cache entries belong to the topics page, so that pruning the cache keeps them.
  const partKeys = (at: string): string[] => [
    ...(pieced.get(at)?.() ?? []).flatMap((piece) => (typeof piece !== 'string' && piece.key !== undefined ? [piece.key] : [])),
    ...(at === 'topics/index.html' ? (options.archive?.storeKeys ?? []) : []),
  ];
  return {paths: [...renderers.keys()], notes, site, meetings, file, parts, key, partKeys};
}

/** A template (or anything else) failed while rendering one file. */
export class RenderError extends Error {
  override name = 'RenderError';
  /** Make one for the file at `sitePath`. */
  constructor(
    /** The file that was being rendered. */
    readonly sitePath: string,
    cause: unknown,
  ) {
    super(`Cannot render \`${sitePath}\`: ${cause instanceof Error ? cause.message : String(cause)}`, {cause});
  }
}

/** A file's parts, with any failure while making them turned into a `RenderError`. */
function* guarded(at: string, render: () => string | Uint8Array | Iterable<string>): Generator<string | Uint8Array> {
  try {
    const made = render();
    if (typeof made === 'string' || made instanceof Uint8Array) yield made;
    else yield* made;
  } catch (error) {
    throw new RenderError(at, error);
  }
}

/** The `<main>` element of a document, if it has one. */
function findMain(tree: Root): Element | undefined {
  let found: Element | undefined;
  visit(tree, 'element', (node) => {
    if (node.tagName !== 'main') return undefined;
    found = node;
    return EXIT;
  });
  return found;
}

/** Meetings (newest first) in runs of the same month. */
function byMonth(list: MeetingView[]): MeetingView[][] {
  const months: MeetingView[][] = [];
  for (const meeting of list) {
    const last = months.at(-1);
    if (last && last[0]!.date.slice(0, 7) === meeting.date.slice(0, 7)) last.push(meeting);
    else months.push([meeting]);
  }
  return months;
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
  const brand = brandView(settings.brand);
  return {title: settings.title, label: settings.label, groups, drafts: settings.drafts, ...(settings.pdf ? {pdfs: true} : {}), ...(brand ? {brand} : {})};
}

/** `assets/<name>.<hash>.css` (or `.js`): the name changes when the content does. */
function asset(name: string, content: string, extension = 'css'): string {
  return `assets/${name}.${createHash('sha256').update(content).digest('hex').slice(0, 10)}.${extension}`;
}

/** The feed's date when there is no meeting: `SOURCE_DATE_EPOCH`, else the epoch. */
function sourceDateStamp(): string {
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  const date = Number.isFinite(epoch) && epoch >= 0 ? new Date(epoch * 1000) : new Date(0);
  return `${isoFromDate(date)}T00:00:00Z`;
}
