/**
 * Rendering is pure: a site model in, a list of pages out, each with what it is made from.
 * The same model gives the same bytes and leaves the model as it was; a page's key (the
 * incremental layer's digest of its inputs) changes when one of its inputs does, and only
 * then.
 */
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {loadSettings} from '../../src/index.js';
import {loadTemplates} from '../../src/templates.js';
import {pages} from '../../src/pipeline/render.js';
import {incremental, pageKeys} from '../../src/pipeline/incremental.js';
import {processFile} from '../../src/pipeline/process-file.js';
import type {MeetingView} from '../../src/view.js';
import {makeSite, meeting} from '../helpers.js';

const items = '4. Major Incident (SECAS/DCC): The DCC reported progress on DP094.\n\n6. Alerts (DCC): Alert levels fell.';
const dates = ['2019-10-01', '2019-11-05', '2019-11-19', '2019-12-03', '2020-01-07'];

/** Five OPSG meetings and two SSC ones, with the config's print page per group, a site URL and a thread pattern. */
async function model(edit?: string) {
  const files: Record<string, string> = {
    'opsg.config.json': JSON.stringify({printPerGroup: true, url: 'https://example.org', autolinks: [{pattern: 'DP\\d{3}', url: 'https://example.org/{lower}/'}]}),
  };
  dates.forEach((date, index) => (files[`content/opsg-${index + 1}.md`] = meeting({meeting: index + 1, date, items, ...(index === 2 && edit ? {extra: `title: ${edit}`} : {})})));
  files['content/ssc-1.md'] = meeting({group: 'SSC', meeting: 1, date: '2019-10-08', items});
  files['content/ssc-2.md'] = meeting({group: 'SSC', meeting: 2, date: '2018-06-05', items});
  const dir = makeSite(files);
  const {settings} = loadSettings({cwd: dir});
  const templates = await loadTemplates(settings);
  const meetings: MeetingView[] = Object.keys(files).filter((name) => name.endsWith('.md')).map((name) => processFile(settings, path.join(dir, name)).view!);
  return {meetings, settings, templates};
}

/** Every page's bytes. */
function render(site: ReturnType<typeof pages>): Map<string, Buffer> {
  return new Map(site.pages.map((page) => [page.path, Buffer.concat([...page.render()].map((part) => Buffer.from(part)))]));
}

describe('the page list', () => {
  it('is pure: the same model renders to the same bytes, twice from one list or from two, and is left unchanged', async () => {
    const made = await model();
    const before = JSON.stringify(made.meetings);
    const site = pages(made);
    const first = render(site);
    expect(first.size).toBe(site.paths.length);
    expect(render(site)).toEqual(first);
    expect(render(pages(made))).toEqual(first);
    expect(JSON.stringify(made.meetings)).toBe(before);
    expect(String(first.get('opsg/3/index.html'))).toContain('Alert levels fell.');
  });

  it('gives every page the same key for the same model, and the incremental layer renders the same bytes', async () => {
    const made = await model();
    const site = pages(made);
    expect(pageKeys(pages(made))).toEqual(pageKeys(site));
    const stored = new Map<string, string>();
    const layer = incremental(site, {reuse: {parts: {get: (key) => stored.get(key), set: (key, value) => void stored.set(key, value)}, previous: {}}});
    const whole = render(site);
    for (const at of site.paths) expect([at, Buffer.concat([...layer.parts(at)!].map((part) => Buffer.from(part)))]).toEqual([at, whole.get(at)]);
    expect(layer.partKeys().length).toBeGreaterThan(0);
    expect(layer.partKeys().every((key) => stored.has(key))).toBe(true);
  });
});

describe('a page’s key', () => {
  it('changes with a meeting’s title for its own pages, its neighbours’, the lists and feeds that show it, and no other', async () => {
    const before = pageKeys(pages(await model()));
    const after = pageKeys(pages(await model('A Renamed Meeting')));
    expect([...after.keys()]).toEqual([...before.keys()]);
    const changed = [...after.keys()].filter((at) => after.get(at) !== before.get(at)).sort();
    expect(changed).toEqual([
      'calendar.ics', 'feed.xml', 'index.html', 'meetings.json',
      'opsg/2/index.html', 'opsg/2/print.html', 'opsg/3/index.html', 'opsg/3/print.html', 'opsg/4/index.html', 'opsg/4/print.html',
      'opsg/feed.xml', 'opsg/index.html', 'opsg/print.html', 'opsg/years/2019/index.html',
      'print.html', 'sitemap.xml',
    ]);
  });

  it('of a part changes only with the part’s own meetings: one year’s list, one month of the print pages', async () => {
    const parts = async (edit?: string) => {
      const site = pages(await model(edit));
      return new Set(incremental(site, {reuse: {parts: {get: () => undefined, set: () => {}}, previous: {}}}).partKeys());
    };
    const before = await parts();
    const after = await parts('A Renamed Meeting');
    const gone = [...before].filter((key) => !after.has(key));
    // OPSG 2019 in the home page's, the group page's and the year page's list; in print.html
    // and opsg/print.html, November 2019 (the meeting) and December 2019 (its next
    // meeting, which links back to it). Not OPSG 2020, nor anything of SSC.
    expect(gone).toHaveLength(3 + 2 * 2);
    expect(after.size).toBe(before.size);
  });
});
