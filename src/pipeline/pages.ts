/**
 * The last stage of a build: the site model's views become pages, written to the output
 * folder. Threads and the search index are prepared from the published meetings, the
 * pages are planned and rendered (reusing parts kept in the cache when that is safe), the
 * folder is swapped in whole, and the cache's manifest is saved for the next build.
 */
import path from 'node:path';
import {VFile} from 'vfile';
import {UsageError, type Settings} from '../config.js';
import {fatal} from '../messages.js';
import {loadTemplates} from '../templates.js';
import type {MeetingView} from '../view.js';
import type {OnProgress} from '../progress.js';
import {withBody} from './bodies.js';
import {plan, RenderError, type SitePlan} from './render.js';
import {openCache} from './cache.js';
import {prepareArchive, type PreparedArchive} from '../search.js';
import {writeSite} from './write.js';
import type {CheckedFiles} from './core.js';

/** What `renderAndWrite` needs: the views to publish, and the checked files they came from. */
export interface PagesInput {
  /** The file site-wide messages go on (templates, rendering, notes). */
  siteFile: VFile;
  /** The site model's views, in order. */
  views: MeetingView[];
  /** The checked content files with their cache keys and content references. */
  checked: CheckedFiles;
  /** Whether the cache is the user's own, kept between builds (not a temporary folder). */
  keepCache: boolean;
  /** Called as pages are written, for a progress display. */
  onProgress?: OnProgress;
}

/** What rendering and writing gave. */
export interface PagesResult {
  /** Whether the site was written; when not, the messages say why. */
  ok: boolean;
  /** Site paths written. */
  written: string[];
  /** Site paths whose bytes changed. */
  changed: string[];
  /** The output folder, carrying why it could not be written, when that is the reason. */
  outFile: VFile | undefined;
}

/** Render the views into pages and write them; problems become fatal messages, never throws but for `UsageError`. */
export async function renderAndWrite(settings: Settings, input: PagesInput): Promise<PagesResult> {
  const {siteFile, views, checked: {files, keys, refs}, keepCache, onProgress} = input;
  const failed: PagesResult = {ok: false, written: [], changed: [], outFile: undefined};
  // A view is made from its file's bytes and the settings alone: the cache key names it.
  const viewKeys = new Map<MeetingView, string>();
  files.forEach((file, index) => {
    if (file.data.view && keys[index]) viewKeys.set(file.data.view, keys[index]);
  });
  let templates;
  try {
    templates = await loadTemplates(settings);
  } catch (error) {
    fatal(siteFile, `Cannot load templates: ${error instanceof Error ? error.message : String(error)}`, undefined, 'template', error);
    return failed;
  }
  // Templates a site owner wrote may show any meeting on any page: only the built-in ones
  // are known to show no more than the keys say.
  const cache = openCache(settings);
  const reuse = keepCache && cache !== undefined && views.every((view) => viewKeys.has(view)) && !templates.overridden;
  // A meeting's page and its print page are written one after the other: read its content once.
  let last: {view: MeetingView; full: MeetingView} | undefined;
  const full = (view: MeetingView) => {
    const ref = refs.get(view);
    if (!ref || !cache) return view;
    if (last?.view !== view) last = {view, full: withBody(settings, cache, view, ref)};
    return last.full;
  };
  let site: SitePlan;
  const viewKey = (view: MeetingView) => viewKeys.get(view) ?? JSON.stringify(view);
  const store = reuse ? {get: (key: string) => cache.text(key), set: (key: string, value: string) => cache.setText(key, value)} : undefined;
  try {
    // Threads and the search index: made once from the published meetings, kept in the cache.
    const archive: PreparedArchive = await prepareArchive(views, settings, {viewKey, full, store});
    site = plan(views, settings, templates, {viewKey, store, full, archive});
  } catch (error) {
    fatal(siteFile, `Cannot render the site: ${error instanceof Error ? error.message : String(error)} (rerun with --debug for the stack)`, undefined, 'internal', error);
    return failed;
  }
  for (const note of site.notes) siteFile.info(note, {ruleId: 'site', source: 'opsg'});
  let written;
  try {
    written = writeSite(settings, counted(reuse ? site : {paths: site.paths, file: site.file, parts: site.parts}, onProgress), reuse ? cache.manifest() : {});
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if (error instanceof RenderError) {
      fatal(siteFile, `${error.message} (rerun with --debug for the stack)`, undefined, 'internal', error.cause);
      return failed;
    }
    // A full disk or a failing device: the message belongs to the output folder, and the
    // previous site is still there (write.ts swaps only a complete one in).
    const out = new VFile({path: path.relative(settings.cwd, settings.out) || settings.out, cwd: settings.cwd});
    const code = (error as NodeJS.ErrnoException).code;
    fatal(out, `Cannot write the site: ${code === 'ENOSPC' ? 'no space left on the device' : error instanceof Error ? error.message : String(error)}; the previous site is unchanged`, undefined, 'write', error);
    return {...failed, outFile: out};
  }
  // Remembered for the next build, and so that entries no build uses any more are removed.
  // The parts of every file count as used, also those of files kept without rendering.
  if (keepCache && cache) cache.saveManifest(reuse ? written.manifest : {}, {results: keys.filter((key) => key !== undefined), parts: reuse ? site.paths.flatMap(site.partKeys) : []});
  return {ok: true, written: written.written, changed: written.changed, outFile: undefined};
}

/** The site as `writeSite` takes it, counting each page it renders for a progress display. */
function counted<T extends {paths: string[]; file: SitePlan['file']; parts?: SitePlan['parts']}>(site: T, onProgress: OnProgress | undefined): T {
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
