/**
 * Helpers for the site tests: example-site builds in temporary folders, a small static
 * HTTP server (optionally under a sub-path), Chromium, and a link walker.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type {AddressInfo} from 'node:net';
import type {Browser} from 'playwright-core';
import {launchTestBrowser} from '../browser.js';
import {build} from '../../src/index.js';
import type {BuildOptions} from '../../src/index.js';
import type {RunResult} from '../../src/pipeline/index.js';
import {makeSite, root, tempDir} from '../helpers.js';

/** A meeting that stresses layout and markup: long unbroken text, two notes, code, lists, a plain reference. */
export const stressMeeting = `---
group: PANEL
meeting: 5
date: 2021-03-02
classification: White
next_meeting: 2021-04-06
---

This document is classified as **White** in accordance with the Panel Information Policy. Information can be shared with the public, and any members may publish the information, subject to copyright.

1. Long references (Panel Chair): See https://example.org/a/very/long/path/that/keeps/going/and/going/without/any/break/at/all/0123456789 and \`averyveryveryverylongidentifierwithoutanybreakopportunityatall_0123456789\`. The Panel noted DP123 in passing.

2. Two notes (SECAS): The Panel discussed the first matter. *[Post Meeting Note: The first note.]*

The Panel discussed a second matter. *[Post Meeting Note: The second note.]*

3. Code and lists (SECAS): An example.

\`\`\`
a very long code line that goes on and on and on without wrapping because it is preformatted text 0123456789
\`\`\`

- a list
  - with a nested entry
`;

/** A built site: its folder, its output folder and the run's result. */
export interface BuiltSite {
  /** The site folder (content, config). */
  dir: string;
  /** The output folder. */
  dist: string;
  /** What the build returned. */
  result: RunResult;
}

/** Copy the bundled example site (content and config) into a new temporary folder, plus `extra` files. */
export function copyExample(extra: Record<string, string> = {}, config?: (config: Record<string, unknown>) => Record<string, unknown>): string {
  const dir = tempDir('opsg-site-');
  fs.cpSync(path.join(root, 'content'), path.join(dir, 'content'), {recursive: true});
  const own = JSON.parse(fs.readFileSync(path.join(root, 'opsg.config.json'), 'utf8')) as Record<string, unknown>;
  makeSite({'opsg.config.json': JSON.stringify(config ? config(own) : own, null, 2), ...extra}, dir);
  return dir;
}

/** Build a site folder into `<dir>/<out>`; fails the test when the build reports an error. */
export async function buildSite(dir: string, options: BuildOptions = {}, out = 'dist'): Promise<BuiltSite> {
  // Served over HTTP in these tests: links name folders, as on a static host.
  const result = await build({cwd: dir, out, cleanUrls: true, ...options});
  const errors = result.files.flatMap((file) => file.messages.filter((message) => message.fatal === true).map((message) => `${file.path}: ${message.reason}`));
  if (errors.length > 0 || result.written.length === 0) throw new Error(`Build failed:\n${errors.join('\n')}`);
  return {dir, dist: path.join(dir, out), result};
}

/** Every HTML file below `dist`, as sorted site paths (`opsg/27/index.html`). */
export function htmlPages(dist: string): string[] {
  return listFiles(dist).filter((file) => file.endsWith('.html'));
}

