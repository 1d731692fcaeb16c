/**
 * `opsg import`: headlines as plain text or Markdown without front matter (the form they
 * are circulated in) → opsg's front-mattered Markdown.
 *
 * The body is kept exactly as written (line endings aside), so every sentence survives
 * word for word and every agenda item keeps its number; only the front matter is new.
 * Each front-matter value is read from the text (the title line, the classification
 * statement, the next-meeting lines) with the same reader `opsg check` uses. What cannot
 * be read is a message at its line, never a guess: nothing is written unless `force`,
 * and then the gap holds a placeholder that `opsg check` rejects, so a file that still
 * needs a person's review can never be published by accident.
 */
import fs from 'node:fs';
import path from 'node:path';
import {unified} from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import {visit} from 'unist-util-visit';
import {VFile} from 'vfile';
import {location} from 'vfile-location';
import type {Root} from 'mdast';
import type {Point, Position} from 'unist';
import {loadSettings, type Settings} from '../config.js';
import {isPublic, levelName} from '../classification.js';
import {yearOf} from '../dates.js';
import {fatal, hasError} from '../messages.js';
import type {MeetingBody} from '../model.js';
import {decode, maxFileBytes} from '../pipeline/load.js';
import {readBounded} from '../read.js';
import {extractBody, groupPattern} from '../pipeline/extract.js';
import {frontMatterBlock, type FrontMatterFields} from './front-matter.js';
import {readDocument} from '../gate/read.js';
import {contradicts, shown} from '../gate/compare.js';
import {displayPath, FileExistsError, writeNewFile} from './write-file.js';

/** The value written, with `force`, where a field could not be read: `opsg check` rejects it in every field (the space keeps it from passing as a group code). */
export const reviewPlaceholder = 'REVIEW REQUIRED';

/** One document to import. */
export interface ImportInput {
  /** Where it comes from: a path (relative to the working folder) or `-` for standard input. */
  path: string;
  /** Its bytes or text; when absent, the file at `path` is read. */
  value?: string | Uint8Array;
  /** The document already read into the text imported (a converted Word document), with its messages. */
  file?: VFile;
}

/** What `importHeadlines` needs. */
export interface ImportOptions {
  /** Working folder; defaults to `process.cwd()`. */
  cwd?: string;
  /** Config file (default `opsg.config.json` when present). */
  config?: string;
  /** Content folder (overrides the config). */
  content?: string;
  /** Folder to write into; default the content folder. */
  out?: string;
  /** Write even when a field cannot be read, with `REVIEW REQUIRED` in its place. */
  force?: boolean;
  /** The documents. */
  inputs: ImportInput[];
}

/** What `importHeadlines` did. */
export interface ImportResult {
  /** One vfile per input (plus the config file when it has problems), carrying every message. */
  files: VFile[];
  /** Files written, relative to the working folder, `/`-separated. */
  written: string[];
  /** Targets that already exist (nothing was written); the CLI treats these as misuse. */
  conflicts: string[];
}

/** A document read into front matter and target folder segments. */
interface Converted {
  /** The input's vfile. */
  file: VFile;
  /** Front matter + body. */
  text: string;
  /** The target path (absolute). */
  target: string;
}

/** A problem found while reading one field. */
interface Gap {
  /** What was expected. */
  reason: string;
  /** Where. */
  place: Point | Position | undefined;
  /** Rule id. */
  ruleId: string;
  /** The front-matter field left as a placeholder. */
  field: 'group' | 'meeting' | 'date' | 'classification';
}

const markdown = unified().use(remarkParse).use(remarkGfm).freeze();

