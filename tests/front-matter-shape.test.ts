/**
 * The front-matter shape is the one description of the front matter: every field it
 * declares is accepted by check with its example value and refused, by the rule the shape
 * names, with a value of the wrong kind; its JSON Schema agrees; and what `opsg new` writes
 * follows its order and checks clean.
 */
import fs from 'node:fs';
import path from 'node:path';
import {Ajv} from 'ajv';
import {parse as parseYaml} from 'yaml';
import {describe, expect, it} from 'vitest';
import {check, checkFrontMatter, frontMatterFields, frontMatterJsonSchema, frontMatterShape, newMeeting, type FieldName} from '../src/index.js';
import {VFile} from 'vfile';
import {frontMatterBlock} from '../src/authoring/front-matter.js';
import {parse} from '../src/pipeline/parse.js';
import {extract} from '../src/pipeline/extract.js';
import {loadSettings} from '../src/index.js';
import type {FieldShape} from '../src/front-matter-shape.js';
import {makeSite, meeting, seedMarkdown, whiteStatement} from './helpers.js';

const body = `${whiteStatement}\n\n4. Major Incident (SECAS/DCC): The DCC reported.\n`;
const field = (name: FieldName): FieldShape => frontMatterShape[name];

/** Wrong values of each kind, as YAML; a kind the shape gains without an entry here fails the test. */
const wrongByKind: Record<FieldShape['kind'], string[]> = {
  group: ['"O P"', '1OPSG'],
  'positive-integer': ['0', '"27"', '2.5'],
  date: ['2019-02-30', '"3 December 2019"'],
  classification: ['Public', '42'],
  enum: ['published', 'true'],
  text: ['12', '{a: 1}'],
};

/** A meeting file with every field at its example, `overrides` (YAML text, or null to leave a field out) applied. */
function fileWith(overrides: Partial<Record<FieldName, string | null>> = {}): string {
  const lines = ['---'];
  for (const name of frontMatterFields) {
    const value = name in overrides ? overrides[name] : JSON.stringify(field(name).example);
    if (value !== null && value !== undefined) lines.push(`${name}: ${value}`);
  }
  return [...lines, '---', '', body].join('\n');
}

/** The line of a field in `fileWith`'s text (the opening `---` is line 1). */
const lineOf = (text: string, name: FieldName) => text.split('\n').findIndex((line) => line.startsWith(`${name}:`)) + 1;

const shapeRules = new Set(frontMatterFields.flatMap((name) => [field(name).rules.wrong, field(name).rules.missing ?? 'front-matter-required']));

describe('the front-matter shape, through check', () => {
  it('accepts every field at its example, and refuses each wrong value with the rule the shape names, at the value', async () => {
    const files: Record<string, string> = {};
    const cases: Array<{file: string; name: FieldName; line: number; column: number}> = [];
    for (const name of frontMatterFields) {
      const wrongs = ['[1, 2]', ...wrongByKind[field(name).kind]];
      expect(wrongByKind[field(name).kind], name).toBeDefined();
      wrongs.forEach((wrong, index) => {
        const file = `content/wrong-${name}-${index}.md`;
        files[file] = fileWith({[name]: wrong});
        cases.push({file, name, line: lineOf(files[file], name), column: name.length + 3});
      });
    }
    // Every field at its example: not one problem, and the meeting is published.
    const complete = await check({cwd: makeSite({'content/complete.md': fileWith()})});
    expect(complete.files.flatMap((file) => file.messages.filter((m) => m.fatal !== undefined).map((m) => `${m.line}:${m.column} ${m.reason} ${m.ruleId}`))).toEqual([]);
    expect(complete.published).toEqual(['OPSG 27']);
    const result = await check({cwd: makeSite(files), drafts: true});
    const byPath = new Map(result.files.map((file) => [file.path, file]));
    for (const {file, name, line, column} of cases) {
      const messages = byPath.get(file)?.messages.filter((m) => shapeRules.has(m.ruleId ?? '')) ?? [];
      expect(messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.fatal}`), `${file}`).toEqual([`${line}:${column} ${field(name).rules.wrong} true`]);
      expect(messages[0]?.reason, file).toMatch(new RegExp(`^Unexpected ${name} \``));
    }
  });

  it('reports each missing required field with the rule the shape names, and fills the defaults of optional ones', async () => {
    const required = frontMatterFields.filter((name) => field(name).required);
    expect(required).toEqual(['group', 'meeting', 'date', 'classification']);
    const files = Object.fromEntries(required.map((name) => [`content/missing-${name}.md`, fileWith({[name]: null})]));
    const result = await check({cwd: makeSite(files), drafts: true});
    for (const name of required) {
      const file = result.files.find((f) => f.path === `content/missing-${name}.md`);
      expect(file?.messages.filter((m) => shapeRules.has(m.ruleId ?? '')).map((m) => m.ruleId), name).toEqual([field(name).rules.missing]);
    }
    // `status` left out is `final`: the meeting is published.
    const site = await check({cwd: makeSite({'content/a.md': fileWith({status: null})})});
    expect(site.published).toContain('OPSG 27');
  });

  it('words a wrong classification exactly as the gate’s own rule does', async () => {
    const text = fileWith({classification: 'Public'});
    const result = await check({cwd: makeSite({'content/a.md': text})});
    const rule = result.files[0]!.messages.find((m) => m.ruleId === 'classification-unknown');
    const problems = checkFrontMatter({present: true, values: {...parseYaml(fileWith({classification: 'Public'}).split('---')[1]!)}, keys: {}, valuePositions: {}, position: undefined, block: undefined, fields: {}});
    expect(problems.map((p) => [p.ruleId, p.reason])).toEqual([['classification-unknown', rule?.reason]]);
  });
});

