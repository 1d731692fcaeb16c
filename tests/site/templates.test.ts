/**
 * Template overrides (a site's own meeting.js and style.css, the rest built in), escaping
 * by default, and reference auto-links in the seed meeting.
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {makeSite, meeting, pageText, root, seedMarkdown} from '../helpers.js';
import {buildSite, listFiles} from './site-helpers.js';

const dirs: string[] = [];
const site = (files: Record<string, string>) => {
  const dir = makeSite(files);
  dirs.push(dir);
  return dir;
};
const read = (dist: string, file: string) => fs.readFileSync(path.join(dist, file), 'utf8');
const builtin = (name: string) => fs.readFileSync(path.join(root, 'templates', name), 'utf8');

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, {recursive: true, force: true});
});

const ownMeeting = `// A site's own meeting page: a different layout of the same data.
export default function meetingPage(meeting, {h, url}) {
  return {
    title: meeting.title,
    main: [
      h('h1.own-meeting', meeting.title),
      h('p.own-note', 'Own template <b>not bold</b>'),
      h('ol.own-items', meeting.items.map((item) => h('li', {id: item.anchor}, item.title))),
      h('a', {href: url('')}, 'Home'),
    ],
  };
}
`;
const ownStyle = '/* own style */\nbody { font-family: serif; }\n';

describe('template overrides', () => {
  test('a site’s own meeting.js and style.css are used; every other template is built in', async () => {
    const dir = site({'content/opsg-27.md': seedMarkdown, 'templates/meeting.js': ownMeeting, 'templates/style.css': ownStyle});
    const {dist} = await buildSite(dir);
    const page = read(dist, 'opsg/27/index.html');
    expect(page).toContain('<h1 class="own-meeting">');
    expect(page).not.toContain('class="toc"');
    // The built-in layout still wraps the page, and the home page is the built-in one.
    expect(page).toContain('class="skip-link"');
    expect(read(dist, 'index.html')).toContain('class="meeting-list"');
    expect(read(dist, '404.html')).toContain('Page not found');
    const css = listFiles(dist).filter((file) => file.startsWith('assets/'));
    const style = css.find((file) => file.startsWith('assets/style.'))!;
    const print = css.find((file) => file.startsWith('assets/print.'))!;
    expect(read(dist, style)).toBe(ownStyle);
    expect(read(dist, print)).toContain(builtin('print.css').split('\n').find((line) => line.includes('{') && !line.includes('{{'))!);
    expect(page).toContain(`href="../../${style}"`);
    // The name follows the content: the built-in stylesheet has another one.
    const plain = await buildSite(site({'content/opsg-27.md': seedMarkdown}));
    const builtinStyle = listFiles(plain.dist).find((file) => file.startsWith('assets/style.'));
    expect(builtinStyle).not.toBe(style);
    expect(read(plain.dist, builtinStyle!)).toBe(builtin('style.css'));
  });

  test('a copied index.js or group.js works alone: the meeting list is a partial, overridable alone too', async () => {
    const alone = await buildSite(site({'content/opsg-27.md': seedMarkdown, 'templates/index.js': builtin('index.js'), 'templates/group.js': builtin('group.js')}));
    expect(read(alone.dist, 'index.html')).toContain('class="meeting-list"');
    const ownList = builtin('meeting-list.js').replace("h('ul.meeting-list'", "h('ul.own-list'");
    const {dist} = await buildSite(site({'content/opsg-27.md': seedMarkdown, 'templates/meeting-list.js': ownList}));
    for (const page of ['index.html', 'opsg/index.html']) {
      expect(read(dist, page), page).toContain('class="own-list"');
      expect(read(dist, page), page).not.toContain('class="meeting-list"');
    }
  });

  test('text a template passes to h() is escaped, never parsed as HTML', async () => {
    const dir = site({'content/opsg-27.md': seedMarkdown, 'templates/meeting.js': ownMeeting});
    const {dist} = await buildSite(dir);
    const page = read(dist, 'opsg/27/index.html');
    expect(page).not.toContain('<b>');
    expect(pageText(page)).toContain('Own template <b>not bold</b>');
  });

  test('a front-matter title with markup is shown as text on every page', async () => {
    const dir = site({'content/opsg-27.md': meeting({extra: 'title: "Meeting <script>alert(1)</script> & more"'})});
    const {dist} = await buildSite(dir);
    for (const file of ['index.html', 'opsg/index.html', 'opsg/27/index.html', 'opsg/27/print.html', 'feed.xml']) {
      expect(read(dist, file), file).not.toContain('<script>');
    }
    expect(pageText(read(dist, 'opsg/27/index.html'))).toContain('Meeting <script>alert(1)</script> & more');
  });

  test('the templates option names another folder of overrides', async () => {
    const dir = site({'content/opsg-27.md': seedMarkdown, 'theme/meeting.js': ownMeeting, 'opsg.config.json': '{"templates": "theme"}'});
    const {dist} = await buildSite(dir);
    expect(read(dist, 'opsg/27/index.html')).toContain('<h1 class="own-meeting">');
  });
});

