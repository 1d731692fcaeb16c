/**
 * Stage 7, write: the whole site goes into a temporary folder beside the output, and is
 * swapped in only when every file is written. A failed or killed build leaves the previous
 * site as it was; the next build removes what a killed one left behind.
 *
 * Files whose bytes did not change are hard-linked from the previous site, so they keep
 * their modification time (rsync-style deploys and caches see them as unchanged).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import {Worker} from 'node:worker_threads';
import {UsageError, type Settings} from '../config.js';
import {cacheMarker} from './cache.js';

/** The file that marks a folder as written by opsg. */
export const marker = '.opsg-build';
const markerText = 'This folder is written by `opsg build`, which replaces all of it on every build.\n';

/** What a write did. */
export interface WriteResult {
  /** Site paths written, sorted. */
  written: string[];
  /** Site paths whose bytes changed (or are new). */
  changed: string[];
}

/** Throw a UsageError when the output folder is not opsg's to replace. */
export function checkOutput(settings: Settings): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(settings.out);
  } catch {
    return;
  }
  const name = path.relative(settings.cwd, settings.out) || settings.out;
  if (!stat.isDirectory()) throw new UsageError(`Cannot write the site to \`${name}\`: it is a file`);
  if (settings.force || fs.existsSync(path.join(settings.out, marker))) return;
  if (fs.readdirSync(settings.out).length > 0) {
    throw new UsageError(`Cannot replace \`${name}\`: it is not empty and opsg did not create it (no ${marker} file); use --force to replace it`);
  }
}

/** What a build remembers of each file it wrote, to keep it next time without rendering it (see incremental.ts). */
export interface ManifestEntry extends FileStamp {
  /** The digest of the file's inputs (see `IncrementalSite.key`). */
  key: string;
}

/** A written file's size, modification time and inode: a file changed since is not trusted. */
export interface FileStamp {
  /** Size in bytes. */
  size: number;
  /** Modification time in milliseconds. */
  mtimeMs: number;
  /** Inode number. */
  ino: number;
}

/** The files of one build: site path → what it was made from. */
export type Manifest = Record<string, ManifestEntry>;

/** The files to write: every path, how to render one, and (for an incremental build) which may be kept. */
export interface SiteFiles {
  /** Every site path. */
  paths: string[];
  /** Render one path. */
  file: (sitePath: string) => string | Uint8Array | undefined;
  /** Render one path in parts, written as they come (preferred over `file` when given); a promise for a page rendered elsewhere. */
  parts?: (sitePath: string) => Parts | Promise<Parts> | undefined;
  /** Whether the previous site's file at `old` may stay as this path's file without rendering it (hard-linked). */
  keep?: (sitePath: string, old: string) => boolean;
  /** Whether the output folder already holds exactly this site: then nothing is written. */
  current?: (out: string) => boolean;
}

/** What a write did, with the stamps of the files it wrote (for the manifest). */
export interface WrittenSite extends WriteResult {
  /** Each file written, when the site can keep files (`keep`): its stamp. None when the folder was already current. */
  stamps: Map<string, FileStamp>;
  /** Settled when the previous site's folder, swapped out, is gone: it is removed on a thread of its own meanwhile. */
  removed: Promise<void>;
}

/** Files made after the page list, written last (the search index, made beside the rendering). */
export interface LateFiles {
  /** Their site paths. */
  paths: string[];
  /** The bytes of one. */
  read: (sitePath: string) => string | Uint8Array;
}

/**
 * Write the site atomically. Files are rendered one at a time and written at once, so the
 * site is never all in memory. A file the site says may be kept is hard-linked from the
 * previous site without being rendered. `late` files are waited for after every page is
 * written, and written last, before the new folder is swapped in.
 */
