/**
 * The site core, the one path from content to pages that `build`, `check` and `preview`
 * all take:
 *
 *   discover → per-file stages → cross-file checks → publish gate → site model → pages
 *
 * Each stage is one function here. A build runs them all through `checkSite` and then
 * `renderAndWrite`; the preview calls the same cross-file checks, gate and site model over
 * the files it keeps in memory, and adds only watching and serving.
 */
import type {VFile} from 'vfile';
import type {Settings} from '../config.js';
import {isPublic} from '../classification.js';
import {checkSiteTexts} from '../gate/site-texts.js';
import {hasError} from '../messages.js';
import type {MeetingView} from '../view.js';
import type {OnProgress} from '../progress.js';
import {discover, siteFileOf} from './load.js';
import {processAll} from './process-all.js';
import {toFile} from './process-file.js';
import {validateAll} from './validate.js';
import type {ContentRef} from './content-store.js';

export {siteFileOf};

/** The content files after their own stages, with what a build needs to find their cached parts again. */
export interface CheckedFiles {
  /** One vfile per content path, in discovery order, carrying its messages and data. */
  files: VFile[];
  /** Each file's cache key (with a cache), in the same order. */
  keys: Array<string | undefined>;
  /** How many files' results came from the cache. */
  reused: number;
  /** Where the content of each view reduced to a summary is kept, in the files' order (undefined for a view kept whole). */
  refs: Array<ContentRef | undefined>;
  /** Each file's path relative to the working folder, in the same order. */
  sources: string[];
}

/** What the gate lets through, ready to render. */
export interface SiteModel {
  /** The files whose meetings are published, in discovery order. */
  files: VFile[];
  /** Their views, in the same order. */
  views: MeetingView[];
  /** The meetings published, as `GROUP number`. */
  published: string[];
  /** The draft meetings among them, as `GROUP number` (only with `drafts`). */
  drafts: string[];
}

/** Everything the checking stages found. */
export interface CheckedSite extends CheckedFiles {
  /** The file that carries site-wide messages: the config file, or one named like it. */
  siteFile: VFile;
  /** Files that could not be listed or read as content (discovery's problems). */
  problems: VFile[];
  /** What passed the gate. */
  model: SiteModel;
}

/** How `checkSite` is asked for. */
export interface CheckOptions {
  /** The config file, for the messages about it. */
  configFile: VFile | undefined;
  /** Write new per-file results to the cache (a build does; `check` writes nothing). */
  store: boolean;
  /** Called as files are checked, for a progress display. */
  onProgress?: OnProgress;
}

/** Every stage up to the site model, for a build or a check. */
export async function checkSite(settings: Settings, options: CheckOptions): Promise<CheckedSite> {
  const siteFile = siteFileOf(settings, options.configFile);
  const {paths, problems} = discover(settings);
  checkSiteFile(settings, siteFile);
  // When the config's own texts fail, nothing is stored, not even in the cache.
  const checked = await checkEachFile(settings, paths, {store: options.store && !hasError(siteFile), ...(options.onProgress ? {onProgress: options.onProgress} : {})});
  checkAcross(checked.files, settings);
  return {...checked, siteFile, problems, model: siteModel(checked.files, settings)};
}

/**
 * The config's texts are on every page: the gate reads them as it reads a document, and
 * their problems go on the site file.
 */
export function checkSiteFile(settings: Settings, siteFile: VFile): void {
  checkSiteTexts(settings, siteFile);
}

/** The per-file stages for every content path: from the cache where it matches, else on the workers under the time budget. */
export async function checkEachFile(settings: Settings, paths: string[], options: {store: boolean; onProgress?: OnProgress}): Promise<CheckedFiles> {
  const onProgress = options.onProgress;
  const onFiles = onProgress ? {onFiles: (done: number) => onProgress({stage: 'check', done, total: paths.length})} : {};
  const {results, keys, reused, refs} = await processAll(settings, paths, {store: options.store, ...onFiles});
  return {files: results.map((result) => toFile(result, settings.cwd)), keys, reused, refs, sources: results.map((result) => result.path)};
}

/** The rules that look across files (duplicates, order, next-meeting dates), over every file. */
export function checkAcross(files: VFile[], settings: Settings): void {
  validateAll(files, settings);
}

/**
 * The publish gate, the last point before anything is rendered: drafts are left out (with
 * an information message) unless `drafts` is set, and whatever the rules said or were
 * configured to say, only a White document without errors reaches a page.
 */
export function gate(files: VFile[], settings: Settings): VFile[] {
  for (const file of files) {
    // Run again over the same files (the preview), a draft is judged afresh.
    if (file.data.excluded === 'draft') delete file.data.excluded;
    if (!hasError(file) && file.data.meeting?.status === 'draft' && !settings.drafts) {
      file.data.excluded = 'draft';
      file.info('Left out: `status: draft` (use --drafts to include drafts)', {place: file.data.frontMatter?.valuePositions.status, ruleId: 'draft', source: 'opsg'});
    }
  }
  return files.filter(publishable);
}

/** Whether one file may be published: checked without error, not left out, and White. */
export function publishable(file: VFile): boolean {
  const meeting = file.data.meeting;
  return meeting !== undefined && file.data.view !== undefined && file.data.excluded === undefined && !hasError(file) && isPublic(meeting.classification);
}

/** The site model: what the gate lets through, as the views pages are made from. */
export function siteModel(files: VFile[], settings: Settings): SiteModel {
  const passed = gate(files, settings);
  const name = (file: VFile) => `${file.data.meeting!.group} ${file.data.meeting!.number}`;
  return {
    files: passed,
    views: passed.map((file) => file.data.view!),
    published: passed.map(name),
    drafts: passed.filter((file) => file.data.meeting!.status === 'draft').map(name),
  };
}