/** Convert every input; write all of them, or (when any has an error or a target exists) none. */
export function importHeadlines(options: ImportOptions): ImportResult {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const {settings, configFile} = loadSettings({cwd, ...(options.config === undefined ? {} : {config: options.config}), ...(options.content === undefined ? {} : {content: options.content})});
  const result: ImportResult = {files: [], written: [], conflicts: []};
  if (configFile && hasError(configFile)) {
    result.files.push(configFile);
    return result;
  }
  const out = options.out === undefined ? settings.content : path.resolve(cwd, options.out);
  const converted: Converted[] = [];
  const targets = new Set<string>();
  for (const input of options.inputs) {
    const file = readInput(cwd, input);
    result.files.push(file);
    if (hasError(file)) continue;
    const done = convert(file, settings, out, options.force ?? false);
    if (!done) continue;
    const shown = displayPath(cwd, done.target);
    if (targets.has(done.target) || fs.existsSync(done.target)) {
      fatal(file, `Cannot write \`${shown}\`: ${targets.has(done.target) ? 'another input is imported there too' : 'it already exists'}, and opsg never overwrites a file`, {line: 1, column: 1}, 'import-exists');
      result.conflicts.push(shown);
      continue;
    }
    targets.add(done.target);
    converted.push(done);
  }
  if (result.files.some(hasError)) return result;
  for (const done of converted) {
    const shown = displayPath(cwd, done.target);
    try {
      writeNewFile(done.target, done.text);
      result.written.push(shown);
    } catch (error) {
      if (!(error instanceof FileExistsError)) throw error;
      // Another writer got there between the check above and this write.
      fatal(done.file, `Cannot write \`${shown}\`: it already exists, and opsg never overwrites a file`, {line: 1, column: 1}, 'import-exists');
      result.conflicts.push(shown);
    }
  }
  return result;
}

/** `importHeadlines` for Word documents (.docx) too: each is converted into the text the text import reads. */
export async function importDocuments(options: ImportOptions): Promise<ImportResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const inputs: ImportInput[] = [];
  // The Word reader (and its zip and XML libraries) is loaded by the import that needs it:
  // every other command, which loads this module through the library, starts without it.
  const word = await import('./docx/index.js');
  // One at a time: each Word file may take tens of megabytes while it is read.
  for (const input of options.inputs) inputs.push(word.isWordInput(cwd, input) ? {path: input.path, file: await word.readWord(cwd, input)} : input);
  return importHeadlines({...options, inputs});
}

/** Read one input into a vfile with `\n` line endings, or a vfile with a fatal message. */
function readInput(cwd: string, input: ImportInput): VFile {
  if (input.file) return input.file;
  const stdin = input.path === '-';
  const file = new VFile({path: stdin ? 'stdin' : displayPath(cwd, path.resolve(cwd, input.path)), cwd});
  let value = input.value;
  if (value === undefined) {
    // Bounded (read.ts): a device or FIFO is refused, and reading stops at the limit.
    const read = readBounded(path.resolve(cwd, input.path), maxFileBytes);
    if (!('bytes' in read)) {
      fatal(file, read.reason, undefined, read.ruleId);
      return file;
    }
    value = read.bytes;
  }
  if (typeof value === 'string') file.value = value.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  else decode(file, value);
  return file;
}

/** Read the front matter from the text; gaps become messages (errors, or warnings with `force`). */
function convert(file: VFile, settings: Settings, out: string, force: boolean): Converted | undefined {
  const original = String(file.value);
  if (/^\s*---[ \t]*\n/.test(original)) {
    fatal(file, 'Unexpected front matter: this file is already in opsg’s format, expected headlines without front matter; copy it into the content folder instead', {line: 1, column: 1}, 'import-front-matter');
    return undefined;
  }
  const {text, toOriginal} = separateLines(original);
  const tree = markdown.parse(text);
  const escapes: Array<[number, number]> = [];
  visit(tree, 'html', (node) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    escapes.push([start, end]);
    file.message(`Unexpected raw HTML \`${node.value.slice(0, 40)}\`, kept as text (escaped) so its words are not dropped`, {place: toOriginal(node.position), ruleId: 'import-html', source: 'opsg'}).fatal = false;
  });
  const body = extractBody(tree.children, text, settings.nextMeetingLabels);
  const first = tree.children[0]?.position?.start ?? {line: 1, column: 1};
  const gaps: Gap[] = [];
  const fields: FrontMatterFields = {group: reviewPlaceholder, meeting: reviewPlaceholder, date: reviewPlaceholder, classification: reviewPlaceholder, status: 'final'};
  readTitle(body, first, gaps, fields, settings, file, toOriginal);
  readClassification(body, first, gaps, fields, file, toOriginal);
  readWholeDocument(text, tree, body, gaps, fields);
  readNext(body, fields, file, toOriginal);
  for (const gap of gaps) {
    const message = file.message(force ? `${gap.reason}; wrote \`${gap.field}: ${reviewPlaceholder}\`, which opsg check rejects until a person fills it in` : gap.reason, {place: toOriginal(gap.place), ruleId: gap.ruleId, source: 'opsg'});
    message.fatal = !force;
  }
  if (gaps.length > 0 && !force) return undefined;

  const known = typeof fields.meeting === 'number' && fields.group !== reviewPlaceholder && fields.date !== reviewPlaceholder;
  const slug = fields.group.toLowerCase();
  const stem = file.stem && file.stem !== '' ? file.stem : 'stdin';
  // Without group, number and date there is no right place: a folder that says so.
  const target = known ? path.join(out, slug, yearOf(fields.date), `${slug}-${fields.meeting as number}.md`) : path.join(out, 'review-required', `${stem}.md`);
  return {file, text: frontMatterBlock(fields) + '\n' + escapeHtml(text, escapes).replace(/^\s*\n/, '').trimEnd() + '\n', target};
}

