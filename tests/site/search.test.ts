/**
 * Search, in Chromium, on a built site served from a sub-path by a real HTTP server: a
 * query typed in the header's box lands on the right agenda item, a filter narrows the
 * results, and words that only a draft or a restricted document holds are found nowhere,
 * in the browser or in the index files, even when drafts are built. The preview, which
 * has no index, says where search works.
 */
import fs from 'node:fs';
import path from 'node:path';
import {gunzipSync} from 'node:zlib';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {Browser, Page} from 'playwright-core';
import {axeSource, buildSite, copyExample, launchChromium, listFiles, serve, wcagTags, type BuiltSite, type StaticServer} from './site-helpers.js';
import {meeting, runCli} from '../helpers.js';
import {build, preview} from '../../src/index.js';

// A word only a draft holds (opsg/29, status: draft) and one only a restricted document holds.
const draftWord = 'Zanzibarquartz';
const amberWord = 'Quokkaflume';

const extra = {
  'content/opsg/2020/opsg-29.md': fs.readFileSync(path.join(import.meta.dirname, '../../content/opsg/2020/opsg-29.md'), 'utf8').replace('Text of the draft\'s first item.', `Text of the draft's first item: ${draftWord}.`),
  'content/ssc/2021/ssc-2.md': meeting({group: 'SSC', meeting: 2, date: '2021-01-05', classification: 'Amber', statement: null, items: `1. Secret (SSC Chair): ${amberWord} is discussed here.`}),
};

let site: BuiltSite;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  site = await buildSite(copyExample(extra), {drafts: true, base: '/sub/', excludeRestricted: true});
  server = await serve(site.dist, '/sub/');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (site) fs.rmSync(site.dir, {recursive: true, force: true});
});

async function withPage<T>(work: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
    });
    // Every file the search needs loads (the browser's own favicon request aside).
    page.on('response', (response) => {
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) errors.push(`${response.status()} ${response.url()}`);
    });
    const result = await work(page);
    // A Content-Security-Policy that blocked the index would show here.
    expect(errors).toEqual([]);
    return result;
  } finally {
    await context.close();
  }
}

/** Type `query` in the header's box of the page at `from`, press Enter, and wait for the results. */
async function search(page: Page, from: string, query: string): Promise<void> {
  await page.goto(server.url(from));
  await page.fill('#site-search-q', query);
  await page.press('#site-search-q', 'Enter');
  await page.waitForURL(/\/sub\/search\//);
  await page.waitForFunction(() => /match/.test(document.getElementById('search-status')?.textContent ?? ''));
}

const resultLinks = (page: Page) => page.$$eval('#search-results a', (links) => links.map((link) => (link as HTMLAnchorElement).href));

describe('search', () => {
  test('a query typed in the header box lists the item it is about first, linking to its anchor', async () => {
    await withPage(async (page) => {
      await search(page, 'opsg/28/', 'firmware');
      const links = await resultLinks(page);
      expect(links[0]).toBe(server.url('opsg/27/#item-8'));
      await page.click('#search-results a');
      await page.waitForURL(server.url('opsg/27/#item-8'));
      expect(await page.locator('#item-8 .item-title').textContent()).toBe('Meter Firmware OTAs');
    });
  });

  test('a filter narrows the results', async () => {
    await withPage(async (page) => {
      await search(page, '', 'the');
      const all = await resultLinks(page);
      expect(all.some((link) => link.includes('/ssc/'))).toBe(true);
      await page.selectOption('#search-filter-group', 'OPSG');
      await page.waitForFunction((count) => document.querySelectorAll('#search-results li').length < count, all.length);
      const narrowed = await resultLinks(page);
      expect(narrowed.length).toBeGreaterThan(0);
      expect(narrowed.every((link) => link.includes('/sub/opsg/'))).toBe(true);
      await page.selectOption('#search-filter-owner', 'SECAS');
      await page.waitForFunction((count) => document.querySelectorAll('#search-results li').length < count, narrowed.length);
      expect((await resultLinks(page)).every((link) => link.includes('/sub/opsg/27/'))).toBe(true);
    });
  });

  test('a word only a draft holds, or only a restricted document, finds nothing', async () => {
    expect(fs.readFileSync(path.join(site.dist, 'opsg/29/index.html'), 'utf8')).toContain(draftWord);
    await withPage(async (page) => {
      for (const word of [draftWord, amberWord]) {
        await search(page, '', word);
        expect(await page.locator('#search-status').textContent()).toBe('No agenda item matches.');
        expect(await resultLinks(page)).toEqual([]);
      }
    });
  });

  test('the index files hold published words, never a draft’s or a restricted document’s', () => {
    const files = listFiles(site.dist).filter((file) => file.startsWith('pagefind/') && /\.pf_(fragment|index|meta|filter)$/.test(file));
    expect(files.length).toBeGreaterThan(3);
    const text = files.map((file) => gunzipSync(fs.readFileSync(path.join(site.dist, file))).toString('utf8')).join('\n');
    expect(text).toContain('Meter Firmware OTAs');
    expect(text).not.toContain(draftWord);
    expect(text.toLowerCase()).not.toContain(draftWord.toLowerCase());
    expect(text.toLowerCase()).not.toContain(amberWord.toLowerCase());
    expect(text).not.toContain('opsg/29/');
    expect(text).not.toContain('ssc/2/');
  });

  test('the search page with results and filters shown has zero WCAG 2.1 A/AA violations', async () => {
    await withPage(async (page) => {
      await search(page, 'search/', 'alerts');
      await page.waitForSelector('#search-filter-group');
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async (tags) => {
        const axe = (window as unknown as {axe: {run: (context: Document, options: unknown) => Promise<{violations: Array<{id: string}>}>}}).axe;
        return (await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})).violations.map((violation) => violation.id);
      }, wcagTags);
      expect(violations).toEqual([]);
    });
  });

  test('without JavaScript, the box says search needs it and points to the year pages', async () => {
    const context = await browser.newContext({javaScriptEnabled: false});
    try {
      const page = await context.newPage();
      await page.goto(server.url('opsg/27/'));
      const note = page.locator('form.site-search noscript');
      expect(await note.count()).toBe(1);
      // Chromium shows <noscript> content when scripting is off.
      await expect.poll(() => page.locator('form.site-search p.search-note').first().textContent()).toContain('Search needs JavaScript');
      await page.fill('#site-search-q', 'firmware');
      await page.press('#site-search-q', 'Enter');
      await page.waitForURL(/\/sub\/search\/\?q=firmware/);
      const years = await page.$$eval('#by-year ~ div a', (links) => links.map((link) => (link as HTMLAnchorElement).href));
      expect(years).toContain(server.url('opsg/years/2019/'));
    } finally {
      await context.close();
    }
  });

  test('from files, the box says search works only on the published site and points to the year pages', async () => {
    await withPage(async (page) => {
      await page.goto('file://' + path.join(site.dist, 'opsg/27/index.html'));
      const note = page.locator('form.site-search p.search-note[data-search-note]');
      await expect.poll(() => note.isVisible()).toBe(true);
      expect(await note.textContent()).toContain('browse the meetings by year');
    });
  });
});

