import fs from 'node:fs';
import path from 'node:path';
import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {build, check, importHeadlines} from '../../src/index.js';
import {makeSite, pageText, readTree, root, runCli, seedMarkdown, seedSentences, seedText, tempDir} from '../helpers.js';

const seedPath = path.join(root, 'tests/fixtures/seed/opsg-27-2019-12-03-headlines.txt');
const seedTitle = 'Operations Group (OPSG) Meeting 27 on 3 December 2019 Headlines';
const statementLine = /^This document is classified as \*\*White\*\*.*\n\n/m;

/** Errors and warnings (not notes) of a check, as `path line:column rule`. */
function problems(files: Awaited<ReturnType<typeof check>>['files']): string[] {
  return files.flatMap((file) => file.messages.filter((m) => m.fatal !== undefined && m.fatal !== null && m.ruleId !== 'link-placeholder').map((m) => `${file.path} ${m.line}:${m.column} ${m.ruleId}`));
}

describe('opsg import', () => {
  it('turns the seed into a meeting file that checks clean and builds every sentence and item in order', async () => {
    const dir = tempDir();
    const result = importHeadlines({cwd: dir, inputs: [{path: seedPath}]});
    expect(result.written).toEqual(['content/opsg/2019/opsg-27.md']);
    const text = fs.readFileSync(path.join(dir, 'content/opsg/2019/opsg-27.md'), 'utf8');
    // The front matter the bundled example was written with by hand, read from the text.
    expect(text.slice(0, text.indexOf('\n---\n') + 5)).toBe('---\ngroup: OPSG\nmeeting: 27\ndate: 2019-12-03\nclassification: White\nstatus: final\nnext_meeting: 2020-01-07\nnext_reporting_meeting: 2020-01-27\n---\n');
    // The body is the seed as written.
    expect(text.slice(text.indexOf('\n---\n') + 5).trim()).toBe(seedText.trim());
    expect(problems((await check({cwd: dir})).files)).toEqual([]);

    const out = tempDir();
    const built = await build({cwd: dir, out, cache: false});
    expect(built.published).toEqual(['OPSG 27']);
    const html = fs.readFileSync(path.join(out, 'opsg/27/index.html'), 'utf8');
    const page = pageText(html);
    const {sentences, headings} = seedSentences();
    expect(sentences.length).toBeGreaterThan(30);
    for (const sentence of sentences) expect(page).toContain(sentence);
    // In order from the introduction on (the layout places the statement and title itself).
    let cursor = page.indexOf('At every meeting');
    for (const sentence of sentences.slice(sentences.indexOf(seedTitle) + 1)) {
      const at = page.indexOf(sentence, cursor);
      expect(at, sentence).toBeGreaterThanOrEqual(cursor);
      cursor = at;
    }
    cursor = 0;
    for (const heading of headings) {
      const at = page.indexOf(heading, cursor);
      expect(at, heading).toBeGreaterThanOrEqual(0);
      cursor = at;
    }
    const numbers = [...html.matchAll(/id="item-(\d+)"/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual([4, 6, 7, 8, 9, 10, 11, 13, 16, 18, 20]);
  });

  it('reports a missing classification statement at its line, exits 1 and writes nothing', () => {
    const dir = makeSite({'seed.txt': seedText.replace(statementLine, '')});
    const run = runCli(['import', 'seed.txt'], dir);
    expect(run.code).toBe(1);
    // The seed opens with two blank lines: the title line is now line 3.
    expect(run.stderr).toMatch(/seed\.txt\n\s*3:1\s+error\s+Cannot find the classification statement.*import-classification/);
    expect(run.stdout).toBe('');
    expect([...readTree(dir).keys()]).toEqual(['seed.txt']);
  });

  it('with --force writes `REVIEW REQUIRED`, which check rejects', async () => {
    const dir = makeSite({'seed.txt': seedText.replace(statementLine, '')});
    const run = runCli(['import', '--force', 'seed.txt'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('content/opsg/2019/opsg-27.md\n');
    expect(run.stderr).toMatch(/3:1\s+warning\s+Cannot find the classification statement.*wrote `classification: REVIEW REQUIRED`/);
    const text = fs.readFileSync(path.join(dir, 'content/opsg/2019/opsg-27.md'), 'utf8');
    expect(text).toContain('\nclassification: REVIEW REQUIRED\n');
    const result = await check({cwd: dir});
    expect(problems(result.files)).toContain('content/opsg/2019/opsg-27.md 5:17 classification-unknown');
    expect(result.published).toEqual([]);
  });

  it('places every unreadable field on review with --force, and check rejects each', async () => {
    const dir = makeSite({'untitled.txt': 'Some headlines\n\nThis document is classified as **White**.\n\n4. Item (Owner): Text.\n'});
    const result = importHeadlines({cwd: dir, inputs: [{path: 'untitled.txt'}], force: true});
    expect(result.written).toEqual(['content/review-required/untitled.md']);
    const messages = (await check({cwd: dir})).files.flatMap((f) => f.messages.filter((m) => m.fatal === true).map((m) => m.ruleId));
    expect(messages).toEqual(expect.arrayContaining(['front-matter-type']));
    expect(messages.filter((id) => id === 'front-matter-type')).toHaveLength(3); // group, meeting, date
  });

  it('reads another group and the `3rd December 2019` form', async () => {
    const dir = makeSite({'ssc.md': seedText.replace(seedTitle, 'Security Sub-Committee (SSC) Meeting 5 on 3rd December 2019 Headlines')});
    const result = importHeadlines({cwd: dir, inputs: [{path: 'ssc.md'}]});
    expect(result.files.flatMap((f) => f.messages)).toEqual([]);
    expect(result.written).toEqual(['content/ssc/2019/ssc-5.md']);
    expect(fs.readFileSync(path.join(dir, result.written[0]!), 'utf8')).toMatch(/^---\ngroup: SSC\nmeeting: 5\ndate: 2019-12-03\n/);
    expect(problems((await check({cwd: dir})).files)).toEqual([]);
  });

  it('refuses a numeric date, which may be day or month first', () => {
    const dir = makeSite({'seed.txt': seedText.replace(seedTitle, 'Operations Group (OPSG) Meeting 27 on 03/12/2019 Headlines')});
    const result = importHeadlines({cwd: dir, inputs: [{path: 'seed.txt'}]});
    expect(result.written).toEqual([]);
    const [message] = result.files[0]!.messages;
    expect([message?.line, message?.ruleId, message?.fatal]).toEqual([5, 'import-date', true]);
    expect(message?.reason).toContain('`03/12/2019`');
    expect(fs.existsSync(path.join(dir, 'content'))).toBe(false);
  });

  it('gives the same file for Windows line endings', () => {
    const lf = tempDir();
    const crlf = makeSite({'seed.txt': seedText.replace(/\n/g, '\r\n')});
    importHeadlines({cwd: lf, inputs: [{path: seedPath}]});
    expect(importHeadlines({cwd: crlf, inputs: [{path: 'seed.txt'}]}).written).toEqual(['content/opsg/2019/opsg-27.md']);
    const a = fs.readFileSync(path.join(lf, 'content/opsg/2019/opsg-27.md'), 'utf8');
    const b = fs.readFileSync(path.join(crlf, 'content/opsg/2019/opsg-27.md'), 'utf8');
    expect(b).not.toContain('\r');
    expect(b).toBe(a);
  });

  it('reads one paragraph per line when the text has no blank lines', async () => {
    const paragraphs = seedText.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
    const dir = makeSite({'flat.txt': paragraphs.join('\n') + '\n'});
    const result = importHeadlines({cwd: dir, inputs: [{path: 'flat.txt'}]});
    expect(result.written).toEqual(['content/opsg/2019/opsg-27.md']);
    const text = fs.readFileSync(path.join(dir, result.written[0]!), 'utf8');
    expect(text).toContain('next_reporting_meeting: 2020-01-27');
    expect(problems((await check({cwd: dir})).files)).toEqual([]);
  });

  it('reads standard input from `-`', () => {
    const dir = tempDir();
    const run = spawnSync(process.execPath, [path.join(root, 'bin/opsg.js'), 'import', '-'], {cwd: dir, input: seedText, encoding: 'utf8'});
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('content/opsg/2019/opsg-27.md\n');
    const text = fs.readFileSync(path.join(dir, 'content/opsg/2019/opsg-27.md'), 'utf8');
    expect(text.slice(text.indexOf('\n---\n') + 5).trim()).toBe(seedText.trim());
  });

  it('never overwrites a file, and writes nothing when any target exists', () => {
    const dir = makeSite({'content/opsg/2019/opsg-27.md': seedMarkdown, 'ssc.txt': seedText.replace(seedTitle, 'Security Sub-Committee (SSC) Meeting 5 on 3rd December 2019 Headlines')});
    const run = runCli(['import', 'ssc.txt', path.relative(dir, seedPath)], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Cannot write `content/opsg/2019/opsg-27.md`: it already exists');
    expect(fs.readFileSync(path.join(dir, 'content/opsg/2019/opsg-27.md'), 'utf8')).toBe(seedMarkdown);
    expect(fs.existsSync(path.join(dir, 'content/ssc'))).toBe(false);
  });

  it('refuses a file that already has front matter', () => {
    const dir = makeSite({'opsg-27.md': seedMarkdown});
    const result = importHeadlines({cwd: dir, inputs: [{path: 'opsg-27.md'}]});
    expect(result.files[0]!.messages.map((m) => [m.line, m.ruleId, m.fatal])).toEqual([[1, 'import-front-matter', true]]);
    expect(result.written).toEqual([]);
  });
});
