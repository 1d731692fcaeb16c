/**
 * Every page of the site carries a Content-Security-Policy that allows only the site's own
 * files: screen pages its scripts (and Pagefind's WebAssembly) and styles, print pages its
 * styles and no script at all. In Chromium, a print page still gets its stylesheet under
 * that policy, from the static host and from files (as `opsg pdf` opens it).
 */
import fs from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {Browser, Page} from 'playwright-core';
import {buildSite, copyExample, htmlPages, serveWithBrowser, type BuiltSite, type ServedSite, type StaticServer} from './site-helpers.js';

let served: ServedSite;
let site: BuiltSite;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  // Drafts and per-group print pages too, so every kind of page is built.
  served = await serveWithBrowser(await buildSite(copyExample({}, (config) => ({...config, printPerGroup: true})), {drafts: true}));
  ({site, server, browser} = served);
});

afterAll(() => served?.close());

/** The policies a page's head declares, each as its directives by name. */
function policies(html: string): Array<Map<string, string[]>> {
  const head = html.slice(0, html.indexOf('</head>'));
  return [...head.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/gi)].map((match) =>
    new Map(match[1]!.replace(/&#x27;/g, "'").split(';').map((directive) => directive.trim().split(/\s+/)).map(([name, ...values]) => [name!, values])));
}

const isPrint = (page: string) => page.endsWith('print.html');

describe('the Content-Security-Policy', () => {
  test('every page carries one, before anything it could govern', () => {
    const pages = htmlPages(site.dist);
    // Screen pages, the search page, the 404 page, each meeting's print page, the combined one and each group's.
    for (const expected of ['index.html', 'search/index.html', '404.html', 'topics/index.html', 'opsg/27/print.html', 'opsg/29/print.html', 'print.html', 'opsg/print.html', 'ssc/print.html']) expect(pages).toContain(expected);
    for (const page of pages) {
      const html = fs.readFileSync(path.join(site.dist, page), 'utf8');
      const found = policies(html);
      expect(found, page).toHaveLength(1);
      const policy = found[0]!;
      expect(html.indexOf('Content-Security-Policy'), page).toBeLessThan(Math.min(...['<link', '<script', '<style'].map((tag) => html.indexOf(tag)).filter((at) => at !== -1)));
      for (const directive of ['default-src', 'script-src', 'style-src', 'img-src', 'object-src', 'base-uri', 'form-action']) expect(policy.has(directive), `${page}: ${directive}`).toBe(true);
      expect(policy.get('style-src'), page).toEqual(["'self'"]);
      expect(policy.get('object-src'), page).toEqual(["'none'"]);
      expect(policy.get('base-uri'), page).toEqual(["'none'"]);
      expect([...policy.values()].flat().filter((value) => ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'"].includes(value) || value.includes('*') || /^https?:/.test(value)), page).toEqual([]);
      if (isPrint(page)) {
        // A print page runs no script and has none.
        expect(policy.get('default-src'), page).toEqual(["'none'"]);
        expect(policy.get('script-src'), page).toEqual(["'none'"]);
        expect(policy.get('form-action'), page).toEqual(["'none'"]);
        expect(html, page).not.toMatch(/<script/i);
      } else {
        expect(policy.get('script-src'), page).toEqual(["'self'", "'wasm-unsafe-eval'"]);
      }
    }
  });

  /** Open `url`: the width print.css gives the body (none without it), and what the policy refused. */
  async function open(url: string): Promise<{maxWidth: string; refused: string[]}> {
    const context = await browser.newContext();
    try {
      const page: Page = await context.newPage();
      const refused: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
      });
      await page.goto(url, {waitUntil: 'load'});
      return {maxWidth: await page.evaluate(() => getComputedStyle(document.body).maxWidth), refused};
    } finally {
      await context.close();
    }
  }

  test('print pages get their stylesheet under it, from the static host and from files, and nothing is refused', async () => {
    for (const page of ['opsg/27/print.html', 'print.html', 'opsg/print.html']) {
      for (const url of [server.url(page), pathToFileURL(path.join(site.dist, page)).href]) {
        const {maxWidth, refused} = await open(url);
        // print.css's `max-width: 46rem`.
        expect(maxWidth, url).toBe('736px');
        expect(refused, url).toEqual([]);
      }
    }
  });

  test('a print page with a script added would not run it: the policy is what stops it', async () => {
    const page = 'opsg/27/print.html';
    const html = fs.readFileSync(path.join(site.dist, page), 'utf8');
    const tampered = path.join(site.dist, 'opsg/27/tampered.html');
    fs.writeFileSync(path.join(site.dist, 'opsg/27/tampered.js'), 'document.documentElement.dataset.ran = "yes";\n');
    try {
      for (const [text, ran] of [[html, null], [html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''), 'yes']] as const) {
        fs.writeFileSync(tampered, text.replace('</head>', '<script src="tampered.js"></script></head>'));
        const context = await browser.newContext();
        try {
          const tab = await context.newPage();
          await tab.goto(server.url('opsg/27/tampered.html'), {waitUntil: 'load'});
          expect(await tab.evaluate(() => document.documentElement.dataset.ran ?? null)).toBe(ran);
        } finally {
          await context.close();
        }
      }
    } finally {
      fs.rmSync(tampered, {force: true});
      fs.rmSync(path.join(site.dist, 'opsg/27/tampered.js'), {force: true});
    }
  });
});
