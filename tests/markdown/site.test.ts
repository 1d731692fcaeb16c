/**
 * A site of every Markdown case (tables, footnotes, sub-headings, raw HTML, data images…)
 * beside the example site: html-validate finds no error, every internal link and anchor
 * resolves (the combined print page holds all these meetings at once, so content ids
 * must differ between meetings), and axe-core finds no WCAG 2.1 A/AA violation in Chromium.
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {HtmlValidate} from 'html-validate';
import type {Browser} from 'playwright-core';
import {axeSource, buildSite, copyExample, htmlPages, launchChromium, loadFromFolder, serve, walkLinks, wcagTags, type BuiltSite, type StaticServer} from '../site/site-helpers.js';
import {fixture} from './support.js';

const cases = ['tables', 'strikethrough-title', 'footnotes', 'definitions-end', 'next-slide', 'subheadings', 'raw-html', 'zero-width'];
const dataImage = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
let site: BuiltSite;

beforeAll(async () => {
  const extra: Record<string, string> = {};
  cases.forEach((name, index) => {
    const number = 101 + index;
    let text = fixture(`${name}.md`).replace('meeting: 27', `meeting: ${number}`).replace('Meeting 27 on', `Meeting ${number} on`);
    if (name === 'tables') text = text.replace('6. Alerts (DCC): The DCC reported progress.', `6. Alerts (DCC): The DCC reported progress: ![alerts by month](${dataImage}).`);
    extra[`content/opsg/cases/${name}.md`] = text;
  });
  site = await buildSite(copyExample(extra), {cache: false});
});

afterAll(() => {
  if (site) fs.rmSync(site.dir, {recursive: true, force: true});
});

const casePages = () => htmlPages(site.dist).filter((at) => /^opsg\/1\d\d\//.test(at) || at === 'print.html');

test('the site has a page and a print page for every case', () => {
  expect(casePages()).toHaveLength(2 * cases.length + 1);
});

test('every page has zero html-validate errors', async () => {
  const validator = new HtmlValidate({extends: ['html-validate:recommended']});
  const found: Record<string, string[]> = {};
  for (const at of htmlPages(site.dist)) {
    const report = await validator.validateString(fs.readFileSync(path.join(site.dist, at), 'utf8'), at);
    const errors = report.results.flatMap((result) => result.messages.filter((message) => message.severity === 2).map((message) => `${message.line}:${message.column} ${message.ruleId}: ${message.message}`));
    if (errors.length > 0) found[at] = errors;
  }
  expect(found).toEqual({});
});

test('every internal link and anchor resolves; the one data image is the only non-http source', async () => {
  const origin = 'http://site.test';
  const walk = await walkLinks(htmlPages(site.dist).map((at) => new URL('/' + at, origin)), loadFromFolder(site.dist));
  // The walker counts a `data:` URL as leaving the site: it is the image, on its page and in print.html.
  const dataImages = walk.broken.filter((line) => line.includes(`: ${dataImage}: leaves the site`));
  expect(dataImages.map((line) => line.split(':')[0])).toEqual(['/opsg/101/index.html', '/opsg/101/print.html', '/print.html']);
  expect(walk.broken.filter((line) => !dataImages.includes(line))).toEqual([]);
  expect(walk.checked).toBeGreaterThan(200);
});

test('every case page has zero WCAG 2.1 A/AA violations in Chromium', async () => {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;
  try {
    server = await serve(site.dist);
    browser = await launchChromium();
    const page = await (await browser.newContext()).newPage();
    const found: Record<string, string[]> = {};
    for (const at of casePages()) {
      await page.goto(server.url(at));
      // Evaluated, not added as a script tag: the pages' Content-Security-Policy refuses inline scripts.
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async (tags) => {
        const axe = (window as unknown as {axe: {run: (context: Document, options: unknown) => Promise<{violations: Array<{id: string; nodes: Array<{target: string[]}>}>}>}}).axe;
        const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
        return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
      }, wcagTags);
      if (violations.length > 0) found[at] = violations;
    }
    expect(found).toEqual({});
  } finally {
    await browser?.close();
    await server?.close();
  }
}, 240_000); // seventeen pages in a real browser, on a shared machine
