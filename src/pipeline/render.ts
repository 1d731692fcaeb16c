/**
 * Stage 6, render: the site model → every page of the site. Pure: the same model gives the
 * same pages with the same bytes, whatever the time or locale, and nothing here knows of a
 * cache, a store or a previous build (incremental.ts wraps the page list for that).
 *
 * `pages` does the site-wide work once (order, neighbours, the site view, asset names) and
 * lists every page with what it is made from (`inputs`); each page is rendered on its own
 * by its `render()`. A build renders each as it writes it; the preview server renders only
 * the pages a browser asks for.
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
import {collectArchive, itemTexts, type Archive, type Thread} from '../site/archive.js';
import {latestOnGroup, perThreadPage, threadEntries, threadPages, yearLinks, yearPath, type SearchPage, type ThreadPage, type TopicsPage} from '../site/pages.js';
import {referenceUrl} from '../autolink.js';
import {searchScript, type PreparedArchive} from '../search.js';
import {newestFirst} from '../site/order.js';
import {renderMeetingsJson} from '../site/meetings-json.js';
import {renderSitemap} from '../site/sitemap.js';
import {absolutePath, relativeUrl} from '../site/urls.js';
import {h, type LayoutPage, type TemplateContext, type Templates} from '../templates.js';
import type {GroupView, MeetingContent, MeetingLink, MeetingPage, MeetingSummary, MeetingView, SiteView} from '../view.js';
import {join, summaryOf} from './bodies.js';

// Meeting content arrives as sanitised HTML in `raw` nodes (see transform.ts); nothing else makes raw nodes.
const serializer = unified().use(rehypeStringify, {allowDangerousHtml: true, upperDoctype: true}).freeze();

/** What the site is made from. */
export interface SiteModel {
  /** The meetings to show: summaries whose content `content` gives, or whole pages (the preview). */
  meetings: readonly MeetingView[];
  /** The settings. */
  settings: Settings;
  /** The templates. */
  templates: Templates;
  /** A meeting's content (default: the content of the meeting as given). */
  content?: ((meeting: MeetingSummary) => MeetingContent) | undefined;
  /** The threads and search index (default: threads made here from the content, no search index). */
  archive?: PreparedArchive | undefined;
}

/** What a page or a part of one is made from: equal inputs, equal bytes. */
export interface PartInputs {
  /** The meetings it shows; 'all' for every one. */
  from: readonly MeetingSummary[] | 'all';
  /** What else it shows (a thread's entries, a year's neighbours), as text. */
  salt: string;
}

/** What a page is made from, and, for a long page, the parts it is made of. */
export interface PageInputs extends PartInputs {
  /** A long page's pieces: fixed text, and parts with inputs of their own (made once per plan). */
  pieces?: () => Piece[];
}

/** A piece of a long page: fixed text, or a part (with inputs when it may be kept apart). */
export type Piece = string | {inputs?: PartInputs; render: () => string};

/** One file of the site. */
export interface Page {
  /** Its site path. */
  path: string;
  /** What it is made from. */
  inputs: PageInputs;
  /** Its bytes, in parts (the combined print pages are large; the search index is bytes). */
  render: () => Iterable<string | Uint8Array>;
  /** The same page as data, for `renderJob` on another thread (meeting, print and thread pages). */
  job?: PageJob;
}

/**
 * What a page rendered on another thread needs besides the templates and its job: the same
 * for every page of a site, and data only (it crosses to a worker by structured clone).
 */
export interface PageContext {
  /** The settings. */
  settings: Settings;
  /** The site view. */
  site: SiteView;
  /** The stylesheets' and script's site paths. */
  assets: TemplateContext['assets'];
  /** The hash of the templates the pages are rendered with: another thread renders only with the same. */
  templates: string;
}

/**
 * A page as data: what `renderJob` makes it from, besides the meeting's page for a meeting
 * or print page (the meeting is the page's one input, `inputs.from`).
 */
