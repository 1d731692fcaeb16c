/**
 * The preview's site, kept in memory and brought up to date one changed file at a time.
 *
 * It runs the site core's own stages (../pipeline/core.ts): each content file's own stages
 * on the build's workers, under the build's time budget (a hostile file saved while the
 * preview runs is stopped and shown as `content-timeout`), then the core's cross-file
 * checks, publish gate and site model over every file. What the preview adds is only a
 * memo of each file's results by the hash of its bytes: a save re-runs the stages for that
 * file only, and a write that leaves the bytes unchanged (editors often save twice) costs
 * one read. Pages are rendered only when a browser asks for one (see `page`). A template
 * or config change reloads everything.
 */
import fs from 'node:fs';
import path from 'node:path';
import {createHash} from 'node:crypto';
import {VFile} from 'vfile';
import {loadSettings, UsageError, type BuildOptions, type Settings} from '../config.js';
import {fatal, hasError} from '../messages.js';
import {loadTemplates, type Templates} from '../templates.js';
import {discover, linkProblem, readContent, relativePath} from '../pipeline/load.js';
import {processFile, toFile, type FileResult} from '../pipeline/process-file.js';
import {processOnWorkers} from '../pipeline/process-all.js';
import {checkAcross, checkSiteFile, siteFileOf, siteModel, type SiteModel} from '../pipeline/core.js';
import {plan, type SitePlan} from '../pipeline/render.js';

/** One content file and the results of its own stages. */
interface Entry {
  /** Absolute path. */
  full: string;
  /** The path's segments, for ordering. */
  segments: string[];
  /** SHA-1 of the bytes the results were made from. */
  hash: string;
  /** Size and modification time when read, to notice a write that was still in progress. */
  stamp: string;
  /** The file, carrying the messages of its own stages (and, after them, the cross-file rules’). */
  file: VFile;
  /** How many messages the file's own stages left, so cross-file messages can be dropped and redone. */
  own: number;
}

/** What one update changed. */
export interface Update {
  /** Site-relative content paths whose results changed (added, edited or removed). */
  changed: string[];
  /** Whether templates or settings were reloaded (every page changed). */
  everything: boolean;
}

/** The in-memory site: content results, settings, templates, and the pages rendered so far. */
export interface SiteState {
  /** Current settings (drafts always included). */
  readonly settings: Settings;
  /** Every file with its messages: discovery problems, content files, and the config or site file. */
  files(): VFile[];
  /** Whether any file has an error (the site is then not rendered). */
  failed(): boolean;
  /** The rendered file at a site path (`opsg/27/index.html`), or undefined when there is none. */
  page(sitePath: string): string | undefined;
  /** Whether a site path exists, without rendering it. */
  has(sitePath: string): boolean;
  /** Re-read the given absolute content paths (added, changed or removed). */
  updateContent(paths: Iterable<string>): Promise<Update>;
  /** Re-read the config and templates; content is reprocessed only when settings changed. */
  reload(): Promise<Update>;
  /** Content paths whose size or time changed since they were read (a write still in progress). */
  stale(paths: Iterable<string>): string[];
}

