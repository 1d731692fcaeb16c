/**
 * Stage 2, parse: front matter (located once by gate/front-matter.ts, read by `yaml`
 * with positions, typed by the front-matter shape, and passed along as one block on
 * `file.data.frontMatter`) and the Markdown body (remark-parse).
 *
 * The body is parsed with the front matter blanked out rather than cut off, so every
 * position in the tree is a position in the original file, front matter included.
 */
import {isMap, isScalar, parseDocument, visit, type Range} from 'yaml';
import matter from 'gray-matter';
import {unified} from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import {location} from 'vfile-location';
import type {VFile} from 'vfile';
import type {Position} from 'unist';
import type {RawFrontMatter} from '../model.js';
import {fatal} from '../messages.js';
import {plainYamlError, splitFrontMatter} from '../gate/front-matter.js';
import {readFrontMatter} from '../front-matter-shape.js';

const commonMark = unified().use(remarkParse).freeze();
const withGfm = unified().use(remarkParse).use(remarkGfm).freeze();

/**
 * Where a GFM construct could start: a table needs `|`, strikethrough `~`, a footnote `[^`,
 * a task list item `[ ]` or `[x]`, and a bare link `www.`, `http:`, `https:` or `@`. A body
 * with none of these is parsed to the same tree without the GFM extensions, in about half
 * the time (tests/markdown/gfm-by-need.test.ts compares the two on generated text).
 */
const gfmStart = /[|~@]|\[\^|\[[\sxX]\]|www\.|https?:/i;

/** The Markdown parser for a text: with the GFM extensions only where a GFM construct could start. */
export function markdownFor(text: string) {
  return gfmStart.test(text) ? withGfm : commonMark;
}

// gray-matter's own YAML engine (js-yaml) would turn `2019-12-03` into a UTC Date: this
// engine only hands the text back, and `yaml` reads it with positions.
const engines = {yaml: (text: string) => ({text})};

/** Parse a loaded file's front matter and body into `file.data`. */
export function parse(file: VFile): void {
  const text = sourceOf(file);
  const place = location(file);
  const bodyStart = parseFrontMatter(file, text, place);
  if (bodyStart === undefined) return;
  const deep = deepestNesting(text, bodyStart);
  if (deep) {
    fatal(file, `Unexpected nesting about ${deep.depth} levels deep (lists, block quotes or indentation), expected at most ${maxNesting}`, place.toPoint(deep.offset), 'content-depth');
    return;
  }
  const masked = text.slice(0, bodyStart).replace(/[^\n]/g, ' ') + text.slice(bodyStart);
  try {
    file.data.tree = markdownFor(masked).parse(masked);
  } catch (error) {
    fatal(file, 'Cannot parse Markdown: ' + (error instanceof Error ? error.message : String(error)), undefined, 'markdown-parse', error);
  }
}

/** A file's text with a byte order mark turned into a space: offsets kept, and a BOM is not content. */
function sourceOf(file: VFile): string {
  const text = String(file.value ?? '');
  return text.startsWith('\uFEFF') ? ' ' + text.slice(1) : text;
}

/**
 * The front matter alone, located once and passed along as `file.data.frontMatter`: the
 * block's offsets and YAML text, its values with the position of each key and value, and
 * the fields typed by the front-matter shape. Returns where the body starts, or undefined
 * when the block is never closed (then there is no body to read).
 */
export function parseFrontMatter(file: VFile, text = sourceOf(file), place = location(file)): number | undefined {
  const toPosition = (start: number, end: number): Position => ({
    start: place.toPoint(start) ?? {line: 1, column: 1},
    end: place.toPoint(end) ?? place.toPoint(start) ?? {line: 1, column: 1},
  });
  const frontMatter: RawFrontMatter = {present: false, values: {}, keys: {}, valuePositions: {}, position: undefined, block: undefined, fields: {}};
  file.data.frontMatter = frontMatter;
  // Found once, one way (gate/front-matter.ts): what is split off is what the YAML reader reads.
  const split = splitFrontMatter(text);
  if (!split) return 0;
  if (split.closing === -1) {
    fatal(file, 'Unexpected unclosed front matter, expected a closing `---` line', place.toPoint(split.start), 'front-matter-yaml');
    return undefined;
  }
  for (const marker of split.markers) {
    fatal(file, `Unexpected \`${marker.text.slice(0, 20)}\` line inside the front matter: the front matter ends only at a line that is \`---\` alone, and no line may hide the fields after it`, place.toPoint(marker.offset), 'front-matter-yaml');
  }
  // gray-matter, which most Markdown tools split front matter with, must see the same block:
  // where it would read less (it ends a block at any line that starts `---`), no tool that
  // trusts it may be fooled by a file opsg accepted.
  const seen = (matter(text.slice(split.start, split.bodyStart), {engines}).data as {text?: string}).text ?? '';
  if (split.markers.length === 0 && seen.trim() !== split.yaml.trim()) {
    fatal(file, 'Unexpected front matter that Markdown tools would read differently, expected one block between two `---` lines', place.toPoint(split.start), 'front-matter-yaml');
  }
  frontMatter.present = true;
  frontMatter.position = toPosition(split.start, split.closing + text.slice(split.closing, split.bodyStart).trimEnd().length);
  frontMatter.block = {start: split.start, yamlStart: split.yamlStart, closing: split.closing, bodyStart: split.bodyStart, yaml: split.yaml};
  // YAML would read a marker line as the end of the document: blank it, it is reported above.
  let yaml = split.yaml;
  for (const marker of split.markers) {
    const local = marker.offset - split.yamlStart;
    yaml = yaml.slice(0, local) + ' '.repeat(marker.text.length) + yaml.slice(local + marker.text.length);
  }
  readYaml(file, yaml, split.yamlStart, toPosition, frontMatter);
  // Read by the shape here, once: the rules and the extract stage use what this gives.
  frontMatter.fields = readFrontMatter(frontMatter.values);
  return split.bodyStart;
}

/**
 * Deepest container nesting in the body, when it is over `maxNesting`.
 *
 * micromark's time grows faster than linearly with nesting (a thousand nested list
 * items in a 1 MB file take half a minute) and later stages recurse once per level,
 * so absurd nesting is refused before parsing. Counted per line, in one pass: each
 * `>` and list marker at the start of a line is a level, and so are every two columns
 * of indentation (a nested list item is indented at least two columns more).
 */
function deepestNesting(text: string, from: number): {depth: number; offset: number} | undefined {
  let start = from;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const over = lineNesting(text, start, end, maxNesting);
    if (over) return {depth: lineNesting(text, start, end, Infinity)?.depth ?? over.depth, offset: over.offset};
    start = end + 1;
  }
  return undefined;
}

