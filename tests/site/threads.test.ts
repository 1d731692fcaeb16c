/**
 * Threads across meetings: a page per reference and per owner listing every published
 * agenda item that mentions it, newest first, with the sentence that does; links to them
 * from meeting pages; an index of them all; a feed per thread; pages of 50 items.
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import fc from 'fast-check';
import {loadSettings} from '../../src/index.js';
import {join, split, summaryOf} from '../../src/pipeline/bodies.js';
import {checkSite} from '../../src/pipeline/core.js';
import {prepareArchive} from '../../src/search.js';
import {collectArchive, holdsWord, itemTexts} from '../../src/site/archive.js';
import type {MeetingSummary} from '../../src/view.js';
import {buildSite, decode, type BuiltSite} from './site-helpers.js';
import {makeSite, meeting, tempDir} from '../helpers.js';

const config = JSON.stringify({title: 'Threads', autolinks: [{pattern: '(?:DP|MP)\\d{3}', url: 'https://example.org/mods/{lower}/'}]});

/** Meetings of OPSG, numbers 1 to `count`, a month apart, each with items naming DP094 or not. */
function files(): Record<string, string> {
  const out: Record<string, string> = {'opsg.config.json': config};
  const dated = (n: number) => `2019-${String(n).padStart(2, '0')}-03`;
  out['content/opsg-1.md'] = meeting({meeting: 1, date: dated(1), items: '2. Proposals (SECAS): Nothing here. The OPSG noted DP094 in passing.\n\n3. Other (DCC): Unrelated.'});
  out['content/opsg-2.md'] = meeting({meeting: 2, date: dated(2), items: '4. Alerts (SECAS/DCC): The DCC reported. See DP094 and MP123 for the change.'});
  out['content/opsg-3.md'] = meeting({meeting: 3, date: dated(3), items: '1. Nothing (DCC): No reference at all.'});
  out['content/opsg-4.md'] = meeting({meeting: 4, date: dated(4), items: '5. DP094 update (SECAS): The proposal moved on. Twice: DP094.\n\n7. Again (CSP N): DP094 once more.'});
  out['content/opsg-5.md'] = meeting({meeting: 5, date: dated(5), status: 'draft', items: '1. Draft (SECAS): DP094 in a draft.'});
  return out;
}

let site: BuiltSite;
const read = (at: string) => fs.readFileSync(path.join(site.dist, at), 'utf8');
/** The entries of a thread page: link text, href and sentence. */
const entries = (html: string) => [...html.matchAll(/<li class="thread-entry"><p class="thread-link"><a href="([^"]*)">([^<]*)<\/a>, <time[^>]*>([^<]*)<\/time><\/p><p class="thread-sentence">([^<]*)<\/p><\/li>/g)]
  .map((match) => ({href: decode(match[1]!), text: decode(match[2]!), date: match[3], sentence: decode(match[4]!)}));

beforeAll(async () => {
  site = await buildSite(makeSite(files()), {drafts: true});
});

afterAll(() => {
  if (site) fs.rmSync(site.dir, {recursive: true, force: true});
});

