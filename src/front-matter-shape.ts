/**
 * A meeting file's front matter, described once: each field's kind, whether it is required,
 * its allowed values, default and description. Everything else comes from this table: the
 * TypeScript types (`FrontMatter`, `WrittenFrontMatter`), the checks with each problem at
 * its line and column (`checkFrontMatter`, reported by the front-matter-* rules), the typed
 * reading the extract stage builds a meeting from (`readFrontMatter`), the field order the
 * authoring commands write (`frontMatterFields`), and a JSON Schema for editors.
 */
import {levelForms, parseLevel} from './classification.js';
import {parseIsoDate} from './dates.js';
import type {ClassificationLevel, IsoDate, RawFrontMatter} from './model.js';
import type {Place} from './messages.js';

/** A group code that is also a safe folder name once lower-cased. */
export const groupPattern = /^[A-Za-z][A-Za-z0-9-]{0,31}$/;

/** The kinds of value a field can hold, each with the type it reads as. */
interface Kinds {
  /** A group code (`OPSG`), read trimmed. */
  group: string;
  /** A whole number above zero. */
  'positive-integer': number;
  /** A real calendar date, `YYYY-MM-DD`. */
  date: IsoDate;
  /** A level of the Panel Information Policy, read normalised (`white`). */
  classification: ClassificationLevel;
  /** One of the field's `values`. */
  enum: string;
  /** Any text. */
  text: string;
}

/** One field of the front matter. */
export interface FieldShape {
  /** What kind of value it holds. */
  kind: keyof Kinds;
  /** The values allowed, for an `enum`. */
  values?: readonly string[];
  /** Whether every meeting must give it. */
  required: boolean;
  /** The value a meeting has when the field is left out. */
  default?: string;
  /** One sentence for the JSON Schema's `description` (editors show it). */
  doc: string;
  /** A right value, for messages and the schema's `examples`. */
  example: string | number;
  /** Written values that count as not given (YAML's `null` for `group:` with nothing after it). */
  empty: readonly (null | '')[];
  /** The rule that reports the field missing, and the one that reports a wrong value. */
  rules: {missing?: string; wrong: string};
  /** How the missing-field message names it (`the meeting number`), when its rule builds the message from the shape. */
  noun?: string;
  /** What a right value is, after “expected”. */
  expected: string;
  /** Whether the field decides if, or as what, a meeting is published (a near miss of its name is an error). */
  publishing: boolean;
}

/** The front matter opsg knows, in the order the authoring commands write it. */
export const frontMatterShape = {
  group: {
    publishing: true, kind: 'group', required: true, example: 'OPSG', empty: [null], noun: 'a group code',
    doc: 'The group code: letters, digits and hyphens, starting with a letter; in lower case it is the group’s folder on the site.',
    rules: {missing: 'front-matter-required', wrong: 'front-matter-type'},
    expected: 'a code of letters, digits and hyphens such as `OPSG`',
  },
  meeting: {
    publishing: true, kind: 'positive-integer', required: true, example: 27, empty: [null], noun: 'the meeting number',
    doc: 'The meeting number, as the group counts its meetings.',
    rules: {missing: 'front-matter-required', wrong: 'front-matter-type'},
    expected: 'a positive integer such as `27`',
  },
  date: {
    publishing: true, kind: 'date', required: true, example: '2019-12-03', empty: [null], noun: 'the meeting date',
    doc: 'The meeting date, `YYYY-MM-DD`.',
    rules: {missing: 'front-matter-required', wrong: 'front-matter-type'},
    expected: 'a real calendar date as `YYYY-MM-DD`',
  },
  classification: {
    publishing: true, kind: 'classification', required: true, example: 'White', empty: [null, ''],
    doc: 'The classification under the Panel Information Policy: only `White` (`TLP:WHITE`, `TLP:CLEAR`) is published; `Green`, `Amber` and `Red` are kept back.',
    // The gate's own rules, which also say what publishing means for the level.
    rules: {missing: 'classification-missing', wrong: 'classification-unknown'},
    expected: '`White` (or `TLP:WHITE`, `TLP:CLEAR`) for a public document; it will not be published',
  },
  status: {
    publishing: true, kind: 'enum', values: ['final', 'draft'], required: false, default: 'final', example: 'final', empty: [],
    doc: '`draft` keeps the meeting off the site (and out of its feeds) until it says `final`.',
    rules: {wrong: 'front-matter-type'},
    expected: '`final` or `draft`',
  },
  title: {
    publishing: false, kind: 'text', required: false, example: 'Operations Group (OPSG) Meeting 27 on 3 December 2019 Headlines', empty: [],
    doc: 'The page title; by default the body’s title line.',
    rules: {wrong: 'front-matter-type'},
    expected: 'text',
  },
  next_meeting: {
    publishing: false, kind: 'date', required: false, example: '2020-01-07', empty: [null],
    doc: 'The next regular meeting’s date, `YYYY-MM-DD`; `opsg new` dates the next meeting from it.',
    rules: {wrong: 'front-matter-type'},
    expected: 'a real calendar date as `YYYY-MM-DD`',
  },
  next_reporting_meeting: {
    publishing: false, kind: 'date', required: false, example: '2019-12-17', empty: [null],
    doc: 'The next reporting meeting’s date, `YYYY-MM-DD`.',
    rules: {wrong: 'front-matter-type'},
    expected: 'a real calendar date as `YYYY-MM-DD`',
  },
} as const satisfies Record<string, FieldShape>;