/** Every file below `dist`, as sorted site paths. */
export function listFiles(dist: string): string[] {
  return (fs.readdirSync(dist, {recursive: true, withFileTypes: true}) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dist, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** A running static server. */
export interface StaticServer {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** The full URL of a site path (`opsg/27/`) under the served prefix. */
  url: (sitePath: string) => string;
  /** Stop the server. */
  close: () => Promise<void>;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.js': 'text/javascript; charset=utf-8',
};

/**
 * Serve `dist` on 127.0.0.1 at a free port under `prefix` (`/` or `/sub/`), as a static
 * host does: a folder serves its index.html, a missing path gets 404.html with status 404.
 */
export async function serve(dist: string, prefix = '/'): Promise<StaticServer> {
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    let file: string | undefined;
    if (pathname.startsWith(prefix) && !pathname.split('/').includes('..')) {
      const candidate = path.join(dist, pathname.slice(prefix.length));
      const target = pathname.endsWith('/') ? path.join(candidate, 'index.html') : candidate;
      if (fs.existsSync(target) && fs.statSync(target).isFile()) file = target;
    }
    const status = file ? 200 : 404;
    file ??= path.join(dist, '404.html');
    response.writeHead(status, {'content-type': types[path.extname(file)] ?? 'application/octet-stream'});
    response.end(fs.existsSync(file) ? fs.readFileSync(file) : 'Not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (sitePath) => origin + prefix + sitePath,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The tests' browser: an installed Chromium, else the npm-shipped one. */
export function launchChromium(): Promise<Browser> {
  return launchTestBrowser();
}

/** A built site served over HTTP, with a browser to read it. */
export interface ServedSite {
  /** The site. */
  site: BuiltSite;
  /** Its server. */
  server: StaticServer;
  /** The browser. */
  browser: Browser;
  /** Close the browser and the server, and remove the site's folder. */
  close: () => Promise<void>;
}

/** Serve a built site and start the tests' browser. */
export async function serveWithBrowser(site: BuiltSite): Promise<ServedSite> {
  const server = await serve(site.dist);
  const browser = await launchChromium();
  return {
    site,
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
      fs.rmSync(site.dir, {recursive: true, force: true});
    },
  };
}

/** axe-core's source, to inject into a page. */
export const axeSource = fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.1 A and AA rule tags. */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Decode the character references the serialiser writes in attribute values and text. */
export function decode(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

/** Every `href` and `src` value in a page, decoded. */
export function linksOf(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((match) => decode(match[1]!));
}

/** Every `id` in a page, decoded. */
export function idsOf(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((match) => decode(match[1]!)));
}

/** A fetched resource: its HTTP-like status and body, or undefined when missing. */
export type Load = (url: URL) => Promise<{status: number; body: string} | undefined>;

/** What a link walk found. */
export interface LinkWalk {
  /** `page → link: reason` for every link that does not resolve. */
  broken: string[];
  /** External http(s) links, collected but not fetched. */
  external: string[];
  /** How many internal links were followed. */
  checked: number;
}

/**
 * Follow every `href` and `src` in the given pages (full URLs). A link must stay on the
 * origin, load, and any `#fragment` must be an id in its target; external http(s), mailto
 * and tel links are only collected. `expectStatus` says which status an entry page may have.
 */
export async function walkLinks(entries: URL[], load: Load, expectStatus: (url: URL) => number = () => 200): Promise<LinkWalk> {
  const cache = new Map<string, Promise<{status: number; body: string} | undefined>>();
  const get = (url: URL) => {
    const key = url.href.replace(/#.*$/, '');
    let found = cache.get(key);
    if (!found) cache.set(key, (found = load(new URL(key))));
    return found;
  };
  const walk: LinkWalk = {broken: [], external: [], checked: 0};
  for (const entry of entries) {
    const page = await get(entry);
    if (!page || page.status !== expectStatus(entry)) {
      walk.broken.push(`${entry.pathname}: entry page has status ${page?.status ?? 'none'}`);
      continue;
    }
    for (const link of linksOf(page.body)) {
      const target = new URL(link, entry);
      if (/^(https?:)?\/\//.test(link) && target.origin !== entry.origin) {
        walk.external.push(link);
        continue;
      }
      if (target.protocol === 'mailto:' || target.protocol === 'tel:') {
        walk.external.push(link);
        continue;
      }
      walk.checked++;
      const where = `${entry.pathname}: ${link}`;
      if (target.origin !== entry.origin) {
        walk.broken.push(`${where}: leaves the site`);
        continue;
      }
      // A same-page fragment refers to the page as loaded (a 404 page's own status included).
      const samePage = target.href.replace(/#.*$/, '') === entry.href.replace(/#.*$/, '');
      const loaded = samePage ? page : await get(target);
      if (!loaded || (!samePage && loaded.status !== 200)) {
        walk.broken.push(`${where}: ${target.pathname} not found`);
        continue;
      }
      const fragment = decodeURIComponent(target.hash.slice(1));
      if (fragment && !idsOf(loaded.body).has(fragment)) walk.broken.push(`${where}: no id \`${fragment}\` in ${target.pathname}`);
    }
  }
  return walk;
}

/** Load from the output folder, as a static host serving it under `prefix` would. */
export function loadFromFolder(dist: string, prefix = '/'): Load {
  return async (url) => {
    if (!url.pathname.startsWith(prefix)) return undefined;
    let rel = decodeURIComponent(url.pathname.slice(prefix.length));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.join(dist, rel);
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return undefined;
    return {status: 200, body: fs.readFileSync(file, 'utf8')};
  };
}

/** Load over HTTP. */
export const loadOverHttp: Load = async (url) => {
  const response = await fetch(url, {redirect: 'manual'});
  return {status: response.status, body: await response.text()};
};
