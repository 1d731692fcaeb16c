/**
 * The warm fast path: the stat index lets a build skip reading and hashing files that did
 * not change, catches those whose bytes changed behind an unchanged size and modification
 * time, and a build that changes nothing writes nothing to the cache.
 */
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {build, loadSettings} from '../../src/index.js';
import {discover} from '../../src/pipeline/load.js';
import {processAll} from '../../src/pipeline/process-all.js';
import {openCache} from '../../src/pipeline/cache.js';
import {openStatIndex, settled, stampOf, statOf} from '../../src/pipeline/stat-index.js';
import {makeSite, meeting, readTree} from '../helpers.js';

/** Meeting `n` of the sites below, with `items` if given. */
const meetingFile = (n: number, items?: string) => meeting({meeting: n, date: `2019-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`, ...(items === undefined ? {} : {items})});

function site(count: number): string {
  const files: Record<string, string> = {};
  for (let n = 1; n <= count; n++) files[`content/m${n}.md`] = meetingFile(n);
  return makeSite(files);
}

/** What a build would find: how many files it read and hashed, and how many results it took from the cache. Writes nothing. */
async function lookUp(dir: string): Promise<{read: number; reused: number}> {
  const {settings} = loadSettings({cwd: dir});
  const {read, reused} = await processAll(settings, discover(settings).paths, {store: false});
  return {read, reused};
}

/**
 * Wait until every content file's times are older than now by more than the index's
 * granularity margin, then build: the index that build writes trusts every file.
 */
async function settleAndBuild(dir: string): Promise<void> {
  const content = path.join(dir, 'content');
  // Change times only: a modification time set in the future never settles.
  const newest = Math.max(...fs.readdirSync(content).map((name) => fs.statSync(path.join(content, name)).ctimeMs));
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, newest + 2_100 - Date.now())));
  await build({cwd: dir});
}

/** The entries of each file's own result (a digest, no kind), as paths under the cache's `v2`. */
function perFileEntries(dir: string): string[] {
  return fs.readdirSync(path.join(dir, '.opsg-cache/v2'), {recursive: true}).map(String).filter((name) => /^[0-9a-f]{64}\.json$/.test(path.basename(name)));
}

/** The keys a results entry holds (its body follows a checksum line of 65 characters). */
const keysIn = (file: string) => (JSON.parse(fs.readFileSync(file, 'utf8').slice(65)) as {keys: string[]}).keys;

/** The file of a cache entry whose name starts with `prefix`. */
function entryFile(dir: string, prefix: string): string {
  const names = fs.readdirSync(path.join(dir, '.opsg-cache/v2'), {recursive: true}).map(String).filter((name) => path.basename(name).startsWith(prefix) && name.endsWith('.json'));
  expect(names).toHaveLength(1);
  return path.join(dir, '.opsg-cache/v2', names[0]!);
}

