/**
 * `pdf()` in a real Chromium, read back with pdfjs-dist (see poppler.ts): the seed meeting, the combined
 * page, and a long generated meeting for the page-break rules.
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type Browser} from 'playwright-core';
import {launchTestBrowser} from '../browser.js';
import {pdf, type PdfResult} from '../../src/index.js';
import {makeSite, meeting, seedMarkdown} from '../helpers.js';
import {longMeeting, seedItems} from './fixtures.js';
import {contentText, darkness, headingOrder, orphanHeadings, pagesWith, pdfInfo, pdfPages, type Page} from './poppler.js';

const a4 = {width: 595, height: 842};
const seedNumbers = [4, 6, 7, 8, 9, 10, 11, 13, 16, 18, 20];
const seedTitle = 'Operations Group (OPSG) Meeting 27 on 3 December 2019 Headlines';

let browser: Browser;
let site: string;
let result: PdfResult;

beforeAll(async () => {
  browser = await launchTestBrowser();
  site = makeSite({
    'opsg.config.json': JSON.stringify({
      title: 'Test headlines',
      printPerGroup: true,
    }),
    'content/opsg/2019/opsg-27.md': seedMarkdown,
    'content/opsg/2020/opsg-28.md': meeting({meeting: 28, date: '2020-01-07', items: '4. Major Incident (SECAS/DCC): See [the review report](https://example.org/incident/) or write to [the secretariat](mailto:secas@example.org).\n\n6. Alerts (DCC): The DCC reported progress.'}),
    'content/ssc/2020/ssc-1.md': meeting({group: 'SSC', meeting: 1, date: '2020-01-15'}),
  });
  result = await pdf({cwd: site, browser});
});

afterAll(async () => {
  await browser?.close();
});

/** The checks every printed page must pass: A4, the label top and bottom, `Page N of M`. */
function expectLabelledPages(file: string, label: string): Page[] {
  const info = pdfInfo(file);
  const pages = pdfPages(file);
  expect(pages.length).toBe(info.pages);
  expect(info.sizes).toHaveLength(info.pages);
  for (const size of info.sizes) {
    expect(Math.round(size.width)).toBe(a4.width);
    expect(Math.round(size.height)).toBe(a4.height);
  }
  for (const page of pages) {
    const where = `${path.basename(file)} page ${page.number}`;
    expect(page.header.map((line) => line.text), where).toEqual([label]);
    expect(page.footer.map((line) => line.text).sort(), where).toEqual([`Page ${page.number} of ${pages.length}`, label].sort());
    const top = page.header[0]!;
    const bottom = page.footer.find((line) => line.text === label)!;
    for (const box of [top, bottom]) {
      // Right-justified, as the Traffic Light Protocol advises for documents.
      expect(box.xMin, where).toBeGreaterThan(page.width / 2);
      // poppler's word box spans the font's ascent and descent, about 1.12 em in Arial
      // (Liberation Sans): at least 12 pt type gives at least 13.2 pt.
      expect(box.yMax - box.yMin, where).toBeGreaterThanOrEqual(13.2);
    }
    expect(page.content.length, where).toBeGreaterThan(0);
  }
  return pages;
}

