/**
 * The bad-input table: each case is a site, the arguments of `opsg build`, and what the
 * report must say. Run by bad-input.test.ts and bad-input-site.test.ts through the real
 * binary, one temporary site per case.
 */
import fs from 'node:fs';
import path from 'node:path';
import {execFileSync} from 'node:child_process';
import {expect} from 'vitest';
import {makeSite, meeting, runCli, whiteStatement} from '../helpers.js';
import {expectNoStack, parseReport, rawMeeting} from './support.js';

/** What a case expects of one reported message. */
export interface Expected {
  /** The file the message is reported under. */
  file: string;
  /** Rule id. */
  rule: string;
  /** Line and column, when the problem has a place. */
  line?: number;
  column?: number;
  /** Default: error. */
  severity?: 'error' | 'warning';
  /** A piece of the reason. */
  reason?: RegExp;
}

export interface Case {
  /** What the case is, as the test's name. */
  name: string;
  /** Files of the site (path → content); `content/` is made even when empty. */
  files?: Record<string, string | Buffer>;
  /** Leave `content/` uncreated. */
  noContent?: boolean;
  /** Extra setup: symlinks, FIFOs, permissions. */
  setup?: (dir: string) => void;
  /** Arguments after `build` (default none). */
  args?: string[];
  /** The exit code: 0 built, 1 content problems, 2 misuse. */
  code: 0 | 1 | 2;
  /** Messages that must be in the report. */
  expect?: Expected[];
  /** For misuse (exit 2): the sentence printed. */
  stderr?: RegExp;
  /** Extra checks on the finished site. */
  after?: (dir: string, output: string) => void;
}

/** Two agenda items, and a body with the White statement before them. */
const items = '4. Major Incident (SECAS/DCC): The DCC reported.\n\n6. Alerts (DCC): The DCC reported progress.\n';
const body = `${whiteStatement}\n\n${items}`;
const page = (dir: string, at = 'opsg/27/index.html') => fs.readFileSync(path.join(dir, 'dist', at), 'utf8');
const built = (at = 'opsg/27/index.html') => (dir: string) => expect(fs.existsSync(path.join(dir, 'dist', at))).toBe(true);

/** `depth` nested list items (`- ` indented two more spaces each time) inside item 4. */
function nestedList(depth: number): string {
  const lines: string[] = [];
  for (let i = 0; i < depth; i++) lines.push(`${'  '.repeat(i)}- level ${i} deepword`);
  return lines.join('\n');
}

