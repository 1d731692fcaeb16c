/**
 * Whether the output folder is as the last build left it: every file the manifest names,
 * untouched since (size, modification time, inode), and nothing else. A build in which
 * nothing changed then writes nothing (unchanged.ts, pages.ts), and one that keeps pages
 * hard-links them (incremental.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type {FileStamp, Manifest} from './write.js';
import {marker} from './write.js';
import {granularityMs} from './stat-index.js';

/**
 * The stamps of the site's folders, taken just after a build wrote them. Every entry
 * added to a folder, removed from it or renamed in it sets the folder's change time to
 * the current time, which nothing in user space can set back: a folder whose change time
 * and inode are as stamped holds what it held then, and need not be listed.
 */
export interface FolderStamps {
  /** When the stamps were taken, in milliseconds since the epoch. */
  takenAt: number;
  /** Each folder (`''` the output folder itself) → its change time in milliseconds and its inode. */
  folders: Record<string, [ctimeMs: number, ino: number]>;
}

/** Stamp the folders of a site just written; undefined when one cannot be read. */
export function stampFolders(out: string, paths: string[]): FolderStamps | undefined {
  const takenAt = Date.now();
  const folders: FolderStamps['folders'] = {};
  try {
    for (const folder of expectedFolders(paths).keys()) {
      const stat = fs.statSync(folder === '' ? out : path.join(out, folder));
      folders[folder] = [stat.ctimeMs, stat.ino];
    }
  } catch {
    return undefined;
  }
  return {takenAt, folders};
}

/**
 * The output folder's files when it holds exactly what the manifest says the last build
 * wrote, untouched since, and nothing else; else undefined. A folder whose stamp holds is
 * not listed.
 */
export function unchangedOutput(out: string, manifest: Manifest, stamps?: FolderStamps): string[] | undefined {
  const paths = Object.keys(manifest);
  if (paths.length === 0) return undefined;
  return current(out, paths, (at, old) => untouched(old, manifest[at]!), stamps) ? paths.sort() : undefined;
}

/**
 * Whether the output folder is already what this build would write: every page kept, and
 * nothing else in the folder (a file someone added would be gone after a build).
 */
export function current(out: string, paths: string[], keep: (at: string, old: string) => boolean, stamps?: FolderStamps): boolean {
  // Joined by hand: `path.join` normalises each of thousands of paths that need none.
  const base = out.endsWith(path.sep) ? out : out + path.sep;
  if (!paths.every((at) => keep(at, base + at))) return false;
  // Each folder the pages are in is listed on its own, unless its stamp holds: listing one
  // at a time takes about half the time of one recursive listing (which lists in JavaScript).
  const folders = expectedFolders(paths);
  try {
    for (const [folder, names] of folders) {
      const full = folder === '' ? out : path.join(out, folder);
      if (stamps && held(full, stamps.folders[folder], stamps.takenAt)) continue;
      const entries = fs.readdirSync(full, {withFileTypes: true});
      if (entries.length !== names.size) return false;
      for (const entry of entries) {
        const isFolder = names.get(entry.name);
        // Named alike but of another kind (a link, a folder for a file) is not what was written.
        if (isFolder === undefined || (isFolder ? !entry.isDirectory() : !entry.isFile())) return false;
      }
    }
  } catch {
    return false;
  }
  return true;
}

/**
 * Whether a folder is as stamped. Its change time must also be older than the stamps by
 * more than the file system's granularity: a folder changed within the same tick as its
 * stamp was taken could be changed again in that tick without its time moving (as the
 * stat index has it for content files, stat-index.ts).
 */
function held(full: string, stamp: [number, number] | undefined, takenAt: number): boolean {
  if (!Array.isArray(stamp)) return false;
  const [ctimeMs, ino] = stamp;
  const margin = granularityMs(ctimeMs % 1000 === 0);
  if (!(ctimeMs < takenAt - margin)) return false;
  const stat = fs.statSync(full, {throwIfNoEntry: false});
  return stat !== undefined && stat.isDirectory() && stat.ctimeMs === ctimeMs && stat.ino === ino;
}

/** Each folder of the site (`''` the output folder itself) → its entries' names, each true for a folder. */
function expectedFolders(paths: string[]): Map<string, Map<string, boolean>> {
  const folders = new Map<string, Map<string, boolean>>([['', new Map([[marker, false]])]]);
  for (const at of paths) {
    let parent = '';
    let from = 0;
    for (let slash = at.indexOf('/'); slash !== -1; slash = at.indexOf('/', from)) {
      const folder = at.slice(0, slash);
      if (!folders.has(folder)) {
        folders.set(folder, new Map());
        folders.get(parent)!.set(at.slice(from, slash), true);
      }
      parent = folder;
      from = slash + 1;
    }
    folders.get(parent)!.set(at.slice(from), false);
  }
  return folders;
}

/** Whether a file is as the manifest says it was written (size, modification time, inode). */
export function untouched(file: string, entry: FileStamp): boolean {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() && stat.size === entry.size && stat.mtimeMs === entry.mtimeMs && stat.ino === entry.ino;
  } catch {
    return false;
  }
}
