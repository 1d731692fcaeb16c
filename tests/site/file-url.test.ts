/**
 * The built site opened from disk (`file://`) in Chromium: every click lands on a page, never
 * on a folder listing. Links name files (`opsg/index.html`) unless the build is for a web
 * server, where `cleanUrls` keeps them as folders (`opsg/`).
 */
import fs from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser, Page} from 'playwright-core';
import {build} from '../../src/index.js';
import {launchTestBrowser} from '../browser.js';
import {makeSite, meeting, seedMarkdown} from '../helpers.js';

let browser: Browser;
const dirs: string[] = [];

beforeAll(async () => {
  browser = await launchTestBrowser();
});

afterAll(async () => {
  await browser?.close();
  for (const dir of dirs) fs.rmSync(dir, {recursive: true, force: true});
});

/** A two-group site, built with the given link style; resolves to its home page's file:// URL. */
async function site(cleanUrls: boolean): Promise<string> {
  const dir = makeSite({
    'content/opsg/2019/opsg-27.md': seedMarkdown,
    'content/ssc/2020/ssc-1.md': meeting({group: 'SSC', meeting: 1, date: '2020-01-15'}),
  });
  dirs.push(dir);
  const result = await build({cwd: dir, cleanUrls});
  expect(result.published).toEqual(['OPSG 27', 'SSC 1']);
  return pathToFileURL(path.join(dir, 'dist/index.html')).href;
}

/** Click the link named `name` and wait for the next page. */
async function follow(page: Page, name: string | RegExp): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.getByRole('link', {name, exact: typeof name === 'string'}).first().click()]);
}

describe('the site from disk', () => {
  it('clicks through home → group → meeting → print, each a page of the site', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(await site(false));
      await follow(page, 'Operations Group (OPSG)');
      expect(page.url()).toMatch(/\/dist\/opsg\/index\.html$/);
      await expect(page.locator('h1').textContent()).resolves.toContain('Operations Group');
      await follow(page, 'OPSG meeting 27');
      expect(page.url()).toMatch(/\/dist\/opsg\/27\/index\.html$/);
      await expect(page.locator('h1').textContent()).resolves.toContain('Meeting 27 on 3 December 2019');
      await follow(page, 'Print version (A4)');
      expect(page.url()).toMatch(/\/dist\/opsg\/27\/print\.html$/);
      await expect(page.locator('h1').first().textContent()).resolves.toContain('Meeting 27 on 3 December 2019');
      // And back home from a meeting page, again a file.
      await page.goBack();
      await follow(page, 'Home');
      expect(page.url()).toMatch(/\/dist\/index\.html$/);
      await follow(page, /^OPSG meeting 27$/);
      expect(page.url()).toMatch(/\/dist\/opsg\/27\/index\.html$/);
    } finally {
      await page.close();
    }
  });

  it('would show a folder listing with the links a web server gets (the check can fail)', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(await site(true));
      await follow(page, 'Operations Group (OPSG)');
      expect(page.url()).toMatch(/\/dist\/opsg\/$/);
      // A folder listing (or, in some builds of Chromium, an error page): not the group's page.
      expect(await page.content()).not.toContain('OPSG meeting 27');
    } finally {
      await page.close();
    }
  });
});
