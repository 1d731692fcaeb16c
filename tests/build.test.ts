import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {build} from '../src/index.js';
import {makeSite, meeting, pageText, readTree, runCli, seedMarkdown, seedSentences, root} from './helpers.js';

describe('opsg build', () => {
  it('shows every sentence of the seed and the agenda numbers as written', async () => {
    const dir = makeSite({'content/opsg/2019/opsg-27.md': seedMarkdown});
    const result = await build({cwd: dir});
    expect(result.files.flatMap((f) => f.messages).filter((m) => m.fatal)).toEqual([]);
    const html = fs.readFileSync(path.join(dir, 'dist/opsg/27/index.html'), 'utf8');
    const text = pageText(html);
    const {headings, sentences} = seedSentences();
    expect(sentences.length).toBeGreaterThan(30);
    for (const sentence of sentences) expect(text).toContain(sentence);
    for (const heading of headings) expect(text).toContain(heading);
    const numbers = [...html.matchAll(/<section class="agenda-item" id="item-(\d+)"/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual([4, 6, 7, 8, 9, 10, 11, 13, 16, 18, 20]);
    expect(html).not.toMatch(/<ol/);
    expect(html).toContain('class="classification-label"');
    expect(text).toContain('This document is classified as White in accordance with the Panel Information Policy.');
  });

  it('writes the index, the meeting pages and the assets', async () => {
    const dir = makeSite({
      'content/opsg/2019/opsg-27.md': seedMarkdown,
      'content/ssc/ssc-1.md': meeting({group: 'SSC', meeting: 1, date: '2020-01-15'}),
    });
    const result = await build({cwd: dir});
    expect(result.published).toEqual(['OPSG 27', 'SSC 1']);
    const files = [...readTree(path.join(dir, 'dist')).keys()];
    expect(files).toEqual(expect.arrayContaining(['index.html', 'opsg/27/index.html', 'ssc/1/index.html', 'opsg/index.html', 'feed.xml', 'meetings.json', '404.html']));
    expect(files.some((file) => /^assets\/style\.[0-9a-f]{10}\.css$/.test(file))).toBe(true);
    const index = fs.readFileSync(path.join(dir, 'dist/index.html'), 'utf8');
    expect(index).toContain('Operations Group (OPSG)');
    expect(index).toContain('href="opsg/27/index.html#item-4"');
  });

  it('leaves drafts out unless asked', async () => {
    const dir = makeSite({'content/a.md': meeting(), 'content/b.md': meeting({meeting: 28, date: '2020-01-07', status: 'draft'})});
    expect((await build({cwd: dir})).published).toEqual(['OPSG 27']);
    expect(fs.existsSync(path.join(dir, 'dist/opsg/28/index.html'))).toBe(false);
    expect((await build({cwd: dir, drafts: true})).published).toEqual(['OPSG 27', 'OPSG 28']);
    expect(fs.readFileSync(path.join(dir, 'dist/opsg/28/index.html'), 'utf8')).toContain('name="robots" content="noindex"');
  });

  it('fails closed on a non-White document and writes nothing', async () => {
    const dir = makeSite({'content/a.md': meeting(), 'content/b.md': meeting({meeting: 28, date: '2020-01-07', classification: 'Amber', statement: null})});
    const result = await build({cwd: dir});
    const errors = result.files.flatMap((file) => file.messages.filter((m) => m.fatal).map((m) => `${file.path}:${m.line}:${m.column} ${m.ruleId}`));
    expect(errors).toEqual(['content/b.md:5:17 classification-restricted']);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});

describe('the opsg binary', () => {
  it('builds a temporary site and exits 0', () => {
    const dir = makeSite({'content/opsg/2019/opsg-27.md': seedMarkdown});
    const {code, stderr} = runCli(['build'], dir);
    expect(stderr).toContain('built 1 meeting,');
    expect(code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'dist/opsg/27/index.html'))).toBe(true);
  });

  it('exits 1 on content problems and 2 on misuse', () => {
    const dir = makeSite({'content/a.md': meeting({classification: null})});
    const problem = runCli(['build'], dir);
    expect(problem.code).toBe(1);
    expect(problem.stderr).toContain('content/a.md');
    expect(problem.stderr).toContain('classification-missing');
    expect(runCli(['build', '--no-such-flag'], dir).code).toBe(2);
    expect(runCli(['build', '--content', 'missing'], dir).code).toBe(2);
  });

  it('builds the bundled example site', () => {
    const out = makeSite({});
    const {code} = runCli(['build', '--out', out, '--force'], root);
    expect(code).toBe(0);
    expect(fs.existsSync(path.join(out, 'opsg/27/index.html'))).toBe(true);
  });
});
