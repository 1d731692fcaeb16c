/**
 * Stage 2, parse: front matter (gray-matter splits it, `yaml` reads it with positions)
 * and the Markdown body (remark-parse).
 *
 * The body is parsed with the front matter blanked out rather than cut off, so every
 * position in the tree is a position in the original file, front matter included.
 */
import matter from 'gray-matter';
import {isMap, isScalar, parseDocument, visit, type Range} from 'yaml';
import {unified} from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import {location} from 'vfile-location';
import type {VFile} from 'vfile';
import type {Position} from 'unist';
import type {RawFrontMatter} from '../model.js';
import {fatal} from '../messages.js';

const markdown = unified().use(remarkParse).use(remarkGfm).freeze();

// gray-matter's own YAML engine (js-yaml) turns `2019-12-03` into a UTC Date and has no
// positions for keys; the engine below only hands the text back, `yaml` reads it.
const engines = {yaml: (text: string) => ({text})};

/** Parse a loaded file's front matter and body into `file.data`. */
export function parse(file: VFile): void {
  let text = String(file.value ?? '');
  if (text.startsWith('\uFEFF')) text = ' ' + text.slice(1); // keep offsets; a BOM is not content
  const place = location(file);
  const toPosition = (start: number, end: number): Position => ({
    start: place.toPoint(start) ?? {line: 1, column: 1},
    end: place.toPoint(end) ?? place.toPoint(start) ?? {line: 1, column: 1},
  });
  const frontMatter: RawFrontMatter = {present: false, values: {}, keys: {}, valuePositions: {}, position: undefined};
  let bodyStart = 0;
  const opening = /^ ?---[ \t]*\n/.exec(text);
  if (opening) {
    const closing = /\n(?:---|\.\.\.)[ \t]*(?:\n|$)/g;
    closing.lastIndex = opening[0].length - 1;
    const end = closing.exec(text);
    if (!end) {
      fatal(file, 'Unexpected unclosed front matter, expected a closing `---` line', place.toPoint(0), 'front-matter-yaml');
      file.data.frontMatter = frontMatter;
      return;
    }
    // gray-matter splits the block alone; the `yaml` engine above does the reading.
    const block = text.slice(text.indexOf('---'), end.index + end[0].length);
    const split = matter(block, {engines});
    const yamlText = (split.data as {text?: string}).text ?? '';
    const yamlStart = text.indexOf('---') + 3;
    bodyStart = end.index + end[0].length;
    frontMatter.present = true;
    frontMatter.position = toPosition(text.indexOf('---'), end.index + end[0].trimEnd().length);
    readYaml(file, yamlText, yamlStart, toPosition, frontMatter);
  }
  file.data.frontMatter = frontMatter;
  const deep = deepestNesting(text, bodyStart);
  if (deep) {
    fatal(file, `Unexpected nesting about ${deep.depth} levels deep (lists, block quotes or indentation), expected at most ${maxNesting}`, place.toPoint(deep.offset), 'content-depth');
    return;
  }
  const masked = text.slice(0, bodyStart).replace(/[^\n]/g, ' ') + text.slice(bodyStart);
  try {
    file.data.tree = markdown.parse(masked);
  } catch (error) {
    fatal(file, 'Cannot parse Markdown: ' + (error instanceof Error ? error.message : String(error)), undefined, 'markdown-parse', error);
  }
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
  for (const error of doc.errors) {
    const [start, end] = error.pos;
    const reason = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
    fatal(file, `Cannot parse front matter: ${reason}`, toPosition(yamlStart + start, yamlStart + end), 'front-matter-yaml');
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
