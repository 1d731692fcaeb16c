/**
 * Property tests of the publishing gate. For random content folders (classification levels
 * in every spelling, agreeing, contradicting or missing statements, front-matter
 * mutations, random Markdown), built through the library:
 * - no output file ever holds text from a document that is not classified White;
 * - when the build succeeds, every White final document is published, with its text.
 * Each document carries a unique marker word, searched for in every output file.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {build} from '../../src/index.js';
import {tempDir, whiteStatement} from '../helpers.js';

/** Ways people write a classification, as YAML source (`undefined`: the key is left out). */
const whiteSpellings = ['White', 'WHITE', 'white', 'wHiTe', 'TLP:WHITE', 'tlp:white', 'TLP:CLEAR', 'tlp:Clear', '"White"', "'TLP:CLEAR'", '" White "', '"TLP: CLEAR"', 'White # public', '|\n  White'];
const restrictedSpellings = ['Green', 'green', 'TLP:GREEN', 'Amber', 'AMBER', 'amber', 'TLP:AMBER', 'TLP:AMBER+STRICT', '"Amber"', 'Red', 'RED', 'tlp:red', "'Red'"];
const wrongSpellings = ['Purple', 'Whit', 'Whitey', 'Off-White', 'White Amber', '"White, Amber"', '[White]', '{level: White}', '1', 'true', 'null', '~', '""', ''];
const classification = fc.oneof(
  {weight: 6, arbitrary: fc.constantFrom(...whiteSpellings)},
  {weight: 3, arbitrary: fc.constantFrom(...restrictedSpellings)},
  {weight: 1, arbitrary: fc.constantFrom<string | undefined>(...wrongSpellings, undefined)},
);

/** Levels a body statement may name, as written in the statement. */
const statement = fc.oneof(
  {weight: 4, arbitrary: fc.constant(undefined)},
  {weight: 4, arbitrary: fc.constantFrom('**White**', 'White', '**WHITE**', '*TLP:CLEAR*')},
  {weight: 2, arbitrary: fc.constantFrom('**Green**', '**Amber**', 'AMBER', '**Red**', '**TLP:RED**', '**Mauve**')},
);