describe('the stat index', () => {
  it('lets a build take an unchanged file’s key from the index: it is neither read nor hashed', async () => {
    const dir = site(4);
    await build({cwd: dir});
    await settleAndBuild(dir);
    expect(await lookUp(dir)).toEqual({read: 0, reused: 4});
    // Without the index every file is read again.
    fs.rmSync(entryFile(dir, 'site-stats-'));
    expect(await lookUp(dir)).toEqual({read: 4, reused: 4});
  });

  it('catches bytes changed behind the same size and modification time, by the change time', async () => {
    const dir = site(3);
    const file = path.join(dir, 'content/m2.md');
    // A modification time with a fraction of a second that `utimes` sets back exactly.
    const time = 1_577_836_800.5;
    fs.utimesSync(file, time, time);
    await build({cwd: dir});
    await settleAndBuild(dir);
    expect(await lookUp(dir)).toEqual({read: 0, reused: 3});
    const before = fs.statSync(file, {bigint: true});
    const text = fs.readFileSync(file, 'utf8');
    const edited = text.replace('Major Incident', 'Major Accident');
    expect([edited.length, edited === text]).toEqual([text.length, false]);
    fs.writeFileSync(file, edited);
    fs.utimesSync(file, time, time);
    const after = fs.statSync(file, {bigint: true});
    // Size, modification time and inode are those the index holds: only the change time moved.
    expect([after.size, after.mtimeNs, after.ino]).toEqual([before.size, before.mtimeNs, before.ino]);
    expect(after.ctimeNs).not.toBe(before.ctimeNs);
    expect(await lookUp(dir)).toEqual({read: 1, reused: 2});
    const result = await build({cwd: dir});
    expect(result.reused).toBe(2);
    expect(fs.readFileSync(path.join(dir, 'dist/opsg/2/index.html'), 'utf8')).toContain('Major Accident');
  });

  it('does not trust a file written in the same tick as the index was made (racily clean): it is hashed again', async () => {
    const dir = site(2);
    await build({cwd: dir});
    const {settings} = loadSettings({cwd: dir});
    const cache = openCache(settings)!;
    const full = path.join(dir, 'content/m1.md');
    const stat = statOf(full)!;
    const key = cache.key('content/m1.md', fs.readFileSync(full));
    // An index whose stamps were taken in the same tick as the file's last write: equal
    // stamps do not prove equal bytes (a second write in that tick keeps them).
    const sameTick = openStatIndex({takenAt: String(stat.ctimeNs), entries: {'content/m1.md': [stampOf(stat), key]}});
    expect(sameTick.known('content/m1.md', stat)).toBeUndefined();
    // Taken a second later, the same stamp is trusted.
    const later = openStatIndex({takenAt: String(stat.ctimeNs + 1_000_000_000n), entries: {'content/m1.md': [stampOf(stat), key]}});
    expect(later.known('content/m1.md', stat)).toBe(key);
    // A different stamp is never trusted, however old the index.
    const other = openStatIndex({takenAt: String(stat.ctimeNs + 1_000_000_000n), entries: {'content/m1.md': [stampOf({...stat, size: stat.size + 1n} as typeof stat), key]}});
    expect(other.known('content/m1.md', stat)).toBeUndefined();
  });

  it('applies the granularity margin: 100 ms for sub-second times, 2 s for whole seconds', () => {
    const at = (mtimeNs: bigint, ctimeNs: bigint) => ({mtimeNs, ctimeNs}) as Parameters<typeof settled>[0];
    const takenAt = 1_600_000_010_000_000_000n;
    const ms = 1_000_000n;
    expect(settled(at(takenAt - 50n * ms - 1n, takenAt - 50n * ms - 1n), takenAt)).toBe(false);
    expect(settled(at(takenAt - 200n * ms - 1n, takenAt - 200n * ms - 1n), takenAt)).toBe(true);
    // The change time counts as much as the modification time (which `utimes` can set back).
    expect(settled(at(takenAt - 10_000n * ms - 1n, takenAt - 1n), takenAt)).toBe(false);
    expect(settled(at(takenAt - 1_000n * ms, takenAt - 1_000n * ms), takenAt)).toBe(false);
    expect(settled(at(takenAt - 3_000n * ms, takenAt - 3_000n * ms), takenAt)).toBe(true);
  });

  it('hashes a file whose modification time is in the future on every build, and trusts the others', async () => {
    const dir = site(3);
    const future = Date.now() / 1000 + 3600;
    fs.utimesSync(path.join(dir, 'content/m3.md'), future, future);
    await build({cwd: dir});
    await settleAndBuild(dir);
    expect(await lookUp(dir)).toEqual({read: 1, reused: 3});
    await build({cwd: dir});
    expect(await lookUp(dir)).toEqual({read: 1, reused: 3});
  });

  it('is not written by `check`, and forgets a removed file', async () => {
    const dir = site(3);
    await build({cwd: dir});
    await settleAndBuild(dir);
    const index = entryFile(dir, 'site-stats-');
    const before = fs.readFileSync(index, 'utf8');
    fs.rmSync(path.join(dir, 'content/m3.md'));
    expect(await lookUp(dir)).toEqual({read: 0, reused: 2});
    expect(fs.readFileSync(index, 'utf8')).toBe(before);
    await build({cwd: dir});
    expect(fs.readFileSync(index, 'utf8')).not.toContain('m3.md');
  });
});

