/**
 * Real minutes render as their authors wrote them: one fixture per case, each with its
 * exact items (meetings.json), contents list and messages, built by the real build.
 */
import {afterAll, describe, expect, it} from 'vitest';
import {buildMeeting, fixture, removeSites} from './support.js';

afterAll(removeSites);

const sitemapInfo = 'undefined:undefined  info  No sitemap.xml: set `url` in opsg.config.json to the site’s public address to get one  site';
const item = (number: number, title: string, owner: string | null) => ({number, title, owner, url: `/opsg/27/#item-${number}`});
const link = (number: number, title: string) => `<a href="#item-${number}">${number}. ${title}</a>`;
// Each item's links to its threads across meetings are left out: they are not the author's words.
const mainOf = (page: string) => /<main[\s\S]*<\/main>/.exec(page)![0].replace(/<p class="item-threads">[\s\S]*?<\/p>/g, '');

describe('GitHub-flavoured Markdown', () => {
  it('renders tables with header cells that label their columns, task lists and bare URLs', async () => {
    const built = await buildMeeting(fixture('tables.md'));
    expect(built.messages).toEqual([sitemapInfo]);
    expect(built.items).toEqual([item(4, 'Major Incident', 'SECAS/DCC'), item(6, 'Alerts', 'DCC')]);
    expect(built.contents).toEqual([link(4, 'Major Incident'), link(6, 'Alerts')]);
    const main = mainOf(built.page);
    expect(main).not.toContain('| ---');
    expect(main.match(/<table>/g)).toHaveLength(2);
    expect(main).toContain('<th scope="col">Name</th>');
    expect(main).toContain('<th scope="col" class="align-right">Status</th>');
    expect(main).toContain('<td class="align-right">closed</td>');
    expect(main).not.toContain(' align=');
    expect(main).toContain('The DCC reported on <del>three</del> four incidents, see <a href="https://example.org/report">https://example.org/report</a>.');
    expect(main).toContain('<input type="checkbox" checked disabled aria-label="Done"> report received');
    expect(built.print).toContain('<th scope="col">Organisation</th>');
  });

  it('keeps strikethrough and emphasis in titles, on the page and in the contents', async () => {
    const built = await buildMeeting(fixture('strikethrough-title.md'));
    expect(built.messages).toEqual([sitemapInfo]);
    // The plain title (meetings.json, feed, search) leaves struck-out words out.
    expect(built.items).toEqual([item(4, 'Amount of Alerts', 'DCC'), item(6, 'CSP N Audits', 'DCC')]);
    expect(built.contents).toEqual([link(4, '<del>Measure</del>Amount of Alerts'), link(6, '<strong>CSP N</strong> Audits')]);
    expect(built.page).toContain('<span class="item-title"><del>Measure</del>Amount of Alerts</span>');
    expect(built.page).not.toContain('~~');
    expect(built.print).toContain('<span class="item-title"><del>Measure</del>Amount of Alerts</span>');
  });

  it('links footnotes across items, with ids that cannot be an item’s anchor', async () => {
    const built = await buildMeeting(fixture('footnotes.md'));
    expect(built.messages).toEqual([sitemapInfo]);
    expect(built.items).toEqual([item(4, 'Major Incident', 'SECAS/DCC'), item(6, 'Alerts', 'DCC')]);
    const main = mainOf(built.page);
    expect(main).toContain('<a href="#opsg-27-fn-1" id="opsg-27-fnref-1" data-footnote-ref aria-describedby="opsg-27-footnote-label">1</a>');
    expect(main).toContain('<a href="#opsg-27-fn-item-4" id="opsg-27-fnref-item-4"');
    expect(main).toContain('<li id="opsg-27-fn-1">');
    expect(main).toContain('<li id="opsg-27-fn-item-4">');
    const ids = [...main.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]!);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => /^item-\d+$/.test(id))).toEqual(['item-4', 'item-6']);
    // Every in-page link has its target on the page.
    for (const [, target] of main.matchAll(/href="#([^"]+)"/g)) expect(ids).toContain(target);
  });

  it('resolves definitions written at the end of the file in every item', async () => {
    const built = await buildMeeting(fixture('definitions-end.md'));
    expect(built.messages).toEqual([sitemapInfo]);
    expect(built.items).toEqual([item(4, 'Major Incident', 'SECAS/DCC'), item(6, 'Alerts', 'DCC')]);
    const main = mainOf(built.page);
    expect(main).toContain('The DCC follows <a href="https://example.org/spec" title="The specification">the spec</a>.');
    expect(main).toContain('<img src="https://example.org/chart.png" alt="the alerts chart"> and <a href="https://example.org/spec" title="The specification">the spec</a> again.');
    expect(main).not.toContain('[spec]');
  });
});