describe('search in the preview', () => {
  test('`opsg preview` has no index: the search page and the header box say search works on a built site, and point to the year pages', async () => {
    const dir = copyExample();
    const running = await preview({cwd: dir, port: 0});
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const indexRequests: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/pagefind/')) indexRequests.push(request.url());
      });
      // The header's box leads to the search page, as on a built site.
      await page.goto(running.url + 'opsg/27/');
      const note = page.locator('form.site-search p.search-note[data-search-note]');
      await expect.poll(() => note.isVisible()).toBe(true);
      expect(await note.textContent()).toBe('Search works on a built site (opsg build), not in the preview: browse the meetings by year');
      // The preview's links name files, as a build's do without `cleanUrls`.
      expect(await note.locator('a').getAttribute('href')).toBe('../../search/index.html#by-year');
      await page.fill('#site-search-q', 'firmware');
      await page.press('#site-search-q', 'Enter');
      await page.waitForURL(/\/search\/index\.html\?q=firmware/);
      await expect.poll(() => page.locator('#search-status').textContent()).toBe('Search works on a built site (opsg build), not in the preview. The meetings are listed by year below.');
      const years = await page.$$eval('#by-year ~ div a', (links) => links.map((link) => (link as HTMLAnchorElement).href));
      expect(years).toContain(running.url + 'opsg/years/2019/index.html');
      // It does not try for an index that is not there.
      expect(indexRequests).toEqual([]);
    } finally {
      await context.close();
      await running.close();
      fs.rmSync(dir, {recursive: true, force: true});
    }
  });
});

describe('search turned off', () => {
  test('`"search": false` and `search: false` build no index, no search page and no box', async () => {
    for (const [dir, options] of [
      [copyExample({}, (config) => ({...config, search: false})), {}],
      [copyExample(), {search: false}],
    ] as const) {
      try {
        const built = await buildSite(dir, options);
        const files = listFiles(built.dist);
        expect(files.filter((file) => file.startsWith('pagefind/') || file.startsWith('search/') || file.includes('/search.'))).toEqual([]);
        expect(fs.readFileSync(path.join(built.dist, 'index.html'), 'utf8')).not.toContain('site-search');
      } finally {
        fs.rmSync(dir, {recursive: true, force: true});
      }
    }
  });

  test('`opsg build --no-search` builds no index', () => {
    const dir = copyExample();
    try {
      const run = runCli(['build', '--no-search'], dir);
      expect(run.code).toBe(0);
      expect(listFiles(path.join(dir, 'dist')).filter((file) => file.startsWith('pagefind/') || file.startsWith('search/'))).toEqual([]);
    } finally {
      fs.rmSync(dir, {recursive: true, force: true});
    }
  });

  test('a `search` key that is not true or false is refused at its line and column', async () => {
    const dir = copyExample({}, (config) => ({...config, search: 'no'}));
    try {
      const result = await build({cwd: dir});
      const messages = result.files.flatMap((file) => file.messages.map((message) => `${file.path}:${message.line}:${message.column} ${message.reason}`));
      const text = fs.readFileSync(path.join(dir, 'opsg.config.json'), 'utf8').split('\n');
      const line = text.findIndex((row) => row.includes('"search"')) + 1;
      expect(messages.filter((message) => message.startsWith(`opsg.config.json:${line}:`) && message.endsWith('as `search`, expected `true` or `false`'))).toHaveLength(1);
      expect(result.written).toEqual([]);
    } finally {
      fs.rmSync(dir, {recursive: true, force: true});
    }
  });
});