/** Build the in-memory site once; `UsageError`s at this point are the caller's to report. */
export async function createSiteState(options: BuildOptions): Promise<SiteState> {
  let {settings, configFile} = settingsFor(options);
  let site = siteFileOf(settings, configFile);
  checkSiteFile(settings, site);
  const content = contentState();
  const files = () => [...content.files(), site, ...pages.problems()];
  const pages = pageState(settings.cwd, () => ({settings, model: content.model(), failed: files().some(hasError)}));
  await content.rescan(settings);
  await pages.load(settings);

  return {
    get settings() {
      return settings;
    },
    files,
    failed: () => files().some(hasError),
    has: (sitePath) => pages.has(sitePath),
    page: (sitePath) => pages.page(sitePath),
    async updateContent(paths) {
      const changed = await content.update(settings, [...paths]);
      if (changed.length > 0) pages.invalidate();
      return {changed, everything: false};
    },
    async reload() {
      const before = JSON.stringify(settings);
      try {
        const next = settingsFor(options);
        site = siteFileOf(next.settings, next.configFile);
        // A broken config keeps the last good settings: its messages show in the overlay,
        // and the content is not reprocessed twice (once broken, once fixed).
        if (!hasError(site)) {
          settings = next.settings;
          checkSiteFile(settings, site);
        }
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        site = new VFile({path: site.path, cwd: settings.cwd});
        fatal(site, error.message, undefined, 'config');
      }
      if (JSON.stringify(settings) !== before) {
        try {
          await content.rescan(settings);
        } catch (error) {
          if (!(error instanceof UsageError)) throw error;
          content.clear(settings);
          fatal(site, error.message, undefined, 'config');
        }
      }
      await pages.load(settings);
      pages.invalidate();
      return {changed: [], everything: true};
    },
    stale: (paths) => content.stale(paths),
  };
}

/** The content side of the preview: each file's results, memoised by hash, and the core's site model over them. */
interface ContentState {
  /** Discovery problems, then every content file in `discover` order. */
  files(): VFile[];
  /** What the core's gate let through, as of the last change. */
  model(): SiteModel;
  /** Discover and check every file afresh (new settings). */
  rescan(settings: Settings): Promise<void>;
  /** Re-read the given absolute paths; returns the content paths (relative) that changed. */
  update(settings: Settings, paths: string[]): Promise<string[]>;
  /** Forget every file (the settings cannot be used). */
  clear(settings: Settings): void;
  /** Content paths whose size or time changed since they were read. */
  stale(paths: Iterable<string>): string[];
}

/** The content side, empty until its first `rescan`. */
function contentState(): ContentState {
  const entries = entryTable();
  let problems: VFile[] = [];
  let model: SiteModel = {files: [], views: [], published: [], drafts: []};
  /** The core's cross-file checks, gate and site model, over every file, with their earlier messages dropped first. */
  const crossCheck = (settings: Settings) => {
    const files = entries.sorted().map((entry) => {
      entry.file.messages.length = entry.own;
      return entry.file;
    });
    checkAcross(files, settings);
    model = siteModel(files, settings);
  };
  return {
    files: () => [...problems, ...entries.sorted().map((entry) => entry.file)],
    model: () => model,
    async rescan(settings) {
      const found = discover(settings);
      const fresh = entryTable();
      await refresh(settings, fresh, found.paths);
      problems = found.problems;
      entries.replace(fresh);
      crossCheck(settings);
    },
    async update(settings, paths) {
      // A removed folder takes its files with it; the watcher may report only the folder.
      const files = paths.flatMap((full) => (isContentPath(settings, full) ? [full] : fs.existsSync(full) ? [] : entries.keys().filter((key) => key.startsWith(full + path.sep))));
      const changed = await refresh(settings, entries, files);
      if (changed.length > 0) crossCheck(settings);
      return changed.map((full) => relativePath(settings, full));
    },
    clear(settings) {
      entries.clear();
      model = siteModel([], settings);
    },
    stale(paths) {
      const out: string[] = [];
      for (const full of paths) {
        const entry = entries.get(full);
        try {
          const stat = fs.statSync(full);
          if (!entry || entry.stamp !== `${stat.size}:${stat.mtimeMs}`) out.push(full);
        } catch {
          if (entry) out.push(full);
        }
      }
      return out;
    },
  };
}

/** The serving side of the preview: templates, and pages rendered from the site model when asked for. */
interface PageState {
  /** Files carrying template and rendering problems, when there are any. */
  problems(): VFile[];
  /** Load the templates (requests served meanwhile still see the old ones). */
  load(settings: Settings): Promise<void>;
  /** Forget rendered pages and rendering problems (something changed). */
  invalidate(): void;
  /** Whether a site path exists, without rendering it. */
  has(sitePath: string): boolean;
  /** The rendered file at a site path, or undefined. */
  page(sitePath: string): string | undefined;
}