type Shape = typeof frontMatterShape;

/** A front-matter field's name. */
export type FieldName = keyof Shape;

/** Front-matter fields opsg knows, in the shape's order. */
export const frontMatterFields = Object.keys(frontMatterShape) as FieldName[];

/** The type a field reads as: an enum's own values, else its kind's type. */
type ValueOf<F> = F extends {kind: 'enum'; values: readonly (infer V)[]} ? V : F extends {kind: infer K extends keyof Kinds} ? Kinds[K] : never;
type RequiredName = {[K in FieldName]: Shape[K]['required'] extends true ? K : never}[FieldName];
type DefaultedName = {[K in FieldName]: Shape[K] extends {default: string} ? K : never}[FieldName];
type Flat<T> = {[K in keyof T]: T[K]};

/** The front matter of a meeting once read and checked: required and defaulted fields always there. */
export type FrontMatter = Flat<{[K in RequiredName | DefaultedName]: ValueOf<Shape[K]>} & {[K in Exclude<FieldName, RequiredName | DefaultedName>]?: ValueOf<Shape[K]>}>;

/**
 * The front matter as the authoring commands write it: a required field may hold a
 * placeholder that check rejects (`REVIEW REQUIRED`), the classification is written as
 * people write it (`White`), and a field left undefined is not written.
 */
export type WrittenFrontMatter = Flat<{[K in RequiredName]: ValueOf<Shape[K]> | string} & {[K in Exclude<FieldName, RequiredName>]?: ValueOf<Shape[K]> | undefined}>;

/** A field's value as its kind reads it; undefined when it is not one. */
function readValue(field: FieldShape, value: unknown): unknown {
  switch (field.kind) {
    case 'group':
      return typeof value === 'string' && groupPattern.test(value.trim()) ? value.trim() : undefined;
    case 'positive-integer':
      return Number.isSafeInteger(value) && (value as number) > 0 ? value : undefined;
    case 'date':
      return parseIsoDate(value);
    case 'classification':
      return parseLevel(value);
    case 'enum':
      return typeof value === 'string' && field.values?.includes(value) ? value : undefined;
    case 'text':
      return typeof value === 'string' ? value : undefined;
  }
}

/** Whether a written value counts as the field not given. */
function isEmpty(field: FieldShape, value: unknown): boolean {
  return value === undefined || (field.empty as readonly unknown[]).includes(value);
}

/**
 * Read the known fields of parsed front matter by the shape: each field given with a right
 * value, typed, and the default of each field left out. A field given with a wrong value is
 * left out and never defaulted, so a meeting cannot be built from it (it fails closed).
 */
