/**
 * Meetings' content between the per-file stages and the pages: one store, in memory
 * without a cache (nothing written anywhere but the site), in the build cache with one;
 * and each meeting's content read back from it at most once per build.
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {build} from '../../src/index.js';
import {CacheContentStore, MemoryContentStore, type ContentRef} from '../../src/pipeline/content-store.js';
import {makeSite, meeting, readTree, tempDir} from '../helpers.js';

const items = '4. Major Incident (SECAS/DCC): The DCC reported progress on DP094.\n\n6. Alerts (DCC): Alert levels fell.';

/** Two groups over three months, one draft: meeting pages, per-group and whole print pages, threads. */
function site(): string {
  const files: Record<string, string> = {'opsg.config.json': JSON.stringify({printPerGroup: true, autolinks: [{pattern: 'DP\\d{3}', url: 'https://example.org/{lower}/'}]})};
  ['2019-10-01', '2019-11-05', '2019-11-19', '2019-12-03'].forEach((date, index) => {
    files[`content/opsg-${index + 1}.md`] = meeting({meeting: index + 1, date, items});
    files[`content/ssc-${index + 1}.md`] = meeting({group: 'SSC', meeting: index + 1, date, items, ...(index === 3 ? {status: 'draft'} : {})});
  });
  return makeSite(files);
}

/** Count every read of a meeting's content through the real stores, by the file it is from. */
function countReads(): Map<string, number> {
  const reads = new Map<string, number>();
  const count = (ref: ContentRef) => reads.set(ref.source, (reads.get(ref.source) ?? 0) + 1);
  for (const store of [MemoryContentStore, CacheContentStore]) {
    const get = store.prototype.get;
    vi.spyOn(store.prototype, 'get').mockImplementation(function (this: InstanceType<typeof store>, ref: ContentRef) {
      count(ref);
      return get.call(this, ref);
    });
  }
  return reads;
}

const saved = process.env.TMPDIR;
afterEach(() => {
  vi.restoreAllMocks();
  if (saved === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = saved;
});

describe('a build without a cache', () => {
  it('creates nothing in the temporary folder, not even while it writes the site', async () => {
    const dir = site();
    const temp = tempDir();
    process.env.TMPDIR = temp;
    const seen: string[][] = [];
    const before = fs.readdirSync(temp);
    const result = await build({cwd: dir, cache: false, drafts: true, onProgress: (progress) => {
      if (progress.stage === 'write') seen.push(fs.readdirSync(temp));
    }});
    expect(result.written).toContain('opsg/4/print.html');
    expect(String(readTree(path.join(dir, 'dist')).get('print.html'))).toContain('Alert levels fell.');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((names) => names.length === 0)).toBe(true);
    expect(fs.readdirSync(temp)).toEqual(before);
    expect(fs.existsSync(path.join(dir, '.opsg-cache'))).toBe(false);
  });
});

describe('each meeting’s content', () => {
  it('is read from the memory store once per build, for its pages, the threads and the combined print pages', async () => {
    const dir = site();
    const reads = countReads();
    await build({cwd: dir, cache: false, drafts: true});
    expect([...reads.keys()].sort()).toEqual(fs.readdirSync(path.join(dir, 'content')).map((name) => `content/${name}`).sort());
    expect([...reads.values()].every((count) => count === 1)).toBe(true);
  });

  it('is read from the cache at most once per build, cold or warm, and only for the pages a build renders', async () => {
    const dir = site();
    const reads = countReads();
    await build({cwd: dir, drafts: true});
    expect(reads.size).toBe(8);
    expect(Math.max(...reads.values())).toBe(1);
    reads.clear();
    await build({cwd: dir, drafts: true});
    expect(reads.size).toBe(0);
    fs.appendFileSync(path.join(dir, 'content/opsg-2.md'), '\n8. Closing Item (DCC): Added.\n');
    await build({cwd: dir, drafts: true});
    // The edited meeting's pages, and its month of the combined print pages (which shows opsg-3 too).
    expect(reads.size).toBeGreaterThan(0);
    expect(reads.get('content/opsg-2.md')).toBe(1);
    expect(Math.max(...reads.values())).toBe(1);
  });
});
