/**
 * The pipeline, written once:
 *
 *   load → parse → extract → validate → transform   per file (process-file.ts), on worker
 *                                                    threads and from the cache (process-all.ts)
 *   → validate across files → render → write         once for the site
 *
 * The site is rendered and written only when no file has an error, so a failed build
 * writes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import {VFile} from 'vfile';
import {UsageError, type Settings} from '../config.js';
import {isPublic} from '../classification.js';
import {checkSiteTexts} from '../gate/site-texts.js';
import {fatal, hasError} from '../messages.js';
import {loadTemplates} from '../templates.js';
import type {MeetingSummary} from '../view.js';
import {discover} from './load.js';
import {processAll} from './process-all.js';
import {join, split, summaryOf} from './bodies.js';
import {CacheContentStore, ContentReader, MemoryContentStore, type ContentRef, type ContentStore} from './content-store.js';
import {incremental, type IncrementalSite} from './incremental.js';
import {toFile} from './process-file.js';
import {validateAll} from './validate.js';
import {pages, RenderError, type SitePlan} from './render.js';
import {openCache} from './cache.js';
import {prepareArchive, type PreparedArchive} from '../search.js';
import {writeSite, checkOutput, clearWorkFolders} from './write.js';
import type {OnProgress} from '../progress.js';


/** What a run produced. */
export interface RunResult {
  /** Every file with its messages: content files, and the config or site file with site-wide notes. */
  files: VFile[];
  /** Site paths written (empty for `check` or a failed build). */
  written: string[];
  /** Site paths whose bytes changed. */
  changed: string[];
  /** The meetings published, as `GROUP number`. */
  published: string[];
  /** Files whose per-file results came from the cache. */
  reused: number;
}

/** How a run is asked for. */
export interface RunOptions {
  /** Write the site (`build`), or only check (`check`). */
  write: boolean;
  /** The config file, for the messages about it. */
  configFile: VFile | undefined;
  /** The output folder is a private one, removed after use (`opsg pdf --drafts`): it is not marked. */
  privateOut?: boolean;
  /** Called as files are checked and pages written, for a progress display. */
  onProgress?: OnProgress;
}

/** Check the content and, when `write` is set and nothing failed, build the site. */
export async function run(settings: Settings, options: RunOptions): Promise<RunResult> {
  if (options.write) checkOutput(settings);
  // Without a cache, meetings' content waits in memory (content-store.ts); the work folders
  // that killed builds of earlier versions kept it in are removed.
  if (options.write && !settings.cache) clearWorkFolders();
  return stages(settings, options, settings.cache !== undefined);
}

