/**
 * The config's shape, declared once: every key type-checked at its own line and column,
 * syntax errors in plain words, the JSON Schema derived from the same declaration, and
 * the defaults taken from it. Through the real binary where the exit code matters.
 */
import fs from 'node:fs';
import {afterAll, describe, expect, it} from 'vitest';
import {VFile} from 'vfile';
import {configJsonSchema, configShape, readConfig, resolveSettings} from '../../src/config.js';
import {formatReport} from '../../src/report.js';
import {overlayPage} from '../../src/preview/overlay.js';
import {makeSite, meeting, runCli, tempDir} from '../helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, {recursive: true, force: true});
});

/** The config's messages as `line:col rule reason`. */
function problems(text: string): string[] {
  const dir = makeSite({'opsg.config.json': text});
  dirs.push(dir);
  const {file} = readConfig(dir, undefined);
  return file!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`);
}

describe('every config key is type-checked at its own line and column', () => {
  it.each([
    ['{\n  "groups": {"OPSG": 5}\n}', '2:14 config-type Unexpected number `5` as `groups.OPSG`, expected a string'],
    ['{\n  "classification": {\n    "label": 5\n  }\n}', '3:5 config-type Unexpected number `5` as `classification.label`, expected a string'],
    ['{"classification": {"lable": "W"}}', '1:21 config-key Unexpected key `classification.lable`, did you mean `label`?'],
    ['{"intros": []}', '1:2 config-type Unexpected array as `intros`, expected an object'],
    ['{"autolinks": [{"pattern": "DP\\\\d+"}]}', '1:16 config-type Unexpected `autolinks[0]` without `url`'],
    ['{"autolinks": [{"pattern": 5, "url": "x"}]}', '1:17 config-type Unexpected number `5` as `autolinks[0].pattern`, expected a string'],
    ['{"feedLimit": 1.5}', '1:2 config-type Unexpected number `1.5` as `feedLimit`, expected a positive integer'],
    ['{"fileTimeout": 0}', '1:2 config-type Unexpected number `0` as `fileTimeout`, expected a number above 0 and at most 3600'],
    ['{"printPerGroup": "yes"}', '1:2 config-type Unexpected string `yes` as `printPerGroup`, expected `true` or `false`'],
    ['{"url": "example.org"}', '1:2 config-type Unexpected `url` `example.org`, expected an absolute http(s) URL'],
    ['{"title": "a",\n "title": "b"}', '2:2 config-key Unexpected second `title`, expected each key once'],
    ['[]', '1:1 config-type Unexpected array as the config, expected an object'],
  ])('%s', (text, expected) => {
    expect(problems(text)).toEqual([expected]);
  });

  it('a bad autolink pattern is one config-type error, and no file fails with an internal error', () => {
    const dir = makeSite({'opsg.config.json': '{"autolinks": [{"pattern": "(", "url": "https://example.org/{lower}"}]}', 'content/a.md': meeting()});
    dirs.push(dir);
    const result = runCli(['check', '--format', 'json'], dir);
    expect(result.code).toBe(1);
    const messages = JSON.parse(result.stdout) as Array<{file: string; rule: string; message: string}>;
    expect(messages.filter((m) => m.rule === 'config-type' || m.rule === 'internal').map((m) => `${m.file} ${m.rule}`)).toEqual(['opsg.config.json config-type']);
  });

  it('`{"classification": {"label": 5}}` is a config error, not a template failure', () => {
    const dir = makeSite({'opsg.config.json': '{"classification": {"label": 5}}', 'content/a.md': meeting()});
    dirs.push(dir);
    const result = runCli(['build'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/1:21\s+error\s+Unexpected number `5` as `classification\.label`, expected a string\s+config-type/);
    expect(result.stderr).not.toMatch(/Cannot load templates|is not a function/);
  });
});

describe('syntax errors in plain words, at their place', () => {
  it.each([
    ['{\n  "title": "Headlines",\n  "url": "https://example.org",,\n}\n', '3:32 config-syntax Cannot parse config file: Unexpected `,`, expected a key in double quotes'],
    ['{"title": "a",}', '1:15 config-syntax Cannot parse config file: Unexpected `}`, expected another key after `,` (JSON allows no trailing comma)'],
    ["{'title': 'a'}", '1:2 config-syntax Cannot parse config file: Unexpected `\'` (JSON strings use double quotes), expected a key in double quotes'],
    ['{"title": "a"', '1:14 config-syntax Cannot parse config file: Unexpected end of file, expected `,` or `}`'],
    ['{"title": "a\nb"}', '1:13 config-syntax Cannot parse config file: Unexpected line break, expected a closing `"` (a string cannot hold a line break or control character; write `\\n`)'],
    ['[' .repeat(100_000), '1:34 config-syntax Cannot parse config file: Unexpected `[`, expected at most 32 levels of nesting'],
  ])('%s', (text, expected) => {
    expect(problems(text)).toEqual([expected]);
  });

  it('the text report and the preview overlay show the line with a caret under the column', () => {
    const dir = makeSite({'opsg.config.json': '{\n  "title": "Headlines",\n  "feedLimit": "20"\n}\n'});
    dirs.push(dir);
    const {file} = readConfig(dir, undefined);
    const text = formatReport([file!], {format: 'text'});
    expect(text).toMatch(/\n +> 3 \| {3}"feedLimit": "20"\n +\| {3}\^\n/);
    const html = overlayPage([file!]);
    expect(html).toMatch(/<pre class="frame">> 3 \|   "feedLimit": "20"\n {4}\| {3}\^<\/pre>/);
  });
});

describe('one declaration: types, checks, defaults and the JSON Schema', () => {
  it('the JSON Schema lists exactly the keys the checks know, with the same defaults', () => {
    const schema = configJsonSchema() as {properties: Record<string, {default?: unknown}>; additionalProperties: boolean};
    expect(Object.keys(schema.properties)).toEqual(Object.keys(configShape.fields));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.feedLimit!.default).toBe(20);
    expect(schema.properties.fileTimeout!.default).toBe(10);
    // Every key the schema knows is accepted by the checks; any other key is refused.
    for (const key of Object.keys(schema.properties)) expect(problems(JSON.stringify({[key]: null})).join()).not.toContain('config-key');
    expect(problems('{"colour": "red"}')[0]).toMatch(/config-key Unexpected key `colour`/);
  });

  it('settings take their defaults from the declaration', () => {
    const cwd = tempDir();
    dirs.push(cwd);
    const settings = resolveSettings({cwd}, {}, undefined);
    expect([settings.title, settings.feedLimit, settings.fileTimeout, settings.label, settings.printPerGroup]).toEqual([
      configShape.fields.title.default, 20, 10, 'WHITE', false,
    ]);
  });

  it('a missing --templates folder is a usage error (exit 2)', () => {
    const dir = makeSite({'content/a.md': meeting()});
    dirs.push(dir);
    const result = runCli(['build', '--templates', 'nope'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Cannot find templates folder `nope`/);
  });

  it('a config value never lands in a report unescaped', () => {
    const file = new VFile({path: 'opsg.config.json', value: '{"title": 1}'});
    file.message('Unexpected \u001b[2J\n::error::x', {place: {line: 1, column: 2}, ruleId: 'config-type'});
    expect(formatReport([file], {format: 'text'})).not.toMatch(/\u001b|\n::error/);
  });
});