/** What the YAML source means, read independently of opsg: the written level, or undefined. */
function writtenLevel(source: string | undefined): string | undefined {
  if (source === undefined) return undefined;
  const unquoted = /^(["'])(.*)\1$/.exec(source.trim());
  if (unquoted) return unquoted[2]!;
  const block = /^\|\n\s+(.*)$/.exec(source);
  if (block) return block[1]!; // a literal block scalar: the text and a line ending
  if (/^[\[{]/.test(source) || ['1', 'true', 'null', '~', ''].includes(source)) return undefined;
  return source.replace(/\s+#.*$/, '');
}

/** White as the policy names it: White, TLP:WHITE or TLP:CLEAR, any case, spaces ignored. */
function isWhite(level: string | undefined): boolean {
  return level !== undefined && ['white', 'tlp:white', 'tlp:clear'].includes(level.replace(/[\s*]/g, '').toLowerCase());
}

/** Random Markdown to put between agenda items. */
const markdownPiece = fc.oneof(
  {weight: 8, arbitrary: fc.constantFrom(
    'A plain paragraph.', '*Emphasis* and **strong** and `code`.', '> A quotation.\n> Two lines.', '- one\n- two\n  - nested',
    '```\nfenced code\n```', '    indented code', '---', '***', '[link](https://example.org) and <https://example.org>',
    '![image](https://example.org/i.png)', '<div>raw html</div>', '<!-- comment -->', 'Line with a hard break  \nnext line.',
    '| a | b |\n| - | - |\n| 1 | 2 |', '*[Post Meeting Note: noted.]*', 'This document is classified as **Amber**.',
    'Text with trailing backslash\\', '<script>alert(1)</script>', '\t\ttabbed text', '* * *', '\\# escaped',
  )},
  {weight: 1, arbitrary: fc.constantFrom('1) first\n2) second', '## 9. Heading item (Owner)', '# A heading', '[placeholder](#)', 'Next Regular Meeting Date: 7 January 2020', '```unclosed fence', '[bad](javascript:alert(1))')},
  {weight: 1, arbitrary: fc.string({maxLength: 40}).map((text) => text.replace(/\0/g, ''))},
);

/** Mutations of a front-matter block; most leave it valid. */
const mutation = fc.oneof(
  {weight: 7, arbitrary: fc.constantFrom('none', 'none', 'none', 'title', 'next-meeting', 'bom', 'crlf', 'cr', 'unknown-field')},
  {weight: 2, arbitrary: fc.constantFrom('drop-group', 'drop-meeting', 'drop-date', 'duplicate-key', 'bad-yaml', 'unclosed', 'tab-indent', 'bad-date', 'meeting-string', 'no-front-matter')},
);

interface Doc {
  classification: string | undefined;
  statement: string | undefined;
  status: string | undefined;
  mutation: string;
  pieces: string[];
  group: string;
  duplicateOf: boolean;
}

const doc = fc.record({
  classification,
  statement,
  status: fc.oneof({weight: 8, arbitrary: fc.constantFrom(undefined, 'final')}, {weight: 1, arbitrary: fc.constant('draft')}, {weight: 1, arbitrary: fc.constantFrom('Draft', 'published')}),
  mutation,
  pieces: fc.array(markdownPiece, {maxLength: 3}),
  group: fc.constantFrom('OPSG', 'SSC', 'opsg'),
  duplicateOf: fc.integer({min: 0, max: 19}).map((n) => n === 0),
}) satisfies fc.Arbitrary<Doc>;

const folder = fc.record({
  docs: fc.array(doc, {minLength: 1, maxLength: 3}),
  excludeRestricted: fc.integer({min: 0, max: 3}).map((n) => n > 0),
  drafts: fc.boolean(),
});

/** A marker word no template or other document contains. */
const marker = (index: number) => `quuxmark${'abcdefghij'[index]}zz`;

/** The file's text and what it means. */
function render(docSpec: Doc, index: number): {text: string; white: boolean; final: boolean; number: number} {
  const number = docSpec.duplicateOf && index > 0 ? 1 : index + 1;
  const fields: string[] = [];
  if (docSpec.mutation !== 'drop-group') fields.push(`group: ${docSpec.group}`);
  if (docSpec.mutation === 'meeting-string') fields.push(`meeting: "${number}"`);
  else if (docSpec.mutation !== 'drop-meeting') fields.push(`meeting: ${number}`);
  if (docSpec.mutation === 'bad-date') fields.push('date: 2019-02-30');
  else if (docSpec.mutation !== 'drop-date') fields.push(`date: 2019-12-0${index + 1}`);
  if (docSpec.classification !== undefined) fields.push(`classification: ${docSpec.classification}`);
  if (docSpec.status !== undefined) fields.push(`status: ${docSpec.status}`);
  if (docSpec.mutation === 'duplicate-key') fields.push('group: SSC');
  if (docSpec.mutation === 'bad-yaml') fields.push('title: "unclosed');
  if (docSpec.mutation === 'unknown-field') fields.push(`clasification: White`);
  if (docSpec.mutation === 'tab-indent') fields.push('extra:\n\tvalue');
  if (docSpec.mutation === 'title') fields.push(`title: Title ${marker(index)}`);
  if (docSpec.mutation === 'next-meeting') fields.push('next_meeting: 2020-01-07');
  const statement = docSpec.statement === undefined ? '' : whiteStatement.replace('**White**', docSpec.statement) + '\n\n';
  const body = `${statement}Introduction ${marker(index)}.\n\n1. First item (DCC): Text ${marker(index)} here.\n\n${docSpec.pieces.join('\n\n')}\n\n20. Last item (DCC): More ${marker(index)}.\n`;
  let text = docSpec.mutation === 'no-front-matter' ? body
    : docSpec.mutation === 'unclosed' ? `---\n${fields.join('\n')}\n\n${body}`
    : `---\n${fields.join('\n')}\n---\n\n${body}`;
  if (docSpec.mutation === 'bom') text = '\uFEFF' + text;
  if (docSpec.mutation === 'crlf') text = text.replace(/\n/g, '\r\n');
  if (docSpec.mutation === 'cr') text = text.replace(/\n/g, '\r');
  const statementLevel = docSpec.statement?.replace(/\*/g, '');
  // Not White: the front matter does not say White, or the body says something else.
  const white = isWhite(writtenLevel(docSpec.classification)) && (statementLevel === undefined || isWhite(statementLevel));
  const final = docSpec.status === undefined || docSpec.status === 'final';
  return {text, white, final, number};
}

/** Every output file's text, lower-cased, by site path. */
function readOutputs(dist: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dist, sub), {withFileTypes: true})) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else out.set(rel, fs.readFileSync(path.join(dist, rel), 'utf8').toLowerCase());
    }
  };
  if (fs.existsSync(dist)) walk('');
  return out;
}

