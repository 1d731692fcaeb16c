/**
 * Hostile documents for the gate: each must fail the build with exit 1, publish nothing,
 * and name the line:column and rule of (at least) the problem it hides.
 */

/** One hostile document. */
export interface HostileCase {
  /** What it tries. */
  name: string;
  /** The meeting file. */
  text: string;
  /** `line:column rule` that must be among the messages. */
  expect: string;
  /** An opsg.config.json, when the case is about the config's texts. */
  config?: object;
}

/** Words that must never reach a written file when the build fails. */
export const sentinel = 'Sentinel-Words-Never-Published';

const white = 'This document is classified as **White** in accordance with the Panel Information Policy. Information can be shared with the public, and any members may publish the information, subject to copyright.';
const items = `4. Major Incident (SECAS/DCC): The DCC reported ${sentinel}.\n\n6. Alerts (DCC): The DCC reported progress.\n`;

/** Front matter lines 1–6, a blank line 7, the White statement on line 8, `body` from line 10, then the items. */
function doc(body: string, front: string[] = ['classification: White']): string {
  return ['---', 'group: OPSG', 'meeting: 27', 'date: 2019-12-03', ...front, '---', '', white, '', body, '', items].join('\n');
}

/** Front matter from line 2 with `extra` lines after `classification: White` (line 5). */
function front(extra: string[], body = ''): string {
  return ['---', 'group: OPSG', 'meeting: 27', 'date: 2019-12-03', 'classification: White', ...extra, '---', '', white, '', body, items].join('\n');
}

