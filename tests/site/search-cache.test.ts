/**
 * The search index is made again only when what it indexes changed: a warm build with
 * nothing changed does not run the indexer; a changed meeting does. The indexer is the
 * real Pagefind binary, started through a script that notes each start.
 */
import fs from 'node:fs';
import path from 'node:path';
import {gunzipSync} from 'node:zlib';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {buildSite, copyExample, listFiles} from './site-helpers.js';
import {root} from '../helpers.js';

const bin = path.join(root, 'node_modules', '@pagefind', `${process.platform}-${process.arch}`, 'bin');
const real = ['pagefind_extended', 'pagefind'].map((name) => path.join(bin, name)).find((file) => fs.existsSync(file)) ?? '';
let dir: string;
let log: string;
const saved = {binary: process.env.PAGEFIND_BINARY_PATH, extended: process.env.PAGEFIND_EXTENDED_BINARY_PATH};

beforeAll(() => {
  dir = copyExample();
  log = path.join(dir, 'indexer-starts.log');
  const wrapper = path.join(dir, 'pagefind-wrapper.sh');
  fs.writeFileSync(wrapper, `#!/bin/sh\necho start >> '${log}'\nexec '${real}' "$@"\n`, {mode: 0o755});
  process.env.PAGEFIND_BINARY_PATH = wrapper;
  delete process.env.PAGEFIND_EXTENDED_BINARY_PATH;
});

afterAll(() => {
  for (const [name, value] of [['PAGEFIND_BINARY_PATH', saved.binary], ['PAGEFIND_EXTENDED_BINARY_PATH', saved.extended]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  if (dir) fs.rmSync(dir, {recursive: true, force: true});
});

const starts = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0);
const indexText = (dist: string) => listFiles(dist).filter((file) => file.startsWith('pagefind/fragment/')).map((file) => gunzipSync(fs.readFileSync(path.join(dist, file))).toString('utf8')).join('\n');

describe.skipIf(process.platform === 'win32' || !fs.existsSync(real))('the search index across builds', () => {
  test('is made on a cold build, kept on a warm one, made again when a meeting changes', async () => {
    const cold = await buildSite(dir);
    expect(starts()).toBe(1);
    expect(listFiles(cold.dist).some((file) => file.startsWith('pagefind/fragment/'))).toBe(true);

    const warm = await buildSite(dir);
    expect(starts()).toBe(1);
    expect(warm.result.changed).toEqual([]);

    const file = path.join(dir, 'content/opsg/2020/opsg-28.md');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('An example item.', 'An example item about marmalade.'));
    const changed = await buildSite(dir);
    expect(starts()).toBe(2);
    expect(indexText(changed.dist)).toContain('marmalade');
  });
});