/** Content that cannot be read as it stands: front matter, encodings, sizes, depth. */
export const contentCases: Case[] = [
  // Front matter that YAML cannot read.
  {name: 'YAML: a key indented under a scalar', files: {'content/a.md': '---\ngroup: OPSG\n  meeting: 27\ndate: 2019-12-03\nclassification: White\n---\n\n' + body}, code: 1,
    expect: [{file: 'content/a.md', rule: 'front-matter-yaml', line: 2, column: 8, reason: /single line|compact/}]},
  {name: 'YAML: an unclosed double quote', files: {'content/a.md': rawMeeting({title: '"Open quote'})}, code: 1,
    expect: [{file: 'content/a.md', rule: 'front-matter-yaml', line: 6}]},
  {name: 'YAML: a duplicate key', files: {'content/a.md': rawMeeting({}).replace('meeting: 27\n', 'meeting: 27\nmeeting: 28\n')}, code: 1,
    expect: [{file: 'content/a.md', rule: 'front-matter-yaml', line: 4, column: 1, reason: /unique|duplicate/i}]},
  {name: 'YAML: a tab used for indentation', files: {'content/a.md': '---\ngroup: OPSG\nmeeting:\n\t27\ndate: 2019-12-03\nclassification: White\n---\n\n' + body}, code: 1,
    expect: [{file: 'content/a.md', rule: 'front-matter-yaml', line: 4}]},
  {name: 'YAML: an unclosed flow sequence', files: {'content/a.md': rawMeeting({tags: '[a, b'})}, code: 1,
    expect: [{file: 'content/a.md', rule: 'front-matter-yaml'}]},
  {name: 'YAML: a list instead of a mapping', files: {'content/a.md': '---\n- group\n- OPSG\n---\n\n' + body}, code: 1,
    expect: [{file: 'content/a.md', rule: 'front-matter-yaml', line: 2, column: 1}]},
  {name: 'YAML: an alias bomb', files: {'content/a.md': rawMeeting({a: '&a [x, x, x, x, x, x, x, x, x]', b: '&b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', c: '&c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', d: '[*c, *c, *c, *c, *c, *c, *c, *c, *c]'})}, code: 1,
    expect: [{file: 'content/a.md', rule: 'front-matter-yaml', line: 7, column: 8, reason: /alias/i}]},
  {name: 'front matter not closed', files: {'content/a.md': '---\ngroup: OPSG\nmeeting: 27\ndate: 2019-12-03\nclassification: White\n\n' + body}, code: 1,
    expect: [{file: 'content/a.md', rule: 'front-matter-yaml', line: 1, column: 1, reason: /closing/}]},
  {name: 'no front matter at all', files: {'content/a.md': body}, code: 1,
    expect: [{file: 'content/a.md', rule: 'front-matter-missing', line: 1, column: 1}]},

  // Encodings, line endings and white space.
  {name: 'a UTF-8 byte order mark still builds', files: {'content/a.md': '\uFEFF' + meeting()}, code: 0, after: built()},
  {name: 'CRLF line endings build', files: {'content/a.md': meeting().replace(/\n/g, '\r\n')}, code: 0,
    after: (dir) => expect(page(dir)).toContain('id="item-6"')},
  {name: 'CRLF line endings keep positions', files: {'content/a.md': meeting({classification: 'Amber', statement: null}).replace(/\n/g, '\r\n')}, code: 1,
    expect: [{file: 'content/a.md', rule: 'classification-restricted', line: 5, column: 17}]},
  {name: 'CR line endings build', files: {'content/a.md': meeting().replace(/\n/g, '\r')}, code: 0,
    after: (dir) => expect(page(dir)).toContain('id="item-6"')},
  {name: 'CR line endings keep positions', files: {'content/a.md': meeting({items: '4. Incident (DCC): [link](javascript:alert(1))'}).replace(/\n/g, '\r')}, code: 1,
    expect: [{file: 'content/a.md', rule: 'link-unsafe', line: 10, column: 20}]},
  {name: 'tabs in front matter values and the body build', files: {'content/a.md': rawMeeting({title: 'Tabbed\ttitle'}, `${whiteStatement}\n\n4.\tMajor Incident (SECAS/DCC):\tThe DCC\treported.\n\n6. Alerts (DCC): The DCC reported.\n`)}, code: 0,
    after: (dir) => expect(page(dir)).toMatch(/id="item-4"[\s\S]*id="item-6"/)},
  {name: 'an empty file', files: {'content/a.md': ''}, code: 1,
    expect: [{file: 'content/a.md', rule: 'front-matter-missing', line: 1, column: 1}]},
  {name: 'a binary file with a .md name', files: {'content/a.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])}, code: 1,
    expect: [{file: 'content/a.md', rule: 'content-encoding', line: 3, column: 1, reason: /binary/}]},
  {name: 'invalid UTF-8', files: {'content/a.md': Buffer.concat([Buffer.from(meeting().split('\n').slice(0, 9).join('\n') + '\nThe '), Buffer.from([0xff, 0xfe]), Buffer.from(' end.\n')])}, code: 1,
    expect: [{file: 'content/a.md', rule: 'content-encoding', line: 10, column: 5, reason: /UTF-8/}]},
  {name: 'a 10 MB file', files: {'content/a.md': meeting({items: `4. Big (DCC): ${'lorem ipsum '.repeat(900_000)}`})}, code: 1,
    expect: [{file: 'content/a.md', rule: 'content-size', reason: /MB/}]},

  // Size and depth.
  {name: '5,000 agenda items build', files: {'content/a.md': meeting({items: Array.from({length: 5000}, (_, i) => `${i + 1}. Item ${i + 1} (DCC): Text ${i + 1}.`).join('\n\n')})}, code: 0,
    after: (dir) => {
      const html = page(dir);
      expect(html).toContain('id="item-1"');
      expect(html).toContain('id="item-5000"');
      expect(html.match(/<section class="agenda-item"/g)?.length).toBe(5000);
    }},
  // Parsing time grows faster than linearly with nesting (half a minute for this one), so
  // absurd nesting is refused up front, at the line where it passes 100 levels.
  {name: '1,000-deep nested lists', files: {'content/a.md': meeting({items: `4. Deep (DCC): Start.\n\n${nestedList(1000).replace(/^/gm, '   ')}\n\n6. After (DCC): End.`})}, code: 1,
    expect: [{file: 'content/a.md', rule: 'content-depth', line: 111, column: 202, reason: /levels deep/}]},
  {name: '1,000-deep block quotes', files: {'content/a.md': meeting({items: `4. Deep (DCC): Start.\n\n${'> '.repeat(1000)}quoted deepword\n\n6. After (DCC): End.`})}, code: 1,
    expect: [{file: 'content/a.md', rule: 'content-depth', line: 12, column: 201, reason: /levels deep/}]},
  {name: '60-deep lists and block quotes build', files: {'content/a.md': meeting({items: `4. Deep (DCC): Start.\n\n${nestedList(40).replace(/^/gm, '   ')}\n\n${'> '.repeat(60)}quoted\n\n6. After (DCC): End.`})}, code: 0,
    after: (dir) => {
      const html = page(dir);
      expect(html).toContain('level 39 deepword');
      expect(html.match(/<blockquote>/g)?.length).toBe(60);
    }},
  {name: '1,000-deep emphasis and links build', files: {'content/a.md': meeting({items: `4. Deep (DCC): ${'*a '.repeat(1000)}x${' a*'.repeat(1000)} ${'['.repeat(1000)}y${'](https://example.org)'.repeat(1000)}\n\n6. After (DCC): End.`})}, code: 0,
    after: (dir) => expect(page(dir)).toContain('id="item-6"')},

];

/** The site around the content: links, folders, names, config, paths, classification, failures. */
export const siteCases: Case[] = [
  // Links, folders and names.
  {name: 'a symbolic link loop between folders', files: {'content/a.md': meeting()}, setup: (dir) => {
    fs.mkdirSync(path.join(dir, 'content/sub'));
    fs.symlinkSync('..', path.join(dir, 'content/sub/loop'));
  }, code: 1, expect: [{file: 'content/sub/loop', rule: 'content-symlink', reason: /loop/}]},
  {name: 'a symbolic link loop between files', files: {'content/a.md': meeting()}, setup: (dir) => {
    fs.symlinkSync('y.md', path.join(dir, 'content/x.md'));
    fs.symlinkSync('x.md', path.join(dir, 'content/y.md'));
  }, code: 1, expect: [{file: 'content/x.md', rule: 'content-symlink', reason: /loop/}, {file: 'content/y.md', rule: 'content-symlink', reason: /loop/}]},
  {name: 'a symbolic link to a file outside the content folder', files: {'content/a.md': meeting(), 'secret/amber.md': meeting({meeting: 28, classification: 'Amber'})},
    setup: (dir) => fs.symlinkSync(path.join(dir, 'secret/amber.md'), path.join(dir, 'content/b.md')), code: 1,
    expect: [{file: 'content/b.md', rule: 'content-symlink', reason: /outside/}]},
  {name: 'a symbolic link to a folder inside the content folder: the meeting is seen twice', files: {'content/real/a.md': meeting()},
    setup: (dir) => fs.symlinkSync('real', path.join(dir, 'content/alias')), code: 1,
    // The same file twice would publish one meeting twice: the duplicate is reported.
    expect: [{file: 'content/real/a.md', rule: 'meeting-duplicate', line: 3, column: 10}]},
  // Root reads any file whatever its mode, so unreadability is simulated with a dangling
  // link and a FIFO (which would block a naive read for ever).
  {name: 'an unreadable file: a dangling symbolic link', files: {'content/a.md': meeting()}, setup: (dir) => fs.symlinkSync('gone.md', path.join(dir, 'content/b.md')), code: 1,
    expect: [{file: 'content/b.md', rule: 'content-symlink', reason: /ENOENT/}]},
  {name: 'an unreadable file: a FIFO named .md', files: {'content/a.md': meeting()}, setup: (dir) => execFileSync('mkfifo', [path.join(dir, 'content/b.md')]), code: 1,
    expect: [{file: 'content/b.md', rule: 'content-unreadable', reason: /FIFO/}]},
  {name: 'a folder named x.md is a folder', files: {'content/x.md/a.md': meeting()}, code: 0, after: built()},
  {name: 'file and folder names with spaces and non-ASCII characters build', files: {
    'content/Operations Group/réunion 27 — déc.md': meeting(),
    'content/会議/ミーティング 28 🗓.md': meeting({meeting: 28, date: '2020-01-07'}),
  }, code: 0, after: (dir) => {
    built()(dir);
    built('opsg/28/index.html')(dir);
  }},
  {name: 'two files with the same group and meeting', files: {'content/a.md': meeting(), 'content/b.md': meeting({group: 'opsg', date: '2019-12-04'})}, code: 1,
    expect: [{file: 'content/b.md', rule: 'meeting-duplicate', line: 3, column: 10, reason: /content\/a\.md/}]},

  // Folders and the config file.
  {name: 'a missing content folder', files: {'other/a.md': meeting()}, noContent: true, code: 2, stderr: /Cannot find content folder `content`/},
  {name: 'a missing --content folder', files: {'content/a.md': meeting()}, args: ['--content', 'nowhere'], code: 2, stderr: /`nowhere`/},
  {name: 'a config file with a syntax error', files: {'content/a.md': meeting(), 'opsg.config.json': '{\n  "title": "Headlines",\n  "url": "https://example.org",,\n}\n'}, code: 1,
    expect: [{file: 'opsg.config.json', rule: 'config-syntax', line: 3, column: 32}]},
  {name: 'a config file with an unknown key', files: {'content/a.md': meeting(), 'opsg.config.json': '{\n  "title": "Headlines",\n  "feedLimt": 5\n}\n'}, code: 1,
    expect: [{file: 'opsg.config.json', rule: 'config-key', line: 3, column: 3, reason: /feedLimit/}]},
  {name: 'a missing --config file', files: {'content/a.md': meeting()}, args: ['--config', 'nope.json'], code: 2, stderr: /Cannot read config file `nope\.json`/},

  // Front-matter values that could name a path.
  {name: 'meeting: ../../x', files: {'content/a.md': rawMeeting({meeting: '../../x'})}, code: 1,
    expect: [{file: 'content/a.md', rule: 'front-matter-type', line: 3, column: 10}]},
  {name: 'group: ".."', files: {'content/a.md': rawMeeting({group: '".."'})}, code: 1,
    expect: [{file: 'content/a.md', rule: 'front-matter-type', line: 2, column: 8}]},
  {name: 'group with slashes', files: {'content/a.md': rawMeeting({group: 'OPSG/../../etc'})}, code: 1,
    expect: [{file: 'content/a.md', rule: 'front-matter-type', line: 2, column: 8}]},
  {name: 'HTML in the group', files: {'content/a.md': rawMeeting({group: '"<b>OPSG</b>"'})}, code: 1,
    expect: [{file: 'content/a.md', rule: 'front-matter-type', line: 2, column: 8}]},
  {name: 'HTML in the title is text', files: {'content/a.md': rawMeeting({title: '"<script>alert(1)</script><img src=x onerror=alert(2)>"'})}, code: 0,
    after: (dir) => {
      for (const at of ['opsg/27/index.html', 'opsg/27/print.html', 'index.html', 'print.html', 'opsg/index.html', 'feed.xml', '404.html']) {
        // The one script a page may carry is the site's own search script.
        const text = page(dir, at).replace(/<script src="(?:\.\.\/)*\/?assets\/search\.[0-9a-f]{10}\.js" defer><\/script>/g, '');
        expect(text).not.toContain('<script');
        expect(text).not.toContain('<img');
      }
      for (const at of ['opsg/27/index.html', 'opsg/27/print.html', 'print.html']) expect(page(dir, at)).toContain('&#x3C;script>alert(1)&#x3C;/script>');
      expect(page(dir, 'feed.xml')).toContain('<title>&#x3C;script>alert(1)&#x3C;/script>');
    }},

  // Every classification mistake.
  {name: 'classification missing', files: {'content/a.md': rawMeeting({classification: undefined})}, code: 1,
    expect: [{file: 'content/a.md', rule: 'classification-missing'}]},
  {name: 'classification null', files: {'content/a.md': rawMeeting({classification: 'null'})}, code: 1,
    expect: [{file: 'content/a.md', rule: 'classification-missing'}]},
  {name: 'classification unknown', files: {'content/a.md': rawMeeting({classification: 'Purple'})}, code: 1,
    expect: [{file: 'content/a.md', rule: 'classification-unknown', line: 5, column: 17}]},
  {name: 'classification a list', files: {'content/a.md': rawMeeting({classification: '[White, Amber]'})}, code: 1,
    expect: [{file: 'content/a.md', rule: 'classification-unknown', line: 5, column: 17}]},
  {name: 'classification Green', files: {'content/a.md': rawMeeting({classification: 'Green'}, items)}, code: 1,
    expect: [{file: 'content/a.md', rule: 'classification-restricted', line: 5, column: 17}]},
  {name: 'classification TLP:AMBER', files: {'content/a.md': rawMeeting({classification: 'TLP:AMBER'}, items)}, code: 1,
    expect: [{file: 'content/a.md', rule: 'classification-restricted', line: 5, column: 17}]},
  {name: 'front matter White, body statement Amber', files: {'content/a.md': rawMeeting({}, `${whiteStatement.replace('**White**', '**Amber**')}\n\n${items}`)}, code: 1,
    expect: [{file: 'content/a.md', rule: 'classification-statement-mismatch', line: 8, column: 32}]},
  {name: 'front matter Amber, body statement White', files: {'content/a.md': rawMeeting({classification: 'Amber'})}, code: 1,
    expect: [{file: 'content/a.md', rule: 'classification-restricted', line: 5, column: 17}, {file: 'content/a.md', rule: 'classification-statement-mismatch', line: 8}]},
  {name: 'body statement names an unknown level', files: {'content/a.md': rawMeeting({}, `${whiteStatement.replace('**White**', '**Mauve**')}\n\n${items}`)}, code: 1,
    expect: [{file: 'content/a.md', rule: 'classification-statement-mismatch', line: 8}]},
  {name: 'body statement missing is a warning and builds', files: {'content/a.md': rawMeeting({}, items)}, code: 0,
    expect: [{file: 'content/a.md', rule: 'classification-statement-missing', severity: 'warning', line: 8, column: 1}], after: built()},
  {name: 'TLP:CLEAR in mixed case builds', files: {'content/a.md': rawMeeting({classification: 'tLp:ClEaR'}, items)}, code: 0, after: built()},

  // Failures inside opsg: one line naming the file, and a hint to rerun with --debug.
  {name: 'a template that throws', files: {'content/a.md': meeting(), 'templates/meeting.js': 'export default function meeting() { throw new TypeError("boom in template"); }\n'}, code: 1,
    expect: [{file: 'opsg.config.json', rule: 'internal', reason: /^[^\n]*boom in template \(rerun with --debug for the stack\)$/}]},
  {name: 'a template with a syntax error', files: {'content/a.md': meeting(), 'templates/layout.js': 'export default function (\n'}, code: 1,
    expect: [{file: 'opsg.config.json', rule: 'template', reason: /Cannot load templates/}]},
];

/** Build the case's site, run the binary and check everything the case expects. */
export function runCase(c: Case): void {
  const dir = makeSite(c.files ?? {});
  if (!c.noContent) fs.mkdirSync(path.join(dir, 'content'), {recursive: true});
  c.setup?.(dir);
  const result = runCli(['build', ...(c.args ?? [])], dir);
  const output = result.stdout + result.stderr;
  expectNoStack(output);
  if (c.stderr) expect(result.stderr).toMatch(c.stderr);
  const messages = parseReport(result.stderr);
  for (const want of c.expect ?? []) {
    const found = messages.find((m) => m.file === want.file && m.rule === want.rule && (want.reason === undefined || want.reason.test(m.reason)));
    expect(found, `no ${want.rule} message for ${want.file} in:\n${result.stderr}`).toBeDefined();
    expect(found!.severity).toBe(want.severity ?? 'error');
    if (want.line !== undefined) expect(found!.line).toBe(want.line);
    if (want.column !== undefined) expect(found!.column).toBe(want.column);
  }
  // Every message names its file; a message with a line has a column.
  for (const message of messages) {
    expect(message.file).not.toBe('');
    if (message.line !== undefined) expect(message.column).toBeGreaterThan(0);
  }
  expect(result.code, result.stderr).toBe(c.code);
  if (c.code !== 0) expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  c.after?.(dir, output);
  fs.rmSync(dir, {recursive: true, force: true});
}