describe('the front matter, located once', () => {
  it('rides on file.data as one block: offsets, YAML text, values with positions, typed fields', () => {
    const text = fileWith({status: null});
    const file = new VFile({path: 'a.md', value: text});
    parse(file);
    const frontMatter = file.data.frontMatter!;
    const block = frontMatter.block!;
    expect(text.slice(block.start, block.yamlStart)).toBe('---\n');
    expect(text.slice(block.closing, block.bodyStart)).toBe('---\n');
    expect(block.yaml).toBe(text.slice(block.yamlStart, block.closing));
    expect(frontMatter.valuePositions.meeting?.start).toMatchObject({line: 3, column: 10, offset: text.indexOf('27')});
    expect(frontMatter.fields).toEqual({group: 'OPSG', meeting: 27, date: '2019-12-03', classification: 'white', status: 'final', title: field('title').example, next_meeting: '2020-01-07', next_reporting_meeting: '2019-12-17'});
  });

  it('is what the extract stage builds the meeting from: the values are not read again', () => {
    const file = new VFile({path: 'a.md', value: fileWith()});
    parse(file);
    file.data.frontMatter!.values.meeting = 99;
    extract(file, loadSettings({cwd: makeSite({})}).settings);
    expect(file.data.meeting).toMatchObject({group: 'OPSG', number: 27, date: '2019-12-03', classification: 'white', status: 'final', nextMeeting: '2020-01-07'});
  });
});

describe('the front matter’s JSON Schema', () => {
  const validate = new Ajv({allErrors: true}).compile(frontMatterJsonSchema());
  const seedFrontMatter = parseYaml(seedMarkdown.split('---')[1]!, {schema: 'core'}) as Record<string, unknown>;

  it('lists every field of the shape, the required ones as required', () => {
    const schema = frontMatterJsonSchema() as {properties: Record<string, {description?: string}>; required: string[]};
    expect(Object.keys(schema.properties)).toEqual(frontMatterFields);
    expect(schema.required).toEqual(frontMatterFields.filter((name) => field(name).required));
    for (const name of frontMatterFields) expect(schema.properties[name]?.description, name).toBeTruthy();
  });

  it('validates the seed’s front matter and every example, and refuses a wrong type or an unknown field', () => {
    expect(validate(seedFrontMatter), JSON.stringify(validate.errors)).toBe(true);
    const examples = Object.fromEntries(frontMatterFields.map((name) => [name, field(name).example]));
    expect(validate(examples), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({...seedFrontMatter, meeting: 'twenty-seven'})).toBe(false);
    expect(validate.errors?.map((error) => error.instancePath)).toEqual(['/meeting']);
    for (const name of frontMatterFields) {
      for (const wrong of ['[1, 2]', ...wrongByKind[field(name).kind]]) {
        // A pattern cannot tell 30 February from a real date: check does (above).
        if (wrong === '2019-02-30') continue;
        expect(validate({...examples, [name]: parseYaml(wrong, {schema: 'core'})}), `${name}: ${wrong}`).toBe(false);
      }
    }
    expect(validate({...seedFrontMatter, satus: 'draft'})).toBe(false);
    for (const level of ['white', 'TLP:CLEAR', 'tlp: amber+strict', 'Red']) expect(validate({...seedFrontMatter, classification: level}), level).toBe(true);
    expect(validate({...seedFrontMatter, classification: 'Public'})).toBe(false);
  });
});

describe('what the authoring commands write', () => {
  it('`opsg new` writes the shape’s fields in the shape’s order, and checks clean', async () => {
    const dir = makeSite({'content/opsg/2019/opsg-27.md': meeting({meeting: 27, extra: 'next_meeting: 2020-01-07'})});
    const result = newMeeting({cwd: dir, group: 'OPSG', env: {SOURCE_DATE_EPOCH: '1578355200'}});
    const text = fs.readFileSync(path.join(dir, result.path!), 'utf8');
    const keys = Object.keys(parseYaml(text.split('---')[1]!, {schema: 'core'}) as object);
    expect(keys).toEqual(frontMatterFields.filter((name) => keys.includes(name)));
    expect(keys).toEqual(['group', 'meeting', 'date', 'classification', 'status']);
    const checked = await check({cwd: dir, drafts: true});
    const written = checked.files.find((file) => file.path === result.path);
    expect(written?.messages.filter((m) => m.fatal !== undefined).map((m) => m.reason) ?? []).toEqual([]);
  });

  it('writes fields in the shape’s order whatever order they were given in', () => {
    const block = frontMatterBlock({next_reporting_meeting: '2020-01-27', next_meeting: '2020-01-07', status: 'final', classification: 'White', date: '2019-12-03', meeting: 27, group: 'OPSG'});
    expect(block).toBe('---\ngroup: OPSG\nmeeting: 27\ndate: 2019-12-03\nclassification: White\nstatus: final\nnext_meeting: 2020-01-07\nnext_reporting_meeting: 2020-01-27\n---\n');
  });
});
