/**
 * Property tests of the whole-document reading, through the library: a White document with
 * a statement or marker of another level inserted at a random place, in a random kind of
 * block, disguised in a random way that renders the same, is never published, and a gate
 * rule names it. The same document with a White statement instead is published: no false
 * positives.
 */
import fs from 'node:fs';
import fc from 'fast-check';
import {afterAll, describe, expect, it} from 'vitest';
import {check} from '../../src/index.js';
import {makeSite, tempDir, whiteStatement} from '../helpers.js';

const base = tempDir('opsg-gate-property-');
afterAll(() => fs.rmSync(base, {recursive: true, force: true}));

const gateRules = new Set(['classification-statement-mismatch', 'classification-marker', 'front-matter-state']);

const restricted = ['This document is classified as **Amber**.', 'classified as Red', 'It is classified as TLP:GREEN here.', 'Classification: Amber', 'TLP:RED', 'Shared as TLP:AMBER+STRICT only.', 'marked tlp:green', 'This annex is classified as Confidential.', 'Correction: classified as **Red**.'];
const white = ['This document is classified as **White**.', 'classified as White', 'Shared as TLP:CLEAR.', 'Classification: White', 'TLP:WHITE'];

/** Kinds of block, each a function of the phrase; `markup` says which disguises survive in it. */
interface Kind {
  name: string;
  block: (phrase: string) => string;
  /** Markdown markup (entities, emphasis) is read in this kind of block. */
  markdown: boolean;
  /** A line break keeps the phrase in the same block. */
  multiline: boolean;
  /** The phrase goes into the front matter rather than the body. */
  front?: boolean;
}

const kinds: Kind[] = [
  {name: 'paragraph', block: (p) => p, markdown: true, multiline: true},
  {name: 'item', block: (p) => `7. Extra Item (DCC): ${p}`, markdown: true, multiline: true},
  {name: 'nested list in an item', block: (p) => `8. Nested (DCC): Text.\n\n   - ${p}`, markdown: true, multiline: true},
  {name: 'bullet list', block: (p) => `- ${p}`, markdown: true, multiline: true},
  {name: 'block quote', block: (p) => `> ${p}`, markdown: true, multiline: true},
  {name: 'heading', block: (p) => `## ${p}`, markdown: true, multiline: false},
  {name: 'title heading', block: (p) => `# ${p}`, markdown: true, multiline: false},
  {name: 'link text', block: (p) => `See [${p}](https://example.org/).`, markdown: true, multiline: true},
  {name: 'emphasis', block: (p) => `*${p}*`, markdown: true, multiline: true},
  {name: 'image alt', block: (p) => `![${p.replace(/\*/g, '')}](https://example.org/i.png)`, markdown: false, multiline: false},
  {name: 'table', block: (p) => `| a | b |\n| - | - |\n| ${p} | x |`, markdown: true, multiline: false},
  {name: 'post-meeting note', block: (p) => `*[Post-meeting note: ${p}]*`, markdown: true, multiline: true},
  {name: 'footnote', block: (p) => `Text.[^1]\n\n[^1]: Note: ${p}`, markdown: true, multiline: false},
  {name: 'inline code', block: (p) => `Marked \`${p.replace(/\*/g, '')}\` here.`, markdown: false, multiline: false},
  {name: 'fenced code', block: (p) => '```\n' + p.replace(/\*/g, '') + '\n```', markdown: false, multiline: false},
  {name: 'raw HTML', block: (p) => `<div>${p.replace(/\*/g, '')}</div>`, markdown: false, multiline: false},
  {name: 'after the next-meeting lines', block: (p) => `Next Regular Meeting Date: 7 January 2020\n\n${p}`, markdown: true, multiline: true},
  {name: 'front-matter title', block: (p) => `title: ${JSON.stringify(p.replace(/\*/g, ''))}`, markdown: false, multiline: false, front: true},
  {name: 'front-matter note field', block: (p) => `note: ${JSON.stringify(p.replace(/\*/g, ''))}`, markdown: false, multiline: false, front: true},
];

