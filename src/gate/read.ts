/**
 * The gate's one reading of a whole document: every place a reader sees text, as runs of
 * folded text (text.ts) searched for statements and markers (find.ts).
 *
 * It reads the front matter's keys and values, and the full Markdown tree (`file.data.tree`),
 * never the extract stage's view of it, so that no way of splitting a document into items
 * can hide a block from the gate.
 */
import type {Nodes, Root} from 'mdast';
import type {VFile} from 'vfile';
import type {RawFrontMatter} from '../model.js';
import {findings, type Finding} from './find.js';
import {RunBuilder, runOf, type Run} from './text.js';

// Blocks whose text a reader takes in as one: their inline content is joined before
// searching, so emphasis, links or line breaks cannot split a statement.
const leaves = new Set(['paragraph', 'heading', 'tableRow', 'html', 'code', 'definition', 'yaml', 'toml', 'math']);

/** Every statement and marker in a file's front matter and body, in source order. */
export function readDocument(file: VFile): Finding[] {
  const source = String(file.value ?? '');
  const runs: Run[] = [];
  const frontMatter = file.data.frontMatter;
  if (frontMatter?.present) runs.push(...frontMatterRuns(frontMatter, source));
  if (file.data.tree) runs.push(...treeRuns(file.data.tree, source));
  return dedupe(runs.flatMap(findings));
}

/** Every statement and marker in a piece of text that stands at `start` in its file. */
export function readText(value: string, start: number, exact = true): Finding[] {
  return dedupe(findings(runOf(value, start, exact)));
}

const memo = new WeakMap<VFile, Finding[]>();

/** `readDocument`, once per file: several rules read the same findings. */
export function documentFindings(file: VFile): Finding[] {
  let found = memo.get(file);
  if (!found) {
    found = readDocument(file);
    memo.set(file, found);
  }
  return found;
}

/**
 * Each front-matter field as one run `key: value`, so `Classification: Amber` or
 * `tlp: RED` read as a statement or a marker. The `classification` field itself is the
 * document's declared level, checked by the classification-* rules, so it is left out.
 */
function frontMatterRuns(frontMatter: RawFrontMatter, source: string): Run[] {
  const runs: Run[] = [];
  for (const [key, value] of Object.entries(frontMatter.values)) {
    if (key === 'classification') continue;
    const keyAt = frontMatter.keys[key]?.start.offset ?? frontMatter.position?.start.offset ?? 0;
    const valueAt = frontMatter.valuePositions[key]?.start.offset ?? keyAt;
    const builder = new RunBuilder();
    builder.add(key, (index) => keyAt + index);
    builder.add(': ', () => valueAt);
    const texts = flatten(value);
    for (const text of texts) {
      const exact = source.startsWith(text, valueAt);
      builder.add(text + ' ', (index) => (exact ? valueAt + index : valueAt));
    }
    runs.push(builder.done());
  }
  return runs;
}

function flatten(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(flatten);
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => [key + ':', ...flatten(inner)]);
  return [String(value)];
}

/** One run per leaf block of the tree, at any depth. */
function treeRuns(tree: Root, source: string): Run[] {
  const runs: Run[] = [];
  const walk = (node: Nodes): void => {
    if (leaves.has(node.type)) {
      const builder = new RunBuilder();
      inline(node, builder, source);
      runs.push(builder.done());
      return;
    }
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
    else inlineAlone(node, runs, source);
  };
  walk(tree);
  return runs;
}

/** A node outside any leaf block that still carries text (an image alt at the top level, say). */
function inlineAlone(node: Nodes, runs: Run[], source: string): void {
  const builder = new RunBuilder();
  inline(node, builder, source);
  runs.push(builder.done());
}

/** Add what a reader sees of a node: its text, alt text and titles, in order. */
function inline(node: Nodes, builder: RunBuilder, source: string): void {
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  if (node.type === 'tableCell') builder.add(' ', () => start);
  if (node.type === 'break') {
    builder.add(' ', () => start);
    return;
  }
  if ('alt' in node && typeof node.alt === 'string') builder.add(' ' + node.alt + ' ', () => start);
  if ('title' in node && typeof node.title === 'string') builder.add(' ' + node.title + ' ', () => start);
  // A definition shows nothing in CommonMark, but `[^1]: TLP:RED` is a footnote where
  // footnotes are read: its destination is read too, to fail closed either way.
  if (node.type === 'definition') builder.add(' ' + node.url + ' ', () => start);
  if (node.type === 'html' && !isBlock(node, source)) {
    // Inline raw HTML is left out of pages: the text either side of a tag joins up on the
    // page (`classi<b></b>fied`), so it joins up here too; the tag's own words are read apart.
    return;
  }
  if ('value' in node && typeof node.value === 'string') {
    const value = node.type === 'html' ? node.value.replace(/<[^>]*>/g, ' ') : node.value;
    const offsets = node.type === 'html' ? undefined : align(value, source, start, end);
    builder.add(value, (index) => offsets?.[index] ?? start);
  }
  const first = builder.length;
  if ('children' in node) for (const child of node.children) inline(child as Nodes, builder, source);
  // A word in `**Amber**` is reported where its emphasis starts, where the eye finds it.
  if (node.type === 'strong' || node.type === 'emphasis') builder.pin(first, start);
  if (node.type === 'tableCell') builder.add(' ', () => end);
}

const entity = /^&(?:#\d{1,7}|#x[\da-f]{1,6}|[a-z][a-z\d]{1,31});/i;

/**
 * The source offset of each UTF-16 unit of a node's text. The text differs from the source
 * where entities, escapes, indentation or block-quote markers were written: walk both, so
 * that a finding still points at its own column.
 */
function align(value: string, source: string, start: number, end: number): number[] {
  const offsets: number[] = [];
  let j = start;
  for (let i = 0; i < value.length; i++) {
    let at = Math.min(j, Math.max(start, end - 1));
    while (j < end) {
      const char = source.charAt(j);
      const ref = char === '&' ? entity.exec(source.slice(j, j + 40)) : null;
      if (ref) {
        at = j;
        j += ref[0].length;
        // One entity may stand for two UTF-16 units (an astral character).
        if (value.codePointAt(i)! > 0xffff) offsets.push(at), i++;
        break;
      }
      if (char === value.charAt(i)) {
        at = j++;
        break;
      }
      if (char === '\\' || /[\s>]/.test(char)) {
        j++;
        continue;
      }
      // Markup the text leaves out (a code fence, a list marker): skip to the character.
      const ahead = source.slice(j, Math.min(end, j + 16)).indexOf(value.charAt(i));
      at = ahead === -1 ? j : j + ahead;
      j = at + 1;
      break;
    }
    offsets.push(at);
  }
  return offsets;
}

function isBlock(node: Nodes, source: string): boolean {
  const start = node.position?.start.offset ?? 0;
  return start === 0 || source.charAt(start - 1) === '\n' || /\n[ \t>]*$/.test(source.slice(Math.max(0, start - 40), start));
}

/** A statement that names `TLP:RED` is also a marker: one finding per place. */
function dedupe(found: Finding[]): Finding[] {
  const seen = new Set<number>();
  const out: Finding[] = [];
  for (const finding of found.sort((a, b) => a.offset - b.offset || (a.kind === 'statement' ? -1 : 1))) {
    if (seen.has(finding.offset)) continue;
    seen.add(finding.offset);
    out.push(finding);
  }
  return out;
}