describe('every result in one entry', () => {
  it('gives a build every file’s result from one entry when the index knows every file, and is never trusted damaged', async () => {
    const dir = site(4);
    await build({cwd: dir});
    await settleAndBuild(dir);
    const tree = readTree(path.join(dir, 'dist'));
    const v2 = path.join(dir, '.opsg-cache/v2');
    expect(perFileEntries(dir)).toHaveLength(4);
    // Without the entries of each file, the results come from the one entry alone.
    for (const name of perFileEntries(dir)) fs.rmSync(path.join(v2, name));
    expect(await lookUp(dir)).toEqual({read: 0, reused: 4});
    // Damaged, it is not used: each file is read and checked again, and the site is the same.
    const together = entryFile(dir, 'site-results-');
    fs.writeFileSync(together, fs.readFileSync(together, 'utf8').replace('"path"', '"p"'));
    expect(await lookUp(dir)).toEqual({read: 4, reused: 0});
    await build({cwd: dir});
    expect(readTree(path.join(dir, 'dist'))).toEqual(tree);
  });
});

describe('results added beside the one entry', () => {
  const stamp = (file: string) => {
    const stat = fs.statSync(file, {bigint: true});
    return [stat.mtimeNs, stat.ino];
  };
  const edit = (dir: string, n: number, text: string) => fs.writeFileSync(path.join(dir, `content/m${n}.md`), meetingFile(n, `4. ${text} (DCC): Text.`));

  it('holds a changed file’s result without writing every result again, and is never trusted damaged', async () => {
    const dir = site(4);
    await build({cwd: dir});
    await settleAndBuild(dir);
    const together = entryFile(dir, 'site-results-');
    const before = stamp(together);
    edit(dir, 2, 'Changed');
    await settleAndBuild(dir);
    expect(stamp(together)).toEqual(before);
    const added = entryFile(dir, 'site-added-');
    expect(keysIn(added)).toHaveLength(1);
    // Without the entries of each file, the results come from the two entries alone.
    const v2 = path.join(dir, '.opsg-cache/v2');
    for (const name of perFileEntries(dir)) fs.rmSync(path.join(v2, name));
    expect(await lookUp(dir)).toEqual({read: 0, reused: 4});
    // Damaged, the addition is not used: the changed file is read and checked again.
    fs.writeFileSync(added, fs.readFileSync(added, 'utf8').replace('"path"', '"p"'));
    expect(await lookUp(dir)).toEqual({read: 1, reused: 3});
  });

  it('gives way to a new entry once more than an eighth of the files (at least 32) changed', async () => {
    const dir = site(40);
    await build({cwd: dir});
    await settleAndBuild(dir);
    const together = entryFile(dir, 'site-results-');
    const before = stamp(together);
    for (let n = 1; n <= 32; n++) edit(dir, n, 'Once');
    await build({cwd: dir});
    expect(stamp(together)).toEqual(before);
    edit(dir, 33, 'Once');
    await build({cwd: dir});
    expect(stamp(together)).not.toEqual(before);
    expect(keysIn(entryFile(dir, 'site-added-'))).toEqual([]);
  });
});

