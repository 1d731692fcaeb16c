/**
 * Every `href` and `src` in every page resolves to a file of the site, and every
 * `#fragment` to an id in its target: from the output folder, and over HTTP with the site
 * served under a sub-path (`--base /sub/`), the 404 page included.
 */
import fs from 'node:fs';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {makeSite} from '../helpers.js';
import {buildSite, copyExample, htmlPages, loadFromFolder, loadOverHttp, serve, stressMeeting, walkLinks, type BuiltSite} from './site-helpers.js';

let dir: string;
let plain: BuiltSite;
let sub: BuiltSite;

beforeAll(async () => {
  dir = copyExample({'content/panel/2021/panel-5.md': stressMeeting});
  plain = await buildSite(dir, {drafts: true});
  sub = await buildSite(dir, {base: '/sub/'}, 'dist-sub');
});

afterAll(() => {
  if (dir) fs.rmSync(dir, {recursive: true, force: true});
});

const origin = 'http://site.test';
const entries = (dist: string, prefix: string) => htmlPages(dist).map((at) => new URL(prefix + at, origin));

describe('the link walker', () => {
  test('reports a missing file, a missing anchor and a folder without index.html', async () => {
    const dist = makeSite({
      'index.html': '<a href="gone.html">x</a><a href="other.html#nowhere">y</a><a href="other.html#here">z</a><a href="empty/">w</a><a href="https://example.org/">e</a>',
      'other.html': '<p id="here">here</p>',
      'empty/.keep': '',
    });
    const walk = await walkLinks([new URL('/index.html', origin)], loadFromFolder(dist));
    fs.rmSync(dist, {recursive: true, force: true});
    expect(walk.broken).toEqual([
      '/index.html: gone.html: /gone.html not found',
      '/index.html: other.html#nowhere: no id `nowhere` in /other.html',
      '/index.html: empty/: /empty/ not found',
    ]);
    expect(walk.external).toEqual(['https://example.org/']);
  });
});

describe('links in the built site', () => {
  test('every internal link and anchor of every page resolves in the output folder', async () => {
    const walk = await walkLinks(entries(plain.dist, '/'), loadFromFolder(plain.dist));
    expect(walk.broken).toEqual([]);
    // Stylesheets, feed, JSON, home, groups, meetings, item anchors, print pages: hundreds.
    expect(walk.checked).toBeGreaterThan(200);
    expect(walk.external).toContain('https://smartenergycodecompany.co.uk/?s=DP094');
  });

  test('served under /sub/ over HTTP, every link resolves, the 404 page at a missing address included', async () => {
    const server = await serve(sub.dist, '/sub/');
    try {
      const missing = new URL(server.url('no/such/page/'));
      const pages = [...entries(sub.dist, '/sub/').map((url) => new URL(url.pathname, server.origin)), missing];
      const walk = await walkLinks(pages, loadOverHttp, (url) => (url === missing ? 404 : 200));
      expect(walk.broken).toEqual([]);
      expect(walk.checked).toBeGreaterThan(150);
    } finally {
      await server.close();
    }
  });

  test('without --base, the 404 page of a site served under /sub/ has broken links (base matters)', async () => {
    const server = await serve(plain.dist, '/sub/');
    try {
      const missing = new URL(server.url('no/such/page/'));
      const walk = await walkLinks([missing], loadOverHttp, () => 404);
      expect(walk.broken.length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});
