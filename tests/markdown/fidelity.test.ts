/**
 * Fidelity on a long, realistic document (over 200 KB): attendee tables, numbered `##`
 * items with `###` sub-headings, tables, lists, strikethrough, bare URLs, footnotes and
 * reference definitions at the end, asides in angle brackets, a `Next slide:` mid-item.
 * Every word of the visible text is on the page, and every item is in the contents and in
 * meetings.json.
 */
import {afterAll, describe, expect, it} from 'vitest';
import {pageText} from '../helpers.js';
import {buildMeeting, removeSites} from './support.js';

afterAll(removeSites);

const owners = ['DCC', 'SECAS', 'Chair', 'CSP N', 'Large Supplier'];
const topics = ['Major Incident', 'Alerts', 'Firmware Upgrades', 'Operational Metrics', 'Maintenance Trial', 'Release Planning', 'Test Environments', 'Security Updates'];

/** The document, and the text a reader should see of it. */
function minutes(itemCount: number): {markdown: string; visible: string[]; titles: Array<[number, string, string]>} {
  const visible: string[] = [];
  const titles: Array<[number, string, string]> = [];
  const lines: string[] = [
    '---', 'group: OPSG', 'meeting: 27', 'date: 2019-12-03', 'classification: White', '---', '',
    'This document is classified as **White** in accordance with the Panel Information Policy. Information can be shared with the public, and any members may publish the information, subject to copyright.', '',
    'Operations Group (OPSG) Meeting 27 on 3 December 2019 Headlines', '',
    '| Attendee | Organisation | Role |', '| --- | --- | --- |',
  ];
  for (let row = 0; row < 30; row++) {
    lines.push(`| Member${row} Surname${row} | Organisation${row} Limited | Role${row} |`);
    visible.push(`Member${row} Surname${row} Organisation${row} Limited Role${row}`);
  }
  lines.push('');
  for (let n = 1; n <= itemCount; n++) {
    const title = `${topics[n % topics.length]} review${n}`;
    const owner = owners[n % owners.length]!;
    titles.push([n, title, owner]);
    visible.push(title, owner);
    lines.push(`## ${n}. ${title} (${owner})`, '');
    const para = (k: number) => `The group discussed point${n}x${k} at length; members noted figure${n}x${k} and asked for evidence${n}x${k} by January.`;
    lines.push(`${para(1)} See https://example.org/papers/item-${n}.pdf for the paper.[^note${n}]`, '');
    visible.push(para(1), 'See', `https://example.org/papers/item-${n}.pdf`, 'for the paper');
    lines.push('### 1. Discussion', '', `${para(2)} The ~~draft${n}~~ final${n} wording follows [the code][sec-code].`, '');
    visible.push('1. Discussion', para(2), `The draft${n} final${n} wording follows the code`);
    lines.push('| Measure | Value | Comment |', '| :-- | --: | --- |');
    for (let row = 0; row < 4; row++) {
      lines.push(`| metric${n}r${row} | ${n * 10 + row} | comment${n}r${row} with a long explanation that wraps across the cell on paper |`);
      visible.push(`metric${n}r${row} ${n * 10 + row} comment${n}r${row} with a long explanation that wraps across the cell on paper`);
    }
    lines.push('');
    lines.push(`- action${n}a for the DCC`, `- action${n}b for SECAS`, `- [x] done${n}`, '');
    visible.push(`action${n}a for the DCC`, `action${n}b for SECAS`, `done${n}`);
    if (n % 10 === 3) {
      lines.push(`Next slide: roadmap${n} repeated from the previous slide.`, '');
      visible.push(`Next slide: roadmap${n} repeated from the previous slide.`);
    }
    if (n % 10 === 7) {
      lines.push(`The line went quiet <EOM> and then <lots of people talking over each other> about topic${n}.`, '');
      visible.push(`The line went quiet <EOM> and then <lots of people talking over each other> about topic${n}.`);
    }
    for (let k = 3; k <= 9; k++) {
      lines.push(para(k), '');
      visible.push(para(k));
    }
  }
  lines.push('Next Regular Meeting Date: 7 January 2020', '', 'Next Reporting Meeting: 27 January 2020', '');
  visible.push('Next Regular Meeting Date: 7 January 2020', 'Next Reporting Meeting: 27 January 2020');
  lines.push('[sec-code]: https://example.org/sec "Smart Energy Code"', '');
  for (let n = 1; n <= itemCount; n++) {
    lines.push(`[^note${n}]: Footnote${n} text, as agreed.`);
    visible.push(`Footnote${n} text, as agreed.`);
  }
  return {markdown: lines.join('\n') + '\n', visible, titles};
}

const words = (text: string) => new Set(text.match(/[\p{L}\p{N}]+/gu) ?? []);

describe('a long realistic document', () => {
  it('keeps every visible word, and every item in the contents and meetings.json', async () => {
    const {markdown, visible, titles} = minutes(125);
    expect(markdown.length).toBeGreaterThan(200 * 1024);
    const built = await buildMeeting(markdown);
    const asides = titles.filter(([n]) => n % 10 === 7).length;
    expect(built.messages.filter((message) => !message.includes('html-raw') && !message.includes('No sitemap.xml'))).toEqual([]);
    expect(built.messages.filter((message) => message.includes('html-raw'))).toHaveLength(2 * asides);
    const main = /<main[\s\S]*<\/main>/.exec(built.page)![0];
    const onPage = words(pageText(main));
    const missing = [...words(visible.join(' '))].filter((word) => !onPage.has(word));
    expect(missing).toEqual([]);
    expect(built.items.map((item) => [item.number, item.title, item.owner])).toEqual(titles);
    expect(built.contents).toEqual(titles.map(([n, title]) => `<a href="#item-${n}">${n}. ${title}</a>`));
    expect(main.match(/<section class="agenda-item"/g)).toHaveLength(titles.length);
    expect(main.match(/<table>/g)).toHaveLength(titles.length + 1);
    expect(main.match(/<li id="opsg-27-fn-note\d+">/g)).toHaveLength(titles.length);
    expect(main.match(/<a href="https:\/\/example.org\/sec" title="Smart Energy Code">the code<\/a>/g)).toHaveLength(titles.length);
    expect(main).not.toMatch(/~~|\[\^note|\]\[sec-code\]|\| ---/);
  });
});