describe('an agenda that cannot be cut short', () => {
  it('keeps `Next slide:` and `Next:` in their items; only labels after the last item are next-meeting lines', async () => {
    const built = await buildMeeting(fixture('next-slide.md'));
    expect(built.messages).toEqual([
      '30:1  warning  Unexpected “Next Reporting Meeting” without a date (`to be confirmed`), expected a date such as `7 January 2020`  next-meeting-undated',
      sitemapInfo,
    ]);
    expect(built.items).toEqual([item(1, 'Welcome', 'Chair'), item(2, 'Roadmap', 'DCC'), item(3, 'Alerts', 'DCC'), item(4, 'AOB', 'Chair')]);
    expect(built.contents).toEqual([link(1, 'Welcome'), link(2, 'Roadmap'), link(3, 'Alerts'), link(4, 'AOB')]);
    const main = mainOf(built.page);
    expect(main).toContain('<p>Next slide: Just a repetition of the previous one.</p>\n<p>Next: the timeline.</p></section>');
    expect(main).toContain('<p>Next Steps: the DCC will report in January.</p></section>');
    expect(/<section class="next-meetings"[\s\S]*?<\/section>/.exec(main)![0]).toBe('<section class="next-meetings" aria-labelledby="next-title"><h2 id="next-title">Next meetings</h2><dl><div><dt>Next meeting:</dt><dd>7 January 2020</dd></div><div><dt>Next Reporting Meeting:</dt><dd>to be confirmed</dd></div></dl></section>');
  });

  it('reads labels case-insensitively, and the labels the config gives', async () => {
    const text = fixture('next-slide.md').replace('Next meeting: 7 January 2020', 'NEXT MEETING: 7 January 2020').replace('Next Reporting Meeting: to be confirmed', 'Following session: 9 January 2020');
    const built = await buildMeeting(text, {nextMeetingLabels: ['Following session', 'Next meeting']});
    expect(built.messages).toEqual([sitemapInfo]);
    expect(/<section class="next-meetings"[\s\S]*?<\/section>/.exec(built.page)![0]).toContain('<dt>NEXT MEETING:</dt><dd>7 January 2020</dd></div><div><dt>Following session:</dt><dd>9 January 2020</dd>');
  });

  it('makes an unnumbered heading among the items an error, never a silent heading', async () => {
    const text = fixture('next-slide.md').replace('## 4. AOB (Chair)', '## AOB');
    const built = await buildMeeting(text);
    expect(built.messages).toEqual([
      '24:1  error  Unexpected heading `## AOB` among the agenda items without a number, expected an item such as `## 5. AOB` (it would be missing from the contents) or a deeper heading such as `### AOB`  agenda-item-hidden',
      '30:1  warning  Unexpected “Next Reporting Meeting” without a date (`to be confirmed`), expected a date such as `7 January 2020`  next-meeting-undated',
    ]);
    expect(built.page).toBe('');
  });

  it('takes `## N.` headings as items and deeper numbered headings as their sub-headings, with anchors', async () => {
    const built = await buildMeeting(fixture('subheadings.md'));
    expect(built.messages).toEqual([sitemapInfo]);
    expect(built.items).toEqual([item(1, 'Opening', 'Chair'), item(2, 'Reports', 'DCC')]);
    expect(built.contents).toEqual([link(1, 'Opening'), link(2, 'Reports')]);
    const main = mainOf(built.page);
    expect([...main.matchAll(/<h([34]) id="([^"]+)">([^<]*)</g)].map((match) => match.slice(1).join(' '))).toEqual([
      '3 opsg-27-item-1-1 1. Welcome',
      '3 opsg-27-item-1-2 2. Apologies',
      '3 opsg-27-item-2-1 1. Welcome',
      '3 opsg-27-item-2-1-2 1. Welcome',
      '4 opsg-27-item-2-3 3. Detail',
    ]);
  });

  it('takes a numbered list as the items when the document has no `## N.` headings', async () => {
    const text = fixture('tables.md')
      .replace('   - [x] report received', '   ### 1. Inside the item\n\n   - [x] report received')
      .replace('6. Alerts (DCC): The DCC reported progress.', '### 1. Alerts detail\n\nMore.\n\n6. Alerts (DCC): The DCC reported progress.');
    const built = await buildMeeting(text);
    expect(built.messages).toEqual([sitemapInfo]);
    expect(built.items).toEqual([item(4, 'Major Incident', 'SECAS/DCC'), item(6, 'Alerts', 'DCC')]);
    expect(built.page).toContain('<h3 id="opsg-27-item-4-1">1. Inside the item</h3>');
    expect(built.page).toContain('<h3 id="opsg-27-item-4-1-2">1. Alerts detail</h3>');
  });
});

