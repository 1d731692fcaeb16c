import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {build} from '../../src/index.js';
import {makeSite, meeting, readTree, root} from '../helpers.js';

function site(count: number) {
  const files: Record<string, string> = {};
  for (let n = 1; n <= count; n++) files[`content/m${n}.md`] = meeting({meeting: n, date: `2019-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`});
  return makeSite(files);
}

function mtimes(dir: string): Map<string, number> {
  return new Map([...readTree(dir).keys()].map((name) => [name, fs.statSync(path.join(dir, name)).mtimeMs]));
}

const cacheEntries = (dir: string) => fs.readdirSync(path.join(dir, '.opsg-cache/v2'), {recursive: true}).map(String).filter((name) => name.endsWith('.json') && !name.includes('site-'));
/** The entries of files' results (not their content, nor parts of pages). */
const resultEntries = (dir: string) => cacheEntries(dir).filter((name) => !/^(?:body|part)-/.test(path.basename(name)));
const bodyEntries = (dir: string) => cacheEntries(dir).filter((name) => path.basename(name).startsWith('body-'));

describe('the build cache', () => {
  it('reuses every entry when nothing changed, and leaves output files untouched', async () => {
    const dir = site(5);
    expect((await build({cwd: dir})).reused).toBe(0);
    const before = readTree(path.join(dir, 'dist'));
    const times = mtimes(path.join(dir, 'dist'));
    const again = await build({cwd: dir});
    expect(again.reused).toBe(5);
    expect(again.changed).toEqual([]);
    expect(readTree(path.join(dir, 'dist'))).toEqual(before);
    expect(mtimes(path.join(dir, 'dist'))).toEqual(times);
  });

  it('rebuilds only the changed file, and only its pages change', async () => {
    const dir = site(5);
    await build({cwd: dir});
    const times = mtimes(path.join(dir, 'dist'));
    fs.writeFileSync(path.join(dir, 'content/m3.md'), meeting({meeting: 3, date: '2019-04-04', items: '4. Changed Item (DCC): New text.'}));
    const result = await build({cwd: dir});
    expect(result.reused).toBe(4);
    expect(result.changed).toContain('opsg/3/index.html');
    expect(result.changed).not.toContain('opsg/2/index.html');
    expect(fs.readFileSync(path.join(dir, 'dist/opsg/3/index.html'), 'utf8')).toContain('Changed Item');
    const after = mtimes(path.join(dir, 'dist'));
    // The search index names its files by their content: a changed one is a new name, the old one gone.
    for (const [name, time] of times) if (!result.changed.includes(name) && after.has(name)) expect([name, after.get(name)]).toEqual([name, time]);
  });

  it('detects a truncated or corrupted entry, rebuilds it and never serves it', async () => {
    const dir = site(3);
    const first = readTree(path.join(dir, 'dist'));
    await build({cwd: dir});
    const reference = readTree(path.join(dir, 'dist'));
    expect(first.size).toBe(0);
    const [one, two] = resultEntries(dir).map((name) => path.join(dir, '.opsg-cache/v2', name));
    const text = fs.readFileSync(one!, 'utf8');
    fs.writeFileSync(one!, text.slice(0, text.length / 2));
    fs.writeFileSync(two!, fs.readFileSync(two!, 'utf8').replace('Major Incident', 'Tampered Title'));
    const result = await build({cwd: dir});
    expect(result.reused).toBe(1);
    expect(readTree(path.join(dir, 'dist'))).toEqual(reference);
    expect((await build({cwd: dir})).reused).toBe(3);
  });

  it('never serves a damaged or missing meeting content: the file is processed again', async () => {
    const dir = site(3);
    await build({cwd: dir});
    const reference = readTree(path.join(dir, 'dist'));
    const bodies = bodyEntries(dir).map((name) => path.join(dir, '.opsg-cache/v2', name));
    expect(bodies).toHaveLength(3);
    const text = fs.readFileSync(bodies[0]!, 'utf8');
    fs.writeFileSync(bodies[0]!, text.slice(0, text.length / 2));
    fs.writeFileSync(bodies[1]!, fs.readFileSync(bodies[1]!, 'utf8').replace('The DCC', 'Tampered'));
    fs.rmSync(bodies[2]!);
    // Summaries are still good: every file is reused, and every page is rendered again.
    const result = await build({cwd: dir, out: 'again'});
    expect(result.reused).toBe(3);
    expect(readTree(path.join(dir, 'again'))).toEqual(reference);
  });

  it('misses when the settings change, and can be turned off', async () => {
    const dir = site(2);
    await build({cwd: dir});
    fs.writeFileSync(path.join(dir, 'opsg.config.json'), JSON.stringify({groups: {OPSG: 'Renamed Group'}}));
    const result = await build({cwd: dir});
    expect(result.reused).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'dist/opsg/1/index.html'), 'utf8')).toContain('Renamed Group');
    const none = makeSite({'content/a.md': meeting()});
    await build({cwd: none, cache: false});
    expect(fs.existsSync(path.join(none, '.opsg-cache'))).toBe(false);
  });
});