describe('a reference’s thread', () => {
  test('lists every published item that mentions DP094, newest first, with the sentence that does', () => {
    expect(entries(read('topics/dp094/index.html'))).toEqual([
      {href: '../../opsg/4/#item-5', text: 'OPSG meeting 4, item 5: DP094 update', date: '3 April 2019', sentence: 'Twice: DP094.'},
      {href: '../../opsg/4/#item-7', text: 'OPSG meeting 4, item 7: Again', date: '3 April 2019', sentence: 'DP094 once more.'},
      {href: '../../opsg/2/#item-4', text: 'OPSG meeting 2, item 4: Alerts', date: '3 February 2019', sentence: 'See DP094 and MP123 for the change.'},
      {href: '../../opsg/1/#item-2', text: 'OPSG meeting 1, item 2: Proposals', date: '3 January 2019', sentence: 'The OPSG noted DP094 in passing.'},
    ]);
  });

  test('never lists a draft, even when drafts are built', () => {
    expect(fs.existsSync(path.join(site.dist, 'opsg/5/index.html'))).toBe(true);
    expect(read('topics/dp094/index.html')).not.toContain('opsg/5/');
    expect(read('topics/dp094/feed.xml')).not.toContain('opsg/5/');
  });

  test('keeps the external auto-link beside the thread', () => {
    expect(read('topics/dp094/index.html')).toContain('href="https://example.org/mods/dp094/"');
  });

  test('has an Atom feed of its items, newest first, each linking to its item', () => {
    const feed = read('topics/dp094/feed.xml');
    expect([...feed.matchAll(/<link rel="alternate" type="text\/html" href="([^"]*)"/g)].map((match) => match[1])).toEqual(['/topics/dp094/', '/opsg/4/#item-5', '/opsg/4/#item-7', '/opsg/2/#item-4', '/opsg/1/#item-2']);
  });
});

describe('an owner’s thread', () => {
  test('SECAS/DCC counts for both owners', () => {
    expect(entries(read('owners/secas/index.html')).map((entry) => entry.href)).toEqual(['../../opsg/4/#item-5', '../../opsg/2/#item-4', '../../opsg/1/#item-2']);
    expect(entries(read('owners/dcc/index.html')).map((entry) => entry.href)).toEqual(['../../opsg/3/#item-1', '../../opsg/2/#item-4', '../../opsg/1/#item-3']);
    expect(entries(read('owners/csp-n/index.html')).map((entry) => entry.text)).toEqual(['OPSG meeting 4, item 7: Again']);
  });
});

describe('meeting pages and the index', () => {
  test('a meeting page links each item’s references and owners to their threads, and keeps the external link', () => {
    const item = /<section[^>]*id="item-4"[\s\S]*?<\/section>/.exec(read('opsg/2/index.html'))![0];
    expect(item).toContain('href="https://example.org/mods/dp094/"');
    const follow = /<p class="item-threads">([\s\S]*?)<\/p>/.exec(item)![1]!;
    expect([...follow.matchAll(/href="([^"]*)">([^<]*)</g)].map((match) => `${match[2]} ${match[1]}`)).toEqual([
      'DP094 ../../topics/dp094/', 'MP123 ../../topics/mp123/', 'DCC ../../owners/dcc/', 'SECAS ../../owners/secas/',
    ]);
  });

  test('the index lists every reference and owner with its count', () => {
    const html = read('topics/index.html');
    const listed = [...html.matchAll(/<li><a href="([^"]*)">([^<]*)<\/a> \((\d+)\)<\/li>/g)].map((match) => `${match[2]} ${match[1]} ${match[3]}`);
    expect(listed).toEqual(['DP094 dp094/ 4', 'MP123 mp123/ 1', 'CSP N ../owners/csp-n/ 1', 'DCC ../owners/dcc/ 3', 'SECAS ../owners/secas/ 3']);
  });
});