const fullWidth = (text: string) => text.replace(/[A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** Disguises that render the same; `markdown` ones only where Markdown is read. */
const disguises: Array<{name: string; apply: (phrase: string, rng: number) => string; markdown: boolean; multiline?: boolean}> = [
  {name: 'none', apply: (p) => p, markdown: false},
  {name: 'capitals', apply: (p) => p.toUpperCase(), markdown: false},
  {name: 'soft hyphen', apply: (p) => p.replace(/(classi)(fi)/i, '$1\u00AD$2').replace(/(T)(LP)/, '$1\u00AD$2'), markdown: false},
  {name: 'soft hyphen entity', apply: (p) => p.replace(/(classi)(fi)/i, '$1&shy;$2').replace(/(T)(LP)/, '$1&shy;$2'), markdown: true},
  {name: 'zero-width space', apply: (p, r) => p.slice(0, 1 + (r % (p.length - 1))) + '\u200B' + p.slice(1 + (r % (p.length - 1))), markdown: false},
  {name: 'non-breaking spaces', apply: (p) => p.replace(/ /g, '\u00A0'), markdown: false},
  {name: 'line break', apply: (p) => p.replace(/ (as|Amber|Red|Green|Confidential|White)/, '\n$1'), markdown: false, multiline: true},
  {name: 'full-width letters', apply: fullWidth, markdown: false},
  {name: 'emphasis split', apply: (p) => p.replace(/(classi)(fied)/i, '$1*$2*').replace(/(T)(LP)/, '$1**$2**'), markdown: true},
  {name: 'numeric entity', apply: (p) => p.replace(/(Amber|Red|Green|Confidential|White|RED|AMBER|GREEN|WHITE|CLEAR)/, (w) => `&#${w.charCodeAt(0)};${w.slice(1)}`), markdown: true},
  {name: 'look-alike letter', apply: (p) => p.replace(/(Amber|Red|Green|White|RED|AMBER|GREEN|CLEAR|WHITE)/, (w) => w.replace(/e/, '\u0435').replace(/A/, '\u0410').replace(/E/, '\u0415')), markdown: false},
];

const items = ['4. Major Incident (SECAS/DCC): The DCC reported.', '5. Alerts (DCC): Progress.', '6. Testing (SECAS): Noted.'];

/** A White document with `block` inserted among its blocks at `at`. */
function document(kind: Kind, phrase: string, at: number): string {
  const front = ['---', 'group: OPSG', 'meeting: 27', 'date: 2019-12-03', 'classification: White'];
  const blocks = [whiteStatement, 'Introduction to the meeting.', ...items];
  if (kind.front) front.push(kind.block(phrase));
  else blocks.splice(1 + (at % blocks.length), 0, kind.block(phrase));
  return [...front, '---', '', blocks.join('\n\n'), ''].join('\n');
}

const caseOf = (phrases: string[]) => fc.record({
  kind: fc.constantFrom(...kinds),
  phrase: fc.constantFrom(...phrases),
  disguise: fc.constantFrom(...disguises),
  at: fc.nat(),
  rng: fc.nat(),
}).filter(({kind, disguise}) => (kind.markdown || !disguise.markdown) && (kind.multiline || !disguise.multiline));

let run = 0;
async function checkOne(text: string) {
  const dir = makeSite({'content/opsg-27.md': text}, fs.mkdtempSync(`${base}/${run++}-`));
  try {
    const result = await check({cwd: dir, jobs: 1, cache: false});
    return {published: result.published, fatal: result.files.flatMap((file) => file.messages.filter((m) => m.fatal === true))};
  } finally {
    fs.rmSync(dir, {recursive: true, force: true});
  }
}

describe('the whole-document reading, for random hostile documents', () => {
  it('never publishes a White document that names another level anywhere, and a gate rule says where', async () => {
    await fc.assert(
      fc.asyncProperty(caseOf(restricted), async ({kind, phrase, disguise, at, rng}) => {
        const text = document(kind, disguise.apply(phrase, rng), at);
        const {published, fatal} = await checkOne(text);
        expect(published, text).toEqual([]);
        expect(fatal.some((m) => gateRules.has(m.ruleId ?? '') && typeof m.line === 'number'), `${kind.name} / ${disguise.name}:\n${text}\n${fatal.map((m) => m.reason).join('\n')}`).toBe(true);
      }),
      {numRuns: 1000, seed: Number(process.env.OPSG_PROPERTY_SEED ?? 20191203)},
    );
  }, 300_000);

  it('publishes the same documents when what they insert is White (no false positives)', async () => {
    await fc.assert(
      fc.asyncProperty(caseOf(white), async ({kind, phrase, disguise, at, rng}) => {
        const text = document(kind, disguise.apply(phrase, rng), at);
        const {published, fatal} = await checkOne(text);
        expect(fatal.filter((m) => gateRules.has(m.ruleId ?? '')).map((m) => m.reason), `${kind.name} / ${disguise.name}:\n${text}`).toEqual([]);
        if (fatal.length === 0) expect(published).toEqual(['OPSG 27']);
      }),
      {numRuns: 200, seed: Number(process.env.OPSG_PROPERTY_SEED ?? 20191203)},
    );
  }, 300_000);
});
