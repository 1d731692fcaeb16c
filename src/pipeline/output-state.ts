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

/**
 * The output folder's files when it holds exactly what the manifest says the last build
 * wrote, untouched since, and nothing else; else undefined.
 */
export function unchangedOutput(out: string, manifest: Manifest): string[] | undefined {
  const paths = Object.keys(manifest);
  if (paths.length === 0) return undefined;
  return current(out, paths, (at, old) => untouched(old, manifest[at]!)) ? paths.sort() : undefined;
}

/**
 * Whether the output folder is already what this build would write: every page kept, and
 * nothing else in the folder (a file someone added would be gone after a build).
 */
export function current(out: string, paths: string[], keep: (at: string, old: string) => boolean): boolean {
  // Joined by hand: `path.join` normalises each of thousands of paths that need none.
  const base = out.endsWith(path.sep) ? out : out + path.sep;
  if (!paths.every((at) => keep(at, base + at))) return false;
  // Each folder the pages are in is listed on its own: a third of the time of one
  // recursive listing, which lists in JavaScript what this compares anyway.
  const folders = expectedFolders(paths);
  try {
    for (const [folder, names] of folders) {
      const entries = fs.readdirSync(folder === '' ? out : path.join(out, folder), {withFileTypes: true});
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