describe('the publishing gate, for random content folders', () => {
  it('never publishes text from a non-White document, and publishes every White final one', async () => {
    const base = tempDir('opsg-property-');
    let run = 0;
    let published = 0;
    let withheld = 0;
    await fc.assert(
      fc.asyncProperty(folder, async ({docs, excludeRestricted, drafts}) => {
        const dir = path.join(base, String(run++));
        const specs = docs.map(render);
        const names = ['a.md', 'sub folder/b é.md', 'c.md'];
        specs.forEach((spec, index) => {
          const full = path.join(dir, 'content', names[index]!);
          fs.mkdirSync(path.dirname(full), {recursive: true});
          fs.writeFileSync(full, spec.text);
        });
        // Without the search index: its files are compressed, so a text check cannot read them
        // (search.test.ts reads them), and a thousand runs of the indexer would take minutes.
        const result = await build({cwd: dir, excludeRestricted, drafts, jobs: 1, cache: false, search: false});
        const outputs = readOutputs(path.join(dir, 'dist'));
        const failed = result.files.some((file) => file.messages.some((m) => m.fatal === true));
        try {
          // A failed build writes nothing at all.
          if (failed) expect([...outputs.keys()]).toEqual([]);
          specs.forEach((spec, index) => {
            const word = marker(index);
            if (!spec.white) {
              for (const [name, text] of outputs) expect(text.includes(word), `${word} of a non-White document in ${name}`).toBe(false);
              withheld++;
            }
          });
          if (!failed) {
            specs.forEach((spec, index) => {
              const docSpec = docs[index]!;
              if (!spec.white || !spec.final) return;
              const group = docSpec.group.toUpperCase();
              expect(result.published, `${group} ${spec.number} is White and final`).toContain(`${group} ${spec.number}`);
              const page = outputs.get(`${group.toLowerCase()}/${spec.number}/index.html`);
              expect(page, `page of ${group} ${spec.number}`).toBeDefined();
              expect(page!.includes(marker(index))).toBe(true);
              published++;
            });
          }
        } finally {
          fs.rmSync(dir, {recursive: true, force: true});
        }
      }),
      {numRuns: 1000, seed: Number(process.env.OPSG_PROPERTY_SEED ?? 20191203)},
    );
    fs.rmSync(base, {recursive: true, force: true});
    // The generators reach both sides of the gate often enough to mean something.
    expect(published).toBeGreaterThan(100);
    expect(withheld).toBeGreaterThan(300);
  }, 120_000);

  it('the oracle reads levels as the policy names them (it can fail)', () => {
    expect(isWhite(writtenLevel('"TLP: CLEAR"'))).toBe(true);
    expect(isWhite(writtenLevel('wHiTe'))).toBe(true);
    expect(isWhite(writtenLevel('White # public'))).toBe(true);
    expect(isWhite(writtenLevel('|\n  White'))).toBe(true);
    expect(isWhite(writtenLevel('TLP:AMBER'))).toBe(false);
    expect(isWhite(writtenLevel('[White]'))).toBe(false);
    expect(isWhite(writtenLevel('Whitey'))).toBe(false);
    expect(isWhite(writtenLevel(undefined))).toBe(false);
  });
});
