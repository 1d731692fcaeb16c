import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {build, loadSettings} from '../../src/index.js';
import {openCache} from '../../src/pipeline/cache.js';
import {processAll} from '../../src/pipeline/process-all.js';
import {join} from '../../src/pipeline/bodies.js';
import {CacheContentStore} from '../../src/pipeline/content-store.js';
import {discover} from '../../src/pipeline/load.js';
import {makeSite, meeting, readTree, tempDir} from '../helpers.js';

const items = '4. Major Incident (SECAS/DCC): The DCC reported progress.\n\n6. Alerts (DCC): Alert levels fell.';

function site(count: number) {
  const files: Record<string, string> = {};
  for (let n = 1; n <= count; n++) files[`content/m${n}.md`] = meeting({meeting: n, date: `2019-01-${String(n).padStart(2, '0')}`, items});
  return makeSite(files);
}

describe('meeting content between the stages', () => {
  it('is not held in memory: the build keeps summaries, and reads content back for the pages that show it', async () => {
    const dir = site(3);
    const {settings} = loadSettings({cwd: dir});
    const {results, refs} = await processAll(settings, discover(settings).paths, {store: true});
    const views = results.map((result) => result.view!);
    expect(views.map((view) => view.items.map((item) => item.title))).toEqual(Array(3).fill(['Major Incident', 'Alerts']));
    for (const view of views) {
      expect([view.intro, view.closing, ...view.items.map((item) => item.content)].every((content) => content.length === 0)).toBe(true);
    }
    expect(refs.filter((ref) => ref !== undefined)).toHaveLength(3);
    const full = join(views[0]!, new CacheContentStore(settings, openCache(settings)!).get(refs[0]!));
    expect(JSON.stringify(full.items[0]!.content)).toContain('The DCC reported progress.');
    expect(full.title).toBe(views[0]!.title);
  });

  it('is made again from the file when its cache entry is gone, and refused if the file changed meanwhile', async () => {
    const dir = site(1);
    const {settings} = loadSettings({cwd: dir});
    const {results, refs} = await processAll(settings, discover(settings).paths, {store: true});
    const view = results[0]!.view!;
    const ref = refs[0]!;
    const withBody = () => join(view, new CacheContentStore(settings, openCache(settings)!).get(ref));
    fs.rmSync(path.join(dir, '.opsg-cache'), {recursive: true});
    expect(JSON.stringify(withBody().items[1]!.content)).toContain('Alert levels fell.');
    fs.appendFileSync(path.join(dir, 'content/m1.md'), '\nMore.\n');
    expect(() => withBody()).toThrow('`content/m1.md` changed during the build; build again');
  });

  it('stays in memory only where the cache cannot be written, and the pages are the same', async () => {
    const dir = site(2);
    // A cache folder of opsg's whose entries' folder is now a file: no entry can be written.
    await build({cwd: dir, cache: 'blocked', out: 'a'});
    fs.rmSync(path.join(dir, 'blocked/v2'), {recursive: true});
    fs.writeFileSync(path.join(dir, 'blocked/v2'), '');
    await build({cwd: dir, cache: 'blocked', out: 'a'});
    await build({cwd: dir, out: 'b'});
    const a = readTree(path.join(dir, 'a'));
    expect(String(a.get('opsg/1/index.html'))).toContain('Alert levels fell.');
    expect(a).toEqual(readTree(path.join(dir, 'b')));
  });
});

describe('a build without the cache', () => {
  const saved = process.env.TMPDIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  });

  it('leaves nothing in the temporary folder, whether the build succeeds or fails', async () => {
    const dir = site(2);
    const temp = tempDir();
    process.env.TMPDIR = temp;
    const result = await build({cwd: dir, cache: false});
    expect(result.written).toContain('opsg/2/index.html');
    expect(String(readTree(path.join(dir, 'dist')).get('opsg/2/print.html'))).toContain('Alert levels fell.');
    fs.writeFileSync(path.join(dir, 'content/bad.md'), meeting({meeting: 9, classification: 'Red'}));
    expect((await build({cwd: dir, cache: false})).written).toEqual([]);
    expect(fs.readdirSync(temp)).toEqual([]);
    expect(fs.existsSync(path.join(dir, '.opsg-cache'))).toBe(false);
  });
});
