/**
 * `opsg build --pdf`: each published meeting's PDF beside its print page inside the new
 * site, linked from the meeting page; never a draft's. Printed by a real Chromium.
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type Browser} from 'playwright-core';
import {launchTestBrowser, testBrowser} from '../browser.js';
import {build} from '../../src/index.js';
import {makeSite, meeting, runCli, seedMarkdown} from '../helpers.js';
import {linksOf, listFiles} from '../site/site-helpers.js';
import {readStructure} from './pdf-structure.js';

const dirs: string[] = [];
let browser: Browser;

const content = {
  'content/opsg/2019/opsg-27.md': seedMarkdown,
  'content/opsg/2020/opsg-28.md': meeting({meeting: 28, date: '2020-01-07'}),
  'content/opsg/2020/opsg-29.md': meeting({meeting: 29, date: '2020-02-04', status: 'draft'}),
};
const site = () => {
  const dir = makeSite(content);
  dirs.push(dir);
  return dir;
};
const read = (dist: string, file: string) => fs.readFileSync(path.join(dist, file), 'utf8');
/** The hrefs of a page that end in `.pdf`, resolved to site paths. */
const pdfLinks = (dist: string, page: string) =>
  linksOf(read(dist, page)).filter((href) => href.endsWith('.pdf')).map((href) => path.relative(dist, path.resolve(path.dirname(path.join(dist, page)), href)).split(path.sep).join('/'));

beforeAll(async () => {
  browser = await launchTestBrowser();
});

afterAll(async () => {
  await browser?.close();
  for (const dir of dirs) fs.rmSync(dir, {recursive: true, force: true});
});

describe('opsg build --pdf', () => {
  it('puts each published meeting’s PDF beside its print page and links it from the meeting page; never a draft’s', async () => {
    const dir = site();
    const result = await build({cwd: dir, pdf: true, drafts: true, browser, cache: false});
    expect(result.files.flatMap((file) => file.messages).filter((message) => message.fatal)).toEqual([]);
    const dist = path.join(dir, 'dist');
    const pdfs = listFiles(dist).filter((file) => file.endsWith('.pdf'));
    expect(pdfs).toEqual(['opsg/27/opsg-27.pdf', 'opsg/28/opsg-28.pdf']);
    expect(result.written).toEqual(expect.arrayContaining(pdfs));
    // Written through temporary files, none left behind.
    expect(listFiles(dist).filter((file) => /\.tmp$|\/\./.test(file))).toEqual([]);
    expect(pdfLinks(dist, 'opsg/27/index.html')).toEqual(['opsg/27/opsg-27.pdf']);
    expect(pdfLinks(dist, 'opsg/28/index.html')).toEqual(['opsg/28/opsg-28.pdf']);
    // The draft is built (a preview), but has no PDF and no link to one.
    expect(fs.existsSync(path.join(dist, 'opsg/29/index.html'))).toBe(true);
    expect(pdfLinks(dist, 'opsg/29/index.html')).toEqual([]);
    const printed = await readStructure(path.join(dist, 'opsg/27/opsg-27.pdf'));
    expect(printed.marked).toBe(true);
    expect(printed.title).toBe('Operations Group (OPSG) Meeting 27 on 3 December 2019 Headlines');
  });

  it('without --pdf, writes no PDF and links none; the next plain build takes the PDFs away', async () => {
    const dir = site();
    await build({cwd: dir, pdf: true, browser, cache: false});
    const dist = path.join(dir, 'dist');
    expect(fs.existsSync(path.join(dist, 'opsg/27/opsg-27.pdf'))).toBe(true);
    const plain = await build({cwd: dir, cache: false});
    expect(plain.files.flatMap((file) => file.messages).filter((message) => message.fatal)).toEqual([]);
    expect(listFiles(dist).filter((file) => file.endsWith('.pdf'))).toEqual([]);
    for (const page of listFiles(dist).filter((file) => file.endsWith('.html'))) expect(pdfLinks(dist, page), page).toEqual([]);
    expect(read(dist, 'opsg/27/index.html')).not.toContain('PDF');
  });

  it('refuses a missing Chromium before writing anything (exit 2)', () => {
    const dir = site();
    const run = runCli(['build', '--pdf', '--chromium', 'no-such-chromium'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Cannot find a browser at `no-such-chromium`');
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('runs from the command line', async () => {
    const dir = site();
    const {executablePath} = await testBrowser();
    const run = runCli(['build', '--pdf', '--no-cache', '--chromium', executablePath], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('opsg: built 2 meetings');
    expect(fs.existsSync(path.join(dir, 'dist/opsg/28/opsg-28.pdf'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'dist/opsg/29'))).toBe(false);
  });
});
