/**
 * A run of the site core (core.ts) for `build` and `check`:
 *
 *   discover → per-file stages → cross-file checks → publish gate → site model   core.ts
 *   → pages (render and write)                                                   pages.ts
 *
 * The site is rendered and written only when no file has an error, so a failed build
 * writes nothing. What is left here is what only a build does around the core: the
 * check of the output folder, the marker of a drafts build, and the build in which
 * nothing changed (unchanged.ts), which skips the core and loads none of it.
 */
import fs from 'node:fs';
import path from 'node:path';
import {VFile} from 'vfile';
import type {Settings} from '../config.js';
import {hasError, messageData} from '../messages.js';
import type {OnProgress} from '../progress.js';
import type {CheckedSite} from './core.js';
import type {PagesInput} from './pages.js';
import {unchangedRun} from './unchanged.js';
import {checkOutput, clearWorkFolders} from './write.js';

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
  /** Content files whose meeting was read (the others failed before that). */
  checked: number;
  /** True when nothing changed since the last build: its report is given again, and nothing was read but file stats (unchanged.ts). The files then carry their messages, not their data. */
  unchanged: boolean;
}

/** How a run is asked for. */
export interface RunOptions {
  /** Write the site (`build`), or only check (`check`). */
  write: boolean;
  /** The config file, for the messages about it. */
  configFile: VFile | undefined;
  /** For `check`: only the report is wanted, which a check in which nothing changed gives from the last build's record. */
  reportOnly?: boolean;
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
  // A private output folder is not the one the cache's manifest is about.
  const kept = options.privateOut || !(options.write || options.reportOnly) ? undefined : unchangedRun(settings, options.configFile, options.write);
  if (kept && !options.write) noteHeldDrafts(settings, kept);
  return kept ?? stages(settings, options, settings.cache !== undefined);
}

async function stages(settings: Settings, options: RunOptions, keepCache: boolean): Promise<RunResult> {
  const onProgress = options.onProgress;
  // Loaded only now: a build in which nothing changed needs none of the core, and `check` no rendering.
  const {checkSite} = await import('./core.js');
  const own = options.configFile?.messages.length ?? 0;
  // `check` reads the cache but never writes it: it writes nothing at all.
  const site = await checkSite(settings, {configFile: options.configFile, store: options.write, ...(onProgress ? {onProgress} : {})});
  const all = [...site.problems, ...site.files, site.siteFile];
  const result: RunResult = {files: all, written: [], changed: [], published: [], reused: site.reused, checked: site.files.filter((file) => file.data.meeting).length, unchanged: false};
  if (all.some(hasError)) return result;
  result.published = site.model.published;
  if (!options.write) {
    noteHeldDrafts(settings, result);
    return result;
  }
  const outName = path.relative(settings.cwd, settings.out) || settings.out;
  const heldDrafts = fs.existsSync(path.join(settings.out, draftsMarker));
  const report = recordable(site, options) ? {run: runReport(site, own, result.checked)} : {};
  const {renderAndWrite} = await import('./pages.js');
  const pages = await renderAndWrite(settings, {siteFile: site.siteFile, model: site.model, checked: site, keepCache, ...report, ...(onProgress ? {onProgress} : {})});
  if (pages.outFile) result.files.push(pages.outFile);
  if (!pages.ok) return result;
  result.written = pages.written;
  result.changed = pages.changed;
  markDrafts(settings, site, {outName, heldDrafts, privateOut: options.privateOut ?? false});
  return result;
}

/**
 * Whether the run's report can stand for a later build in which nothing changed: every
 * file found and keyed, no draft published (a drafts build marks its folder), and the
 * output folder the cache's manifest is about.
 */
function recordable(site: CheckedSite, options: RunOptions): boolean {
  return site.problems.length === 0 && site.model.drafts.length === 0 && !options.privateOut && site.keys.every((key) => key !== undefined);
}

/** The run's report so far, and every content file by path and cache key. */
function runReport(site: CheckedSite, own: number, checked: number): NonNullable<PagesInput['run']> {
  return {
    items: site.sources.map((source, at) => [source, site.keys[at]!]),
    files: site.files.map((file) => ({path: file.path, messages: messageData(file.messages)})),
    site: messageData(site.siteFile.messages.slice(own)),
    published: site.model.published,
    checked,
  };
}

/** For `check`: the output folder holds a drafts build, which must not be published as it is. */
function noteHeldDrafts(settings: Settings, result: RunResult): void {
  if (!fs.existsSync(path.join(settings.out, draftsMarker))) return;
  const outName = path.relative(settings.cwd, settings.out) || settings.out;
  const out = new VFile({path: outName, cwd: settings.cwd});
  out.message(`\`${outName}\` holds a drafts build (\`opsg build --drafts\`) with draft meetings in it: run \`opsg build\` before publishing it`, {ruleId: 'drafts-build', source: 'opsg'});
  result.files.push(out);
}

/**
 * Only an explicit drafts build puts drafts in the site folder, and it says so there, so
 * that `opsg check` and the next build can warn before anyone uploads it.
 */
function markDrafts(settings: Settings, site: CheckedSite, where: {outName: string; heldDrafts: boolean; privateOut: boolean}): void {
  const drafts = site.model.drafts;
  const {outName} = where;
  if (drafts.length > 0 && !where.privateOut) {
    fs.writeFileSync(path.join(settings.out, draftsMarker), `This folder was built with --drafts and holds ${drafts.length} draft meeting${drafts.length === 1 ? '' : 's'}: do not publish it; run \`opsg build\` for the public site.\n`);
    site.siteFile.message(`\`${outName}\` is a drafts build with ${drafts.length} draft meeting${drafts.length === 1 ? '' : 's'} (${drafts.join(', ')}): do not publish it; run \`opsg build\` for the public site`, {ruleId: 'drafts-build', source: 'opsg'});
  } else if (where.heldDrafts) {
    site.siteFile.info(`\`${outName}\` held a drafts build; it now holds final meetings only`, {ruleId: 'drafts-build', source: 'opsg'});
  }
}

/** The file that marks a site folder built with drafts in it. */
export const draftsMarker = '.opsg-drafts';
