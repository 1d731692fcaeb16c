/**
 * Deterministic output: the same input gives the same files and bytes whatever the order
 * files were created in, their times, the time zone, the locale, the worker count, the
 * cache, and the clock. Dates not taken from content follow SOURCE_DATE_EPOCH.
 */
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {build} from '../../src/index.js';
import {makeSite, meeting, runCli, seedMarkdown, tempDir} from '../helpers.js';
import {snapshot} from './support.js';

/** Meetings across groups, years and date edges (New Year's Eve, a leap day), with non-ASCII text. */
const files: Record<string, string> = {
  'opsg.config.json': JSON.stringify({title: 'Headlines', url: 'https://headlines.example.org', base: '/h/', printPerGroup: true}),
  'content/opsg/2019/opsg-27.md': seedMarkdown,
  'content/opsg/2019/opsg-28.md': meeting({meeting: 28, date: '2019-12-31', items: '1. Année (DCC): Über die Straße, İstanbul, ıi.\n\n2. Zeit (DCC): 23:59 on 31 December.'}),
  'content/opsg/2020/opsg-29.md': meeting({meeting: 29, date: '2020-02-29', items: '1. Leap (DCC): Leap day.'}),
  'content/ssc/Ähnlich ssc-1.md': meeting({group: 'SSC', meeting: 1, date: '2020-01-01', items: '1. Ünïcödé (DCC): ﬁ ligature, ǅ digraph, 𝔘 maths.'}),
  'content/ssc/ssc-2.md': meeting({group: 'SSC', meeting: 2, date: '2021-06-30', status: 'draft'}),
  'content/cb/cb-10.md': meeting({group: 'CB', meeting: 10, date: '2019-01-01'}),
  'content/cb/cb-9.md': meeting({group: 'CB', meeting: 9, date: '2018-12-31'}),
  'content/Z/z.md': meeting({group: 'TSIRS', meeting: 3, date: '2019-06-15'}),
  'content/a/a.md': meeting({group: 'PMA', meeting: 3, date: '2019-06-15'}),
};

/** Write the files in the given order, each with its own modification time. */
function site(order: string[], times: (index: number) => number): string {
  const dir = tempDir();
  order.forEach((name, index) => {
    makeSite({[name]: files[name]!}, dir);
    const when = times(index);
    fs.utimesSync(path.join(dir, name), when, when);
  });
  return dir;
}

const names = Object.keys(files);

describe('the same input gives the same bytes', () => {
  it('whatever the creation order, file times, time zone, locale and SOURCE_DATE_EPOCH', () => {
    const runs: Array<{order: string[]; times: (i: number) => number; env: NodeJS.ProcessEnv}> = [
      {order: names, times: (i) => 1_000_000_000 + i, env: {TZ: 'UTC', LANG: 'C', LC_ALL: 'C'}},
      {order: [...names].reverse(), times: (i) => 1_700_000_000 - i * 86_400, env: {TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8'}},
      {order: [...names.slice(4), ...names.slice(0, 4)], times: () => 1_600_000_000, env: {TZ: 'America/Los_Angeles', LANG: 'de_DE.UTF-8', LC_ALL: 'ja_JP.UTF-8', SOURCE_DATE_EPOCH: '1234567890'}},
    ];
    const outputs = runs.map(({order, times, env}) => {
      const dir = site(order, times);
      const result = runCli(['build', '--no-cache', '--drafts'], dir, env);
      expect(result.code, result.stderr).toBe(0);
      const tree = snapshot(path.join(dir, 'dist'));
      fs.rmSync(dir, {recursive: true, force: true});
      return tree;
    });
    expect(Object.keys(outputs[0]!).length).toBeGreaterThan(20);
    expect(Object.keys(outputs[0]!)).toContain('sitemap.xml');
    expect(outputs[1]).toEqual(outputs[0]);
    expect(outputs[2]).toEqual(outputs[0]);
  });

  it('whatever the worker count and the cache', async () => {
    const dir = makeSite(files);
    const trees: Array<Record<string, string>> = [];
    for (const options of [{jobs: 1, cache: false as const}, {jobs: 2}, {jobs: 2}, {jobs: 1}]) {
      fs.rmSync(path.join(dir, 'dist'), {recursive: true, force: true});
      const result = await build({cwd: dir, drafts: true, ...options});
      expect(result.files.flatMap((file) => file.messages).filter((m) => m.fatal)).toEqual([]);
      trees.push(snapshot(path.join(dir, 'dist')));
    }
    for (const tree of trees.slice(1)) expect(tree).toEqual(trees[0]);
  });

  it('a rebuild changes nothing and keeps every file (hard-linked, same modification time)', async () => {
    const dir = makeSite(files);
    await build({cwd: dir});
    const first = snapshot(path.join(dir, 'dist'));
    const stat = fs.statSync(path.join(dir, 'dist/opsg/27/index.html'));
    const result = await build({cwd: dir});
    expect(result.changed).toEqual([]);
    expect(snapshot(path.join(dir, 'dist'))).toEqual(first);
    expect(fs.statSync(path.join(dir, 'dist/opsg/27/index.html')).mtimeMs).toBe(stat.mtimeMs);
  });
});

describe('dates not taken from content', () => {
  it('an empty site’s feed is dated by SOURCE_DATE_EPOCH, or the epoch, never the clock', () => {
    const dir = makeSite({'content/.keep': ''});
    const feed = () => fs.readFileSync(path.join(dir, 'dist/feed.xml'), 'utf8');
    expect(runCli(['build'], dir, {SOURCE_DATE_EPOCH: '1700000000', TZ: 'Pacific/Kiritimati'}).code).toBe(0);
    expect(feed()).toContain('<updated>2023-11-14T');
    expect(runCli(['build'], dir, {SOURCE_DATE_EPOCH: '', TZ: 'America/Los_Angeles'}).code).toBe(0);
    const unset = feed();
    expect(unset).toContain('<updated>1970-01-01T');
    for (const name of fs.readdirSync(path.join(dir, 'dist'))) {
      if (!name.endsWith('.html') && !name.endsWith('.xml') && !name.endsWith('.json')) continue;
      const text = fs.readFileSync(path.join(dir, 'dist', name), 'utf8');
      // No trace of the day the build ran.
      expect(text).not.toContain(new Date().toISOString().slice(0, 10));
      expect(text).not.toContain(String(new Date().getUTCFullYear()));
    }
  });

  it('a site with meetings takes every date from the content', () => {
    const dir = makeSite({'content/a.md': meeting()});
    const a = runCli(['build'], dir, {SOURCE_DATE_EPOCH: '1700000000'});
    expect(a.code).toBe(0);
    const withEpoch = snapshot(path.join(dir, 'dist'));
    fs.rmSync(path.join(dir, 'dist'), {recursive: true});
    expect(runCli(['build'], dir, {SOURCE_DATE_EPOCH: '946684800'}).code).toBe(0);
    expect(snapshot(path.join(dir, 'dist'))).toEqual(withEpoch);
    expect(fs.readFileSync(path.join(dir, 'dist/feed.xml'), 'utf8')).toContain('<updated>2019-12-03T00:00:00Z</updated>');
  });
});