describe('keeping output files between builds', () => {
  it('re-renders a file someone changed in the output folder', async () => {
    const dir = site(3);
    await build({cwd: dir});
    const page = path.join(dir, 'dist/opsg/2/index.html');
    const good = fs.readFileSync(page, 'utf8');
    fs.writeFileSync(page, 'tampered');
    const result = await build({cwd: dir});
    expect(result.changed).toEqual(['opsg/2/index.html']);
    expect(fs.readFileSync(page, 'utf8')).toBe(good);
  });

  it('leaves the folder as it is when nothing would change, and only then', async () => {
    const dir = site(3);
    await build({cwd: dir});
    const dist = path.join(dir, 'dist');
    const inode = () => fs.statSync(dist).ino;
    const before = inode();
    expect((await build({cwd: dir})).written).toHaveLength(readTree(dist).size - 1);
    expect(inode()).toBe(before);
    // A file added to the folder, or one taken out of it: the next build writes the whole site.
    fs.writeFileSync(path.join(dist, 'stray.html'), 'not part of the site');
    await build({cwd: dir});
    expect(fs.existsSync(path.join(dist, 'stray.html'))).toBe(false);
    expect(inode()).not.toBe(before);
    fs.rmSync(path.join(dist, 'opsg/2/print.html'));
    const restored = await build({cwd: dir});
    expect(restored.changed).toEqual(['opsg/2/print.html']);
    expect(fs.existsSync(path.join(dist, 'opsg/2/print.html'))).toBe(true);
  });

  it('re-renders the neighbours and lists whose meetings changed', async () => {
    const dir = site(3);
    await build({cwd: dir});
    fs.writeFileSync(path.join(dir, 'content/m3.md'), meeting({meeting: 3, date: '2019-12-30', items: '4. Renamed (DCC): Text.'}));
    const result = await build({cwd: dir});
    // The search index's files are named by their content: left out of the comparison.
    expect(result.changed.filter((name) => !name.startsWith('pagefind/')).sort()).toEqual(['feed.xml', 'index.html', 'meetings.json', 'opsg/2/index.html', 'opsg/3/index.html', 'opsg/3/print.html', 'opsg/feed.xml', 'opsg/index.html', 'opsg/years/2019/index.html',
      'owners/dcc/feed.xml', 'owners/dcc/index.html', 'owners/secas/feed.xml', 'owners/secas/index.html', 'print.html', 'topics/index.html']);
    expect(fs.readFileSync(path.join(dir, 'dist/opsg/2/index.html'), 'utf8')).toContain('30 December 2019');
    // The combined print page, built from kept parts and one new one, is what a build without the cache writes.
    await build({cwd: dir, cache: false, out: 'fresh'});
    expect(readTree(path.join(dir, 'dist'))).toEqual(readTree(path.join(dir, 'fresh')));
  });

  it('trusts no key when the site has its own templates', async () => {
    const dir = site(3);
    // A meeting page that lists every meeting's date: a dependency the keys do not know.
    const own = fs.readFileSync(path.join(root, 'templates/meeting.js'), 'utf8')
      .replace("const main = [", "const main = [h('p.all', ctx_all(meeting)),")
      .replace('export default function meetingPage(meeting, {h, url, site}) {', 'let ctx_all;\nexport default function meetingPage(meeting, {h, url, site}) {\n  ctx_all = () => site.groups.flatMap((g) => g.years.flatMap((y) => y.meetings.map((m) => m.dateText))).join(", ");');
    fs.mkdirSync(path.join(dir, 'templates'));
    fs.writeFileSync(path.join(dir, 'templates/meeting.js'), own);
    await build({cwd: dir});
    expect(fs.readFileSync(path.join(dir, 'dist/opsg/1/index.html'), 'utf8')).toContain('4 April 2019');
    fs.writeFileSync(path.join(dir, 'content/m3.md'), meeting({meeting: 3, date: '2019-05-05'}));
    await build({cwd: dir});
    expect(fs.readFileSync(path.join(dir, 'dist/opsg/1/index.html'), 'utf8')).toContain('5 May 2019');
  });
});

