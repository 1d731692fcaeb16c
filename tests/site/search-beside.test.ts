/**
 * The search index is made on a thread of its own while the pages are rendered and
 * written, and its files are written last, before the new site is swapped in: the site
 * is whole, the manifest knows every file, and a failure leaves the previous site.
 */
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {build} from '../../src/index.js';
import {makeSite, meeting, readTree, runCli} from '../helpers.js';

const site = () => makeSite({
  'content/m1.md': meeting({meeting: 1, date: '2019-01-08', items: '4. Major Incident (SECAS/DCC): The DCC reported a Zanzibarquartz outage.'}),
  'content/m2.md': meeting({meeting: 2, date: '2019-02-05', items: '5. Alerts (DCC): Alert volumes fell.'}),
});

describe('the search index made beside the rendering', () => {
  it('is written into the site with every page, and a build after it finds nothing to do', async () => {
    const dir = site();
    const first = await build({cwd: dir});
    const index = first.written.filter((at) => at.startsWith('pagefind/'));
    expect(index).toContain('pagefind/pagefind.js');
    expect(index.some((at) => at.startsWith('pagefind/fragment/'))).toBe(true);
    expect([...readTree(path.join(dir, 'dist')).keys()].filter((at) => at.startsWith('pagefind/'))).toEqual([...index].sort());
    // The manifest knows the index's files: the next build keeps the folder as it is.
    const again = await build({cwd: dir});
    expect(again.changed).toEqual([]);
    expect(again.written).toEqual(first.written);
  });

  it('fails the build when it cannot be made, says so, and leaves the previous site as it was', async () => {
    const dir = site();
    await build({cwd: dir});
    const before = readTree(path.join(dir, 'dist'));
    fs.writeFileSync(path.join(dir, 'content/m2.md'), meeting({meeting: 2, date: '2019-02-05', items: '5. Alerts (DCC): Alert volumes rose.'}));
    const run = runCli(['build'], dir, {PAGEFIND_BINARY_PATH: path.join(dir, 'no-such-indexer')});
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Cannot render `pagefind\/`: the search index could not be made: .*ENOENT/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(readTree(path.join(dir, 'dist'))).toEqual(before);
    expect(fs.readdirSync(dir).filter((name) => name.startsWith('.dist.opsg-'))).toEqual([]);
  });
});
