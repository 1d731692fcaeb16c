/**
 * A small declarative description of a JSON value's shape, and what derives from it: the
 * TypeScript type (`Infer`), the checks with a message at each key's line and column
 * (`checkValue`), and a JSON Schema for editors (`toJsonSchema`). The config's shape is
 * written once, in config.ts, with these.
 */
import {closest} from './suggest.js';
import type {JsonPlaces, JsonPoint} from './json-positions.js';

/** What every shape carries. */
interface Described {
  /** One sentence for the JSON Schema's `description` (editors show it). */
  doc: string;
}

/** The shape of a JSON value. */
export type Shape =
  | (Described & {type: 'string'; default?: string; format?: 'http-url' | 'regexp'})
  | (Described & {type: 'integer'; default?: number; minimum: number})
  | (Described & {type: 'number'; default?: number; exclusiveMinimum: number; maximum: number})
  | (Described & {type: 'boolean'; default?: boolean})
  | (Described & {type: 'enum'; values: readonly string[]})
  | (Described & {type: 'record'; values: Shape; keys?: KeyCheck})
  | (Described & {type: 'object'; fields: Readonly<Record<string, Shape>>; required?: readonly string[]})
  | (Described & {type: 'array'; items: Shape});

/** Which keys a record allows (rule ids), and a value's own limits per key. */
export interface KeyCheck {
  /** The keys allowed, for messages and the schema. */
  known: () => readonly string[];
  /** What a key is, in words (`rule`). */
  noun: string;
  /** Why a key's value is refused beyond its shape (a locked rule), or undefined. */
  value?: (key: string, value: unknown) => string | undefined;
  /** The schema of one key's value, when it differs from `values`. */
  schema?: (key: string) => Record<string, unknown>;
}

type Flat<T> = {[K in keyof T]: T[K]};

/** The TypeScript type a shape describes; object fields are optional unless listed in `required`. */
export type Infer<S> =
  S extends {type: 'string'} ? string
  : S extends {type: 'integer' | 'number'} ? number
  : S extends {type: 'boolean'} ? boolean
  : S extends {type: 'enum'; values: readonly (infer V)[]} ? V
  : S extends {type: 'record'; values: infer V} ? Record<string, Infer<V>>
  : S extends {type: 'array'; items: infer I} ? Array<Infer<I>>
  : S extends {type: 'object'; fields: infer F; required: readonly (infer R)[]}
    ? Flat<{[K in keyof F & R]: Infer<F[K]>} & {[K in Exclude<keyof F, R>]?: Infer<F[K]>}>
    : S extends {type: 'object'; fields: infer F} ? {[K in keyof F]?: Infer<F[K]>}
    : never;

/** One problem found by `checkValue`. */
export interface Problem {
  /** What was found and what was expected. */
  reason: string;
  /** `config-type` (a wrong value) or `config-key` (an unknown key). */
  ruleId: 'config-type' | 'config-key';
  /** Where: the key when there is one, else the value. */
  place: JsonPoint | undefined;
}

/**
 * Check a value against its shape: every problem at its own place. Returns the value with
 * every wrong part left out (so a run goes on with defaults and reports all problems at
 * once, instead of failing later on a value of the wrong type).
 */