describe('worker threads', () => {
  it('give byte-identical output to a single-threaded build', async () => {
    const dir = site(90);
    await build({cwd: dir, jobs: 1, cache: false, out: 'one'});
    await build({cwd: dir, jobs: 2, cache: false, out: 'two'});
    const one = readTree(path.join(dir, 'one'));
    expect(one.size).toBeGreaterThan(180);
    expect(readTree(path.join(dir, 'two'))).toEqual(one);
  });

  it('stores every file when two workers start a new cache at the same time', async () => {
    // Both mark the new folder first; a marker file named by the pid alone (which threads
    // share) made one of them lose the race now and then, and its file went unstored.
    for (let round = 0; round < 12; round++) {
      const dir = site(4);
      await build({cwd: dir, jobs: 2});
      expect([round, resultEntries(dir).length, bodyEntries(dir).length]).toEqual([round, 4, 4]);
    }
  });
});

describe('pruning the cache', () => {
  const results = resultEntries;
  const allFiles = (dir: string) => fs.readdirSync(path.join(dir, '.opsg-cache/v2'), {recursive: true}).map(String).filter((name) => name.endsWith('.json')).sort();

  it('removes the entries of a file’s old versions, so editing does not grow the cache', async () => {
    const dir = site(3);
    await build({cwd: dir});
    const first = allFiles(dir);
    for (let edit = 1; edit <= 3; edit++) {
      fs.writeFileSync(path.join(dir, 'content/m2.md'), meeting({meeting: 2, date: '2019-03-03', items: `4. Edit ${edit} (DCC): Text.`}));
      await build({cwd: dir});
      expect(allFiles(dir).length).toBe(first.length);
    }
    // A removed meeting's entries go too.
    fs.rmSync(path.join(dir, 'content/m3.md'));
    await build({cwd: dir});
    expect(results(dir)).toHaveLength(2);
    expect((await build({cwd: dir})).reused).toBe(2);
  });

  it('removes the threads’ entries of auto-link patterns no build uses any more', async () => {
    const dir = site(3);
    const mentions = () => cacheEntries(dir).filter((name) => path.basename(name).startsWith('part-archive-mentions-'));
    const patterns = (pattern: string) => fs.writeFileSync(path.join(dir, 'opsg.config.json'), JSON.stringify({autolinks: [{pattern, url: 'https://example.org/{lower}/'}]}));
    patterns('DP\\d{3}');
    await build({cwd: dir, search: false});
    patterns('MP\\d{3}');
    await build({cwd: dir, search: false});
    // The first build's manifest (other settings) still uses its entry, until it is a month old.
    expect(mentions()).toHaveLength(2);
    const old = new Date(Date.now() - 31 * 86_400_000);
    for (const name of allFiles(dir).filter((name) => path.basename(name).startsWith('site-'))) fs.utimesSync(path.join(dir, '.opsg-cache/v2', name), old, old);
    patterns('XP\\d{3}');
    await build({cwd: dir, search: false});
    expect(mentions()).toHaveLength(1);
  });

  it('keeps the parts of pages a build kept without rendering them', async () => {
    const dir = site(3);
    const parts = () => cacheEntries(dir).filter((name) => path.basename(name).startsWith('part-')).sort();
    await build({cwd: dir});
    // Three months of print parts, a year of lists on the home page, the group page and the year
    // page, and the archive (threads, the search index's file names and its files).
    expect(parts()).toHaveLength(9);
    fs.writeFileSync(path.join(dir, 'content/m3.md'), meeting({meeting: 3, date: '2019-04-04', items: '4. Changed (DCC): Text.'}));
    await build({cwd: dir});
    const made = parts();
    expect(made).toHaveLength(9);
    // Nothing changed: every page is kept, none rendered, and the parts stay for the next change.
    expect((await build({cwd: dir})).changed).toEqual([]);
    expect(parts()).toEqual(made);
  });

  it('keeps what another output folder’s build uses, until that build is a month old', async () => {
    const dir = site(2);
    await build({cwd: dir, out: 'other'});
    fs.writeFileSync(path.join(dir, 'content/m2.md'), meeting({meeting: 2, date: '2019-03-03', items: '4. Changed (DCC): Text.'}));
    await build({cwd: dir});
    // The old m2 entry is still used by `other`.
    expect(results(dir)).toHaveLength(3);
    expect((await build({cwd: dir, out: 'other'})).reused).toBe(2);
    fs.writeFileSync(path.join(dir, 'content/m2.md'), meeting({meeting: 2, date: '2019-03-03', items: '4. Changed again (DCC): Text.'}));
    await build({cwd: dir, out: 'other'});
    await build({cwd: dir});
    expect(results(dir)).toHaveLength(2);
    // A manifest not written for over a month no longer keeps its entries.
    fs.writeFileSync(path.join(dir, 'content/m1.md'), meeting({meeting: 1, date: '2019-02-02', items: '4. New (DCC): Text.'}));
    await build({cwd: dir, out: 'other'});
    const old = new Date(Date.now() - 31 * 86_400_000);
    for (const name of allFiles(dir).filter((name) => path.basename(name).startsWith('site-'))) fs.utimesSync(path.join(dir, '.opsg-cache/v2', name), old, old);
    fs.writeFileSync(path.join(dir, 'content/m1.md'), meeting({meeting: 1, date: '2019-02-02', items: '4. Newer (DCC): Text.'}));
    await build({cwd: dir});
    expect(results(dir)).toHaveLength(2);
  });

  it('leaves entries written after the build started (another build’s) alone, and files it did not write', async () => {
    const dir = site(2);
    await build({cwd: dir});
    const digest = (n: number) => n.toString(16).padStart(64, '0');
    const stray = (name: string, time: Date, recorded: boolean) => {
      const file = path.join(dir, '.opsg-cache/v2', name.slice(-7, -5), name);
      fs.mkdirSync(path.dirname(file), {recursive: true});
      fs.writeFileSync(file, '{}');
      fs.utimesSync(file, time, time);
      if (recorded) fs.appendFileSync(path.join(dir, '.opsg-cache/v2/written'), name.slice(0, -5) + '\n');
      return file;
    };
    const newer = stray(digest(0xff00) + '.json', new Date(Date.now() + 3_600_000), true);
    const older = stray(digest(0xff01) + '.json', new Date(Date.now() - 3_600_000), true);
    const foreign = stray(digest(0xff02) + '.json', new Date(Date.now() - 3_600_000), false);
    fs.writeFileSync(path.join(dir, 'content/m2.md'), meeting({meeting: 2, date: '2019-03-03', items: '4. Changed (DCC): Text.'}));
    await build({cwd: dir});
    expect([fs.existsSync(newer), fs.existsSync(older), fs.existsSync(foreign)]).toEqual([true, false, true]);
  });
});