export type PageJob =
  | {kind: 'meeting'; at: string; threads: Array<ItemThreads | undefined>}
  | {kind: 'print'; at: string}
  | {kind: 'thread'; at: string; page: ThreadPage};

/** The threads an item is listed in, linked from its meeting page. */
type ItemThreads = Array<{name: string; path: string}>;

/** The site laid out but not yet rendered. */
export interface SitePlan {
  /** Every page, in the order they were laid out. */
  pages: Page[];
  /** Every site path, in the same order. */
  paths: string[];
  /** Remarks such as “no sitemap without a site URL”. */
  notes: string[];
  /** The site view the templates receive. */
  site: SiteView;
  /** Meetings in site order (group, then newest first), neighbours linked, as given (summaries or pages). */
  meetings: MeetingView[];
  /** What every page shares (templates, the settings pages show, the groups in the navigation), as text. */
  shared: string;
  /** Whether pages show no more than their inputs say (false with templates of the site's own). */
  reusable: boolean;
  /** Render one file; undefined for a path that is not part of the site. */
  file: (sitePath: string) => string | undefined;
  /** Render one file in parts; undefined for a path that is not part of the site. */
  parts: (sitePath: string) => Iterable<string | Uint8Array> | undefined;
  /** What pages rendered elsewhere (`Page.job`) need. */
  context: PageContext;
  /** Take a meeting's print version for the combined print pages, made with its pages elsewhere (`renderJob`). */
  keepArticle: (meetingPath: string, article: string) => void;
}

/** Lay the site out from its meetings (the preview's and tests' way in; see `pages`). */
export function plan(views: readonly MeetingView[], settings: Settings, templates: Templates, more: Pick<SiteModel, 'content' | 'archive'> = {}): SitePlan {
  return pages({meetings: views, settings, templates, ...more});
}

/** Lay the site out: every page, with what it is made from and how to render it. */
export function pages(model: SiteModel): SitePlan {
  const layout = lay(model);
  const list: Page[] = [];
  const add = (page: Page) => void list.push(page);
  assetPages(layout, add);
  listingPages(layout, add);
  archivePages(layout, add);
  searchPages(layout, add);
  meetingPages(layout, add);
  combinedPrintPages(layout, add);
  const notes = sitePages(layout, add);
  const byPath = new Map(list.map((page) => [page.path, page]));
  const parts = (at: string) => {
    const page = byPath.get(at);
    return page ? guarded(at, page.render) : undefined;
  };
  return {
    pages: list,
    paths: list.map((page) => page.path),
    notes,
    site: layout.site,
    meetings: layout.meetings,
    shared: layout.shared,
    reusable: !model.templates.overridden,
    parts,
    context: layout.context,
    keepArticle: layout.keepArticle,
    // Text files only: the search index's binary files are written from `parts`.
    file: (at) => {
      const made = parts(at);
      return made === undefined ? undefined : [...made].map((part) => (typeof part === 'string' ? part : Buffer.from(part).toString('utf8'))).join('');
    },
  };
}