function readTitle(body: MeetingBody, first: Point, gaps: Gap[], fields: FrontMatterFields, settings: Settings, file: VFile, toOriginal: Remap): void {
  const title = body.titleLine;
  const example = '`Operations Group (OPSG) Meeting 27 on 3 December 2019 Headlines`';
  if (!title) {
    for (const field of ['group', 'meeting', 'date'] as const) {
      gaps.push({reason: `Cannot find the title line to read the ${field === 'meeting' ? 'meeting number' : field} from, expected a line such as ${example}`, place: first, ruleId: 'import-title', field});
    }
    return;
  }
  const at = title.position?.start;
  const code = title.group?.trim().toUpperCase();
  if (code === undefined || !groupPattern.test(code)) {
    gaps.push({reason: `Cannot find the group code in the title line, expected it in parentheses after the group’s name, as in ${example}`, place: at, ruleId: 'import-title', field: 'group'});
  } else {
    fields.group = code;
    if (!Object.keys(settings.groups).some((key) => key.toUpperCase() === code)) {
      file.message(`Unexpected group \`${code}\` that the config does not name; add \`"${code}": "Full name"\` to \`groups\` in opsg.config.json so pages show its name`, {place: toOriginal(at), ruleId: 'import-group', source: 'opsg'}).fatal = false;
    }
  }
  if (title.meeting === undefined) {
    gaps.push({reason: `Cannot find the meeting number in the title line, expected \`Meeting 27\` as in ${example}`, place: at, ruleId: 'import-title', field: 'meeting'});
  } else {
    fields.meeting = title.meeting;
  }
  if (title.date !== undefined) {
    fields.date = title.date;
    return;
  }
  const written = /\bMeeting\s+\d+\s+(?:on|held on|of)\s+(.+?)(?:\s+Headlines)?\s*$/i.exec(title.text)?.[1];
  // `03/12/2019` is 3 December in the UK and 12 March elsewhere: refuse rather than guess.
  const reason = written !== undefined && /\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/.test(written)
    ? `Cannot read the date \`${written}\` in the title line: a numeric date may be day or month first, expected it written out, such as \`3 December 2019\`, or as \`2019-12-03\``
    : `Cannot read the date in the title line, expected \`on 3 December 2019\` (or \`on 3rd December 2019\`, \`on 2019-12-03\`) as in ${example}`;
  gaps.push({reason, place: at, ruleId: 'import-date', field: 'date'});
}

