import {describe, expect, it} from 'vitest';
import {VFile} from 'vfile';
import {parse} from '../../src/pipeline/parse.js';
import {extract} from '../../src/pipeline/extract.js';
import {resolveSettings} from '../../src/config.js';
import {seedMarkdown, root} from '../helpers.js';

const settings = resolveSettings({cwd: root}, {}, undefined);

function read(text: string) {
  const file = new VFile({path: 'meeting.md', value: text});
  parse(file);
  extract(file, settings);
  return file;
}

describe('agenda extraction', () => {
  it('keeps the seed’s numbers, gaps included, with titles and owners', () => {
    const file = read(seedMarkdown);
    const items = file.data.body!.items.map((item) => [item.number, item.title, item.owner]);
    expect(items).toEqual([
      [4, 'Major Incident', 'SECAS/DCC'],
      [6, 'CSP N Installation failures/times', 'DCC'],
      [7, 'CSP C&S/CSP N Audits', 'DCC'],
      [8, 'Meter Firmware OTAs', 'DCC'],
      [9, 'CH Exceptions', 'DCC'],
      [10, 'Alerts', 'DCC'],
      [11, 'BCDR Update', 'DCC'],
      [13, 'Operational Metrics Project', 'SECAS'],
      [16, 'New Draft Proposals and Modification Proposals', 'SECAS'],
      [18, 'Maintenance Trial Extension', 'DCC'],
      [20, 'AOB', 'OPSG Chair'],
    ]);
  });

  it('keeps unindented paragraphs after an item with that item', () => {
    const items = read(seedMarkdown).data.body!.items;
    const six = items.find((item) => item.number === 6)!;
    expect(six.content).toHaveLength(3);
    const eighteen = items.find((item) => item.number === 18)!;
    expect(eighteen.content).toHaveLength(2);
  });

  it('finds the post-meeting note and the next-meeting lines', () => {
    const body = read(seedMarkdown).data.body!;
    const aob = body.items.at(-1)!;
    expect(aob.notes).toHaveLength(1);
    expect(aob.notes[0]!.text).toMatch(/^\[Post Meeting Note: Further input/);
    expect(body.next.map((line) => [line.kind, line.date])).toEqual([['regular', '2020-01-07'], ['reporting', '2020-01-27']]);
  });

  it('reads the statement, the title line and the meeting', () => {
    const file = read(seedMarkdown);
    const body = file.data.body!;
    expect(body.statement?.level).toBe('white');
    expect(body.titleLine).toMatchObject({group: 'OPSG', meeting: 27, date: '2019-12-03'});
    expect(body.intro).toHaveLength(1);
    expect(file.data.meeting).toMatchObject({group: 'OPSG', groupName: 'Operations Group', number: 27, date: '2019-12-03', status: 'final'});
  });

  it('recognises `## 4. Title (Owner)` headings as items', () => {
    const file = read('---\ngroup: SSC\nmeeting: 1\ndate: 2020-01-15\nclassification: White\n---\n\n## 4. Major Incident (SECAS/DCC)\n\nText.\n\n1. a sub-list\n2. stays content\n\n## 13. Later (DCC):\n\nMore.\n');
    const items = file.data.body!.items;
    expect(items.map((item) => [item.number, item.title, item.owner, item.content.length])).toEqual([[4, 'Major Incident', 'SECAS/DCC', 2], [13, 'Later', 'DCC', 1]]);
  });

  it('reads an item number from the source even inside one Markdown list', () => {
    const items = read('---\ngroup: A\nmeeting: 1\ndate: 2020-01-01\nclassification: White\n---\n\n9. A (X): a\n10. B (X): b\n13. C (X): c\n').data.body!.items;
    expect(items.map((item) => item.number)).toEqual([9, 10, 13]);
  });

  it('keeps positions in the original file, front matter included', () => {
    const file = read(seedMarkdown);
    const four = file.data.body!.items[0]!;
    const line = seedMarkdown.split('\n').findIndex((text) => text.startsWith('4. Major Incident')) + 1;
    expect(line).toBeGreaterThan(10);
    expect(four.position?.start).toMatchObject({line, column: 1});
  });

  it('does not shift an unquoted date whatever the time zone', () => {
    const file = read('---\ngroup: A\nmeeting: 1\ndate: 2019-12-03\nclassification: White\n---\n\n1. A (X): a\n');
    expect(file.data.meeting?.date).toBe('2019-12-03');
  });
});
