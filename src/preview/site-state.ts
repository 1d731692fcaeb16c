/**
 * The preview's site, kept in memory and brought up to date one changed file at a time.
 *
 * Each content file keeps the result of its own stages (load → parse → extract → validate
 * → transform) together with a hash of its bytes: a save re-runs those stages for that
 * file only, and a write that leaves the bytes unchanged (editors often save twice) costs
 * one read. The cross-file rules run again over the cached files on every change (they
 * are cheap), and pages are rendered only when a browser asks for one (see `site`).
 * A template or config change reloads everything.
 */
import fs from 'node:fs';
import path from 'node:path';
import {createHash} from 'node:crypto';
import {VFile} from 'vfile';
import {readConfig, resolveSettings, UsageError, type BuildOptions, type Settings} from '../config.js';
import {fatal, hasError} from '../messages.js';
import {loadTemplates, type Templates} from '../templates.js';
import {discover, linkProblem, readContent, relativePath, type ContentRead} from '../pipeline/load.js';
import {validateAll} from '../pipeline/validate.js';
import {processFile, toFile} from '../pipeline/process-file.js';
import {plan, type SitePlan} from '../pipeline/render.js';
import type {MeetingView} from '../view.js';

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
  /** The view model, when the file is publishable. */
  view: MeetingView | undefined;
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
  updateContent(paths: Iterable<string>): Update;
  /** Re-read the config and templates; content is reprocessed only when settings changed. */
  reload(): Promise<Update>;
  /** Content paths whose size or time changed since they were read (a write still in progress). */
  stale(paths: Iterable<string>): string[];
}