/** The site laid out once, shared by the functions that list its pages. */
interface Layout {
  /** The model. */
  model: SiteModel;
  /** Meetings in site order, neighbours linked, as given. */
  meetings: MeetingView[];
  /** The same, as summaries (the same objects when given summaries). */
  summaries: MeetingSummary[];
  /** The summaries of published meetings (drafts left out). */
  published: MeetingSummary[];
  /** Published meetings by site path. */
  byPath: Map<string, MeetingSummary>;
  /** The site view. */
  site: SiteView;
  /** The stylesheets' and script's site paths. */
  assets: TemplateContext['assets'];
  /** The screen stylesheet, branding included. */
  style: string;
  /** The search page's script, when search is on. */
  script: string | undefined;
  /** What every page shares, as text (see `SitePlan.shared`). */
  shared: string;
  /** The threads. */
  archive: Archive;
  /** The threads of each item (`opsg/27/#item-4`), for the links on meeting pages. */
  itemThreads: Map<string, Array<{name: string; path: string}>>;
  /** The published meetings, newest first (made when first asked for). */
  newest: () => MeetingSummary[];
  /** What pages rendered elsewhere need. */
  context: PageContext;
  /** The templates' context for a page at `at`. */
  ctx: Ctx;
  /** A page made by a page template, in the layout. */
  page: (at: string, made: LayoutPage, absolute?: boolean) => string;
  /** A meeting's page: its summary and its content. */
  full: (meeting: MeetingSummary) => MeetingPage;
  /** A meeting's print version in a combined document, made once; undefined with templates of the site's own. */
  article: (meeting: MeetingSummary) => string | undefined;
  /** Take an article made elsewhere. */
  keepArticle: (meetingPath: string, article: string) => void;
}

/** The templates' context for a page at `at` (absolute links for the 404 page). */
type Ctx = (at: string, absolute?: boolean) => TemplateContext;

/** A hast tree as HTML. */
function html(tree: Root): string {
  return serializer.stringify(tree) + '\n';
}

/** The templates' context for the pages of a site: the same on every thread. */
export function contextOf(context: PageContext, templates: Templates): Ctx {
  const {settings, site, assets} = context;
  return (at, absolute = false) => ({
    h,
    url: absolute ? (target) => absolutePath(settings.base, target) : (target) => relativeUrl(at, target, settings.cleanUrls),
    site,
    assets,
    partials: {meetingList: templates.meetingList},
  });
}

/**
 * Render a page from its job, as its own `render()` would: `full` is the meeting's page
 * (summary and content) for a meeting or print page.
 */
export function renderJob(templates: Templates, ctx: Ctx, job: PageJob, full?: MeetingPage): string {
  const {at} = job;
  if (job.kind === 'thread') return html(templates.layout(templates.thread(job.page, ctx(at)), ctx(at)));
  if (!full) throw new Error(`No content for \`${at}\``);
  if (job.kind === 'print') return html(templates.print({title: full.title, meetings: [full], combined: false, draft: full.draft}, ctx(at)));
  const page = {...full, items: full.items.map((item, index) => ({...item, threads: job.threads[index] ?? []}))};
  return html(templates.layout(templates.meeting(page, ctx(at)), ctx(at)));
}

/** A meeting's print version as the combined print pages show it (the built-in print template's `<main>`). */
export function renderArticle(templates: Templates, ctx: Ctx, page: MeetingPage): string {
  const main = findMain(templates.print({title: '', meetings: [page], combined: true, draft: false}, ctx('print.html')));
  return main ? serializer.stringify({type: 'root', children: main.children}) : '';
}

/** Order the meetings, link neighbours, make the site view and the templates' context. */
function lay(model: SiteModel): Layout {
  const {settings, templates} = model;
  const meetings = linkNeighbours(order(model.meetings));
  const summaries = meetings.map(summaryOf);
  const site = siteView(summaries, settings);
  const style = templates.style + brandStyle(settings.brand);
  const script = settings.search ? searchScript(settings) : undefined;
  const assets = {style: asset('style', style), print: asset('print', templates.print_css), search: script === undefined ? undefined : asset('search', script, 'js')};
  const ctx = contextOf({settings, site, assets, templates: templates.hash}, templates);
  // The built-in templates show no more of the site on a meeting, print or thread page than
  // what every page shares (`shared`, below: the groups, not their meetings). A site's own
  // may show anything, and is given the site whole wherever it renders.
  const context: PageContext = {settings, site: templates.overridden ? site : {...site, groups: site.groups.map((group) => ({...group, years: []}))}, assets, templates: templates.hash};
  const published = summaries.filter((meeting) => !meeting.draft);
  const {full, article, keepArticle} = contentOf(model, meetings, ctx);
  const archive = model.archive?.archive ?? collectArchive(itemTexts(published, (meeting) => full(meeting as MeetingSummary)), settings.autolinks);
  let newest: MeetingSummary[] | undefined;
  return {
    model, meetings, summaries, published, site, assets, style, script, archive, context, ctx, full, article, keepArticle,
    byPath: new Map(published.map((meeting) => [meeting.path, meeting])),
    shared: JSON.stringify([
      templates.hash, assets, settings.search, settings.title, settings.url, settings.base, settings.cleanUrls, settings.label, settings.statement, settings.drafts, settings.feedLimit, settings.pdf, site.brand ?? null,
      site.groups.map((group) => [group.group, group.name, group.slug]), process.env.SOURCE_DATE_EPOCH ?? '',
    ]),
    itemThreads: threadsOfItems(archive),
    newest: () => (newest ??= [...summaries].sort(newestFirst)),
    page: (at, made, absolute = false) => html(templates.layout(made, ctx(at, absolute))),
  };
}

