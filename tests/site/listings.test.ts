/**
 * Listing pages that scale: at 4,000 generated meetings (the benchmark's corpus), no
 * listing page (home, group, year, thread, the index of threads, search) is over 250 KB,
 * the home page shows each group's latest meetings and links to every year, and a year
 * page lists that year's meetings with their items.
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
// @ts-expect-error: the benchmark's corpus generator is plain JavaScript without types.
import {generate} from '../../bench/corpus.js';
import {buildSite, htmlPages, type BuiltSite} from './site-helpers.js';
import {makeSite, tempDir} from '../helpers.js';

let site: BuiltSite;

beforeAll(async () => {
  const dir = tempDir('opsg-listings-');
  makeSite({'opsg.config.json': JSON.stringify({title: 'Listings', autolinks: [{pattern: '(?:DP|MP)\\d{3}', url: 'https://example.org/mods/{lower}/'}]})}, dir);
  (generate as (dir: string, count: number) => void)(dir, 4000);
  // The search index does not change any listing page: left out, to keep the test short.
  site = await buildSite(dir, {search: false, cache: false});
}, 600_000);

afterAll(() => {
  if (site) fs.rmSync(site.dir, {recursive: true, force: true});
});

const size = (at: string) => fs.statSync(path.join(site.dist, at)).size;

describe('at 4,000 meetings', () => {
  test('no listing page is over 250 KB', () => {
    const listings = htmlPages(site.dist).filter((at) => at === 'index.html' || /^[a-z]+\/index\.html$/.test(at) || /\/years\/\d{4}\/index\.html$/.test(at) || /^(topics|owners)\//.test(at));
    const kinds = (prefix: RegExp) => listings.filter((at) => prefix.test(at)).length;
    // Every kind of listing is there: home, 5 groups, their years, threads with pages, the index.
    expect(listings).toContain('index.html');
    expect(listings).toContain('topics/index.html');
    expect(kinds(/\/years\//)).toBeGreaterThan(5 * 60);
    expect(kinds(/^owners\/dcc\/\d+\//)).toBeGreaterThan(10);
    expect(kinds(/^topics\/dp\d+\/index/)).toBeGreaterThan(800);
    const over = listings.filter((at) => size(at) > 250 * 1024).map((at) => `${at}: ${Math.round(size(at) / 1024)} KB`);
    expect(over).toEqual([]);
  });

  test('the home page shows each group’s five latest meetings and links to every year of each', () => {
    const home = fs.readFileSync(path.join(site.dist, 'index.html'), 'utf8');
    expect(home.match(/class="meeting-entry"/g)).toHaveLength(25);
    expect(home).toContain('href="opsg/years/2000/"');
    expect(home).toContain('href="cb/years/2061/"');
  });

  test('a year page lists that year’s meetings with their items, and only those', () => {
    const year = fs.readFileSync(path.join(site.dist, 'opsg/years/2001/index.html'), 'utf8');
    const dates = [...year.matchAll(/<time datetime="(\d{4})-\d\d-\d\d">/g)].map((match) => match[1]);
    expect(dates.length).toBeGreaterThan(10);
    expect(new Set(dates)).toEqual(new Set(['2001']));
    expect(year).toMatch(/class="item-list"/);
  });
});