describe('opsg pdf: the seed meeting', () => {
  it('writes one PDF per meeting, the combined one and one per group', () => {
    const dir = path.join(site, 'pdf');
    expect(result.files.flatMap((file) => file.messages).filter((message) => message.fatal)).toEqual([]);
    expect(result.pdfs).toEqual(['opsg-27.pdf', 'opsg-28.pdf', 'ssc-1.pdf', 'all.pdf', 'opsg-all.pdf', 'ssc-all.pdf'].map((name) => path.join(dir, name)));
    // Written through temporary files, none of which is left behind.
    expect(fs.readdirSync(dir).sort()).toEqual(['.opsg-pdf', 'all.pdf', 'opsg-27.pdf', 'opsg-28.pdf', 'opsg-all.pdf', 'ssc-1.pdf', 'ssc-all.pdf']);
  });

  it('is A4, with the label at the top and bottom of every page and Page N of M', () => {
    const pages = expectLabelledPages(path.join(site, 'pdf/opsg-27.pdf'), 'WHITE');
    expect(pages.length).toBeGreaterThan(1);
  });

  it('carries the meeting title as the document title', () => {
    expect(pdfInfo(path.join(site, 'pdf/opsg-27.pdf')).title).toBe(seedTitle);
  });

  it('prints the label white on black', () => {
    const file = path.join(site, 'pdf/opsg-27.pdf');
    const [page] = pdfPages(file);
    for (const box of [page!.header[0]!, page!.footer.find((line) => line.text === 'WHITE')!]) {
      const ink = darkness(file, 1, {x: box.xMin, y: box.yMin, width: box.xMax - box.xMin, height: box.yMax - box.yMin});
      // Mostly black background, with white letters on it.
      expect(ink.dark).toBeGreaterThan(0.5);
      expect(ink.light).toBeGreaterThan(0.05);
    }
  });

  it('prints the title block, the statement, then every agenda item in order', () => {
    const pages = pdfPages(path.join(site, 'pdf/opsg-27.pdf'));
    const items = seedItems();
    expect(items.map((item) => item.number)).toEqual(seedNumbers);
    expect(headingOrder(pages, items.map((item) => item.heading))).toEqual(items.map((item) => item.heading));
    const first = pages[0]!.content.map((line) => line.text);
    expect(seedTitle.startsWith(first[0]!)).toBe(true);
    const statement = first.findIndex((line) => line.startsWith('This document is classified as White'));
    expect(statement).toBeGreaterThan(0);
    expect(first.indexOf(items[0]!.heading)).toBeGreaterThan(statement);
  });

  it('leaves no agenda heading alone at the bottom of a page and splits no item', () => {
    const pages = pdfPages(path.join(site, 'pdf/opsg-27.pdf'));
    const items = seedItems();
    expect(orphanHeadings(pages, [...items.map((item) => item.heading), 'Next meetings'])).toEqual([]);
    for (const item of items) {
      const heading = pages.filter((page) => page.content.some((line) => line.text === item.heading)).map((page) => page.number);
      expect(pagesWith(pages, item.ending), item.heading).toEqual(heading);
    }
  });

  it('prints external link targets after the link text, and no screen navigation', () => {
    const seed = pdfPages(path.join(site, 'pdf/opsg-27.pdf')).map(contentText).join(' ');
    // The seed's placeholder links (`#`) lead nowhere: nothing follows their text.
    expect(seed).toContain("DP094 'Supporting prepayment customers in no SM WAN scenarios', DP096");
    expect(seed).not.toContain('Test headlines: all meetings');
    const other = pdfPages(path.join(site, 'pdf/opsg-28.pdf')).map(contentText).join(' ');
    expect(other).toContain('See the review report (https://example.org/incident/) or write to the secretariat (mailto:secas@example.org)');
    expect(other).not.toContain('Test headlines: all meetings');
  });
});

describe('opsg pdf: the combined page', () => {
  it('prints every meeting, newest first, each from a new page, labelled and numbered throughout', () => {
    const file = path.join(site, 'pdf/all.pdf');
    const pages = expectLabelledPages(file, 'WHITE');
    expect(pdfInfo(file).title).toBe('Test headlines: all meetings');
    const titles = ['ssc-1', 'opsg-28', 'opsg-27'].map((name) => pdfInfo(path.join(site, `pdf/${name}.pdf`)).title);
    const starts = titles.map((title) => pages.findIndex((page) => title.startsWith(page.content[0]!.text) && page.content[0]!.text.length > 20));
    // Each title opens a page, in this order.
    expect(starts.every((start) => start >= 0)).toBe(true);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(starts[0]).toBe(0);
    // The seed's items all come, in order, after its title.
    const items = seedItems();
    expect(headingOrder(pages.slice(starts[2]), items.map((item) => item.heading))).toEqual(items.map((item) => item.heading));
    expect(orphanHeadings(pages, [...items.map((item) => item.heading), 'Next meetings'])).toEqual([]);
    expect(pages.map(contentText).join(' ')).not.toContain('Test headlines: all meetings');
  });

  it('prints a page per group when printPerGroup is on', () => {
    const pages = expectLabelledPages(path.join(site, 'pdf/ssc-all.pdf'), 'WHITE');
    expect(pages.map(contentText).join(' ')).toContain('Security Sub-Committee (SSC) · Meeting 1');
    expect(pages.map(contentText).join(' ')).not.toContain('Meeting 27');
  });
});