/**
 * How pages get a meeting's content. A meeting's page and its print page are rendered one
 * after the other: its content is asked for once, and (with the built-in templates) its
 * print version for the combined print pages is made then too, so that those pages never
 * ask for it again.
 */
function contentOf(model: SiteModel, meetings: MeetingView[], ctx: Ctx): Pick<Layout, 'full' | 'article' | 'keepArticle'> {
  const given = new Map(meetings.map((meeting) => [meeting.path, meeting]));
  const {content, templates} = model;
  // The built-in print template shows each meeting of a combined document the same way
  // whatever the document: a site's own may not, and is given each document whole.
  const shared = !templates.overridden;
  const articles = new Map<string, string>();
  const makeArticle = (page: MeetingPage) => void articles.set(page.path, renderArticle(templates, ctx, page));
  let last: MeetingPage | undefined;
  const full = (meeting: MeetingSummary): MeetingPage => {
    if (last?.path === meeting.path) return last;
    if (!content) return (last = given.get(meeting.path) ?? meeting);
    last = join(meeting, content(meeting));
    if (shared && !articles.has(meeting.path)) makeArticle(last);
    return last;
  };
  const article = (meeting: MeetingSummary) => {
    if (!shared) return undefined;
    if (!articles.has(meeting.path)) makeArticle(full(meeting));
    return articles.get(meeting.path);
  };
  const keepArticle = (meetingPath: string, made: string) => {
    if (shared && !articles.has(meetingPath)) articles.set(meetingPath, made);
  };
  return {full, article, keepArticle};
}

/** Which threads each item (`opsg/27/#item-4`) belongs to. */
function threadsOfItems(archive: Archive): Map<string, Array<{name: string; path: string}>> {
  const itemThreads = new Map<string, Array<{name: string; path: string}>>();
  for (const thread of archive.threads) {
    for (const mention of thread.mentions) {
      const at = mention.path + '#' + mention.anchor;
      const list = itemThreads.get(at) ?? [];
      if (!list.some((entry) => entry.path === thread.path)) list.push({name: thread.name, path: thread.path});
      itemThreads.set(at, list);
    }
  }
  return itemThreads;
}

/** A page rendered whole (or as text in parts), with its inputs (and its job, for a page that may be rendered elsewhere). */
function whole(path: string, from: PartInputs['from'], render: () => string | Uint8Array | Iterable<string>, salt = '', job?: PageJob): Page {
  return {
    path,
    inputs: {from, salt},
    render: () => {
      const made = render();
      return typeof made === 'string' || made instanceof Uint8Array ? [made] : made;
    },
    ...(job ? {job} : {}),
  };
}

