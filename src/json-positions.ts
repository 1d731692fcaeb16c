/**
 * JSON text → its value, and the line and column of every key and value, so that each
 * problem in a config file is reported at its own place (JSON.parse gives no positions,
 * and its error wording differs between Node versions). Strict RFC 8259 JSON; a syntax
 * error is one sentence in plain words with its place. Runs in linear time.
 */

/** A 1-based place in the text. */
export interface JsonPoint {
  /** Line, from 1. */
  line: number;
  /** Column, from 1. */
  column: number;
  /** Offset, from 0. */
  offset: number;
}

/** Where a key and its value stand, by JSON Pointer (`/groups/OPSG`, `/autolinks/0/url`). */
export interface JsonPlaces {
  /** The key's opening quote (undefined for an array item or the root). */
  key: JsonPoint | undefined;
  /** The value's first character. */
  value: JsonPoint;
}

/** The parsed text, or the syntax error. */
export type JsonParse = {value: unknown; places: Map<string, JsonPlaces>; duplicates: string[]} | {error: string; place: JsonPoint};

/** Parse JSON text; duplicate keys are listed (the last one wins, as in JSON.parse). */
export function parseJson(text: string): JsonParse {
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const places = new Map<string, JsonPlaces>();
  const duplicates: string[] = [];
  // Line starts, for turning offsets into points.
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const point = (offset: number): JsonPoint => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return {line: lo + 1, column: offset - lineStarts[lo]! + 1, offset};
  };
  class Stop extends Error {}
  let failure: {error: string; place: JsonPoint} | undefined;
  const fail = (expected: string, at = index): never => {
    const found = at >= text.length ? 'end of file' : describe(text[at]!);
    failure = {error: `Unexpected ${found}, expected ${expected}`, place: point(Math.min(at, text.length))};
    throw new Stop();
  };
  const space = () => {
    while (index < text.length && ' \t\n\r'.includes(text[index]!)) index++;
  };
  const string = (): string => {
    index++; // the opening quote
    let out = '';
    let from = index;
    for (;;) {
      if (index >= text.length) fail('a closing `"`');
      const code = text.charCodeAt(index);
      if (code === 0x22) break;
      if (code < 0x20) fail('a closing `"` (a string cannot hold a line break or control character; write `\\n`)');
      if (code === 0x5c) {
        out += text.slice(from, index);
        const escape = text[index + 1];
        const simple: Record<string, string> = {'"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t'};
        if (escape !== undefined && escape in simple) {
          out += simple[escape];
          index += 2;
        } else if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6))) {
          out += String.fromCharCode(parseInt(text.slice(index + 2, index + 6), 16));
          index += 6;
        } else {
          fail('an escape such as `\\n`, `\\"`, `\\\\` or `\\u00e9`', index + 1);
        }
        from = index;
        continue;
      }
      index++;
    }
    out += text.slice(from, index);
    index++;
    return out;
  };
  const value = (pointer: string, key: JsonPoint | undefined, depth: number): unknown => {
    space();
    // A config is a few levels deep; a bound keeps a hostile file from exhausting the stack.
    if (depth > 32) fail('at most 32 levels of nesting');
    places.set(pointer, {key, value: point(index)});
    const char = text[index];
    if (char === '{') {
      index++;
      const object: Record<string, unknown> = {};
      space();
      if (text[index] === '}') {
        index++;
        return object;
      }
      for (;;) {
        space();
        if (text[index] !== '"') fail(text[index] === '}' ? 'another key after `,` (JSON allows no trailing comma)' : 'a key in double quotes');
        const keyPlace = point(index);
        const name = string();
        space();
        if (text[index] !== ':') fail('`:` after the key');
        index++;
        const child = pointer + '/' + name.replace(/~/g, '~0').replace(/\//g, '~1');
        if (Object.hasOwn(object, name)) duplicates.push(child);
        Object.defineProperty(object, name, {value: value(child, keyPlace, depth + 1), enumerable: true, writable: true, configurable: true});
        space();
        if (text[index] === ',') {
          index++;
          continue;
        }
        if (text[index] === '}') {
          index++;
          return object;
        }
        fail('`,` or `}`');
      }
    }
    if (char === '[') {
      index++;
      const array: unknown[] = [];
      space();
      if (text[index] === ']') {
        index++;
        return array;
      }
      for (;;) {
        space();
        if (text[index] === ']') fail('another value after `,` (JSON allows no trailing comma)');
        array.push(value(pointer + '/' + array.length, undefined, depth + 1));
        space();
        if (text[index] === ',') {
          index++;
          continue;
        }
        if (text[index] === ']') {
          index++;
          return array;
        }
        fail('`,` or `]`');
      }
    }
    if (char === '"') return string();
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(index, index + 400));
    if (number && (char === '-' || (char !== undefined && char >= '0' && char <= '9'))) {
      index += number[0].length;
      return Number(number[0]);
    }
    for (const [word, result] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, index)) {
        index += word.length;
        return result;
      }
    }
    return fail('a value (a string in double quotes, a number, `true`, `false`, `null`, an object or an array)');
  };
  try {
    const result = value('', undefined, 0);
    space();
    if (index < text.length) fail('the end of the file after the value');
    return {value: result, places, duplicates};
  } catch (error) {
    if (error instanceof Stop && failure) return failure;
    throw error;
  }
}

/** A character as a message shows it. */
function describe(char: string): string {
  if (char === '\n') return 'line break';
  if (char === "'") return '`\'` (JSON strings use double quotes)';
  const code = char.charCodeAt(0);
  return code < 0x20 || code === 0x7f ? `control character U+${code.toString(16).padStart(4, '0').toUpperCase()}` : `\`${char}\``;
}
