/**
 * One fixture per rule (tests/rules/fixtures/<rule-id>.md) and the exact messages it must
 * produce, as `line:column  severity  reason  rule`, in the style of remark-lint's tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {check} from '../../src/index.js';
import {rules} from '../../src/rules/index.js';
import {makeSite} from '../helpers.js';

const fixtures = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');
const statementMissing = '  warning  Missing classification statement: expected “This document is classified as **White** in accordance with the Panel Information Policy…”; the page shows the standard statement  classification-statement-missing';

const expected: Record<string, string[]> = {
  'front-matter-yaml': ['3:10  error  Missing closing `]` in `meeting: [27`: a list written as `[a, b]` must end on the same line  front-matter-yaml'],
  'front-matter-missing': ['1:1  error  Missing front matter: expected a `---` block with `group`, `meeting`, `date` and `classification` first in the file  front-matter-missing'],
  'front-matter-required': [
    '3:1  error  Missing `group` in front matter: expected a group code such as `group: OPSG`  front-matter-required',
    '3:1  error  Missing `meeting` in front matter: expected the meeting number such as `meeting: 27`  front-matter-required',
    '3:1  error  Missing `date` in front matter: expected the meeting date such as `date: 2019-12-03`  front-matter-required',
  ],
  'front-matter-type': [
    '3:10  error  Unexpected meeting `-3`, expected a positive integer such as `27`  front-matter-type',
    '4:7  error  Unexpected date `2019-02-30`, expected a real calendar date as `YYYY-MM-DD`  front-matter-type',
    '6:9  error  Unexpected status `published`, expected `final` or `draft`  front-matter-type',
    '7:15  error  Unexpected next_meeting `soon`, expected a real calendar date as `YYYY-MM-DD`  front-matter-type',
  ],
  'front-matter-unknown': [
    '6:1  warning  Unexpected front-matter field `titel`, did you mean `title`?  front-matter-unknown',
    '7:1  warning  Unexpected front-matter field `colour`, expected one of `group`, `meeting`, `date`, `classification`, `status`, `title`, `next_meeting`, `next_reporting_meeting`  front-matter-unknown',
  ],
  'front-matter-state': [
    '6:1  error  Unexpected front-matter field `satus`, did you mean `status`? A field that could decide whether this meeting is published must be written exactly; it is not published until then  front-matter-state',
    '7:1  error  Unexpected front-matter field `Status`, did you mean `status`? A field that could decide whether this meeting is published must be written exactly; it is not published until then  front-matter-state',
    '8:1  error  Unexpected front-matter field `draft`, did you mean `status: draft`? A field that could decide whether this meeting is published must be written exactly; it is not published until then  front-matter-state',
    '9:1  error  Unexpected front-matter field `Classification`, did you mean `classification`? A field that could decide whether this meeting is published must be written exactly; it is not published until then  front-matter-state',
    '10:1  warning  Unexpected front-matter field `venue`, expected one of `group`, `meeting`, `date`, `classification`, `status`, `title`, `next_meeting`, `next_reporting_meeting`  front-matter-unknown',
  ],
  'classification-missing': [
    '1:1  error  Missing classification: expected `classification: White` in the front matter; a document without one is never published  classification-missing',
    '7:1' + statementMissing,
  ],
  'classification-unknown': [
    '5:17  error  Unexpected classification `Public`, expected `White` (or `TLP:WHITE`, `TLP:CLEAR`) for a public document; it will not be published  classification-unknown',
    '8:1' + statementMissing,
  ],
  'classification-restricted': ['5:17  error  Unexpected classification `Amber`: restricted, will not be published; expected `White` (use --exclude-restricted to leave restricted documents out)  classification-restricted'],
  'classification-statement-mismatch': [
    '8:32  error  Unexpected classification `Amber` in a statement, expected `White` as in the front matter; a document that names another level anywhere is never published  classification-statement-mismatch',
    '14:47  error  Unexpected classification `Red` in a statement, expected `White` as in the front matter; a document that names another level anywhere is never published  classification-statement-mismatch',
  ],
  'classification-marker': [
    '6:19  error  Unexpected marker `TLP:AMBER`, expected none or `TLP:CLEAR` or `TLP:WHITE` as in the front matter; a document marked with another level anywhere is never published  classification-marker',
    '13:13  error  Unexpected marker `TLP:RED`, expected none or `TLP:CLEAR` or `TLP:WHITE` as in the front matter; a document marked with another level anywhere is never published  classification-marker',
  ],
  'classification-statement-missing': ['8:1' + statementMissing],
  'agenda-missing': ['11:1  error  Unexpected headlines without agenda items, expected numbered items such as `4. Major Incident (SECAS/DCC): text`  agenda-missing'],
  'agenda-order': ['14:1  error  Unexpected agenda number `5` after `6`, expected a number above `6`  agenda-order'],
  'agenda-duplicate': ['14:1  error  Unexpected second agenda item `6`, expected each number once (first on line 12)  agenda-duplicate'],
  'agenda-item-title': ['12:1  error  Unexpected agenda item `6` without a title, expected `6. Title (Owner): text`  agenda-item-title'],
  'agenda-item-owner': ['10:1  warning  Unexpected agenda item `4` without an owner, expected `Major Incident (Owner)`  agenda-item-owner'],
  'agenda-item-form': [
    '11:1  error  Unexpected line `6 CSP N Alerts (DCC): The DCC reported p…` that starts like agenda item 6 with no `.` after the number: as written it joins the item before it; write `6. CSP N Alerts (DCC): The DCC reported progress.`  agenda-item-form',
    '13:1  error  Unexpected line `7) Testing (SECAS): Text.` that starts like agenda item 7 with a `)` after the number: as written it joins the item before it; write `7. Testing (SECAS): Text.`  agenda-item-form',
    '15:1  error  Unexpected line `8: Releases (DCC): Text.` that starts like agenda item 8 with a `:` after the number: as written it joins the item before it; write `8. Releases (DCC): Text.`  agenda-item-form',
    '17:1  error  Unexpected line `9.Security (SSC): Text.` that starts like agenda item 9 with no space after `.`: as written it joins the item before it; write `9. Security (SSC): Text.`  agenda-item-form',
    '19:1  error  Unexpected line `10\tFinance (SECAS): Text.` that starts like agenda item 10 with a tab but no `.` after the number: as written it joins the item before it; write `10. Finance (SECAS): Text.`  agenda-item-form',
  ],
  'meeting-title-mismatch': [
    '10:1  error  Unexpected meeting `28` in the title line, expected `27` as in the front matter  meeting-title-mismatch',
    '10:1  error  Unexpected date `4 December 2019` in the title line, expected `3 December 2019` as in the front matter  meeting-title-mismatch',
  ],
  'next-meeting-date': [
    '6:15  error  Unexpected next_meeting `2019-12-01`, expected a date after the meeting date `2019-12-03`  next-meeting-date',
    '15:1  error  Unexpected date `1 November 2019` in “Next Reporting Meeting”, expected a date after the meeting date `3 December 2019`  next-meeting-date',
  ],
  'link-placeholder': [
    '10:15  warning  Unexpected placeholder link `#`, expected a URL; the text is shown without a link  link-placeholder',
    '10:30  warning  Unexpected placeholder link `()`, expected a URL; the text is shown without a link  link-placeholder',
  ],
  'html-raw': [
    '10:16  warning  Unexpected raw HTML `<b onclick="x()">`, expected Markdown; it is shown as text  html-raw',
    '12:1  warning  Unexpected raw HTML `<script>alert(1)</script>`, expected Markdown; it is shown as text  html-raw',
  ],
  'link-unsafe': [
    '10:11  error  Unexpected unsafe URL `javascript:alert(1)`, expected an http, https, mailto or tel URL  link-unsafe',
    '10:36  error  Unexpected unsafe URL `data:image/svg+xml;base64,AA`, expected an http, https, mailto or tel URL, or a PNG, JPEG, GIF or WebP `data:` image  link-unsafe',
    '12:84  error  Unexpected unsafe URL `java<U+200B>script:alert(1)`, expected an http, https, mailto or tel URL  link-unsafe',
  ],
  'agenda-item-hidden': ['14:1  error  Unexpected heading `## Any other business` among the agenda items without a number, expected an item such as `## 5. Any other business` (it would be missing from the contents) or a deeper heading such as `### Any other business`  agenda-item-hidden'],
  'next-meeting-undated': ['12:1  warning  Unexpected “Next meeting” without a date (`to be confirmed`), expected a date such as `7 January 2020`  next-meeting-undated'],
  'image-too-large': ['12:1  warning  Unexpected `data:` image of 69 KiB, expected at most 64 KiB (or a link to the image); it is left out of the page  image-too-large'],
};

async function messagesOf(files: Record<string, string>, config?: object) {
  const dir = makeSite({...files, ...(config ? {'opsg.config.json': JSON.stringify(config)} : {})});
  const result = await check({cwd: dir});
  return result.files.flatMap((file) => [...file.messages]
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
    .map((m) => ({file: file.path, text: `${m.line}:${m.column}  ${m.fatal === true ? 'error' : m.fatal === false ? 'warning' : 'info'}  ${m.reason}  ${m.ruleId}`, message: m})));
}

describe('each rule, on its fixture', () => {
  it('has a fixture for every rule that checks single files', () => {
    const ids = rules.filter((rule) => rule.id !== 'meeting-duplicate' && rule.id !== 'meeting-order').map((rule) => rule.id).sort();
    expect(Object.keys(expected).sort()).toEqual(ids);
    for (const id of ids) expect(fs.existsSync(path.join(fixtures, `${id}.md`))).toBe(true);
  });

  for (const [id, lines] of Object.entries(expected)) {
    it(id, async () => {
      const messages = await messagesOf({[`content/${id}.md`]: fs.readFileSync(path.join(fixtures, `${id}.md`), 'utf8')});
      expect(messages.map((m) => m.text)).toEqual(lines);
      for (const {message, file} of messages) {
        expect(message.source).toBe('opsg');
        expect(message.ruleId).toBeTruthy();
        expect(file).toBe(`content/${id}.md`);
      }
    });
  }

  it('meeting-duplicate, across files', async () => {
    const text = fs.readFileSync(path.join(fixtures, 'classification-statement-missing.md'), 'utf8').replace('4. Major', 'This document is classified as **White** in accordance with the Panel Information Policy.\n\n4. Major');
    const messages = await messagesOf({'content/a.md': text, 'content/b/c.md': text});
    expect(messages.map((m) => `${m.file} ${m.text}`)).toEqual([
      'content/b/c.md 3:10  error  Unexpected second file for OPSG meeting 27, expected one file per meeting (first: `content/a.md`)  meeting-duplicate',
    ]);
  });
});

describe('meeting-order, across files', () => {
  it('warns when a higher number is dated earlier, naming both files', async () => {
    const text = fs.readFileSync(path.join(fixtures, 'classification-statement-mismatch.md'), 'utf8').replace(/\n\nThis document is classified as \*\*Amber\*\*[^\n]*/, '').replace(/\n\n> Correction[^\n]*/, '');
    const messages = await messagesOf({
      'content/opsg-27.md': text,
      'content/example.md': text.replace('meeting: 27', 'meeting: 28').replace('date: 2019-12-03', 'date: 2019-01-15'),
      'content/opsg-29.md': text.replace('meeting: 27', 'meeting: 29').replace('date: 2019-12-03', 'date: 2020-01-07'),
    });
    expect(messages.filter((m) => m.message.ruleId === 'meeting-order').map((m) => `${m.file} ${m.text}`)).toEqual([
      'content/example.md 4:7  warning  Unexpected date `2019-01-15` for OPSG meeting 28, before meeting 27 on `2019-12-03` in `content/opsg-27.md`; expected a higher number to be dated later  meeting-order',
    ]);
  });
});