/** Build the in-memory site once; `UsageError`s at this point are the caller's to report. */
export async function createSiteState(options: BuildOptions): Promise<SiteState> {
  let {settings, configFile} = settingsFor(options);
  let site = configFile ?? new VFile({path: 'opsg.config.json', cwd: settings.cwd});
  let problems: VFile[] = [];
  const entries = new Map<string, Entry>();
  let templates: Templates | undefined;
  let templateVersion = 0;
  let currentPlan: SitePlan | undefined;
  let pathSet: {plan: SitePlan; paths: Set<string>} | undefined;
  const rendered = new Map<string, string>();

  // Entries in `discover` order, recomputed only when a file is added or removed.
  let order: Entry[] | undefined;
  const set = (full: string, entry: Entry) => {
    entry.segments = full.split(path.sep);
    const previous = entries.get(full);
    // Updated in place, so the cached order stays valid when no file came or went.
    if (previous) Object.assign(previous, entry);
    else {
      order = undefined;
      entries.set(full, entry);
    }
  };
  const remove = (full: string): boolean => {
    order = undefined;
    return entries.delete(full);
  };
  const sorted = (): Entry[] => (order ??= [...entries.values()].sort((a, b) => compareSegments(a.segments, b.segments)));

  // Problems found while loading templates last until the next load; problems found while
  // rendering a page last until the next change, which may have fixed them.
  let templateProblems = new VFile({path: 'templates', cwd: settings.cwd});
  let renderProblems = new VFile({path: 'templates', cwd: settings.cwd});
  const dropRendered = () => {
    currentPlan = undefined;
    rendered.clear();
  };
  const invalidate = () => {
    dropRendered();
    renderProblems = new VFile({path: 'templates', cwd: settings.cwd});
  };

  const rescan = () => {
    entries.clear();
    order = undefined;
    const found = discover(settings);
    problems = found.problems;
    for (const full of found.paths) refresh(full);
  };

  /** Read one path and re-run its stages when its bytes changed; true when something changed. */
  const refresh = (full: string): boolean => {
    const previous = entries.get(full);
    let stamp = 'unreadable';
    try {
      const stat = fs.statSync(full);
      if (!stat.isFile()) return remove(full);
      stamp = `${stat.size}:${stat.mtimeMs}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return remove(full);
    }
    // Checked exactly as `discover` checks what a build reads: a link out of the content
    // folder, added while the preview runs, is refused, not served.
    const read = linkProblem(settings, full) ?? readContent(full);
    if (!('bytes' in read)) {
      // The load stage says why the file cannot be read.
      const key = `unreadable:${stamp}`;
      set(full, {full, segments: [], hash: key, stamp, ...stages(full, read, settings)});
      return previous?.hash !== key;
    }
    const hash = createHash('sha1').update(read.bytes).digest('hex');
    if (previous && previous.hash === hash) {
      previous.stamp = stamp;
      return false;
    }
    set(full, {full, segments: [], hash, stamp, ...stages(full, read, settings)});
    return true;
  };

  /** The cross-file rules, over every file, with their earlier messages dropped first. */
  const crossCheck = () => {
    const files = sorted().map((entry) => {
      entry.file.messages.length = entry.own;
      return entry.file;
    });
    validateAll(files, settings);
  };

  const loadSiteTemplates = async () => {
    // Requests served while the new templates load still see the old ones.
    const found = new VFile({path: 'templates', cwd: settings.cwd});
    let loaded: Templates | undefined;
    try {
      loaded = await loadTemplates(settings, String(++templateVersion));
    } catch (error) {
      fatal(found, `Cannot load templates: ${error instanceof Error ? error.message : String(error)}`, undefined, 'template', error);
    }
    templates = loaded;
    templateProblems = found;
  };

  const currentFiles = () => [...problems, ...sorted().map((entry) => entry.file), site, templateProblems, renderProblems].filter((file, index, all) => index < all.length - 2 || file.messages.length > 0);

  const ensurePlan = (): SitePlan | undefined => {
    if (currentPlan) return currentPlan;
    if (!templates || currentFiles().some(hasError)) return undefined;
    const views = sorted().flatMap((entry) => (entry.view ? [entry.view] : []));
    try {
      currentPlan = plan(views, settings, templates);
    } catch (error) {
      fatal(renderProblems, `Internal error in the render stage: ${error instanceof Error ? error.message : String(error)}`, undefined, 'internal', error);
    }
    return currentPlan;
  };

  rescan();
  crossCheck();
  await loadSiteTemplates();

  return {
    get settings() {
      return settings;
    },
    files: currentFiles,
    failed: () => currentFiles().some(hasError),
    has: (sitePath) => {
      const current = ensurePlan();
      if (!current) return false;
      if (pathSet?.plan !== current) pathSet = {plan: current, paths: new Set(current.paths)};
      return pathSet.paths.has(sitePath);
    },
    page(sitePath) {
      const cached = rendered.get(sitePath);
      if (cached !== undefined) return cached;
      const current = ensurePlan();
      if (!current) return undefined;
      let text: string | undefined;
      try {
        text = current.file(sitePath);
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
    updateContent(paths) {
      const changed: string[] = [];
      for (const full of paths) {
        if (isContentPath(settings, full)) {
          if (refresh(full)) changed.push(relativePath(settings, full));
        } else if (!fs.existsSync(full)) {
          // A removed folder takes its files with it; the watcher may report only the folder.
          for (const inner of [...entries.keys()].filter((key) => key.startsWith(full + path.sep))) {
            remove(inner);
            changed.push(relativePath(settings, inner));
          }
        }
      }
      if (changed.length > 0) {
        crossCheck();
        invalidate();
      }
      return {changed, everything: false};
    },
    async reload() {
      const before = JSON.stringify(settings);
      try {
        const next = settingsFor(options);
        site = next.configFile ?? new VFile({path: 'opsg.config.json', cwd: settings.cwd});
        // A broken config keeps the last good settings: its messages show in the overlay,
        // and the content is not reprocessed twice (once broken, once fixed).
        if (!hasError(site)) settings = next.settings;
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        site = new VFile({path: site.path, cwd: settings.cwd});
        fatal(site, error.message, undefined, 'config');
      }
      if (JSON.stringify(settings) !== before) {
        try {
          rescan();
          crossCheck();
        } catch (error) {
          if (!(error instanceof UsageError)) throw error;
          entries.clear();
          fatal(site, error.message, undefined, 'config');
        }
      }
      await loadSiteTemplates();
      invalidate();
      return {changed: [], everything: true};
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

/** Settings for the preview: drafts always shown, never an output folder written. */
function settingsFor(options: BuildOptions): {settings: Settings; configFile: VFile | undefined} {
  const cwd = options.cwd ?? process.cwd();
  const {file, config} = readConfig(cwd, options.config);
  return {settings: resolveSettings({...options, drafts: true}, config, file?.path), configFile: file};
}

/** The per-file stages, the very function a build runs, for one file. */
function stages(full: string, read: ContentRead, settings: Settings): Pick<Entry, 'file' | 'own' | 'view'> {
  const file = toFile(processFile(settings, full, read), settings.cwd);
  return {file, own: file.messages.length, view: file.data.view};
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