export const cases: HostileCase[] = [
  {name: 'a second paragraph says Amber', text: doc('This document is classified as **Amber** in accordance with the Panel Information Policy.'), expect: '10:32 classification-statement-mismatch'},
  {name: 'Amber inside a numbered item', text: doc('2. Opening (SECAS): This document is classified as **Amber**.'), expect: '10:52 classification-statement-mismatch'},
  {name: 'Amber inside a block quote', text: doc('> This document is classified as **Amber**.'), expect: '10:34 classification-statement-mismatch'},
  {name: 'Amber inside a bullet list item', text: doc('- This document is classified as **Amber**.'), expect: '10:34 classification-statement-mismatch'},
  {name: 'Amber inside a heading', text: doc('## This document is classified as **Amber**'), expect: '10:35 classification-statement-mismatch'},
  {name: 'a correction says Amber', text: doc('Correction: this document is classified as **Amber**.'), expect: '10:44 classification-statement-mismatch'},
  {name: 'TLP:RED on its own line', text: doc('TLP:RED'), expect: '10:1 classification-marker'},
  {name: 'TLP:AMBER inside an item', text: doc('3. Testing (DCC): shared as TLP:AMBER only.'), expect: '10:29 classification-marker'},
  {name: 'a `Classification: Amber` line', text: doc('Classification: Amber'), expect: '10:17 classification-statement-mismatch'},
  {name: 'a soft hyphen entity splits the word', text: doc('This is classi&shy;fied as **Amber**.'), expect: '10:28 classification-statement-mismatch'},
  {name: 'a raw soft hyphen splits the word', text: doc('This is classi\u00ADfied as **Amber**.'), expect: '10:24 classification-statement-mismatch'},
  {name: 'a zero-width space splits the level', text: doc('This is classified as **Am\u200Bber**.'), expect: '10:23 classification-statement-mismatch'},
  {name: 'a non-breaking space between the words', text: doc('This is classified\u00A0as **Amber**.'), expect: '10:23 classification-statement-mismatch'},
  {name: 'full-width TLP marker', text: doc('Ｔ Ｌ Ｐ：ＲＥＤ'), expect: '10:1 classification-marker'},
  {name: 'full-width letters without spaces', text: doc('ＴＬＰ：ＲＥＤ'), expect: '10:1 classification-marker'},
  {name: 'a Cyrillic letter in Amber', text: doc('This is classified as **\u0410mber**.'), expect: '10:23 classification-statement-mismatch'},
  {name: 'emphasis split across nodes', text: doc('This is classi*fied* as **Am**ber.'), expect: '10:25 classification-statement-mismatch'},
  {name: 'link text', text: doc('See [classified as Amber](https://example.org/).'), expect: '10:20 classification-statement-mismatch'},
  {name: 'image alt text', text: doc('![TLP:RED](https://example.org/x.png)'), expect: '10:1 classification-marker'},
  {name: 'a line break inside the statement', text: doc('This is classified\nas **Amber**.'), expect: '11:4 classification-statement-mismatch'},
  {name: 'a numeric entity in the level', text: doc('This is classified as &#65;mber.'), expect: '10:23 classification-statement-mismatch'},
  {name: 'capitals', text: doc('THIS DOCUMENT IS CLASSIFIED AS RED.'), expect: '10:32 classification-statement-mismatch'},
  {name: 'a table row', text: doc('| Marking | classified as | Amber |\n|---|---|---|\n| a | b | c |'), expect: '10:29 classification-statement-mismatch'},
  {name: 'a footnote', text: doc('Text.[^1]\n\n[^1]: This paragraph is classified as Amber.'), expect: '12:39 classification-statement-mismatch'},
  {name: 'raw HTML block', text: doc('<div>TLP:RED</div>'), expect: '10:1 classification-marker'},
  {name: 'inline code', text: doc('Marked `TLP:AMBER` in the pack.'), expect: '10:9 classification-marker'},
  {name: 'a fenced code block', text: doc('```\nclassified as Red\n```'), expect: '11:15 classification-statement-mismatch'},
  {name: 'a post-meeting note', text: doc('*[Post-meeting note: this item is classified as Amber]*'), expect: '10:49 classification-statement-mismatch'},
  {name: 'the lines after the next-meeting lines', text: doc('Next Regular Meeting Date: 7 January 2020\n\nTLP:AMBER'), expect: '12:1 classification-marker'},
  {name: 'a level-one heading marker', text: doc('# TLP:GREEN'), expect: '10:3 classification-marker'},
  {name: 'a TLP level in a statement', text: doc('This is classified as **TLP:AMBER**.'), expect: '10:23 classification-statement-mismatch'},
  {name: 'Amber+Strict', text: doc('This is classified as Amber+Strict.'), expect: '10:23 classification-statement-mismatch'},
  {name: 'a TLP marker with a space and a hyphen', text: doc('Shared under TLP - RED rules.'), expect: '10:14 classification-marker'},
  {name: 'a marking of another scheme', text: doc('This annex is classified as Confidential.'), expect: '10:29 classification-statement-mismatch'},
  {name: 'White, then Green later on', text: doc('Later: the rest is classified as Green.'), expect: '10:34 classification-statement-mismatch'},
  {name: 'the first statement says Red', text: doc('', ['classification: White']).replace('as **White**', 'as **Red**'), expect: '8:32 classification-statement-mismatch'},
  {name: 'front matter `Classification: Amber`', text: front(['Classification: Amber']), expect: '6:17 classification-statement-mismatch'},
  {name: 'front matter `CLASSIFICATION: RED`', text: front(['CLASSIFICATION: RED']), expect: '6:1 front-matter-state'},
  {name: 'front matter `tlp: AMBER`', text: front(['tlp: AMBER']), expect: '6:1 classification-marker'},
  {name: 'front matter title with a marker', text: front(['title: Headlines TLP:RED']), expect: '6:18 classification-marker'},
  {name: 'front matter cut short by `---x`', text: front(['---x', 'classification: Amber']), expect: '6:1 front-matter-yaml'},
  {name: 'front matter cut short by `...`', text: front(['...', 'classification: Amber']), expect: '6:1 front-matter-yaml'},
  {name: '`satus: draft`', text: front(['satus: draft']), expect: '6:1 front-matter-state'},
  {name: '`Status: draft`', text: front(['Status: draft']), expect: '6:1 front-matter-state'},
  {name: '`draft: true`', text: front(['draft: true']), expect: '6:1 front-matter-state'},
  {name: '`private: yes`', text: front(['private: yes']), expect: '6:1 front-matter-state'},
  {name: 'front matter says Amber', text: doc('', ['classification: Amber']), expect: '5:17 classification-restricted'},
  {name: 'an item without its full stop', text: front([], `5 CSP N Alerts (DCC): The DCC reported ${sentinel}.\n\n`).replace(/\n4\. /, '\n4. ').replace(`5 CSP`, '5 CSP'), expect: '10:1 agenda-item-form'},
  {name: 'an item with `)`', text: front([], '5) Alerts (DCC): Text.\n\n'), expect: '10:1 agenda-item-form'},
  {name: 'the config title carries a marker', text: doc('Nothing more.'), config: {title: 'Headlines TLP:AMBER'}, expect: '1:21 classification-marker'},
  {name: 'reclassified', text: doc('Item 3 was reclassified as Amber.'), expect: '10:28 classification-statement-mismatch'},
  {name: 'an ordered list nested in an item', text: doc('3. Testing (DCC): Text.\n\n   1. classified as Red'), expect: '12:21 classification-statement-mismatch'},
];
