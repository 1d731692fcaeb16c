import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type Browser, type Page} from 'playwright-core';
import {launchTestBrowser} from '../browser.js';
import {preview, type Preview} from '../../src/index.js';
import {meeting} from '../helpers.js';
import {previewSite} from './preview-helpers.js';

describe('opsg preview in Chromium', () => {
  let browser: Browser;
  let server: Preview;
  let dir: string;

  beforeAll(async () => {
    dir = previewSite();
    server = await preview({cwd: dir, port: 0});
    browser = await launchTestBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    fs.rmSync(dir, {recursive: true, force: true});
  });

  /** Open a page and wait until its live-reload stream is connected. */
  async function open(at: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(server.url + at);
    await page.waitForFunction(() => (window as {__opsgLive?: string}).__opsgLive === 'open');
    return page;
  }

  it('reloads an open page after an edit, and shows the overlay after a broken edit until it is fixed', async () => {
    const page = await open('opsg/27/');
    const other = await open('');
    await page.evaluate(() => ((window as {beforeEdit?: boolean}).beforeEdit = true));
    const file = path.join(dir, 'content/opsg/opsg-27.md');
    const edited = meeting({items: '4. Major Incident (SECAS/DCC): Edited while the page was open.'});
    fs.writeFileSync(file, edited);
    await page.getByText('Edited while the page was open.').waitFor();
    // A new document: the marker set before the edit is gone, so the page really reloaded.
    expect(await page.evaluate(() => (window as {beforeEdit?: boolean}).beforeEdit)).toBeUndefined();
    await page.waitForFunction(() => (window as {__opsgLive?: string}).__opsgLive === 'open');

    fs.writeFileSync(file, edited.replace('meeting: 27', 'meeting: twenty-seven'));
    const overlay = page.locator('#opsg-overlay');
    await overlay.waitFor();
    expect(await overlay.innerText()).toMatch(/content\/opsg\/opsg-27\.md:3:10/);
    expect(await overlay.innerText()).toContain('front-matter-type');
    // Every open tab shows it, not only the edited meeting's.
    await other.locator('#opsg-overlay').waitFor();
    await page.waitForFunction(() => (window as {__opsgLive?: string}).__opsgLive === 'open');

    fs.writeFileSync(file, edited);
    await page.getByText('Edited while the page was open.').waitFor();
    expect(await page.locator('#opsg-overlay').count()).toBe(0);
    await page.close();
    await other.close();
  });
});