/** A long page in pieces, made once; rendered here piece by piece (incremental.ts may keep parts). */
function pieced(path: string, from: PartInputs['from'], make: () => Piece[], salt = ''): Page {
  let made: Piece[] | undefined;
  const pieces = () => (made ??= make());
  return {
    path,
    inputs: {from, salt, pieces},
    render: function* () {
      for (const piece of pieces()) yield typeof piece === 'string' ? piece : piece.render();
    },
  };
}

/** The stylesheets, the search script and the logo. */
function assetPages(layout: Layout, add: (page: Page) => void): void {
  const {assets, style, script, model} = layout;
  add(whole(assets.style, [], () => style));
  add(whole(assets.print, [], () => model.templates.print_css));
  if (assets.search !== undefined && script !== undefined) add(whole(assets.search, [], () => script));
  const logo = model.settings.brand?.logo;
  if (logo) add(whole(logo.sitePath, [], () => logo.text));
}

/** The home page, each group's page, year pages and feed: each group's latest meetings and links to its years. */
function listingPages(layout: Layout, add: (page: Page) => void): void {
  const {site, model, published} = layout;
  const {templates, settings} = model;
  const allYears = JSON.stringify(site.groups.map((group) => yearLinks(group)));
  const latest = (group: GroupView) => group.years.flatMap((year) => year.meetings).slice(0, latestOnGroup);
  add(pieced('index.html', site.groups.flatMap(latest), () => listing(layout, 'index.html', (c) => templates.index(site, c)), allYears));
  for (const group of site.groups) {
    const at = `${group.slug}/index.html`;
    const years = yearLinks(group);
    add(pieced(at, latest(group), () => listing(layout, at, (c) => templates.group(group, c)), JSON.stringify(years)));
    for (const year of group.years) {
      const yearAt = `${yearPath(group.slug, year.year)}index.html`;
      add(pieced(yearAt, year.meetings, () => listing(layout, yearAt, (c) => templates.year({group: {...group, years: [year]}, year: year.year, years}, c)), JSON.stringify(years)));
    }
    const groupPublished = published.filter((meeting) => meeting.groupSlug === group.slug);
    if (groupPublished.length > 0) {
      add(whole(`${group.slug}/feed.xml`, groupPublished.slice(0, settings.feedLimit), () => renderFeed(groupPublished, settings, sourceDateStamp(), {title: `${settings.title}: ${group.name} (${group.group})`, path: `${group.slug}/`})));
    }
  }
}

/**
 * A page that lists meetings (the home page, a group page), in pieces: the page is made
 * with a marker where each call of the meeting-list partial goes, and each list is then
 * made a year at a time, a part whose inputs are its year's meetings, so that a change
 * renders only its own year's list again and the longest list is never whole in memory.
 * With templates of the site's own, the page is made whole.
 */
function listing(layout: Layout, at: string, made: (context: TemplateContext) => LayoutPage): Piece[] {
  const {ctx, model} = layout;
  const {templates} = model;
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
  return html(templates.layout(made(marked), marked)).split(/\u0000opsg-list-(\d+)\u0000/).flatMap((piece, index): Piece[] => {
    if (index % 2 === 0) return [piece];
    const {group, level} = calls[Number(piece)]!;
    return group.years.map((year) => ({
      inputs: {from: year.meetings, salt: JSON.stringify([level, group.group, group.name, group.slug, year.year])},
      render: () => serializer.stringify({type: 'root', children: templates.meetingList({...group, years: [year]}, level, base)}),
    }));
  });
}