describe('rule severity', () => {
  const owner = fs.readFileSync(path.join(fixtures, 'agenda-item-owner.md'), 'utf8');

  it('can be turned off, or raised to an error', async () => {
    expect(await messagesOf({'content/a.md': owner}, {rules: {'agenda-item-owner': 'off'}})).toEqual([]);
    const raised = await messagesOf({'content/a.md': owner}, {rules: {'agenda-item-owner': 'error'}});
    expect(raised.map((m) => m.text)).toEqual(['10:1  error  Unexpected agenda item `4` without an owner, expected `Major Incident (Owner)`  agenda-item-owner']);
  });

  it('cannot lower a rule that guards publishing, nor name an unknown rule', async () => {
    const messages = await messagesOf({'content/a.md': owner}, {rules: {'classification-restricted': 'off', 'agenda-item-ownr': 'warn'}});
    expect(messages.map((m) => `${m.file} ${m.text}`)).toEqual([
      'content/a.md 10:1  warning  Unexpected agenda item `4` without an owner, expected `Major Incident (Owner)`  agenda-item-owner',
      'opsg.config.json 1:11  error  Unexpected severity `off` for rule `classification-restricted`: it guards publishing and is always `error`  config-type',
      'opsg.config.json 1:45  error  Unexpected rule `agenda-item-ownr`, did you mean `agenda-item-owner`?  config-key',
    ]);
  });

  it('still refuses a restricted document when its rule is configured', async () => {
    const amber = fs.readFileSync(path.join(fixtures, 'classification-restricted.md'), 'utf8');
    const messages = await messagesOf({'content/a.md': amber}, {rules: {'classification-restricted': 'warn'}});
    expect(messages.filter((m) => m.message.fatal).map((m) => m.message.ruleId)).toEqual(['classification-restricted', 'config-type']);
  });
});