/** The page side; `current` gives the settings, the site model and whether any file has an error, as of now. */
function pageState(cwd: string, current: () => {settings: Settings; model: SiteModel; failed: boolean}): PageState {
  let templates: Templates | undefined;
  let version = 0;
  let currentPlan: SitePlan | undefined;
  let pathSet: {plan: SitePlan; paths: Set<string>} | undefined;
  const rendered = new Map<string, string>();
  // Problems found while loading templates last until the next load; problems found while
  // rendering a page last until the next change, which may have fixed them.
  let templateProblems = new VFile({path: 'templates', cwd});
  let renderProblems = new VFile({path: 'templates', cwd});
  const dropRendered = () => {
    currentPlan = undefined;
    rendered.clear();
  };
  const ensurePlan = (): SitePlan | undefined => {
    if (currentPlan) return currentPlan;
    const {settings, model, failed} = current();
    if (!templates || failed) return undefined;
    try {
      // The site model's views only: whatever the rules said, a page shows what the gate let through.
      currentPlan = plan(model.views, settings, templates);
    } catch (error) {
      fatal(renderProblems, `Internal error in the render stage: ${error instanceof Error ? error.message : String(error)}`, undefined, 'internal', error);
    }
    return currentPlan;
  };
  return {
    problems: () => [templateProblems, renderProblems].filter((file) => file.messages.length > 0),
    async load(settings) {
      const found = new VFile({path: 'templates', cwd: settings.cwd});
      let loaded: Templates | undefined;
      try {
        loaded = await loadTemplates(settings, String(++version));
      } catch (error) {
        fatal(found, `Cannot load templates: ${error instanceof Error ? error.message : String(error)}`, undefined, 'template', error);
      }
      templates = loaded;
      templateProblems = found;
    },
    invalidate() {
      dropRendered();
      renderProblems = new VFile({path: 'templates', cwd});
    },
    has(sitePath) {
      const plan = ensurePlan();
      if (!plan) return false;
      if (pathSet?.plan !== plan) pathSet = {plan, paths: new Set(plan.paths)};
      return pathSet.paths.has(sitePath);
    },
    page(sitePath) {
      const cached = rendered.get(sitePath);
      if (cached !== undefined) return cached;
      const plan = ensurePlan();
      if (!plan) return undefined;
      let text: string | undefined;
      try {
        text = plan.file(sitePath);
      } catch (error) {
        // A template that throws on one page must not take the server down: the page
        // becomes the overlay until the template is fixed.
        fatal(renderProblems, `Cannot render \`${sitePath}\`: ${error instanceof Error ? error.message : String(error)}`, undefined, 'template', error);
        dropRendered();
        return undefined;
      }
      if (text !== undefined) rendered.set(sitePath, text);
      return text;
    },
  };
}

/** Settings for the preview, made where every command's are: drafts always shown, never an output folder written. */
function settingsFor(options: BuildOptions): {settings: Settings; configFile: VFile | undefined} {
  return loadSettings({...options, drafts: true});
}

/** The content entries by absolute path, and in `discover`'s order. */
interface EntryTable {
  /** The entry of an absolute path. */
  get(full: string): Entry | undefined;
  /** Add or update in place (so the cached order stays valid when no file came or went). */
  set(full: string, entry: Entry): void;
  /** Remove; true when there was an entry. */
  remove(full: string): boolean;
  /** Every path with an entry. */
  keys(): string[];
  /** Remove every entry. */
  clear(): void;
  /** Take over another table's entries. */
  replace(other: EntryTable): void;
  /** Entries in `discover` order, recomputed only when a file is added or removed. */
  sorted(): Entry[];
}