describe('reference auto-links', () => {
  const dp = JSON.stringify({autolinks: [{pattern: 'DP\\d{3}', url: 'https://example.org/dp/{lower}'}]});
  // An item's links to its threads across meetings (tested in threads.test.ts) are left out here.
  const withoutThreads = /<p class="item-threads">[\s\S]*?<\/p>/;
  const plainReference = meeting({meeting: 28, date: '2020-01-07', items: '2. Proposals (SECAS): The OPSG noted DP123 and DP045, but not XDP999 or DP12.'});

  test('fill the seed’s placeholder links and link plain references in text', async () => {
    const dir = site({'content/opsg-27.md': seedMarkdown, 'content/opsg-28.md': plainReference, 'opsg.config.json': dp});
    const {dist} = await buildSite(dir);
    const item16 = /<section[^>]*id="item-16"[\s\S]*?<\/section>/.exec(read(dist, 'opsg/27/index.html'))![0].replace(withoutThreads, '');
    const links = [...item16.matchAll(/<a href="([^"]*)">([\s\S]*?)<\/a>/g)].map((match) => [match[1], pageText(match[2]!)]);
    expect(links).toEqual([
      ['https://example.org/dp/dp094', 'DP094 \'Supporting prepayment customers in no SM WAN scenarios\''],
      ['https://example.org/dp/dp096', 'DP096 \'DNO Power Outage Alerts\''],
      ['https://example.org/dp/dp097', 'DP097 \'Improving SMETS2 Meter Installs for New Connections\''],
    ]);
    // A link inside a link is invalid HTML and unreadable to assistive technology.
    expect(item16.match(/<a /g)).toHaveLength(3);
    const item2 = /<section[^>]*id="item-2"[\s\S]*?<\/section>/.exec(read(dist, 'opsg/28/index.html'))![0].replace(withoutThreads, '');
    expect([...item2.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map((match) => [match[1], match[2]])).toEqual([
      ['https://example.org/dp/dp123', 'DP123'],
      ['https://example.org/dp/dp045', 'DP045'],
    ]);
  });

  test('without a pattern, placeholders are plain text and nothing is linked', async () => {
    const dir = site({'content/opsg-27.md': seedMarkdown, 'content/opsg-28.md': plainReference});
    const {dist} = await buildSite(dir);
    const item16 = /<section[^>]*id="item-16"[\s\S]*?<\/section>/.exec(read(dist, 'opsg/27/index.html'))![0].replace(withoutThreads, '');
    expect(item16).not.toContain('<a ');
    expect(item16).not.toContain('href="#"');
    expect(pageText(item16)).toContain('The OPSG raised an interest in DP094 \'Supporting prepayment customers in no SM WAN scenarios\', DP096');
    const item2 = /<section[^>]*id="item-2"[\s\S]*?<\/section>/.exec(read(dist, 'opsg/28/index.html'))![0].replace(withoutThreads, '');
    expect(item2).not.toContain('<a ');
  });
});
