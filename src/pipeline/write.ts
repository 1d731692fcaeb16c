/**
 * Stage 7, write: the whole site goes into a temporary folder beside the output, and is
 * swapped in only when every file is written. A failed or killed build leaves the previous
 * site as it was; the next build removes what a killed one left behind.
 *
 * Files whose bytes did not change are hard-linked from the previous site, so they keep
 * their modification time (rsync-style deploys and caches see them as unchanged).
 */
import fs from 'node:fs';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import {UsageError, type Settings} from '../config.js';

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

/** Write the site atomically. */
export function writeSite(settings: Settings, files: Map<string, string | Uint8Array>): WriteResult {
  const out = settings.out;
  const parent = path.dirname(out);
  fs.mkdirSync(parent, {recursive: true});
  cleanStale(out);
  checkOutput(settings);
  const prefix = `.${path.basename(out)}.opsg-`;
  const temp = path.join(parent, `${prefix}tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const written: string[] = [];
  const changed: string[] = [];
  try {
    fs.mkdirSync(temp);
    const madeDirs = new Set<string>();
    const all = new Map(files).set(marker, markerText);
    for (const sitePath of [...all.keys()].sort()) {
      const target = safeJoin(temp, sitePath);
      const dir = path.dirname(target);
      if (!madeDirs.has(dir)) {
        fs.mkdirSync(dir, {recursive: true});
        madeDirs.add(dir);
      }
      const content = all.get(sitePath)!;
      const bytes = typeof content === 'string' ? Buffer.from(content) : content;
      const previous = path.join(out, sitePath);
      if (sameBytes(previous, bytes)) {
        try {
          fs.linkSync(previous, target);
        } catch {
          fs.writeFileSync(target, bytes);
          if (sitePath !== marker) changed.push(sitePath);
        }
      } else {
        fs.writeFileSync(target, bytes);
        if (sitePath !== marker) changed.push(sitePath);
      }
      if (sitePath !== marker) written.push(sitePath);
    }
    swap(temp, out, `${prefix}old-${process.pid}-${randomBytes(4).toString('hex')}`);
  } catch (error) {
    fs.rmSync(temp, {recursive: true, force: true});
    throw error;
  }
  return {written, changed};
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

function sameBytes(file: string, bytes: Uint8Array): boolean {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size !== bytes.length) return false;
    return fs.readFileSync(file).equals(bytes);
  } catch {
    return false;
  }
}

/** Put `temp` where `out` is; the old site is renamed aside first and removed last. */
function swap(temp: string, out: string, oldName: string): void {
  const old = path.join(path.dirname(out), oldName);
  const hadOld = fs.existsSync(out);
  if (hadOld) fs.renameSync(out, old);
  try {
    fs.renameSync(temp, out);
  } catch (error) {
    if (hadOld) fs.renameSync(old, out);
    throw error;
  }
  if (hadOld) fs.rmSync(old, {recursive: true, force: true});
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

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