function readClassification(body: MeetingBody, first: Point, gaps: Gap[], fields: FrontMatterFields, file: VFile, toOriginal: Remap): void {
  const statement = body.statement;
  if (!statement) {
    gaps.push({reason: 'Cannot find the classification statement, expected a line such as “This document is classified as **White** in accordance with the Panel Information Policy…”; opsg never guesses a classification', place: first, ruleId: 'import-classification', field: 'classification'});
    return;
  }
  if (statement.level === undefined) {
    gaps.push({reason: `Cannot read the classification \`${statement.written}\` in the statement, expected \`White\`, \`Green\`, \`Amber\` or \`Red\``, place: statement.position, ruleId: 'import-classification', field: 'classification'});
    return;
  }
  fields.classification = statement.written;
  if (!isPublic(statement.level)) {
    file.message(`Classification \`${levelName(statement.level)}\`: the imported file is kept, but only White documents are published`, {place: toOriginal(statement.position), ruleId: 'import-classification', source: 'opsg'}).fatal = false;
  }
}

/**
 * The same whole-document reading as the gate: a text whose first statement says White and
 * which names another level anywhere else is never written as `classification: White`.
 */
function readWholeDocument(text: string, tree: Root, body: MeetingBody, gaps: Gap[], fields: FrontMatterFields): void {
  const level = body.statement?.level;
  if (level === undefined) return;
  const doc = new VFile({value: text});
  doc.data.tree = tree;
  const place = location(doc);
  for (const finding of readDocument(doc)) {
    if (!contradicts(finding, level)) continue;
    // Even with `force`, the level is then for a person to decide: a placeholder check rejects.
    fields.classification = reviewPlaceholder;
    const what = finding.kind === 'marker' ? `marker \`${shown(finding)}\`` : `classification \`${shown(finding)}\``;
    gaps.push({reason: `Unexpected ${what} after a statement that says \`${levelName(level)}\`: a text that names two levels is never imported as \`${levelName(level)}\`; correct the text first`, place: place.toPoint(finding.offset), ruleId: 'import-classification', field: 'classification'});
  }
}

function readNext(body: MeetingBody, fields: FrontMatterFields, file: VFile, toOriginal: Remap): void {
  for (const line of body.next) {
    if (line.kind === 'other') continue;
    const field = line.kind === 'regular' ? 'next_meeting' : 'next_reporting_meeting';
    if (fields[field] !== undefined) continue;
    if (line.date === undefined) {
      // Optional fields: the line itself stays in the body and shows on the page.
      file.message(`Cannot read a date in \`${line.label}: ${line.text.slice(0, 40)}\`, expected one such as \`7 January 2020\`; \`${field}\` is left out`, {place: toOriginal(line.position), ruleId: 'import-next-meeting', source: 'opsg'}).fatal = false;
      continue;
    }
    fields[field] = line.date;
  }
}

/** Positions in the text read → positions in the input. */
type Remap = (place: Point | Position | undefined) => Point | Position | undefined;

/**
 * Plain text copied from a word processor often has one paragraph per line and no blank
 * lines, which Markdown would run together into one paragraph (hiding the items and the
 * next-meeting lines). Such text gets a blank line after every line; the words are the same.
 */
function separateLines(original: string): {text: string; toOriginal: Remap} {
  const leading = /^(?:[ \t]*\n)*/.exec(original)![0];
  const lead = leading.split('\n').length - 1;
  const lines = original.slice(leading.length).trimEnd().split('\n');
  const onePerLine = lines.length >= 3 && lines.every((line) => line.trim() !== '');
  if (!onePerLine) return {text: original, toOriginal: (place) => place};
  const text = leading + lines.join('\n\n') + '\n';
  // Line `lead + k` of the text read is line `lead + ceil(k / 2)` of the input.
  const line = (n: number) => (n <= lead ? n : lead + Math.floor((n - lead + 1) / 2));
  const point = (p: Point): Point => ({line: line(p.line), column: p.column});
  return {
    text,
    toOriginal: (place) => (place === undefined ? undefined : 'start' in place ? {start: point(place.start), end: point(place.end)} : point(place)),
  };
}

/** Backslash-escape `<` inside raw HTML so Markdown shows it as text. */
function escapeHtml(text: string, ranges: Array<[number, number]>): string {
  if (ranges.length === 0) return text;
  let out = '';
  let last = 0;
  for (const [start, end] of ranges.sort((a, b) => a[0] - b[0])) {
    out += text.slice(last, start) + text.slice(start, end).replace(/</g, '\\<');
    last = end;
  }
  return out + text.slice(last);
}

