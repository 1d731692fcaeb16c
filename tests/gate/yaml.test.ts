/**
 * Front-matter mistakes, one fixture each (tests/gate/fixtures/yaml/<name>.md), and the
 * plain sentence each must produce at its line and column: never the YAML reader's wording.
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {check} from '../../src/index.js';
import {makeSite} from '../helpers.js';

const fixtures = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures/yaml');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, {recursive: true, force: true});
});

const expected: Record<string, string[]> = {
  'missing-colon': ['2:1  Missing colon in `group OPSG`: each front-matter line is `name: value`, such as `group: OPSG`'],
  'missing-space': ['4:1  Missing space after the colon in `date:2019-12-03`: expected `date: 2019-12-03`'],
  'extra-colon': ['6:8  Unexpected second colon in the value of `title`: put the value in quotes, such as `title: "Headlines: December"`'],
  'unclosed-quote': ['6:8  Missing closing quote `"` in `title: "Headlines`: a value that starts with a quote must end with one on the same line'],
  'unclosed-bracket': ['3:10  Missing closing `]` in `meeting: [27`: a list written as `[a, b]` must end on the same line'],
  'tab-indent': ['4:1  Unexpected tab at the start of the line: start each field at the beginning of its line (tabs are not allowed for indentation)'],
  indented: ['2:8  Unexpected indented line after `group: OPSG`: write each field on a single line of its own, starting at the beginning of the line'],
  duplicate: ['6:1  Unexpected duplicate `meeting` field: each field may be given once'],
  'reserved-start': ['6:8  Unexpected `@` at the start of the value of `title`: put the value in quotes, such as `title: "@home"`'],
  'list-item': ['4:1  Unexpected list item `- date: 2019-12-03`: expected a field such as `group: OPSG`; put a list in its field, indented, or write `name: [a, b]`'],
  'cut-short-dash': [
    '6:1  Unexpected `---x` line inside the front matter: the front matter ends only at a line that is `---` alone, and no line may hide the fields after it',
    '7:1  Unexpected duplicate `classification` field: each field may be given once',
  ],
  'cut-short-dots': [
    '6:1  Unexpected `...` line inside the front matter: the front matter ends only at a line that is `---` alone, and no line may hide the fields after it',
    '7:1  Unexpected duplicate `classification` field: each field may be given once',
  ],
};

describe('front-matter mistakes are said in plain words, each at its line', () => {
  it('has a fixture for every case and a case for every fixture', () => {
    expect(fs.readdirSync(fixtures).map((name) => name.replace(/\.md$/, '')).sort()).toEqual(Object.keys(expected).sort());
  });
  for (const [name, lines] of Object.entries(expected)) {
    it(name, async () => {
      const dir = makeSite({'content/a.md': fs.readFileSync(path.join(fixtures, `${name}.md`), 'utf8')});
      dirs.push(dir);
      const result = await check({cwd: dir});
      const messages = result.files.flatMap((file) => file.messages).filter((m) => m.ruleId === 'front-matter-yaml');
      expect(messages.map((m) => `${m.line}:${m.column}  ${m.reason}`)).toEqual(lines);
      for (const message of messages) {
        expect(message.fatal).toBe(true);
        expect(message.reason).not.toMatch(/implicit|compact mapping|scalar|block collection/i);
      }
      expect(result.published).toEqual([]);
    });
  }
});