export function checkValue(value: unknown, shape: Shape, places: ReadonlyMap<string, JsonPlaces>, problems: Problem[], pointer = '', name = ''): unknown {
  const where = places.get(pointer);
  const place = where?.key ?? where?.value;
  const problem = (reason: string, ruleId: Problem['ruleId'] = 'config-type') => {
    problems.push({reason, ruleId, place});
    return undefined;
  };
  const expected = (what: string) => problem(`Unexpected ${kind(value)} as ${name ? `\`${name}\`` : 'the config'}, expected ${what}`);
  switch (shape.type) {
    case 'string': {
      if (typeof value !== 'string') return expected('a string');
      if (shape.format === 'http-url' && !/^https?:\/\/[^/\s]+/.test(value)) return problem(`Unexpected \`${name}\` \`${value}\`, expected an absolute http(s) URL`);
      if (shape.format === 'regexp') {
        try {
          new RegExp(value, 'u');
        } catch (error) {
          return problem(`Unexpected \`${name}\` \`${value}\`, expected a regular expression (${(error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '')})`);
        }
      }
      return value;
    }
    case 'integer':
      return Number.isInteger(value) && (value as number) >= shape.minimum ? value : expected(shape.minimum === 1 ? 'a positive integer' : `an integer of at least ${shape.minimum}`);
    case 'number':
      return typeof value === 'number' && value > shape.exclusiveMinimum && value <= shape.maximum ? value : expected(`a number above ${shape.exclusiveMinimum} and at most ${shape.maximum}`);
    case 'boolean':
      return typeof value === 'boolean' ? value : expected('`true` or `false`');
    case 'enum':
      return typeof value === 'string' && shape.values.includes(value) ? value : expected(list(shape.values));
    case 'array': {
      if (!Array.isArray(value)) return expected(`an array of ${article(shape.items)}`);
      const out: unknown[] = [];
      value.forEach((item, index) => {
        const checked = checkValue(item, shape.items, places, problems, `${pointer}/${index}`, `${name}[${index}]`);
        if (checked !== undefined) out.push(checked);
      });
      return out;
    }
    case 'object':
    case 'record': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return expected('an object');
      const out: Record<string, unknown> = {};
      let complete = true;
      for (const [key, item] of Object.entries(value)) {
        const child = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        const childName = name ? `${name}.${key}` : key;
        const keyPlace = places.get(child)?.key;
        let itemShape: Shape | undefined;
        if (shape.type === 'object') {
          itemShape = shape.fields[key];
          if (!itemShape) {
            const known = Object.keys(shape.fields).filter((field) => field !== '$schema');
            const near = closest(key, known);
            problems.push({reason: `Unexpected key \`${childName}\`${near ? `, did you mean \`${near}\`?` : `, expected one of ${list(known, 'or')}`}`, ruleId: 'config-key', place: keyPlace});
            continue;
          }
        } else {
          itemShape = shape.values;
          if (shape.keys && !shape.keys.known().includes(key)) {
            const near = closest(key, shape.keys.known());
            problems.push({reason: `Unexpected ${shape.keys.noun} \`${key}\`${near ? `, did you mean \`${near}\`?` : ''}`, ruleId: 'config-key', place: keyPlace});
            continue;
          }
        }
        const checked = checkValue(item, itemShape, places, problems, child, childName);
        const refused = checked === undefined || shape.type !== 'record' ? undefined : shape.keys?.value?.(key, checked);
        if (refused) problems.push({reason: refused, ruleId: 'config-type', place: keyPlace});
        if (checked !== undefined && !refused) out[key] = checked;
        else complete = false;
      }
      if (shape.type === 'object') {
        const missing = (shape.required ?? []).filter((key) => !Object.hasOwn(value, key));
        if (missing.length > 0) return problem(`Unexpected \`${name}\` without ${list(missing.map((key) => key), 'and')}`);
        // An object missing a part it needs is left out whole.
        if (!complete && (shape.required ?? []).some((key) => !Object.hasOwn(out, key))) return undefined;
      }
      return out;
    }
  }
}

/** A JSON Schema (draft-07) for a shape. */
export function toJsonSchema(shape: Shape): Record<string, unknown> {
  const base: Record<string, unknown> = {description: shape.doc};
  switch (shape.type) {
    case 'string':
      return {type: 'string', ...(shape.format === 'http-url' ? {pattern: '^https?://'} : shape.format === 'regexp' ? {format: 'regex'} : {}), ...base, ...defaults(shape)};
    case 'integer':
      return {type: 'integer', minimum: shape.minimum, ...base, ...defaults(shape)};
    case 'number':
      return {type: 'number', exclusiveMinimum: shape.exclusiveMinimum, maximum: shape.maximum, ...base, ...defaults(shape)};
    case 'boolean':
      return {type: 'boolean', ...base, ...defaults(shape)};
    case 'enum':
      return {enum: [...shape.values], ...base};
    case 'array':
      return {type: 'array', items: toJsonSchema(shape.items), ...base};
    case 'record': {
      const keys = shape.keys;
      if (!keys) return {type: 'object', additionalProperties: toJsonSchema(shape.values), ...base};
      return {type: 'object', properties: Object.fromEntries(keys.known().map((key) => [key, keys.schema?.(key) ?? toJsonSchema(shape.values)])), additionalProperties: false, ...base};
    }
    case 'object':
      return {
        type: 'object',
        ...(shape.required ? {required: [...shape.required]} : {}),
        additionalProperties: false,
        properties: Object.fromEntries(Object.entries(shape.fields).map(([key, field]) => [key, toJsonSchema(field)])),
        ...base,
      };
  }
}

function defaults(shape: {default?: unknown}): Record<string, unknown> {
  return shape.default === undefined ? {} : {default: shape.default};
}

/** A JSON value's kind in words, for "Unexpected a number as `title`". */
function kind(value: unknown): string {
  if (value === null) return '`null`';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') return `string \`${value.length > 40 ? value.slice(0, 40) + '…' : value}\``;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} \`${String(value)}\``;
  return typeof value;
}

function article(shape: Shape): string {
  return shape.type === 'object' ? `objects with ${list(Object.keys(shape.fields).map((key) => `"${key}"`), 'and')}` : `${shape.type}s`;
}

/** `a`, `b` or `c`. */
function list(items: readonly string[], last = 'or'): string {
  const quoted = items.map((item) => `\`${item}\``);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} ${last} ${quoted.at(-1)}`;
}