/** Each thread's pages and feed, and the topics page that lists them all. */
function archivePages(layout: Layout, add: (page: Page) => void): void {
  const {archive, model, byPath} = layout;
  const {settings, templates} = model;
  for (const thread of archive.threads) {
    const list = threadPages(thread);
    const external = thread.kind === 'reference' ? referenceUrl(thread.name, settings.autolinks) : undefined;
    const feed = `${thread.path}feed.xml`;
    list.forEach((pagePath, index) => {
      const at = `${pagePath}index.html`;
      const made = {kind: thread.kind, name: thread.name, total: thread.mentions.length, entries: threadEntries(thread, index + 1, byPath), page: index + 1, start: index * perThreadPage + 1, pages: list, feed, external};
      const job: PageJob = {kind: 'thread', at, page: made};
      add(whole(at, [], () => renderJob(templates, layout.ctx, job), digestOf(made), job));
    });
    add(threadFeed(thread, layout));
  }
  const topics: TopicsPage = {references: [], owners: []};
  for (const thread of archive.threads) (thread.kind === 'reference' ? topics.references : topics.owners).push({name: thread.name, path: thread.path, count: thread.mentions.length});
  add(whole('topics/index.html', [], () => layout.page('topics/index.html', templates.topics(topics, layout.ctx('topics/index.html'))), JSON.stringify(topics)));
}

/** A thread's Atom feed: its newest entries. */
function threadFeed(thread: Thread, layout: Layout): Page {
  const {settings} = layout.model;
  const first = threadEntries(thread, 1, layout.byPath).slice(0, settings.feedLimit);
  return whole(`${thread.path}feed.xml`, [], () => renderThreadFeed(thread, first, settings), digestOf(first));
}

/**
 * A page's data as a salt, digested at once: a thread page's data (its entries, with their
 * sentences) would otherwise be held as text until the build ends, about 58 MB at 4,000 meetings.
 */
function digestOf(data: unknown): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex');
}

/** The search page and the search index's files (when the index is ready). */
function searchPages(layout: Layout, add: (page: Page) => void): void {
  const {model, site} = layout;
  if (model.settings.search) {
    const searchPage: SearchPage = {groups: site.groups.map((group) => ({group: group.group, name: group.name, years: yearLinks(group)}))};
    add(whole('search/index.html', [], () => layout.page('search/index.html', model.templates.search(searchPage, layout.ctx('search/index.html'))), JSON.stringify(searchPage)));
  }
  // An index still being made is not laid out here: the build writes its files last (pages.ts).
  const prepared = model.archive;
  const search = prepared?.search instanceof Promise ? undefined : prepared?.search;
  for (const at of search?.paths ?? []) add(whole(at, [], () => search!.read(at), prepared!.key));
}

/** Each meeting's page (with the threads of its items) and its print page. */
function meetingPages(layout: Layout, add: (page: Page) => void): void {
  const {templates} = layout.model;
  for (const meeting of layout.summaries) {
    const threads = meeting.items.map((item) => layout.itemThreads.get(meeting.path + '#' + item.anchor));
    const job: PageJob = {kind: 'meeting', at: `${meeting.path}index.html`, threads};
    add(whole(job.at, [meeting], () => renderJob(templates, layout.ctx, job, layout.full(meeting)), JSON.stringify(threads), job));
    const print: PageJob = {kind: 'print', at: `${meeting.path}print.html`};
    add(whole(print.at, [meeting], () => renderJob(templates, layout.ctx, print, layout.full(meeting)), '', print));
  }
}

/** `print.html` (every meeting) and, if asked for, each group's combined print page. */
function combinedPrintPages(layout: Layout, add: (page: Page) => void): void {
  const {settings} = layout.model;
  add(pieced('print.html', 'all', () => combined(layout, 'print.html', `${settings.title}: all meetings`, layout.newest())));
  if (!settings.printPerGroup) return;
  for (const group of layout.site.groups) {
    const at = `${group.slug}/print.html`;
    add(pieced(at, group.years.flatMap((year) => year.meetings), () => combined(layout, at, `${group.name} (${group.group}): all meetings`, layout.newest().filter((m) => m.groupSlug === group.slug))));
  }
}

/**
 * A combined print page, in pieces: the document around `<main>` once, then the meetings
 * a month at a time, each month a part whose inputs are its meetings, so that a change
 * renders only its own month again and the page is never whole in memory.
 */