describe('a build that changes nothing', () => {
  it('writes nothing to the cache: the manifest, the stat index and the record stay as they are', async () => {
    const dir = site(3);
    await build({cwd: dir});
    await settleAndBuild(dir);
    const files = [entryFile(dir, 'site-stats-'), path.join(dir, '.opsg-cache/v2/written'), ...fs.readdirSync(path.join(dir, '.opsg-cache/v2'), {recursive: true}).map(String).filter((name) => /^site-[0-9a-f]{64}\.json$/.test(path.basename(name))).map((name) => path.join(dir, '.opsg-cache/v2', name))];
    expect(files).toHaveLength(3);
    const stamps = () => files.map((file) => {
      const stat = fs.statSync(file, {bigint: true});
      return [file, stat.mtimeNs, stat.ino];
    });
    const before = stamps();
    const tree = readTree(path.join(dir, 'dist'));
    const again = await build({cwd: dir});
    expect([again.reused, again.changed]).toEqual([3, []]);
    expect(stamps()).toEqual(before);
    expect(readTree(path.join(dir, 'dist'))).toEqual(tree);
    // A change writes the manifest again.
    fs.writeFileSync(path.join(dir, 'content/m2.md'), meeting({meeting: 2, date: '2019-03-03', items: '4. Changed (DCC): Text.'}));
    await build({cwd: dir});
    expect(stamps()[2]).not.toEqual(before[2]);
  });
});

describe('a build whose inputs are all as the last build recorded', () => {
  const parts = (dir: string) => fs.readdirSync(path.join(dir, '.opsg-cache/v2'), {recursive: true}).map(String).filter((name) => path.basename(name).startsWith('part-'));
  const removeParts = (dir: string) => {
    for (const name of parts(dir)) fs.rmSync(path.join(dir, '.opsg-cache/v2', name));
  };

  it('lays nothing out: no part of a page is made again, and the notes are given again', async () => {
    const dir = site(3);
    const first = await build({cwd: dir});
    const notes = first.files.flatMap((file) => file.messages.filter((message) => message.ruleId === 'site').map((message) => message.reason));
    expect(notes).toHaveLength(1);
    const before = readTree(path.join(dir, 'dist'));
    // Without the parts, laying the site out would make them again (and store them).
    removeParts(dir);
    const again = await build({cwd: dir});
    expect(again.changed).toEqual([]);
    expect(again.written).toEqual(first.written);
    expect(parts(dir)).toEqual([]);
    expect(again.files.flatMap((file) => file.messages.filter((message) => message.ruleId === 'site').map((message) => message.reason))).toEqual(notes);
    expect(readTree(path.join(dir, 'dist'))).toEqual(before);
  });

  it('lays the site out again when any input changed: a setting, a meeting, SOURCE_DATE_EPOCH, the output folder', async () => {
    const dir = site(3);
    await build({cwd: dir});
    removeParts(dir);
    fs.writeFileSync(path.join(dir, 'opsg.config.json'), JSON.stringify({title: 'Renamed Site'}));
    const renamed = await build({cwd: dir});
    expect(renamed.changed).toContain('index.html');
    expect(fs.readFileSync(path.join(dir, 'dist/index.html'), 'utf8')).toContain('Renamed Site');
    expect(parts(dir).length).toBeGreaterThan(0);

    fs.writeFileSync(path.join(dir, 'content/m2.md'), meeting({meeting: 2, date: '2019-03-03', items: '4. Edited Item (DCC): New text.'}));
    expect((await build({cwd: dir})).changed).toContain('opsg/2/index.html');

    const epoch = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = '1700000000';
    try {
      removeParts(dir);
      await build({cwd: dir});
      expect(parts(dir).length).toBeGreaterThan(0);
    } finally {
      if (epoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = epoch;
    }

    fs.rmSync(path.join(dir, 'dist/opsg/1/print.html'));
    expect((await build({cwd: dir})).changed).toEqual(['opsg/1/print.html']);
    fs.writeFileSync(path.join(dir, 'dist/opsg/1/index.html'), 'tampered');
    expect((await build({cwd: dir})).changed).toEqual(['opsg/1/index.html']);
  });
});