export async function writeSite(settings: Settings, site: SiteFiles, late?: Promise<LateFiles>): Promise<WrittenSite> {
  const out = settings.out;
  const parent = path.dirname(out);
  fs.mkdirSync(parent, {recursive: true});
  cleanStale(out);
  checkOutput(settings);
  // Nothing would change: leave the folder as it is (nothing to swap, so nothing a killed build could leave half done).
  if (late === undefined && site.current?.(out)) return {written: [...site.paths].sort(), changed: [], stamps: new Map(), removed: Promise.resolve()};
  const prefix = `.${path.basename(out)}.opsg-`;
  const temp = path.join(parent, `${prefix}tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const written: WrittenSite = {written: [], changed: [], stamps: new Map(), removed: Promise.resolve()};
  try {
    fs.mkdirSync(temp);
    const one = fileWriter(site, out, temp, written);
    // In the site's order, not by name: a meeting's own pages come before the combined
    // print pages that reuse what they made (render.ts).
    for (const sitePath of site.paths) {
      const rendering = one(sitePath, () => (site.parts ? site.parts(sitePath) : single(site.file(sitePath))));
      if (rendering) await rendering;
    }
    const more = await late;
    for (const sitePath of more?.paths ?? []) one(sitePath, () => [more!.read(sitePath)], false);
    one(marker, () => [markerText]);
    const old = swap(temp, out, `${prefix}old-${process.pid}-${randomBytes(4).toString('hex')}`);
    if (old !== undefined) written.removed = removeBeside(old);
  } catch (error) {
    fs.rmSync(temp, {recursive: true, force: true});
    throw error;
  }
  written.written.sort();
  written.changed.sort();
  return written;
}

/** A file's bytes, in parts. */
type Parts = Iterable<string | Uint8Array>;

/**
 * Write one file of the site into `temp`, recording it in `written`; a kept file is linked,
 * not rendered. A file still being rendered elsewhere gives a promise, settled once it is written.
 */
function fileWriter(site: SiteFiles, out: string, temp: string, written: WrittenSite): (sitePath: string, parts: () => Parts | Promise<Parts> | undefined, mayKeep?: boolean) => Promise<void> | undefined {
  const madeDirs = new Set<string>();
  return (sitePath, parts, mayKeep = true) => {
    const target = safeJoin(temp, sitePath);
    const dir = path.dirname(target);
    if (!madeDirs.has(dir)) {
      fs.mkdirSync(dir, {recursive: true});
      madeDirs.add(dir);
    }
    const old = path.join(out, sitePath);
    const kept = sitePath !== marker && mayKeep && site.keep?.(sitePath, old) === true && tryLink(old, target);
    if (kept) {
      record(sitePath, target);
      return undefined;
    }
    const made = parts();
    if (made instanceof Promise) return made.then((parts) => put(sitePath, target, old, parts));
    put(sitePath, target, old, made);
    return undefined;
  };
  function put(sitePath: string, target: string, old: string, made: Parts | undefined): void {
    if (made === undefined) throw new Error(`Nothing rendered for \`${sitePath}\``);
    // A file made whole (the search index's, a page rendered elsewhere) whose bytes the previous file has: linked, not written.
    if (Array.isArray(made) && made.length === 1 && holds(old, made[0]!) && tryLink(old, target)) {
      if (sitePath !== marker) record(sitePath, target);
      return;
    }
    writeParts(target, made);
    // Same bytes as before: keep the previous file (and its modification time) instead.
    if (sameFile(old, target)) {
      fs.unlinkSync(target);
      if (!tryLink(old, target)) fs.copyFileSync(old, target);
    } else if (sitePath !== marker) {
      written.changed.push(sitePath);
    }
    if (sitePath !== marker) record(sitePath, target);
  }
  function record(sitePath: string, target: string): void {
    written.written.push(sitePath);
    if (site.keep) {
      const stat = fs.statSync(target);
      written.stamps.set(sitePath, {size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino});
    }
  }
}

/** Whether the file at `file` holds exactly `content`. */
function holds(file: string, content: string | Uint8Array): boolean {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  try {
    const stat = fs.statSync(file, {throwIfNoEntry: false});
    return stat !== undefined && stat.isFile() && stat.size === bytes.length && fs.readFileSync(file).equals(bytes);
  } catch {
    return false;
  }
}

function tryLink(from: string, to: string): boolean {
  try {
    fs.linkSync(from, to);
    return true;
  } catch {
    return false;
  }
}

/** Join a site path to a folder, refusing anything that would land outside it. */
export function safeJoin(folder: string, sitePath: string): string {
  const segments = sitePath.split('/');
  if (sitePath.startsWith('/') || sitePath.includes('\\') || sitePath.includes('\0') || segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new Error(`Refusing to write unsafe path \`${sitePath}\``);
  }
  const target = path.join(folder, ...segments);
  if (!target.startsWith(folder + path.sep)) throw new Error(`Refusing to write outside the output folder: \`${sitePath}\``);
  return target;
}

/** Write parts to a new file as they come, never holding them all. */
function writeParts(target: string, parts: Iterable<string | Uint8Array>): void {
  const fd = fs.openSync(target, 'w');
  try {
    for (const part of parts) fs.writeSync(fd, typeof part === 'string' ? Buffer.from(part) : part);
  } finally {
    fs.closeSync(fd);
  }
}

