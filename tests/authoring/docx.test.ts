import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {unified} from 'unified';
import remarkParse from 'remark-parse';
import {toString} from 'mdast-util-to-string';
import {check, importDocuments, importHeadlines} from '../../src/index.js';
import {extractBody} from '../../src/pipeline/extract.js';
import {makeSite, root, runCli, seedSentences, seedText, tempDir} from '../helpers.js';

const fixtures = path.join(root, 'tests/fixtures/docx');
const seedPath = path.join(root, 'tests/fixtures/seed/opsg-27-2019-12-03-headlines.txt');
const made: string[] = [];
const dir = (files: Record<string, string | Buffer> = {}) => {
  const folder = makeSite(files, tempDir());
  made.push(folder);
  return folder;
};
afterAll(() => {
  for (const folder of made) fs.rmSync(folder, {recursive: true, force: true});
});

/** A written meeting file, split into its front matter and body. */
function split(text: string): {frontMatter: string; body: string} {
  const end = text.indexOf('\n---\n') + 5;
  return {frontMatter: text.slice(0, end), body: text.slice(end)};
}

/** Number, title and owner of every agenda item, as `opsg check` reads them. */
function items(body: string): string[] {
  return extractBody(unified().use(remarkParse).parse(body).children, body).items.map((item) => `${item.number}. ${item.title} (${item.owner})`);
}

/** The body's words as a reader sees them: Markdown syntax gone, white space folded. */
function words(body: string): string {
  return unified().use(remarkParse).parse(body).children.map((block) => toString(block)).join(' ').replace(/\s+/g, ' ');
}

describe('opsg import of Word documents', () => {
  const seed = (() => {
    const folder = dir();
    importHeadlines({cwd: folder, inputs: [{path: seedPath}]});
    return split(fs.readFileSync(path.join(folder, 'content/opsg/2019/opsg-27.md'), 'utf8'));
  })();

  for (const name of ['opsg-27-typed.docx', 'opsg-27-auto.docx']) {
    it(`imports ${name} to the same meeting file as the text seed`, async () => {
      const folder = dir({[name]: fs.readFileSync(path.join(fixtures, name))});
      const result = await importDocuments({cwd: folder, inputs: [{path: name}]});
      expect(result.files.flatMap((file) => file.messages.map((m) => m.reason))).toEqual([]);
      expect(result.written).toEqual(['content/opsg/2019/opsg-27.md']);
      const imported = split(fs.readFileSync(path.join(folder, 'content/opsg/2019/opsg-27.md'), 'utf8'));
      expect(imported.frontMatter).toBe(seed.frontMatter);
      expect(items(imported.body)).toEqual(items(seed.body));
      expect(items(imported.body).map((line) => Number.parseInt(line, 10))).toEqual([4, 6, 7, 8, 9, 10, 11, 13, 16, 18, 20]);
      expect(items(imported.body)[1]).toBe('6. CSP N Installation failures/times (DCC)');
      const text = words(imported.body);
      const {sentences} = seedSentences();
      expect(sentences.length).toBeGreaterThan(30);
      for (const sentence of sentences) expect(text, sentence).toContain(sentence);
      // The numbers are agenda items, written as text: no list renumbered from 1.
      expect(imported.body).toMatch(/^6\. \*\*CSP N Installation failures\/times \(DCC\)\*\*: The OPSG were surprised/m);
      expect(imported.body).not.toMatch(/^1\. /m);
      // Bold and italic survive as Markdown; the post-meeting note stays a note.
      expect(imported.body).toContain('This document is classified as **White** in accordance');
      expect(imported.body).toMatch(/\*\\?\[Post Meeting Note: Further input/);
      const checked = await check({cwd: folder});
      expect(checked.files.flatMap((file) => file.messages.filter((m) => m.fatal === true).map((m) => `${m.line}:${m.column} ${m.ruleId}`))).toEqual([]);
      expect(checked.published).toEqual(['OPSG 27']);
    });
  }

  it('imports Word and text files in one run, and keeps standard input for text', () => {
    const folder = dir({
      'auto.docx': fs.readFileSync(path.join(fixtures, 'opsg-27-auto.docx')),
      'ssc.txt': seedText.replace('Operations Group (OPSG) Meeting 27', 'Security Sub-Committee (SSC) Meeting 5'),
    });
    const run = runCli(['import', 'auto.docx', 'ssc.txt'], folder);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('content/opsg/2019/opsg-27.md\ncontent/ssc/2019/ssc-5.md\n');
  });

  it('writes nothing when a Word file in the run is refused, and exits 1', () => {
    const folder = dir({'auto.docx': fs.readFileSync(path.join(fixtures, 'opsg-27-auto.docx')), 'old.doc': Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])});
    const run = runCli(['import', 'auto.docx', 'old.doc'], folder);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/old\.doc\n.*error\s+Cannot read a Word 97–2003 document \(\.doc\), expected a \.docx.*import-word/);
    expect(run.stderr).toContain('opsg: nothing was written');
    expect(run.stdout).toBe('');
    expect(fs.existsSync(path.join(folder, 'content'))).toBe(false);
  });
});