export function readFrontMatter(values: Readonly<Record<string, unknown>>): Partial<FrontMatter> {
  const fields: Record<string, unknown> = {};
  for (const name of frontMatterFields) {
    const field: FieldShape = frontMatterShape[name];
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (isEmpty(field, value)) {
      if (field.default !== undefined && value === undefined) fields[name] = field.default;
      continue;
    }
    const read = readValue(field, value);
    if (read !== undefined) fields[name] = read;
  }
  return fields as Partial<FrontMatter>;
}

/** One problem with a field, for the rule named by `ruleId` to report. */
export interface FieldProblem {
  /** The field. */
  field: FieldName;
  /** The rule that reports it (from the shape's `rules`). */
  ruleId: string;
  /** What was found and what was expected. */
  reason: string;
  /** Where: the value (wrong), the key or the block's end (missing). */
  place: Place;
}

/** A written value as a message shows it. */
function show(value: unknown): string {
  return '`' + (typeof value === 'string' ? value : JSON.stringify(value)) + '`';
}

/** Every missing required field and every value of the wrong kind, each at its own place. */
export function checkFrontMatter(frontMatter: RawFrontMatter): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const values = frontMatter.values;
  const end = frontMatter.position?.end;
  for (const name of frontMatterFields) {
    const field: FieldShape = frontMatterShape[name];
    const given = Object.hasOwn(values, name);
    const value = given ? values[name] : undefined;
    if (isEmpty(field, value)) {
      if (field.required && field.rules.missing !== undefined && field.noun !== undefined) {
        const place = frontMatter.keys[name] ?? (end ? {line: end.line, column: 1} : undefined);
        problems.push({field: name, ruleId: field.rules.missing, reason: `Missing \`${name}\` in front matter: expected ${field.noun} such as \`${name}: ${field.example}\``, place});
      }
      continue;
    }
    if (readValue(field, value) === undefined) {
      problems.push({field: name, ruleId: field.rules.wrong, reason: `Unexpected ${name} ${show(value)}, expected ${field.expected}`, place: frontMatter.valuePositions[name]});
    }
  }
  return problems;
}

/** The JSON Schema (draft-07) of one field. */
function fieldSchema(field: FieldShape): Record<string, unknown> {
  const base = {description: field.doc, examples: [field.example], ...(field.default === undefined ? {} : {default: field.default})};
  switch (field.kind) {
    case 'group':
      // Read trimmed, so white space around the code is allowed.
      return {type: 'string', pattern: `^\\s*${groupPattern.source.slice(1, -1)}\\s*$`, ...base};
    case 'positive-integer':
      return {type: 'integer', minimum: 1, ...base};
    case 'date':
      // The pattern cannot tell 30 February from a real date; check does.
      return {type: 'string', pattern: '^\\s*\\d{4}-\\d{2}-\\d{2}\\s*$', ...base};
    case 'classification':
      return {type: 'string', pattern: `^\\s*(?:${levelForms.map(anyCase).join('|')})\\s*$`, ...base};
    case 'enum':
      return {enum: [...(field.values ?? [])], ...base};
    case 'text':
      return {type: 'string', ...base};
  }
}

/**
 * A pattern for `word` in any case, white space allowed between its characters (as
 * `parseLevel` reads it): a JSON Schema pattern has no flags, so case is spelt out.
 */
function anyCase(word: string): string {
  return [...word].map((char) => (/[a-z]/.test(char) ? `[${char}${char.toUpperCase()}]` : char.replace(/[+]/, '\\+'))).join('\\s*');
}

/** A JSON Schema (draft-07) of the front matter, for editors that check YAML front matter. */
export function frontMatterJsonSchema(): Record<string, unknown> {
  const required = frontMatterFields.filter((name) => frontMatterShape[name].required);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'opsg meeting front matter',
    type: 'object',
    required,
    additionalProperties: false,
    properties: Object.fromEntries(frontMatterFields.map((name) => [name, fieldSchema(frontMatterShape[name])])),
  };
}
