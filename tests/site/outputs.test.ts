/**
 * The machine-readable outputs: feed.xml (stable ids, dates from the content, never the
 * clock), sitemap.xml (absolute URLs, only with a site URL), meetings.json, drafts kept
 * out of all three, and the base path honoured where links cannot be relative.
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, afterEach, describe, expect, test, vi} from 'vitest';
import {makeSite, meeting, root} from '../helpers.js';
import {buildSite, copyExample, decode, linksOf, listFiles} from './site-helpers.js';

const dirs: string[] = [];
const example = (config?: (config: Record<string, unknown>) => Record<string, unknown>) => {
  const dir = copyExample({}, config);
  dirs.push(dir);
  return dir;
};
const read = (dist: string, file: string) => fs.readFileSync(path.join(dist, file), 'utf8');
const withoutUrl = (config: Record<string, unknown>) => {
  const {url: _, ...rest} = config;
  return rest;
};

afterEach(() => {
  vi.useRealTimers();
  delete process.env.SOURCE_DATE_EPOCH;
});

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, {recursive: true, force: true});
});

interface MeetingsJson {
  title: string;
  meetings: Array<{group: string; meeting: number; title: string; url: string; print: string; items: Array<{number: number; title: string; owner: string | null; url: string}>}>;
}

describe('feed.xml', () => {
  test('is byte-identical across builds at different times and SOURCE_DATE_EPOCH values', async () => {
    const dir = example();
    vi.useFakeTimers({toFake: ['Date']});
    vi.setSystemTime(new Date('2031-05-06T07:08:09Z'));
    process.env.SOURCE_DATE_EPOCH = '1000000000';
    const first = await buildSite(dir, {}, 'dist-a');
    vi.setSystemTime(new Date('1999-01-02T03:04:05Z'));
    process.env.SOURCE_DATE_EPOCH = '1700000000';
    const second = await buildSite(dir, {}, 'dist-b');
    expect(read(second.dist, 'feed.xml')).toBe(read(first.dist, 'feed.xml'));
    const feed = read(first.dist, 'feed.xml');
    expect(feed).not.toMatch(/2031|1999|2001-09-09|2023-11-14/);
  });

  test('takes every date from the content: the feed from its newest meeting, each entry from its own', async () => {
    const {dist} = await buildSite(example());
    const feed = read(dist, 'feed.xml');
    const head = feed.slice(0, feed.indexOf('<entry>'));
    expect(head).toContain('<updated>2020-01-15T00:00:00Z</updated>');
    const entries = [...feed.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map((match) => {
      const body = match[1]!;
      return [/<id>(.*?)<\/id>/.exec(body)![1], /<updated>(.*?)<\/updated>/.exec(body)![1]];
    });
    expect(entries).toEqual([
      ['https://headlines.example.org/ssc/1/', '2020-01-15T00:00:00Z'],
      ['https://headlines.example.org/opsg/28/', '2020-01-07T00:00:00Z'],
      ['https://headlines.example.org/opsg/27/', '2019-12-03T00:00:00Z'],
    ]);
  });

  test('ids without a site URL are stable URNs, not paths of this machine', async () => {
    const dir = example(withoutUrl);
    const first = await buildSite(dir, {}, 'dist-a');
    const second = await buildSite(dir, {}, 'dist-b');
    const ids = (dist: string) => [...read(dist, 'feed.xml').matchAll(/<id>(.*?)<\/id>/g)].map((match) => match[1]);
    expect(ids(first.dist)).toEqual(['urn:opsg:site', 'urn:opsg:ssc:1', 'urn:opsg:opsg:28', 'urn:opsg:opsg:27']);
    expect(ids(second.dist)).toEqual(ids(first.dist));
    expect(read(first.dist, 'feed.xml')).not.toContain(dir);
  });

  test('with no meeting to list, it is dated SOURCE_DATE_EPOCH, not the clock', async () => {
    const dir = makeSite({'content/opsg/opsg-3.md': meeting({meeting: 3, status: 'draft'})});
    dirs.push(dir);
    vi.useFakeTimers({toFake: ['Date']});
    vi.setSystemTime(new Date('2031-05-06T07:08:09Z'));
    process.env.SOURCE_DATE_EPOCH = String(365 * 86_400);
    const {dist} = await buildSite(dir);
    expect(read(dist, 'feed.xml')).toContain('<updated>1971-01-01T00:00:00Z</updated>');
  });
});

describe('drafts', () => {
  test('never reach the feed, the sitemap or meetings.json, even when drafts are built', async () => {
    const dir = example();
    const without = await buildSite(dir, {}, 'dist-a');
    const withDrafts = await buildSite(dir, {drafts: true}, 'dist-b');
    expect(fs.existsSync(path.join(withDrafts.dist, 'opsg/29/index.html'))).toBe(true);
    for (const file of ['feed.xml', 'sitemap.xml', 'meetings.json']) {
      expect(read(withDrafts.dist, file), file).toBe(read(without.dist, file));
      expect(read(withDrafts.dist, file), file).not.toMatch(/opsg\/29|Meeting 29|"meeting": 29/);
    }
  });
});

describe('sitemap.xml', () => {
  test('leaves out a group whose only meeting is a draft, even when drafts are built', async () => {
    const dir = makeSite({
      'opsg.config.json': '{"url": "https://example.org"}',
      'content/opsg-27.md': meeting(),
      'content/ssc-1.md': meeting({group: 'SSC', meeting: 1, status: 'draft'}),
    });
    dirs.push(dir);
    const {dist} = await buildSite(dir, {drafts: true});
    expect(fs.existsSync(path.join(dist, 'ssc/index.html'))).toBe(true);
    const locs = [...read(dist, 'sitemap.xml').matchAll(/<loc>(.*?)<\/loc>/g)].map((match) => match[1]);
    expect(locs).toEqual(['https://example.org/', 'https://example.org/opsg/', 'https://example.org/opsg/27/']);
  });


  test('lists home, groups and published meetings with absolute URLs only', async () => {
    const {dist} = await buildSite(example(), {base: '/headlines/'});
    const locs = [...read(dist, 'sitemap.xml').matchAll(/<loc>(.*?)<\/loc>/g)].map((match) => decode(match[1]!));
    expect(locs).toEqual([
      'https://headlines.example.org/headlines/',
      'https://headlines.example.org/headlines/opsg/',
      'https://headlines.example.org/headlines/ssc/',
      'https://headlines.example.org/headlines/opsg/28/',
      'https://headlines.example.org/headlines/opsg/27/',
      'https://headlines.example.org/headlines/ssc/1/',
    ]);
    for (const loc of locs) expect(new URL(loc).href).toBe(loc);
  });

  test('is skipped without a site URL, and the build says so once', async () => {
    const {dist, result} = await buildSite(example(withoutUrl));
    expect(fs.existsSync(path.join(dist, 'sitemap.xml'))).toBe(false);
    const notes = result.files.flatMap((file) => file.messages.filter((message) => message.reason.includes('sitemap')));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.fatal).toBeUndefined(); // info: neither a warning nor an error
    expect(notes[0]!.reason).toMatch(/`url`/);
  });
});

describe('meetings.json', () => {
  test('lists every published meeting with its items: number, title, owner and anchor URL', async () => {
    const {dist, result} = await buildSite(example());
    const data = JSON.parse(read(dist, 'meetings.json')) as MeetingsJson;
    expect(data.meetings.map((entry) => `${entry.group} ${entry.meeting}`).sort()).toEqual([...result.published].sort());
    expect(data.meetings.map((entry) => `${entry.group} ${entry.meeting}`).sort()).toEqual(['OPSG 27', 'OPSG 28', 'SSC 1']);
    const seed = data.meetings.find((entry) => entry.group === 'OPSG' && entry.meeting === 27)!;
    expect(seed.title).toBe('Operations Group (OPSG) Meeting 27 on 3 December 2019 Headlines');
    expect(seed.url).toBe('https://headlines.example.org/opsg/27/');
    expect(seed.items.map((item) => item.number)).toEqual([4, 6, 7, 8, 9, 10, 11, 13, 16, 18, 20]);
    expect(seed.items[0]).toEqual({number: 4, title: 'Major Incident', owner: 'SECAS/DCC', url: 'https://headlines.example.org/opsg/27/#item-4'});
    expect(seed.items.at(-1)).toEqual({number: 20, title: 'AOB', owner: 'OPSG Chair', url: 'https://headlines.example.org/opsg/27/#item-20'});
  });
});

describe('meetings.json, written a meeting at a time', () => {
  const asOneString = (text: string) => JSON.stringify(JSON.parse(text), null, 2).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) + '\n';

  test('is the text JSON.stringify gives for the whole, escapes included', async () => {
    const dir = makeSite({
      'opsg.config.json': JSON.stringify({title: 'Headlines <&> \u2028'}),
      'content/a.md': meeting({meeting: 1, date: '2019-01-01', items: '4. Alerts & "quotes" > 3 (DCC): Text.'}),
      'content/b.md': meeting({meeting: 2, date: '2019-02-01'}),
    });
    dirs.push(dir);
    const {dist} = await buildSite(dir);
    const text = read(dist, 'meetings.json');
    expect(text).toContain('Alerts \\u0026 \\"quotes\\" \\u003e 3');
    expect(text).toContain('Headlines \\u003c\\u0026\\u003e \\u2028');
    expect(text).toBe(asOneString(text));
  });

  test('with no meeting published, is an empty list', async () => {
    const dir = makeSite({'opsg.config.json': JSON.stringify({title: 'Empty'}), 'content/.keep': ''});
    dirs.push(dir);
    const {dist} = await buildSite(dir);
    const text = read(dist, 'meetings.json');
    expect(JSON.parse(text)).toEqual({title: 'Empty', meetings: []});
    expect(text).toBe(asOneString(text));
  });
});

describe('--base /sub/', () => {
  test('the 404 page, the feed and meetings.json use it (no site URL: base-absolute paths)', async () => {
    const {dist} = await buildSite(example(withoutUrl), {base: '/sub/'});
    const notFound = linksOf(read(dist, '404.html')).filter((href) => !href.startsWith('#'));
    expect(notFound.length).toBeGreaterThan(3);
    expect(notFound.filter((href) => !href.startsWith('/sub/'))).toEqual([]);
    const feedLinks = [...read(dist, 'feed.xml').matchAll(/href="([^"]*)"/g)].map((match) => decode(match[1]!));
    expect(feedLinks).toEqual(['/sub/', '/sub/ssc/1/', '/sub/opsg/28/', '/sub/opsg/27/']);
    const data = JSON.parse(read(dist, 'meetings.json')) as MeetingsJson;
    const urls = data.meetings.flatMap((entry) => [entry.url, entry.print, ...entry.items.map((item) => item.url)]);
    expect(urls.filter((url) => !url.startsWith('/sub/'))).toEqual([]);
    expect(urls).toContain('/sub/opsg/27/#item-20');
  });

  test('with a site URL, the feed and meetings.json give full URLs under the base', async () => {
    const {dist} = await buildSite(example(), {base: '/sub/'});
    const feed = read(dist, 'feed.xml');
    expect(feed).toContain('<id>https://headlines.example.org/sub/opsg/27/</id>');
    expect(feed).toContain('href="https://headlines.example.org/sub/feed.xml"');
    const data = JSON.parse(read(dist, 'meetings.json')) as MeetingsJson;
    expect(data.meetings.map((entry) => entry.url)).toContain('https://headlines.example.org/sub/opsg/27/');
  });
});

describe('hosting', () => {
  test('no output file holds an absolute file-system path; stylesheets have content-hashed names', async () => {
    const dir = example();
    const {dist} = await buildSite(dir, {drafts: true});
    const files = listFiles(dist);
    const leaks = files.filter((file) => {
      const text = read(dist, file);
      return text.includes(dir) || text.includes(root) || text.includes('file://');
    });
    expect(leaks).toEqual([]);
    expect(files.filter((file) => file.startsWith('assets/'))).toEqual([
      expect.stringMatching(/^assets\/print\.[0-9a-f]{8,}\.css$/),
      expect.stringMatching(/^assets\/search\.[0-9a-f]{8,}\.js$/),
      expect.stringMatching(/^assets\/style\.[0-9a-f]{8,}\.css$/),
    ]);
  });
});
