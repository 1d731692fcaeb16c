/**
 * A disk that fills up mid-build: a real, small tmpfs (mounting needs root, as tests run here;
 * elsewhere the test is skipped and says so). Built without the search index, whose own files
 * alone would fill the small disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import {spawnSync} from 'node:child_process';
import {afterAll, describe, expect, it} from 'vitest';
import {makeSite, meeting, readTree, runCli, tempDir} from '../helpers.js';

const mountPoint = tempDir('opsg-tinyfs-');
const mounted = process.getuid?.() === 0 && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mountPoint]).status === 0;

afterAll(() => {
  if (mounted) spawnSync('umount', [mountPoint]);
});

describe('a full disk', () => {
  it.skipIf(!mounted)('fails the build with one clear line and leaves the previous site as it was', () => {
    const dir = makeSite({'content/a.md': meeting()});
    const out = path.join(mountPoint, 'site');
    expect(runCli(['build', '--out', out, '--no-cache', '--no-search'], dir).code).toBe(0);
    const before = readTree(out);
    const times = [...before.keys()].map((name) => fs.statSync(path.join(out, name)).mtimeMs);
    // A second meeting with a body larger than the space that is left.
    const big = meeting({meeting: 28, date: '2020-01-07', items: '4. Big (DCC): ' + 'Words of a long report. '.repeat(40_000)});
    fs.writeFileSync(path.join(dir, 'content/b.md'), big);
    const {code, stderr} = runCli(['build', '--out', out, '--no-cache', '--no-search'], dir);
    expect(code).toBe(1);
    expect(stderr).toContain('Cannot write the site: no space left on the device; the previous site is unchanged');
    expect(stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(readTree(out)).toEqual(before);
    expect([...before.keys()].map((name) => fs.statSync(path.join(out, name)).mtimeMs)).toEqual(times);
    expect(fs.readdirSync(mountPoint)).toEqual(['site']);
  });
});