/** An empty table. */
function entryTable(): EntryTable {
  const entries = new Map<string, Entry>();
  let order: Entry[] | undefined;
  const table: EntryTable = {
    get: (full) => entries.get(full),
    set(full, entry) {
      entry.segments = full.split(path.sep);
      const previous = entries.get(full);
      if (previous) Object.assign(previous, entry);
      else {
        order = undefined;
        entries.set(full, entry);
      }
    },
    remove(full) {
      order = undefined;
      return entries.delete(full);
    },
    keys: () => [...entries.keys()],
    clear() {
      order = undefined;
      entries.clear();
    },
    replace(other) {
      table.clear();
      for (const entry of other.sorted()) entries.set(entry.full, entry);
    },
    sorted: () => (order ??= [...entries.values()].sort((a, b) => compareSegments(a.segments, b.segments))),
  };
  return table;
}

/** One content path as read: gone, unchanged, unreadable (its result made at once), or changed (its stages still to run). */
type Reading =
  | {kind: 'gone'; full: string}
  | {kind: 'same'; full: string; stamp: string}
  | {kind: 'unreadable'; full: string; hash: string; stamp: string; result: FileResult}
  | {kind: 'changed'; full: string; hash: string; stamp: string; bytes: Uint8Array};

/**
 * Read the paths and re-run the per-file stages of those whose bytes changed, all on the
 * workers under the time budget; the table changes only once every result is in (pages
 * served meanwhile show the previous site). Returns the paths that changed.
 */
async function refresh(settings: Settings, entries: EntryTable, paths: string[]): Promise<string[]> {
  const readings = paths.map((full) => readPath(settings, entries, full));
  const toRun = readings.filter((item) => item.kind === 'changed');
  const results = await processOnWorkers(settings, toRun.map(({full, bytes}) => ({full, bytes, key: undefined})));
  const resultOf = new Map(toRun.map((item, index) => [item, results[index]!]));
  const changed: string[] = [];
  for (const item of readings) {
    const previous = entries.get(item.full);
    if (item.kind === 'gone') {
      if (entries.remove(item.full)) changed.push(item.full);
    } else if (item.kind === 'same') {
      if (previous) previous.stamp = item.stamp;
    } else {
      const file = toFile(item.kind === 'changed' ? resultOf.get(item)! : item.result, settings.cwd);
      if (item.kind === 'changed' || previous?.hash !== item.hash) changed.push(item.full);
      entries.set(item.full, {full: item.full, segments: [], hash: item.hash, stamp: item.stamp, file, own: file.messages.length});
    }
  }
  return changed;
}

/** Read one content path: gone, unchanged, unreadable or changed. */
function readPath(settings: Settings, entries: EntryTable, full: string): Reading {
  let stamp = 'unreadable';
  try {
    const stat = fs.statSync(full);
    if (!stat.isFile()) return {kind: 'gone', full};
    stamp = `${stat.size}:${stat.mtimeMs}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {kind: 'gone', full};
  }
  // Checked exactly as `discover` checks what a build reads: a link out of the content
  // folder, added while the preview runs, is refused, not served.
  const read = linkProblem(settings, full) ?? readContent(full);
  // The load stage says why the file cannot be read: no worker needed.
  if (!('bytes' in read)) return {kind: 'unreadable', full, hash: `unreadable:${stamp}`, stamp, result: processFile(settings, full, read)};
  const hash = createHash('sha1').update(read.bytes).digest('hex');
  if (entries.get(full)?.hash === hash) return {kind: 'same', full, stamp};
  return {kind: 'changed', full, hash, stamp, bytes: read.bytes};
}

/** Whether a path is one `discover` would list: a `.md` file inside the content folder, no dot-folders. */
export function isContentPath(settings: Settings, full: string): boolean {
  const rel = path.relative(settings.content, full);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
  return full.toLowerCase().endsWith('.md') && !rel.split(path.sep).some((segment) => segment.startsWith('.'));
}

/** `discover`'s order: folder by folder, names in code-unit order. */
function compareSegments(a: string[], b: string[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    if (a[index] !== b[index]) return a[index]! < b[index]! ? -1 : 1;
  }
  return a.length - b.length;
}