function combined(layout: Layout, at: string, title: string, list: MeetingSummary[]): Piece[] {
  const {templates} = layout.model;
  const doc = {title, combined: true, draft: list.some((meeting) => meeting.draft)};
  const shell = templates.print({...doc, meetings: []}, layout.ctx(at));
  const main = findMain(shell);
  const marker = '\u0000opsg-print-body\u0000';
  if (main) main.children = [{type: 'raw', value: marker} as unknown as ElementContent];
  const [head, tail, ...more] = main ? html(shell).split(marker) : [];
  if (head === undefined || tail === undefined || more.length > 0) {
    // A print template that does not keep the meetings in one <main>: render it whole.
    return [{render: () => html(templates.print({...doc, meetings: list.map(layout.full)}, layout.ctx(at)))}];
  }
  const salt = JSON.stringify([title, doc.draft]);
  const month = (meetings: MeetingSummary[]) => {
    const articles = meetings.map(layout.article);
    if (articles.every((article) => article !== undefined)) return articles.join('');
    const body = findMain(templates.print({...doc, meetings: meetings.map(layout.full)}, layout.ctx(at)));
    return body ? serializer.stringify({type: 'root', children: body.children}) : '';
  };
  return [head, ...byMonth(list).map((meetings) => ({inputs: {from: meetings, salt}, render: () => month(meetings)})), tail];
}

/** The 404 page, the feeds, `meetings.json`, the calendar and the sitemap; returns the notes. */
function sitePages(layout: Layout, add: (page: Page) => void): string[] {
  const {model, published, site} = layout;
  const {settings, templates} = model;
  add(whole('404.html', [], () => layout.page('404.html', templates.notFound(site, layout.ctx('404.html', true)), true)));
  add(whole('feed.xml', 'all', () => renderFeed(published, settings, sourceDateStamp())));
  add(whole('meetings.json', 'all', () => renderMeetingsJson(published, settings)));
  add(whole(calendarPath, 'all', () => renderCalendar(published, settings)));
  if (!settings.url) return ['No sitemap.xml: set `url` in opsg.config.json to the site’s public address to get one'];
  const siteUrl = settings.url;
  const paths = ['', ...site.groups.map((group) => group.slug + '/'), ...published.map((meeting) => meeting.path)];
  add(whole('sitemap.xml', 'all', () => renderSitemap(siteUrl, settings.base, paths, published)));
  return [];
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
export function* guarded(at: string, render: () => Iterable<string | Uint8Array>): Generator<string | Uint8Array> {
  try {
    yield* render();
  } catch (error) {
    throw error instanceof RenderError ? error : new RenderError(at, error);
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
function byMonth(list: MeetingSummary[]): MeetingSummary[][] {
  const months: MeetingSummary[][] = [];
  for (const meeting of list) {
    const last = months.at(-1);
    if (last && last[0]!.date.slice(0, 7) === meeting.date.slice(0, 7)) last.push(meeting);
    else months.push([meeting]);
  }
  return months;
}

/** Group code, then newest first (date, then number): copies, so the model is never changed. */
function order(views: readonly MeetingView[]): MeetingView[] {
  return views.map((view) => ({...view})).sort((a, b) =>
    a.group !== b.group ? (a.group < b.group ? -1 : 1) : a.date !== b.date ? (a.date < b.date ? 1 : -1) : b.number - a.number);
}

/** Previous and next meeting of the same group, by meeting number. */
function linkNeighbours(meetings: MeetingView[]): MeetingView[] {
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
  return meetings;
}

function link(meeting: MeetingView | undefined): MeetingLink | undefined {
  return meeting && {path: meeting.path, number: meeting.number, dateText: meeting.dateText, title: meeting.title};
}

/** The site view: groups in code order, meetings by year, newest first. */
function siteView(meetings: MeetingSummary[], settings: Settings): SiteView {
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