/** Levels a line's prefix opens; where they first pass `limit`, or the total when they never do. */
function lineNesting(text: string, start: number, end: number, limit: number): {depth: number; offset: number} | undefined {
  let markers = 0;
  let width = 0;
  let index = start;
  while (index < end) {
    const char = text.charCodeAt(index);
    let marker = 0;
    if (char === 32) width++;
    else if (char === 9) width += 4 - (width % 4);
    else if (char === 62) marker = 1; // `>`
    else if ((char === 45 || char === 42 || char === 43) && /[ \t]/.test(text.charAt(index + 1))) marker = 1; // `-`, `*`, `+`
    else {
      const ordered = /^\d{1,9}[.)](?=[ \t])/.exec(text.slice(index, index + 11));
      if (!ordered) break;
      marker = ordered[0].length;
    }
    if (marker > 0) {
      markers++;
      if (markers + Math.floor(width / 2) > limit) return {depth: markers + Math.floor(width / 2), offset: index};
      index += marker;
      // The one space after a marker belongs to the marker.
      if (text.charCodeAt(index) === 32) index++;
      continue;
    }
    index++;
    if (markers + Math.floor(width / 2) > limit) return {depth: markers + Math.floor(width / 2), offset: index - 1};
  }
  return limit === Infinity ? {depth: markers + Math.floor(width / 2), offset: start} : undefined;
}

/** Most levels of lists, block quotes and indentation opsg parses. */
export const maxNesting = 100;

function readYaml(file: VFile, yamlText: string, yamlStart: number, toPosition: (s: number, e: number) => Position, frontMatter: RawFrontMatter): void {
  const doc = parseDocument(yamlText, {schema: 'core', uniqueKeys: true, prettyErrors: false, strict: true});
  // One message per line: a YAML reader often reports one slip two or three ways.
  const lines = new Set<number>();
  for (const error of doc.errors) {
    let [start, end] = error.pos;
    // A missing closing quote or bracket is found where the text ends: point at the opening one.
    const quote = /closing (["'])/.exec(error.message)?.[1] ?? (/^Flow sequence/.test(error.message) ? '[' : /^Flow mapping/.test(error.message) ? '{' : undefined);
    if (quote && yamlText.lastIndexOf(quote, start - 1) !== -1) end = start = yamlText.lastIndexOf(quote, start - 1);
    const from = yamlText.lastIndexOf('\n', start - 1) + 1;
    if (lines.has(from)) continue;
    lines.add(from);
    const lineEnd = yamlText.indexOf('\n', from);
    const line = yamlText.slice(from, lineEnd === -1 ? yamlText.length : lineEnd);
    const reason = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
    fatal(file, plainYamlError(error.code, reason, line), toPosition(yamlStart + start, yamlStart + Math.max(start, end)), 'front-matter-yaml');
  }
  if (doc.errors.length > 0) return;
  if (doc.contents === null) return;
  if (!isMap(doc.contents)) {
    const range = doc.contents.range ?? [0, 0];
    fatal(file, 'Unexpected front matter that is not a list of `key: value` fields', toPosition(yamlStart + range[0], yamlStart + range[1]), 'front-matter-yaml');
    return;
  }
  let values: unknown;
  try {
    values = doc.toJS({maxAliasCount: 50});
  } catch (error) {
    // The one failure here is too many aliases (a “billion laughs” document): point at
    // the first alias rather than at the whole block.
    let range: Range | null | undefined;
    visit(doc, {Alias: (_key, node) => {
      range = node.range;
      return visit.BREAK;
    }});
    const [start, end] = range ?? [0, yamlText.length];
    fatal(file, 'Cannot parse front matter: ' + (error instanceof Error ? error.message : String(error)), toPosition(yamlStart + start, yamlStart + end), 'front-matter-yaml');
    return;
  }
  frontMatter.values = (values ?? {}) as Record<string, unknown>;
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const keyRange: Range | null | undefined = isScalar(pair.key) ? pair.key.range : undefined;
    if (keyRange) frontMatter.keys[key] = toPosition(yamlStart + keyRange[0], yamlStart + keyRange[1]);
    const value = pair.value as {range?: Range | null} | null;
    const valueRange = value?.range;
    if (valueRange) frontMatter.valuePositions[key] = toPosition(yamlStart + valueRange[0], yamlStart + valueRange[1]);
    else if (keyRange) frontMatter.valuePositions[key] = frontMatter.keys[key]!;
  }
}
