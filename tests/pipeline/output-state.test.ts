/**
 * Whether the output folder is as the last build left it (src/pipeline/output-state.ts):
 * every file the manifest names untouched, and nothing else, each folder either listed or,
 * when its stamp holds, known unchanged by its change time.
 */
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {stampFolders, unchangedOutput, type FolderStamps} from '../../src/pipeline/output-state.js';
import type {Manifest} from '../../src/pipeline/write.js';
import {build, loadSettings} from '../../src/index.js';
import {openCache} from '../../src/pipeline/cache.js';
import {makeSite, meeting} from '../helpers.js';

/** A written site: its files, the marker, and a manifest of each file's stamp. */
function site(): {out: string; manifest: Manifest} {
  const files = {'index.html': 'home', 'opsg/index.html': 'group', 'opsg/27/index.html': 'meeting', 'opsg/27/print.html': 'print', 'feed.xml': 'feed'};
  const out = makeSite({...files, '.opsg-build': 'marker'});
  const manifest: Manifest = {};
  for (const at of Object.keys(files)) {
    const stat = fs.statSync(path.join(out, at));
    manifest[at] = {key: at, size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino};
  }
  return {out, manifest};
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 250));

/** Stamps of every folder as it is now, as if taken `after` ms after the folder's last change. */
function stampsAt(out: string, manifest: Manifest, after: number): FolderStamps {
  const stamps = stampFolders(out, Object.keys(manifest))!;
  const newest = Math.max(...Object.values(stamps.folders).map(([ctimeMs]) => ctimeMs));
  return {...stamps, takenAt: newest + after};
}

describe('the output folder', () => {
  it('is unchanged when every file and folder is as written, with stamps or without', async () => {
    const {out, manifest} = site();
    await settle();
    const stamps = stampFolders(out, Object.keys(manifest))!;
    expect(Object.keys(stamps.folders).sort()).toEqual(['', 'opsg', 'opsg/27']);
    expect(unchangedOutput(out, manifest)).toEqual(Object.keys(manifest).sort());
    expect(unchangedOutput(out, manifest, stamps)).toEqual(Object.keys(manifest).sort());
  });

  it('is changed when a file is added to a folder after its stamp, or a folder, or a file is edited', async () => {
    const {out, manifest} = site();
    await settle();
    const stamps = stampFolders(out, Object.keys(manifest))!;
    fs.writeFileSync(path.join(out, 'opsg/27/extra.html'), 'x');
    expect(unchangedOutput(out, manifest, stamps)).toBeUndefined();
    fs.rmSync(path.join(out, 'opsg/27/extra.html'));
    // Removed again, the folder's change time has still moved: it is listed, and holds what it should.
    expect(unchangedOutput(out, manifest, stamps)).toEqual(Object.keys(manifest).sort());
    fs.mkdirSync(path.join(out, 'opsg/28'));
    expect(unchangedOutput(out, manifest, stamps)).toBeUndefined();
    fs.rmdirSync(path.join(out, 'opsg/28'));
    fs.appendFileSync(path.join(out, 'feed.xml'), 'x');
    expect(unchangedOutput(out, manifest, stamps)).toBeUndefined();
  });

  it('lists a folder whose stamp was taken within the file system’s granularity of its last change, and trusts it only after', () => {
    const {out, manifest} = site();
    // An entry added, and the stamps taken as if just after it: 50 ms is within the margin.
    fs.writeFileSync(path.join(out, 'opsg/extra.html'), 'x');
    expect(unchangedOutput(out, manifest, stampsAt(out, manifest, 50))).toBeUndefined();
    // Taken a second later, the same stamps are trusted: the folder is not listed (and the
    // entry added before they were taken is not seen, as no build would have left it there).
    expect(unchangedOutput(out, manifest, stampsAt(out, manifest, 1000))).toEqual(Object.keys(manifest).sort());
  });

  it('is changed when a folder is another one than the one stamped', async () => {
    const {out, manifest} = site();
    await settle();
    const stamps = stampFolders(out, Object.keys(manifest))!;
    // The same names, in a folder copied and put in its place (new inodes throughout).
    fs.cpSync(path.join(out, 'opsg'), path.join(out, 'copy'), {recursive: true, preserveTimestamps: true});
    fs.rmSync(path.join(out, 'opsg'), {recursive: true});
    fs.renameSync(path.join(out, 'copy'), path.join(out, 'opsg'));
    expect(unchangedOutput(out, manifest, stamps)).toBeUndefined();
  });

  it('is stamped by each build that writes it, and the stamps kept while it stays as it was', async () => {
    const dir = makeSite({'content/m1.md': meeting({meeting: 1, date: '2019-01-01'})});
    await build({cwd: dir});
    const {settings} = loadSettings({cwd: dir});
    const stamps = openCache(settings)!.folderStamps()!;
    expect(Object.keys(stamps.folders)).toEqual(expect.arrayContaining(['', 'opsg', 'opsg/1', 'assets']));
    await build({cwd: dir});
    expect(openCache(settings)!.folderStamps()).toEqual(stamps);
  });
});