describe('opsg pdf: a meeting removed', () => {
  it('takes its PDF away on the next run, and leaves files opsg did not write', async () => {
    const dir = makeSite({
      'content/opsg-1.md': meeting({meeting: 1, date: '2020-01-07'}),
      'content/opsg-2.md': meeting({meeting: 2, date: '2020-02-04'}),
    });
    const first = await pdf({cwd: dir, browser});
    expect(first.pdfs.map((file) => path.basename(file))).toEqual(['opsg-1.pdf', 'opsg-2.pdf', 'all.pdf']);
    fs.writeFileSync(path.join(dir, 'pdf/opsg-3.pdf'), 'not written by opsg');
    fs.rmSync(path.join(dir, 'content/opsg-2.md'));
    await pdf({cwd: dir, browser});
    expect(fs.readdirSync(path.join(dir, 'pdf')).sort()).toEqual(['.opsg-pdf', 'all.pdf', 'opsg-1.pdf', 'opsg-3.pdf']);
    expect(fs.readFileSync(path.join(dir, 'pdf/.opsg-pdf'), 'utf8')).toBe('all.pdf\nopsg-1.pdf\n');
  });
});

describe('opsg pdf: page breaks in a long meeting', () => {
  const long = longMeeting();
  const render = async (files: Record<string, string> = {}) => {
    const dir = makeSite({
      'opsg.config.json': JSON.stringify({classification: {label: 'TLP:CLEAR'}}),
      'content/opsg-40.md': long.markdown,
      ...files,
    });
    const made = await pdf({cwd: dir, browser});
    expect(made.files.flatMap((file) => file.messages).filter((message) => message.fatal)).toEqual([]);
    return path.join(dir, 'pdf/opsg-40.pdf');
  };
  /** Items that fit on a page but start on one page and end on another. */
  const splitItems = (pages: Page[]) =>
    long.items.filter((item) => item.number !== long.longItem).filter((item) => {
      const start = pages.find((page) => page.content.some((line) => line.text === item.heading))?.number;
      const end = pagesWith(pages, item.ending);
      return start === undefined || end.length !== 1 || end[0] !== start;
    }).map((item) => item.heading);

  it('keeps items whole, headings with their text, and the configured label on every page', async () => {
    const file = await render();
    const pages = expectLabelledPages(file, 'TLP:CLEAR');
    expect(pages.length).toBeGreaterThanOrEqual(5);
    const headings = long.items.map((item) => item.heading);
    expect(headingOrder(pages, headings)).toEqual(headings);
    expect(orphanHeadings(pages, headings)).toEqual([]);
    expect(splitItems(pages)).toEqual([]);
    // The item longer than a page does break, after its heading and first lines.
    const longest = long.items.find((item) => item.number === long.longItem)!;
    const start = pages.find((page) => page.content.some((line) => line.text === longest.heading))!;
    expect(pagesWith(pages, longest.ending)[0]).toBeGreaterThan(start.number);
    expect(contentText(start)).toContain(`${longest.heading} Item ${longest.number} begins.`);
  });

  it('finds split items when the print stylesheet does not prevent them (the check can fail)', async () => {
    const css = fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), '../../templates/print.css'), 'utf8')
      .replace(/(?:page-)?break-(?:inside|after): avoid;/g, '');
    const pages = pdfPages(await render({'templates/print.css': css}));
    expect(splitItems(pages).length).toBeGreaterThan(0);
  });

  it('reports a heading left alone at the bottom of a page', () => {
    const line = (text: string, y: number) => ({text, xMin: 51, yMin: y, xMax: 300, yMax: y + 14});
    const page = (number: number, content: ReturnType<typeof line>[]): Page => ({number, width: 595, height: 842, header: [], content, footer: []});
    const pages = [page(1, [line('Some text.', 100), line('4. Topic 4 (DCC)', 760)]), page(2, [line('6. Topic 6 (DCC)', 60), line('Item 6 begins.', 80)])];
    expect(orphanHeadings(pages, ['4. Topic 4 (DCC)', '6. Topic 6 (DCC)'])).toEqual(['4. Topic 4 (DCC) (page 1)']);
  });
});

describe('opsg pdf: misuse', () => {
  it('refuses a PDF folder inside the site folder, before building', async () => {
    const dir = makeSite({'content/a.md': meeting()});
    await expect(pdf({cwd: dir, browser, pdfOut: 'dist/pdf'})).rejects.toThrow(/inside the site folder/);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});
