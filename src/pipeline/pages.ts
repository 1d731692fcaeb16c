/**
 * The last stage of a build: the site model's views become pages, written to the output
 * folder. Each meeting is reduced to its summary, its content kept in the content store;
 * threads and the search index are prepared from the published meetings; rendering gives
 * the page list, the incremental layer wraps it (keys, kept parts, kept files); the folder
 * is swapped in whole, and the cache's manifest is saved for the next build.
 */
import fs from 'node:fs';
import path from 'node:path';
import {VFile} from 'vfile';
import {UsageError, type Settings} from '../config.js';
import {addSiteNotes, fatal} from '../messages.js';
import {loadTemplates, type Templates} from '../templates.js';
import type {MeetingSummary} from '../view.js';
import type {OnProgress} from '../progress.js';
import {join, split, summaryOf} from './bodies.js';
import {CacheContentStore, ContentReader, MemoryContentStore, type ContentRef, type ContentStore} from './content-store.js';
import {incremental} from './incremental.js';
import {stampFolders, unchangedOutput} from './output-state.js';
import {renderElsewhere, startRenderWorkers, type RenderedElsewhere, type RenderWorkers} from './render-elsewhere.js';
import {pages, RenderError, type SitePlan} from './render.js';
import {openCache, type Cache, type SiteRecord} from './cache.js';
import {inputsDigest, type RunRecord} from './unchanged.js';
import {prepareArchive, searchFolder} from '../search.js';
import {writeSite, type LateFiles, type SiteFiles} from './write.js';
import type {CheckedFiles, SiteModel} from './core.js';

/** What `renderAndWrite` needs: the site model, and the checked files it came from. */
export interface PagesInput {
  /** The file site-wide messages go on (templates, rendering, notes). */
  siteFile: VFile;
  /** What passed the gate. */
  model: SiteModel;
  /** The checked content files with their cache keys and content references. */
  checked: CheckedFiles;
  /** Whether the cache is the user's own, kept between builds. */
  keepCache: boolean;
  /** Called as pages are written, for a progress display. */
  onProgress?: OnProgress;
  /** What the run reported so far, and every content file by path and cache key: recorded with the site for a build in which nothing changes (unchanged.ts). */
  run?: Omit<RunRecord, 'digest'> & {items: Array<[string, string]>};
  /** Meeting, print and thread pages on worker threads, in a build that renders every page: from how many pages to render (default 64), and on how many workers (default: see `renderWorkers`). */
  elsewhere?: {from?: number; workers?: number};
}

/** What rendering and writing gave. */
export interface PagesResult {
  /** Whether the site was written; when not, the messages say why. */
  ok: boolean;
  /** Site paths written. */
  written: string[];
  /** Site paths whose bytes changed. */
  changed: string[];
  /** How many pages were rendered on worker threads. */
  elsewhere: number;
  /** The output folder, carrying why it could not be written, when that is the reason. */
  outFile: VFile | undefined;
}

