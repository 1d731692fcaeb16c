/**
 * The built example site in Chromium: accessibility (axe-core, WCAG 2.1 A and AA), a
 * phone-sized viewport, what a meeting page and the home page show, and the feed and
 * sitemap as XML a parser accepts. Pages are loaded over a real HTTP server.
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {Browser, BrowserContext, Page} from 'playwright-core';
import {axeSource, buildSite, copyExample, htmlPages, linksOf, serveWithBrowser, stressMeeting, wcagTags, type BuiltSite, type ServedSite, type StaticServer} from './site-helpers.js';

let site: BuiltSite;
let server: StaticServer;
let browser: Browser;
let pages: string[];

let served: ServedSite;

beforeAll(async () => {
  served = await serveWithBrowser(await buildSite(copyExample({'content/panel/2021/panel-5.md': stressMeeting}), {drafts: true}));
  ({site, server, browser} = served);
  pages = htmlPages(site.dist);
});

afterAll(() => served?.close());

/** A fresh page in its own context, closed after `work`. */
async function withPage<T>(options: Parameters<Browser['newContext']>[0], work: (page: Page) => Promise<T>): Promise<T> {
  const context: BrowserContext = await browser.newContext(options);
  try {
    return await work(await context.newPage());
  } finally {
    await context.close();
  }
}

interface AxeSummary {
  violations: string[];
  passes: number;
}

async function runAxe(page: Page): Promise<AxeSummary> {
  // Evaluated, not added as a script tag: the pages' Content-Security-Policy refuses inline scripts.
  await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as {axe: {run: (context: Document, options: unknown) => Promise<{violations: Array<{id: string; nodes: Array<{target: string[]}>}>; passes: unknown[]}>}}).axe;
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
    return {violations: result.violations.map((v) => `${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`), passes: result.passes.length};
  }, wcagTags);
}

describe('accessibility', () => {
  test('the site has every kind of page: home, groups, years, meetings (draft too), print, threads, search, 404', () => {
    expect(pages).toEqual([
      '404.html',
      'index.html',
      'opsg/27/index.html', 'opsg/27/print.html',
      'opsg/28/index.html', 'opsg/28/print.html',
      'opsg/29/index.html', 'opsg/29/print.html',
      'opsg/index.html',
      'opsg/years/2019/index.html', 'opsg/years/2020/index.html',
      'owners/dcc/index.html', 'owners/example-owner/index.html', 'owners/opsg-chair/index.html', 'owners/panel-chair/index.html', 'owners/secas/index.html',
      'panel/5/index.html', 'panel/5/print.html',
      'panel/index.html',
      'panel/years/2021/index.html',
      'print.html',
      'search/index.html',
      'ssc/1/index.html', 'ssc/1/print.html',
      'ssc/index.html',
      'ssc/years/2020/index.html',
      'topics/dp094/index.html', 'topics/dp096/index.html', 'topics/dp097/index.html', 'topics/dp123/index.html',
      'topics/index.html',
    ]);
  });

  test('axe-core finds a violation in a page made to fail (the harness works)', async () => {
    const summary = await withPage({}, async (page) => {
      await page.goto(server.url('index.html'));
      await page.evaluate(() => document.querySelector('main')!.append(Object.assign(document.createElement('img'), {src: 'data:,'})));
      return runAxe(page);
    });
    expect(summary.violations.map((line) => line.split(':')[0])).toContain('image-alt');
  });

  test('every page, and the 404 page at a missing address, has zero WCAG 2.1 A/AA violations', async () => {
    const found: Record<string, string[]> = {};
    await withPage({}, async (page) => {
      for (const at of [...pages, 'no/such/page/']) {
        const response = await page.goto(server.url(at));
        expect(response?.status(), at).toBe(at.startsWith('no/') ? 404 : 200);
        const summary = await runAxe(page);
        expect(summary.passes, `axe ran no rule on ${at}`).toBeGreaterThan(0);
        if (summary.violations.length > 0) found[at] = summary.violations;
      }
    });
    expect(found).toEqual({});
  }, 240_000);

  test('a link focused from the keyboard looks different from one that is not', async () => {
    const styles = await withPage({}, async (page) => {
      await page.goto(server.url('opsg/27/'));
      const look = () => page.evaluate(() => {
        const style = getComputedStyle(document.querySelector('.toc a')!);
        return [style.backgroundColor, style.boxShadow, style.outlineStyle, style.color].join(' | ');
      });
      const before = await look();
      // Tab from the skip link until the first contents link has focus.
      for (let step = 0; step < 30; step++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate(() => document.activeElement === document.querySelector('.toc a'))) break;
      }
      return {before, after: await look()};
    });
    expect(styles.after).not.toBe(styles.before);
  });

  test('the skip link is on screen when focused', async () => {
    const left = await withPage({}, async (page) => {
      await page.goto(server.url('opsg/27/'));
      await page.keyboard.press('Tab');
      return page.evaluate(() => ({focused: document.activeElement?.className, left: document.activeElement!.getBoundingClientRect().left}));
    });
    expect(left).toEqual({focused: 'skip-link', left: 0});
  });
});