function single(content: string | Uint8Array | undefined): Array<string | Uint8Array> | undefined {
  return content === undefined ? undefined : [content];
}

/** Whether two files have the same bytes (compared a block at a time). */
function sameFile(a: string, b: string): boolean {
  let fa: number | undefined;
  let fb: number | undefined;
  try {
    const [sa, sb] = [fs.statSync(a), fs.statSync(b)];
    if (!sa.isFile() || sa.size !== sb.size) return false;
    fa = fs.openSync(a, 'r');
    fb = fs.openSync(b, 'r');
    const [ba, bb] = [Buffer.alloc(1 << 16), Buffer.alloc(1 << 16)];
    for (;;) {
      const na = fs.readSync(fa, ba, 0, ba.length, null);
      const nb = fs.readSync(fb, bb, 0, bb.length, null);
      if (na !== nb || !ba.subarray(0, na).equals(bb.subarray(0, nb))) return false;
      if (na === 0) return true;
    }
  } catch {
    return false;
  } finally {
    if (fa !== undefined) fs.closeSync(fa);
    if (fb !== undefined) fs.closeSync(fb);
  }
}

/** Put `temp` where `out` is; the old site is renamed aside first. Gives the old site's folder, to remove. */
function swap(temp: string, out: string, oldName: string): string | undefined {
  const old = path.join(path.dirname(out), oldName);
  const hadOld = fs.existsSync(out);
  if (hadOld) fs.renameSync(out, old);
  try {
    fs.renameSync(temp, out);
  } catch (error) {
    if (hadOld) fs.renameSync(old, out);
    throw error;
  }
  return hadOld ? old : undefined;
}

/**
 * Remove a folder on a thread of its own: at 4,000 meetings the old site's 12,000 files
 * take 0.6 s to remove, while the build saves its manifest. Never rejects; a folder a
 * killed build left is removed by the next one (`cleanStale`).
 */
function removeBeside(folder: string): Promise<void> {
  const here = () => {
    try {
      fs.rmSync(folder, {recursive: true, force: true});
    } catch {
      // Left for the next build's clean-up.
    }
  };
  return new Promise<void>((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker("require('node:fs').rmSync(require('node:worker_threads').workerData, {recursive: true, force: true})", {eval: true, workerData: folder});
    } catch {
      here();
      resolve();
      return;
    }
    worker.once('error', here);
    worker.once('exit', () => resolve());
  });
}

/**
 * Remove what killed builds left beside the output: temporary folders of processes that
 * are gone, and, if a build died between the two renames of a swap, put the old site back.
 */
export function cleanStale(out: string): void {
  const parent = path.dirname(out);
  const prefix = `.${path.basename(out)}.opsg-`;
  let names: string[];
  try {
    names = fs.readdirSync(parent).filter((name) => name.startsWith(prefix)).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const match = /^(tmp|old)-(\d+)-/.exec(name.slice(prefix.length));
    if (!match) continue;
    const pid = Number(match[2]);
    if (pid !== process.pid && alive(pid)) continue;
    const full = path.join(parent, name);
    if (match[1] === 'old' && !fs.existsSync(out)) fs.renameSync(full, out);
    else fs.rmSync(full, {recursive: true, force: true});
  }
}

/** The prefix of the work folders earlier builds without a cache made in the system's temporary folder. */
const workPrefix = 'opsg-work-';

/**
 * Remove the work folders that killed builds without a cache left in the system's
 * temporary folder (builds before the in-memory content store kept meetings' content
 * there, restricted documents included): only folders named so, of processes that are
 * gone, and either empty or marked as opsg's cache.
 */
export function clearWorkFolders(): void {
  const parent = os.tmpdir();
  let names: string[] = [];
  try {
    names = fs.readdirSync(parent).filter((name) => name.startsWith(workPrefix));
  } catch {
    // Nothing to clear.
  }
  for (const name of names) {
    const pid = Number(/^opsg-work-(\d+)-/.exec(name)?.[1]);
    const full = path.join(parent, name);
    if (!Number.isInteger(pid) || pid === process.pid || alive(pid)) continue;
    const marked = fs.existsSync(path.join(full, cacheMarker));
    if (marked || readdirOrNull(full)?.length === 0) fs.rmSync(full, {recursive: true, force: true});
  }
}

function readdirOrNull(dir: string): string[] | null {
  try {
    return fs.readdirSync(dir);
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