/** Render the site model into pages and write them; problems become fatal messages, never throws but for `UsageError`. */
export async function renderAndWrite(settings: Settings, input: PagesInput): Promise<PagesResult> {
  const {siteFile, keepCache, onProgress} = input;
  const failed: PagesResult = {ok: false, written: [], changed: [], elsewhere: 0, outFile: undefined};
  const cache = openCache(settings);
  const {views, refs, contents} = summaries(settings, cache, input);
  let templates: Templates;
  try {
    templates = await loadTemplates(settings);
  } catch (error) {
    fatal(siteFile, `Cannot load templates: ${error instanceof Error ? error.message : String(error)}`, undefined, 'template', error);
    return failed;
  }
  // Everything the site is made from, digested: when it is what the last build recorded
  // and the output folder is as that build left it, there is nothing to do.
  const record = cache && keepCache && !templates.overridden ? siteRecord(settings, templates, {views, refs}, input.run) : undefined;
  const last = record ? cache!.lastSite() : undefined;
  const kept = last && last.digest === record!.digest ? unchangedOutput(settings.out, cache!.manifest(), cache!.folderStamps()) : undefined;
  if (kept) {
    addSiteNotes(siteFile, last!.notes);
    // The same site, perhaps from other inputs (a file left out changed): recorded as such.
    record!.notes.push(...last!.notes);
    cache!.keepManifest(record);
    return {ok: true, written: kept, changed: [], elsewhere: 0, outFile: undefined};
  }
  // A build that will render every page starts its render workers now, to be ready when the pages are laid out.
  const from = input.elsewhere?.from ?? elsewhereFrom;
  const everyPage = !(cache && keepCache) || Object.keys(cache.manifest()).length === 0 || !fs.existsSync(settings.out);
  const early = everyPage && views.length * 2 >= from ? startRenderWorkers(settings, input.elsewhere?.workers) : undefined;
  let site: Laid;
  try {
    site = await layOut(settings, {views, refs, contents, templates, cache, keepCache, siteFile, from}, early);
    record?.notes.push(...site.notes);
  } catch (error) {
    early?.close();
    fatal(siteFile, `Cannot render the site: ${error instanceof Error ? error.message : String(error)} (rerun with --debug for the stack)`, undefined, 'internal', error);
    return failed;
  }
  let written;
  try {
    written = await writeSite(settings, counted(site, onProgress), site.late);
  } catch (error) {
    site.close();
    if (error instanceof UsageError) throw error;
    if (error instanceof RenderError) {
      fatal(siteFile, `${error.message} (rerun with --debug for the stack)`, undefined, 'internal', error.cause);
      return failed;
    }
    return {...failed, outFile: writeFailure(settings, error)};
  }
  site.close();
  // Remembered for the next build, and so that entries no build uses any more are removed.
  // The parts of every file count as used, also those of files kept without rendering.
  // The previous site's folder is removed meanwhile, on a thread of its own.
  try {
    if (keepCache && cache) {
      // The folders are stamped as they are now, unless the output folder was left as it was.
      const folders = written.stamps.size > 0 ? stampFolders(settings.out, written.written) : cache.folderStamps();
      cache.saveManifest(site.manifest(written), {results: input.checked.keys.filter((key) => key !== undefined), parts: site.partKeys()}, record, folders);
    }
  } finally {
    await written.removed;
  }
  return {ok: true, written: written.written, changed: written.changed, elsewhere: site.elsewhere(), outFile: undefined};
}

/**
 * Each published meeting as its summary, its content in the content store under its
 * file's ref: the cache entry the per-file stages wrote, else kept here (in memory
 * without a cache).
 */
function summaries(settings: Settings, cache: Cache | undefined, input: PagesInput): {views: MeetingSummary[]; refs: Map<string, ContentRef>; contents: ContentStore} {
  const {checked, model} = input;
  const contents: ContentStore = cache ? new CacheContentStore(settings, cache) : new MemoryContentStore();
  const refs = new Map<string, ContentRef>();
  const views: MeetingSummary[] = [];
  const index = new Map(checked.files.map((file, at) => [file, at]));
  for (const file of model.files) {
    const at = index.get(file)!;
    const view = file.data.view!;
    const source = checked.sources[at]!;
    const stored = checked.refs[at];
    const ref = stored ?? {key: checked.keys[at] ?? source, source};
    if (stored) {
      views.push(summaryOf(view));
    } else {
      const {summary, body} = split(view);
      contents.set(ref, body);
      views.push(summary);
    }
    refs.set(view.path, ref);
  }
  return {views, refs, contents};
}

/**
 * What a build records of the site it writes: the digest of the published meetings, each
 * by its path and its file's cache key, in order (a meeting's neighbours, the threads and
 * the search index follow from these), the notes (added as the pages are laid out) and,
 * when given, the run's report with the digest of every content file.
 */
function siteRecord(settings: Settings, templates: Templates, published: {views: MeetingSummary[]; refs: Map<string, ContentRef>}, run: PagesInput['run']): SiteRecord {
  const {views, refs} = published;
  const digest = inputsDigest(settings, templates.hash, views.map((view) => [view.path, refs.get(view.path)!.key]));
  if (!run) return {digest, notes: []};
  const {items, ...report} = run;
  return {digest, notes: [], run: {digest: inputsDigest(settings, templates.hash, items), ...report}};
}