describe('a phone-sized viewport (375 px)', () => {
  test('no page scrolls sideways, and every page has its stylesheet', async () => {
    const wide: Record<string, number> = {};
    const unstyled: string[] = [];
    const shot = path.join(site.dir, 'seed-375.png');
    await withPage({viewport: {width: 375, height: 812}}, async (page) => {
      for (const at of pages) {
        await page.goto(server.url(at));
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 375) wide[at] = width;
        const rules = await page.evaluate(() => [...document.styleSheets].reduce((sum, sheet) => sum + sheet.cssRules.length, 0));
        if (rules === 0) unstyled.push(at);
      }
      await page.goto(server.url('opsg/27/'));
      await page.screenshot({path: shot, fullPage: true});
    });
    expect(wide).toEqual({});
    expect(unstyled).toEqual([]);
    // A PNG whose IHDR says 375 pixels wide.
    expect(fs.readFileSync(shot).readUInt32BE(16)).toBe(375);
  });

  test('without the stylesheet the stress page would scroll sideways (the check can fail)', async () => {
    const width = await withPage({viewport: {width: 375, height: 812}}, async (page) => {
      await page.route('**/*.css', (route) => route.fulfill({status: 200, contentType: 'text/css', body: ''}));
      await page.goto(server.url('panel/5/'));
      return page.evaluate(() => document.documentElement.scrollWidth);
    });
    expect(width).toBeGreaterThan(375);
  });
});

