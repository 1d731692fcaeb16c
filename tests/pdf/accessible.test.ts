/**
 * Accessible PDFs, printed by a real Chromium and read back with pdf.js: tagged (a
 * structure tree whose headings are the meeting's), with the document language and
 * title, and one bookmark per agenda item, in order.
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type Browser} from 'playwright-core';
import {launchTestBrowser} from '../browser.js';
import {pdf} from '../../src/index.js';
import {makeSite, seedMarkdown} from '../helpers.js';
import {longMeeting, seedItems} from './fixtures.js';
import {readStructure, type PdfStructure} from './pdf-structure.js';

const seedTitle = 'Operations Group (OPSG) Meeting 27 on 3 December 2019 Headlines';
const long = longMeeting();
const dirs: string[] = [];
let browser: Browser;
let seed: PdfStructure;
let longPdf: PdfStructure;

/** Chromium joins a heading's wrapped lines without a space in the bookmark: compare without spaces. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

beforeAll(async () => {
  browser = await launchTestBrowser();
  const site = makeSite({
    'content/opsg/2019/opsg-27.md': seedMarkdown,
    'content/opsg/2020/opsg-40.md': long.markdown,
  });
  dirs.push(site);
  const result = await pdf({cwd: site, browser, cache: false});
  expect(result.files.flatMap((file) => file.messages).filter((message) => message.fatal)).toEqual([]);
  seed = await readStructure(path.join(site, 'pdf/opsg-27.pdf'));
  longPdf = await readStructure(path.join(site, 'pdf/opsg-40.pdf'));
});

afterAll(async () => {
  await browser?.close();
  for (const dir of dirs) fs.rmSync(dir, {recursive: true, force: true});
});

describe('accessible PDFs', () => {
  it('are tagged, in the page’s language, titled with the meeting’s full title', () => {
    expect(seed.marked).toBe(true);
    expect(seed.language).toBe('en-GB');
    expect(seed.title).toBe(seedTitle);
    expect(longPdf.marked).toBe(true);
    expect(longPdf.language).toBe('en-GB');
  });

  it('have a structure tree: the title as the one H1, each agenda item an H2, in order', () => {
    const headings = seed.elements.filter((element) => /^H\d$/.test(element.role));
    expect(headings.filter((element) => element.role === 'H1').map((element) => squeeze(element.text))).toEqual([squeeze(seedTitle)]);
    expect(headings.filter((element) => element.role === 'H2').map((element) => element.text)).toEqual([...seedItems().map((item) => item.heading), 'Next meetings']);
    // The body is tagged too, not only the headings.
    expect(seed.elements.filter((element) => element.role === 'P').length).toBeGreaterThan(seedItems().length);
  });

  it('have one bookmark per agenda item, in order, under the meeting’s title', () => {
    expect(seed.outline).toHaveLength(1);
    expect(squeeze(seed.outline[0]!.title)).toBe(squeeze(seedTitle));
    expect(seed.outline[0]!.items.map((entry) => entry.title)).toEqual([...seedItems().map((item) => item.heading), 'Next meetings']);
  });

  it('keep the bookmarks in order over many pages', () => {
    const items = longPdf.outline[0]!.items.map((entry) => entry.title);
    expect(items).toEqual(long.items.map((item) => item.heading));
    expect(items.length).toBe(36);
  });
});