/** Meeting, print and thread pages to render from which they are rendered on worker threads (in a build that renders every page): fewer are not worth starting them. */
const elsewhereFrom = 64;

/** The site laid out, ready to write: the pages, their notes, the search index's files when they come, and `close` for the render workers. */
type Laid = RenderedElsewhere & {notes: string[]; late: Promise<LateFiles> | undefined};

/**
 * The page list, wrapped in the incremental layer: threads and search index first, then the
 * pages. A search index that must be made again is made beside the rendering: its files
 * come `late`, keyed like pages when they arrive. In a build that renders every page, and
 * enough of them, meeting, print and thread pages are rendered on worker threads (`early`)
 * as the main thread writes.
 */
async function layOut(settings: Settings, made: {views: MeetingSummary[]; refs: Map<string, ContentRef>; contents: ContentStore; templates: Templates; cache: Cache | undefined; keepCache: boolean; siteFile: VFile; from: number}, early: RenderWorkers | undefined): Promise<Laid> {
  const {views, refs, cache} = made;
  // A meeting is made from its file's bytes and the settings alone: its cache key names it.
  const meetingKey = cache ? (meeting: MeetingSummary) => refs.get(meeting.path)!.key : undefined;
  const parts = cache && made.keepCache ? {get: (key: string) => cache.text(key), set: (key: string, value: string) => cache.setText(key, value)} : undefined;
  const reader = new ContentReader(made.contents, refs);
  // Threads and the search index: made once from the published meetings, kept in the cache.
  const archive = await prepareArchive(views, settings, {meetingKey: meetingKey ?? ((meeting) => JSON.stringify(meeting)), full: (meeting) => join(meeting, reader.hold(meeting)), store: parts});
  const laid = pages({meetings: views, settings, templates: made.templates, content: (meeting) => reader.take(meeting), archive});
  addSiteNotes(made.siteFile, laid.notes);
  const site = renderElsewhere(incremental(laid, {meetingKey, reuse: parts && cache ? {parts, previous: cache.manifest(), also: archive.storeKeys} : undefined}), laid, {
    out: settings.out,
    from: made.from,
    // Content held since the threads were made, or kept in memory, goes with its pages; else a worker reads the cache's entry itself.
    content: (meeting) => {
      const ref = refs.get(meeting.path)!;
      const content = reader.release(meeting) ?? made.contents.inMemory(ref);
      return content ? {content} : {ref};
    },
  }, early);
  const late = archive.search instanceof Promise ? archive.search.then(
    (files) => {
      site.adopt(files.paths, {from: [], salt: archive.key});
      return files;
    },
    (error: unknown) => {
      throw new RenderError(searchFolder, error);
    },
  ) : undefined;
  // Waited for by the write; a build that fails before then must not leave it unhandled.
  late?.catch(() => {});
  return {...site, notes: laid.notes, late};
}

/**
 * A full disk or a failing device: the message belongs to the output folder, and the
 * previous site is still there (write.ts swaps only a complete one in).
 */
function writeFailure(settings: Settings, error: unknown): VFile {
  const out = new VFile({path: path.relative(settings.cwd, settings.out) || settings.out, cwd: settings.cwd});
  const code = (error as NodeJS.ErrnoException).code;
  fatal(out, `Cannot write the site: ${code === 'ENOSPC' ? 'no space left on the device' : error instanceof Error ? error.message : String(error)}; the previous site is unchanged`, undefined, 'write', error);
  return out;
}

/** The site as `writeSite` takes it, counting each page it renders for a progress display. */
function counted<T extends {paths: string[]; file: SitePlan['file']; parts?: SiteFiles['parts']}>(site: T, onProgress: OnProgress | undefined): T {
  if (!onProgress) return site;
  let done = 0;
  const tick = () => onProgress({stage: 'write', done: ++done, total: site.paths.length});
  onProgress({stage: 'write', done, total: site.paths.length});
  const parts = site.parts;
  return {
    ...site,
    file: (sitePath: string) => {
      tick();
      return site.file(sitePath);
    },
    ...(parts ? {parts: (sitePath: string) => (tick(), parts(sitePath))} : {}),
  };
}