describe('what the pages show', () => {
  test('the seed meeting page: title, date, group, label, statement, contents, items, notes, next meetings, neighbours, print, home', async () => {
    const seen = await withPage({viewport: {width: 1024, height: 768}}, async (page) => {
      await page.goto(server.url('opsg/27/'));
      return page.evaluate(() => {
        const text = (selector: string) => document.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
        const label = document.querySelector('.classification-label')!;
        const labelStyle = getComputedStyle(label);
        const note = document.querySelector('#item-20 .post-meeting-note')!;
        const item = document.querySelector('#item-20')!;
        return {
          h1: text('h1'),
          date: document.querySelector('time')?.getAttribute('datetime'),
          dateText: text('time'),
          group: text('.meeting-meta a'),
          groupHref: (document.querySelector('.meeting-meta a') as HTMLAnchorElement).href,
          label: label.textContent,
          labelOnFirstScreen: label.getBoundingClientRect().bottom < window.innerHeight,
          labelInverse: labelStyle.color !== labelStyle.backgroundColor && Number(labelStyle.fontWeight) >= 700,
          statement: text('.classification-statement'),
          toc: [...document.querySelectorAll('.toc a')].map((a) => a.getAttribute('href')),
          items: [...document.querySelectorAll('section.agenda-item')].map((section) => ({
            id: section.id,
            number: section.querySelector('.item-number')?.textContent,
            title: section.querySelector('.item-title')?.textContent,
            owner: section.querySelector('.item-owner')?.textContent,
            hasContent: (section.querySelector('p')?.textContent ?? '').length > 20,
          })),
          note: note.textContent?.trim(),
          noteSetApart: getComputedStyle(note).backgroundColor !== getComputedStyle(item).backgroundColor && getComputedStyle(note).borderLeftStyle !== 'none',
          next: [...document.querySelectorAll('.next-meetings dt, .next-meetings dd')].map((node) => node.textContent),
          previous: document.querySelector('a[rel=prev]'),
          following: (document.querySelector('a[rel=next]') as HTMLAnchorElement | null)?.href,
          print: [...document.querySelectorAll('a')].filter((a) => a.textContent?.includes('Print')).map((a) => a.href),
          home: [...document.querySelectorAll('a')].filter((a) => a.textContent === 'Home').map((a) => a.href),
        };
      });
    });
    expect(seen).toMatchObject({
      h1: 'Operations Group (OPSG) Meeting 27 on 3 December 2019 Headlines',
      date: '2019-12-03',
      dateText: '3 December 2019',
      group: 'Operations Group',
      groupHref: server.url('opsg/'),
      label: 'Classification: WHITE',
      labelOnFirstScreen: true,
      labelInverse: true,
      statement: expect.stringMatching(/^This document is classified as White in accordance with the Panel Information Policy\./),
      toc: ['#item-4', '#item-6', '#item-7', '#item-8', '#item-9', '#item-10', '#item-11', '#item-13', '#item-16', '#item-18', '#item-20'],
      note: expect.stringMatching(/^\[Post Meeting Note: Further input from a Large Supplier member/),
      noteSetApart: true,
      next: ['Next Regular Meeting Date:', '7 January 2020 (to include consideration of standard reports)', 'Next Reporting Meeting:', '27 January 2020'],
      previous: null,
      following: server.url('opsg/28/'),
      print: [server.url('opsg/27/print.html')],
      home: [server.url('')],
    });
    expect(seen.items).toHaveLength(11);
    expect(seen.items[0]).toEqual({id: 'item-4', number: '4.', title: 'Major Incident', owner: '(SECAS/DCC)', hasContent: true});
    expect(seen.items.at(-1)).toEqual({id: 'item-20', number: '20.', title: 'AOB', owner: '(OPSG Chair)', hasContent: true});
    expect(seen.items.every((item) => item.hasContent && item.owner)).toBe(true);
  });

  test('a later meeting links back to the previous one of its group', async () => {
    const previous = await withPage({}, async (page) => {
      await page.goto(server.url('opsg/28/'));
      return page.locator('a[rel=prev]').evaluate((a) => (a as HTMLAnchorElement).href);
    });
    expect(previous).toBe(server.url('opsg/27/'));
  });

  test('every page has a link home; the 404 page at a missing address too', async () => {
    const without: string[] = [];
    for (const at of [...pages, 'no/such/page/']) {
      const body = await (await fetch(server.url(at))).text();
      if (!linksOf(body).some((href) => new URL(href, server.url(at)).href === server.url(''))) without.push(at);
    }
    expect(without).toEqual([]);
  });

  test('the home page groups by full group name and year, newest first, item titles linking to anchors', async () => {
    const groups = await withPage({}, async (page) => {
      await page.goto(server.url(''));
      return page.evaluate(() => [...document.querySelectorAll('section.group')].map((section) => ({
        name: section.querySelector('h2')?.textContent,
        years: [...section.querySelectorAll('h3')].map((h3) => h3.textContent),
        meetings: [...section.querySelectorAll('.meeting-entry')].map((entry) => ({
          link: entry.querySelector('.meeting-link')?.textContent?.replace(/\s+/g, ' '),
          items: [...entry.querySelectorAll('.item-list a')].map((a) => `${a.getAttribute('href')} ${a.textContent}`),
        })),
      })));
    });
    expect(groups.map((group) => group.name)).toEqual(['Operations Group (OPSG)', 'SEC Panel (PANEL)', 'Security Sub-Committee (SSC)']);
    const opsg = groups[0]!;
    expect(opsg.years).toEqual(['2020', '2019']);
    expect(opsg.meetings.map((entry) => entry.link)).toEqual([
      'OPSG meeting 29, 4 February 2020 (draft)',
      'OPSG meeting 28, 7 January 2020',
      'OPSG meeting 27, 3 December 2019',
    ]);
    expect(opsg.meetings[2]!.items.slice(0, 2)).toEqual(['opsg/27/#item-4 4. Major Incident', 'opsg/27/#item-6 6. CSP N Installation failures/times']);
  });

  test('the 404 page says so and offers the way home', async () => {
    const seen = await withPage({}, async (page) => {
      const response = await page.goto(server.url('no/such/page/'));
      return {status: response?.status(), h1: await page.locator('h1').textContent(), robots: await page.locator('meta[name=robots]').getAttribute('content')};
    });
    expect(seen).toEqual({status: 404, h1: 'Page not found', robots: 'noindex'});
  });
});

describe('feed and sitemap as XML', () => {
  test('feed.xml is well-formed Atom with the RFC 4287 essentials, and no draft', async () => {
    const xml = fs.readFileSync(path.join(site.dist, 'feed.xml'), 'utf8');
    const feed = await withPage({}, (page) => page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, 'application/xml');
      if (doc.querySelector('parsererror')) return {error: doc.querySelector('parsererror')!.textContent};
      const atom = 'http://www.w3.org/2005/Atom';
      const child = (parent: Element, name: string) => [...parent.children].filter((node) => node.namespaceURI === atom && node.localName === name);
      const one = (parent: Element, name: string) => child(parent, name).map((node) => node.textContent);
      const root = doc.documentElement;
      return {
        root: `${root.namespaceURI} ${root.localName}`,
        id: one(root, 'id'),
        title: one(root, 'title'),
        updated: one(root, 'updated'),
        author: child(root, 'author').length,
        entries: child(root, 'entry').map((entry) => ({
          id: one(entry, 'id'),
          title: one(entry, 'title'),
          updated: one(entry, 'updated'),
          links: child(entry, 'link').map((link) => `${link.getAttribute('rel')} ${link.getAttribute('href')}`),
        })),
      };
    }, xml));
    expect(feed).not.toHaveProperty('error');
    expect(feed).toMatchObject({root: 'http://www.w3.org/2005/Atom feed', id: ['https://headlines.example.org/'], title: ['Smart Energy Code meeting headlines (example site)'], updated: ['2021-03-02T00:00:00Z'], author: 1});
    const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
    const entries = (feed as {entries: Array<{id: string[]; title: string[]; updated: string[]; links: string[]}>}).entries;
    expect(entries.map((entry) => entry.links)).toEqual([
      ['alternate https://headlines.example.org/panel/5/'],
      ['alternate https://headlines.example.org/ssc/1/'],
      ['alternate https://headlines.example.org/opsg/28/'],
      ['alternate https://headlines.example.org/opsg/27/'],
    ]);
    for (const entry of entries) {
      expect(entry.id).toHaveLength(1);
      expect(entry.id[0]).toMatch(/^https:\/\/headlines\.example\.org\//);
      expect(entry.title).toHaveLength(1);
      expect(entry.updated).toHaveLength(1);
      expect(entry.updated[0]).toMatch(rfc3339);
    }
  });

  test('sitemap.xml is well-formed, in the sitemap namespace, absolute URLs only, no draft', async () => {
    const xml = fs.readFileSync(path.join(site.dist, 'sitemap.xml'), 'utf8');
    const parsed = await withPage({}, (page) => page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, 'application/xml');
      if (doc.querySelector('parsererror')) return {error: doc.querySelector('parsererror')!.textContent};
      return {root: `${doc.documentElement.namespaceURI} ${doc.documentElement.localName}`, locs: [...doc.getElementsByTagName('loc')].map((loc) => loc.textContent)};
    }, xml));
    expect(parsed).toEqual({
      root: 'http://www.sitemaps.org/schemas/sitemap/0.9 urlset',
      locs: [
        'https://headlines.example.org/',
        'https://headlines.example.org/opsg/',
        'https://headlines.example.org/panel/',
        'https://headlines.example.org/ssc/',
        'https://headlines.example.org/opsg/28/',
        'https://headlines.example.org/opsg/27/',
        'https://headlines.example.org/panel/5/',
        'https://headlines.example.org/ssc/1/',
      ],
    });
  });
});
