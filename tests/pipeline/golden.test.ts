/**
 * The site's bytes, held still: every output file's SHA-256 for a fixed corpus (the bench's
 * generator, the seed and a draft) under two sets of options.
 * A change to how the site is built that should not change what it writes must leave this
 * file as it is; a change meant to alter the output updates it on purpose
 * (`npx vitest run tests/pipeline/golden.test.ts -u`; vitest 4 reads a path right after `-u`
 * as its value and runs every test file) and says why in its commit.
 */
import {createHash} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {build} from '../../src/index.js';
// @ts-expect-error: the bench's corpus generator is plain JavaScript.
import {generate} from '../../bench/corpus.js';
import {makeSite, readTree, seedMarkdown, tempDir} from '../helpers.js';

function corpus(): string {
  const dir = tempDir();
  (generate as (dir: string, count: number) => void)(dir, 60);
  return makeSite({
    'opsg.config.json': JSON.stringify({title: 'Golden', url: 'https://example.org/headlines/', autolinks: [{pattern: '(?:DP|MP)\\d{3}', url: 'https://example.org/modifications/{lower}/'}]}),
    'content/opsg/2019/opsg-27.md': seedMarkdown,
    'content/opsg/opsg-draft.md': seedMarkdown.replace('meeting: 27', 'meeting: 28').replace('date: 2019-12-03', 'date: 2019-12-31').replace('status: final', 'status: draft').replace('Meeting 27 on 3 December 2019', 'Meeting 28 on 31 December 2019').replace(/^next_meeting.*\n/gm, ''),
  }, dir);
}

function digests(dir: string): string {
  const out: Record<string, string> = {};
  for (const [name, bytes] of readTree(dir)) out[name] = createHash('sha256').update(bytes).digest('hex');
  return JSON.stringify(out, null, 1) + '\n';
}

describe('the output, byte for byte', () => {
  it('is what it was for the fixed corpus, with default options', async () => {
    const dir = corpus();
    const result = await build({cwd: dir, cache: false});
    expect(result.files.flatMap((file) => file.messages.filter((message) => message.fatal === true).map(String))).toEqual([]);
    expect(result.published).toHaveLength(61);
    await expect(digests(path.join(dir, 'dist'))).toMatchFileSnapshot('../fixtures/golden/default.json');
  });

  it('is what it was with clean URLs, a base path and drafts, built twice through the cache', async () => {
    const dir = corpus();
    await build({cwd: dir, cleanUrls: true, base: '/sub/', drafts: true});
    fs.rmSync(path.join(dir, 'dist'), {recursive: true});
    await build({cwd: dir, cleanUrls: true, base: '/sub/', drafts: true});
    await expect(digests(path.join(dir, 'dist'))).toMatchFileSnapshot('../fixtures/golden/clean-drafts.json');
  });
});
