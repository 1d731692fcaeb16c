/** `opsg import` reads real minutes as the build does: GitHub-flavoured Markdown, labels after the last item. */
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, expect, it} from 'vitest';
import {build, importHeadlines} from '../../src/index.js';
import {makeSite} from '../helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, {recursive: true, force: true});
});

const minutes = `This document is classified as **White** in accordance with the Panel Information Policy.

Operations Group (OPSG) Meeting 27 on 3 December 2019 Headlines

| Attendee | Organisation |
| --- | --- |
| A. Member | DCC |

4. ~~Measure~~Amount of Alerts (DCC): See https://example.org/alerts and the note.[^1]

Next slide: the same figures by region.

6. AOB (Chair): Nothing further <EOM>.

Next meeting: 7 January 2020

[^1]: Figures as of November.
`;

it('imports a document with a table, footnotes and a `Next slide:` mid-agenda, and the result builds', async () => {
  const dir = makeSite({'opsg.config.json': '{"url": "https://example.org"}'});
  dirs.push(dir);
  const result = importHeadlines({cwd: dir, inputs: [{path: 'minutes.txt', value: minutes}]});
  expect(result.written).toEqual(['content/opsg/2019/opsg-27.md']);
  const written = fs.readFileSync(path.join(dir, 'content/opsg/2019/opsg-27.md'), 'utf8');
  // The next meeting is the labelled line after the last item, not the slide.
  expect(written).toContain('next_meeting: 2020-01-07');
  expect(written).toContain('| A. Member | DCC |');
  const built = await build({cwd: dir, jobs: 1, cache: false});
  expect(built.files.flatMap((file) => file.messages.filter((message) => message.fatal === true).map((message) => message.reason))).toEqual([]);
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'dist/meetings.json'), 'utf8')) as {meetings: Array<{items: Array<{number: number; title: string}>}>};
  expect(json.meetings[0]!.items.map((item) => [item.number, item.title])).toEqual([[4, 'Amount of Alerts'], [6, 'AOB']]);
  const page = fs.readFileSync(path.join(dir, 'dist/opsg/27/index.html'), 'utf8');
  expect(page).toContain('<th scope="col">Attendee</th>');
  expect(page).toContain('<p>Next slide: the same figures by region.</p>');
  expect(page).toContain('Nothing further &#x3C;EOM>.');
});