async function stages(settings: Settings, options: RunOptions, keepCache: boolean): Promise<RunResult> {
  const siteFile = options.configFile ?? new VFile({path: 'opsg.config.json', cwd: settings.cwd});
  const {paths, problems} = discover(settings);
  // The config's texts are on every page: the gate reads them as it reads a document, and
  // when they fail nothing is stored, not even in the cache.
  checkSiteTexts(settings, siteFile);
  // `check` reads the cache but never writes it: it writes nothing at all.
  const onProgress = options.onProgress;
  const {results, keys, reused, refs: stored} = await processAll(settings, paths, {store: options.write && !hasError(siteFile), ...(onProgress ? {onFiles: (done: number) => onProgress({stage: 'check', done, total: paths.length})} : {})});
  const files = results.map((result) => toFile(result, settings.cwd));
  validateAll(files, settings);
  for (const file of files) {
    if (!hasError(file) && file.data.meeting?.status === 'draft' && !settings.drafts) {
      file.data.excluded = 'draft';
      file.info('Left out: `status: draft` (use --drafts to include drafts)', {place: file.data.frontMatter?.valuePositions.status, ruleId: 'draft', source: 'opsg'});
    }
  }
  const all = [...problems, ...files, siteFile];
  const result: RunResult = {files: all, written: [], changed: [], published: [], reused};
  if (all.some(hasError)) return result;
  // The gate, once more, at the last point before rendering: whatever the rules said,
  // only a White document reaches a page.
  const publishable = files.filter((file) => file.data.meeting && file.data.view && file.data.excluded === undefined && isPublic(file.data.meeting.classification));
  result.published = publishable.map((file) => `${file.data.meeting!.group} ${file.data.meeting!.number}`);
  const outName = path.relative(settings.cwd, settings.out) || settings.out;
  const heldDrafts = fs.existsSync(path.join(settings.out, draftsMarker));
  if (!options.write) {
    if (heldDrafts) {
      const out = new VFile({path: outName, cwd: settings.cwd});
      out.message(`\`${outName}\` holds a drafts build (\`opsg build --drafts\`) with draft meetings in it: run \`opsg build\` before publishing it`, {ruleId: 'drafts-build', source: 'opsg'});
      result.files.push(out);
    }
    return result;
  }
  const drafts = publishable.filter((file) => file.data.meeting!.status === 'draft');

  // Each meeting as its summary; its content in the content store, under its file's ref:
  // the cache entry the per-file stages wrote, else kept here.
  const cache = openCache(settings);
  const contents: ContentStore = cache ? new CacheContentStore(settings, cache) : new MemoryContentStore();
  const publishing = new Set(publishable);
  const refs = new Map<string, ContentRef>();
  const views: MeetingSummary[] = [];
  files.forEach((file, index) => {
    if (!publishing.has(file)) return;
    const view = file.data.view!;
    const source = results[index]!.path;
    const ref = stored[index] ?? {key: keys[index] ?? source, source};
    if (stored[index]) {
      views.push(summaryOf(view));
    } else {
      const {summary, body} = split(view);
      contents.set(ref, body);
      views.push(summary);
    }
    refs.set(view.path, ref);
  });
  let templates;
  try {
    templates = await loadTemplates(settings);
  } catch (error) {
    fatal(siteFile, `Cannot load templates: ${error instanceof Error ? error.message : String(error)}`, undefined, 'template', error);
    return result;
  }
  // A meeting is made from its file's bytes and the settings alone: its cache key names it.
  const meetingKey = cache ? (meeting: MeetingSummary) => refs.get(meeting.path)!.key : undefined;
  const parts = cache && keepCache ? {get: (key: string) => cache.text(key), set: (key: string, value: string) => cache.setText(key, value)} : undefined;
  const reader = new ContentReader(contents, refs);
  let site: IncrementalSite;
  try {
    // Threads and the search index: made once from the published meetings, kept in the cache.
    const archive: PreparedArchive = await prepareArchive(views, settings, {meetingKey: meetingKey ?? ((meeting) => JSON.stringify(meeting)), full: (meeting) => join(meeting, reader.hold(meeting)), store: parts});
    const laid = pages({meetings: views, settings, templates, content: (meeting) => reader.take(meeting), archive});
    for (const note of laid.notes) siteFile.info(note, {ruleId: 'site', source: 'opsg'});
    site = incremental(laid, {meetingKey, reuse: parts && cache ? {parts, previous: cache.manifest(), also: archive.storeKeys} : undefined});
  } catch (error) {
    fatal(siteFile, `Cannot render the site: ${error instanceof Error ? error.message : String(error)} (rerun with --debug for the stack)`, undefined, 'internal', error);
    return result;
  }
  let written;
  try {
    written = writeSite(settings, counted(site, onProgress));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if (error instanceof RenderError) {
      fatal(siteFile, `${error.message} (rerun with --debug for the stack)`, undefined, 'internal', error.cause);
      return result;
    }
    // A full disk or a failing device: the message belongs to the output folder, and the
    // previous site is still there (write.ts swaps only a complete one in).
    const out = new VFile({path: path.relative(settings.cwd, settings.out) || settings.out, cwd: settings.cwd});
    const code = (error as NodeJS.ErrnoException).code;
    fatal(out, `Cannot write the site: ${code === 'ENOSPC' ? 'no space left on the device' : error instanceof Error ? error.message : String(error)}; the previous site is unchanged`, undefined, 'write', error);
    result.files.push(out);
    return result;
  }
  // Remembered for the next build, and so that entries no build uses any more are removed.
  // The parts of every file count as used, also those of files kept without rendering.
  if (keepCache && cache) cache.saveManifest(site.manifest(written), {results: keys.filter((key) => key !== undefined), parts: site.partKeys()});
  result.written = written.written;
  result.changed = written.changed;
  // Only an explicit drafts build puts drafts in the site folder, and it says so there, so
  // that `opsg check` and the next build can warn before anyone uploads it.
  if (drafts.length > 0 && !options.privateOut) {
    fs.writeFileSync(path.join(settings.out, draftsMarker), `This folder was built with --drafts and holds ${drafts.length} draft meeting${drafts.length === 1 ? '' : 's'}: do not publish it; run \`opsg build\` for the public site.\n`);
    siteFile.message(`\`${outName}\` is a drafts build with ${drafts.length} draft meeting${drafts.length === 1 ? '' : 's'} (${drafts.map((file) => `${file.data.meeting!.group} ${file.data.meeting!.number}`).join(', ')}): do not publish it; run \`opsg build\` for the public site`, {ruleId: 'drafts-build', source: 'opsg'});
  } else if (heldDrafts) {
    siteFile.info(`\`${outName}\` held a drafts build; it now holds final meetings only`, {ruleId: 'drafts-build', source: 'opsg'});
  }
  return result;
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

/** The file that marks a site folder built with drafts in it. */
export const draftsMarker = '.opsg-drafts';
