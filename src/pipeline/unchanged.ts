/**
 * A build in which nothing changed, told from file stats alone. Each build that writes the
 * site records, in its manifest, a digest of every input and what the run reported. The
 * next build stats the content files against the stat index (stat-index.ts, which also
 * says how an edit that keeps a file's size and time is caught), reads the templates'
 * sources, and compares the output folder with the manifest. When all of that is as the
 * last build left it, the run's report is given again and nothing is read, parsed,
 * rendered or written: the per-file stages, rendering and their modules are not loaded.
 *
 * The record is part of the manifest, written in the same atomic write as the list of
 * files it describes, so it never stands for another build's output.
 */
import {createHash} from 'node:crypto';
import {VFile} from 'vfile';
import type {Settings} from '../config.js';
import {addMessages, addSiteNotes, hasError, type MessageData} from '../messages.js';
import {pagefindVersion, searchScript} from '../search.js';
import {templateSources} from '../templates.js';
import {version} from '../version.js';
import {openCache} from './cache.js';
import type {RunResult} from './index.js';
import {discover, relativePath, siteFileOf} from './load.js';
import {unchangedOutput} from './output-state.js';
import {lookUpStats, openStatIndex} from './stat-index.js';

/** What a build that wrote the site reported, and the digest of what it was made from. */
export interface RunRecord {
  /** `inputsDigest` of every content file's path and cache key, in discovery order. */
  digest: string;
  /** Each content file's path and messages, in discovery order. */
  files: Array<{path: string; messages: MessageData[]}>;
  /** The messages the checks added to the site file (the config's own come again as it is read; the site notes are the manifest's). */
  site: MessageData[];
  /** The meetings published, as `GROUP number`. */
  published: string[];
  /** How many content files' meetings were read (`RunResult.checked`). */
  checked: number;
}

/**
 * A digest of everything a site is made from: opsg's and Pagefind's versions, every
 * setting but two, the templates and the search script, `SOURCE_DATE_EPOCH`, and `items` (which
 * files, by path and cache key: their bytes, path and the settings that change their results).
 */
export function inputsDigest(settings: Settings, templatesHash: string, items: unknown): string {
  const bytes = (_key: string, value: unknown) => (value instanceof Uint8Array ? createHash('sha256').update(value).digest('hex') : value);
  // How many threads, and whether a folder opsg did not make may be replaced, change nothing written.
  const {jobs: _jobs, force: _force, ...made} = settings;
  return createHash('sha256').update(JSON.stringify([
    version, settings.search ? pagefindVersion() : '', made, templatesHash, settings.search ? searchScript(settings) : '', process.env.SOURCE_DATE_EPOCH ?? '',
    items,
  ], bytes)).digest('hex');
}

/**
 * The last build's report again, when nothing it was made from changed and (for a build)
 * the output folder is as it left it; else undefined, and the build or check runs. Any
 * doubt (a file the stat index cannot vouch for, a discovery problem, templates of the
 * site's own, anything that cannot be read) is a full run, which reports it. The files
 * given back carry their messages, not their data (the meeting, its view): a build that
 * prints PDFs, which needs them, is always a full one.
 *
 * `check` (`write` false) gives the report of the checks alone, as a full check does: the
 * notes the pages added are left out, the output folder is not looked at, and nothing in
 * the cache is touched.
 */
export function unchangedRun(settings: Settings, configFile: VFile | undefined, write: boolean): RunResult | undefined {
  try {
    // A config with an error fails the build, whatever its values left out leave the same.
    // A build that prints PDFs finds its meetings in each file's data, which a report does not keep.
    if ((configFile && hasError(configFile)) || settings.pdf) return undefined;
    const cache = openCache(settings);
    // A check needs the report alone; a build, the manifest the report is part of. A check
    // gives no site notes: the pages add them as they are laid out.
    const last = write ? cache?.lastSite() : {notes: [], run: cache?.lastRun()};
    if (!cache || !last?.run) return undefined;
    const {paths, problems} = discover(settings);
    if (problems.length > 0) return undefined;
    const index = openStatIndex(cache.statIndex());
    const relatives = paths.map((full) => relativePath(settings, full));
    const {stats, known} = lookUpStats(index, paths, relatives);
    if (!known.every((key) => key !== undefined)) return undefined;
    relatives.forEach((relative, at) => index.record(relative, stats[at], known[at]!, false));
    // An index due to be written again (a file gone, or once a day) is a full build's to write:
    // it also dates the cache's other entries again, which pruning goes by.
    if (index.changed() !== undefined) return undefined;
    const templates = templateSources(settings);
    // A site's own templates may read what no digest covers.
    if (templates.overridden || inputsDigest(settings, templates.hash, relatives.map((relative, at) => [relative, known[at]!])) !== last.run.digest) return undefined;
    const written = write ? unchangedOutput(settings.out, cache.manifest(), cache.folderStamps()) : [];
    if (!written) return undefined;
    if (write) cache.keepManifest();
    const files = last.run.files.map((recorded) => {
      const file = new VFile({path: recorded.path, cwd: settings.cwd});
      addMessages(file, recorded.messages);
      return file;
    });
    const siteFile = siteFileOf(settings, configFile);
    addMessages(siteFile, last.run.site);
    addSiteNotes(siteFile, last.notes);
    return {files: [...files, siteFile], written, changed: [], published: last.run.published, reused: paths.length, checked: last.run.checked, unchanged: true};
  } catch {
    return undefined;
  }
}