describe('raw HTML is shown, never run', () => {
  it('passes sup, sub and br, and shows every other tag as the text typed', async () => {
    const built = await buildMeeting(fixture('raw-html.md'));
    expect(built.messages).toEqual([
      '12:101  warning  Unexpected raw HTML `<lots of people talking over each other>`, expected Markdown; it is shown as text  html-raw',
      '14:1  warning  Unexpected raw HTML `<EOM>`, expected Markdown; it is shown as text  html-raw',
      '18:1  warning  Unexpected raw HTML `<sup>`, expected Markdown; it is shown as text  html-raw',
      '20:20  warning  Unexpected raw HTML `<b onclick="steal()">`, expected Markdown; it is shown as text  html-raw',
      sitemapInfo,
    ]);
    expect(built.items).toEqual([item(4, 'Major Incident', 'SECAS/DCC'), item(6, 'Alerts', 'DCC')]);
    const main = mainOf(built.page);
    expect(main).toContain('<p>The growth was 10<sup>3</sup> times in CO<sub>2</sub> terms.<br>\nThen &#x3C;lots of people talking over each other> and the Chair closed the item.</p>\n<p>&#x3C;EOM></p>\n<p>&#x3C;sup></p></section>');
    expect(main).toContain('<p>A &#x3C;b onclick="steal()">bold&#x3C;/b> claim.</p>');
    expect(main).not.toMatch(/<b[\s>]/);
  });
});

describe('precise link safety', () => {
  it('judges URLs without their invisible characters', async () => {
    const built = await buildMeeting(fixture('zero-width.md'));
    expect(built.messages).toEqual([sitemapInfo]);
    expect(mainOf(built.page)).toContain('<p>See <a href="https://example.org/report">the report</a> and <a href="https://example.org/annex">the annex</a>.</p>');
  });

  const png = (characters: number) => 'data:image/png;base64,' + 'iVBORw0KGgo'.padEnd(characters, 'A');
  const withImages = (body: string) => fixture('zero-width.md').replace(/^4\. .*$/m, `4. Charts (DCC): ${body}`);

  it('shows raster data images up to 64 KiB, leaves larger ones out with a warning', async () => {
    const small = png(33 * 1024);
    const limit = png(64 * 1024);
    const built = await buildMeeting(withImages(`![small chart](${small}) ![limit chart](${limit}) ![large chart](${png(64 * 1024 + 1)}) ![webp](data:image/webp;base64,UklGRg==)`));
    expect(built.messages).toEqual([
      '12:99424  warning  Unexpected `data:` image of 65 KiB, expected at most 64 KiB (or a link to the image); it is left out of the page  image-too-large',
      sitemapInfo,
    ]);
    const main = mainOf(built.page);
    expect(main).toContain(`<img src="${small}" alt="small chart">`);
    expect(main).toContain(`<img src="${limit}" alt="limit chart">`);
    expect(main).toContain('<img src="data:image/webp;base64,UklGRg==" alt="webp">');
    expect(main).toContain('> large chart <img');
    expect(main.match(/<img /g)).toHaveLength(3);
  });

  it('refuses SVG data images, data links and other schemes, naming invisible characters', async () => {
    const built = await buildMeeting(withImages('![logo](data:image/svg+xml;base64,PHN2Zz4=) [file](data:image/png;base64,AAAA) [x](java\u200Bscript:alert(1)) ![gif](data:image/gif;base64,R0lGOD==)'));
    expect(built.messages).toEqual([
      '12:18  error  Unexpected unsafe URL `data:image/svg+xml;base64,PHN2Zz4=`, expected an http, https, mailto or tel URL, or a PNG, JPEG, GIF or WebP `data:` image  link-unsafe',
      '12:62  error  Unexpected unsafe URL `data:image/png;base64,AAAA`, expected an http, https, mailto or tel URL  link-unsafe',
      '12:97  error  Unexpected unsafe URL `java<U+200B>script:alert(1)`, expected an http, https, mailto or tel URL  link-unsafe',
    ]);
    expect(built.page).toBe('');
  });
});