describe('group feeds', () => {
  test('each group has an Atom feed of its own published meetings, linked from its page', () => {
    const feed = read('opsg/feed.xml');
    expect([...feed.matchAll(/<link rel="alternate" type="text\/html" href="([^"]*)"/g)].map((match) => match[1])).toEqual(['/opsg/', '/opsg/4/', '/opsg/3/', '/opsg/2/', '/opsg/1/']);
    expect(read('opsg/index.html')).toContain('href="feed.xml"');
  });
});

describe('pages', () => {
  test('a thread of 120 items is three pages of 50, 50 and 20, linked to one another, in order', async () => {
    const dir = tempDir('opsg-threads-');
    try {
      const many: Record<string, string> = {'opsg.config.json': config};
      for (let n = 1; n <= 120; n++) {
        const date = new Date(Date.UTC(2000, 0, 1) + n * 7 * 86400000).toISOString().slice(0, 10);
        many[`content/opsg-${n}.md`] = meeting({meeting: n, date, items: `1. Item (SECAS): Meeting ${n} on DP094.`});
      }
      const built = await buildSite(makeSite(many, dir), {search: false});
      const page = (at: string) => entries(fs.readFileSync(path.join(built.dist, at), 'utf8'));
      const first = page('topics/dp094/index.html');
      const second = page('topics/dp094/2/index.html');
      const third = page('topics/dp094/3/index.html');
      expect([first.length, second.length, third.length]).toEqual([50, 50, 20]);
      const numbers = [...first, ...second, ...third].map((entry) => Number(/meeting (\d+)/.exec(entry.text)![1]));
      expect(numbers).toEqual(Array.from({length: 120}, (_, index) => 120 - index));
      expect(fs.existsSync(path.join(built.dist, 'topics/dp094/4/index.html'))).toBe(false);
      const pager = fs.readFileSync(path.join(built.dist, 'topics/dp094/2/index.html'), 'utf8');
      expect(pager).toContain('<a href="../" rel="prev">');
      expect(pager).toContain('<a href="../3/" rel="next">');
    } finally {
      fs.rmSync(dir, {recursive: true, force: true});
    }
  });
});

describe('finding the sentence that names a thread', () => {
  test('holdsWord agrees with a whole-word regular expression on any text', () => {
    const reference = (text: string, word: string) => new RegExp(`(?:^|[^\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:$|[^\\p{L}\\p{N}])`, 'u').test(text);
    // Letters, digits, marks, spaces and punctuation, and letters outside the first plane.
    const alphabet = fc.constantFrom('D', 'C', 'P', '0', '9', 'é', ' ', '.', '/', '(', '-', '𝐀', '😀', '\u0301', '\uD835', '\uDC00');
    const text = fc.array(alphabet, {maxLength: 24}).map((chars) => chars.join(''));
    fc.assert(fc.property(text, fc.array(alphabet, {maxLength: 4}).map((chars) => chars.join('')), (body, word) => holdsWord(body, word) === reference(body, word)), {numRuns: 3000});
    expect(holdsWord('The DCC reported.', 'DCC')).toBe(true);
    expect(holdsWord('The DCCs reported.', 'DCC')).toBe(false);
  });
});

describe('threads across builds', () => {
  test('are made again from the changed meeting’s content alone (without search), the same as from every meeting’s', async () => {
    const dir = makeSite(files());
    try {
      const {settings: loaded, configFile} = loadSettings({cwd: dir, cache: false});
      // With search, the index needs every meeting's content anyway.
      const settings = {...loaded, search: false};
      const checked = await checkSite(settings, {configFile, store: false});
      const meetings = checked.model.views.map(summaryOf);
      const contents = new Map(checked.model.views.map((view) => [view.path, view]));
      const kept = new Map<string, string>();
      const store = {get: (key: string) => kept.get(key), set: (key: string, value: string) => void kept.set(key, value)};
      const read: string[] = [];
      const full = (meeting: MeetingSummary) => (read.push(meeting.path), join(meeting, split(contents.get(meeting.path)!).body));
      const keys = new Map(meetings.map((meeting) => [meeting.path, `key of ${meeting.path}`]));
      const prepare = () => prepareArchive(meetings, settings, {meetingKey: (meeting) => keys.get(meeting.path)!, full, store});
      const expected = collectArchive(itemTexts(meetings, (meeting) => full(meeting as MeetingSummary)), settings.autolinks);
      read.length = 0;

      expect((await prepare()).archive).toEqual(expected);
      expect(read).toEqual(['opsg/1/', 'opsg/2/', 'opsg/3/', 'opsg/4/']);
      // Meeting 2 changed (its key did): only its content is read for the threads.
      read.length = 0;
      keys.set('opsg/2/', 'key of opsg/2/, changed');
      expect((await prepare()).archive).toEqual(expected);
      expect(read).toEqual(['opsg/2/']);
      // Kept mentions of another shape (an entry of another version) are made again, never trusted.
      read.length = 0;
      for (const [name, text] of kept) kept.set(name, JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(text) as Record<string, unknown[]>).map(([key, list]) => [key, list.map((mention) => ({mention}))]))));
      expect((await prepare()).archive).toEqual(expected);
      expect(read).toEqual(['opsg/1/', 'opsg/2/', 'opsg/3/', 'opsg/4/']);
    } finally {
      fs.rmSync(dir, {recursive: true, force: true});
    }
  });
});
