/**
 * Reading a Word document (.docx) into the text `opsg import` reads.
 *
 * The stages, in order: bounded read of the ZIP container (zip.ts) → find the parts
 * (parts.ts) → refuse tracked changes and hidden text (changes.ts, hidden.ts) → write
 * Word's automatic numbers into the text (numbering.ts) → the converter (mammoth) turns
 * the body into HTML → Markdown (markdown.ts) → check header and footer labels against
 * the statement (headers.ts). Each stage that finds a
 * problem stops with a message; nothing half-read goes further.
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import {unified} from 'unified';
import remarkParse from 'remark-parse';
import {VFile} from 'vfile';
import type {Root} from 'xast';
import {fatal} from '../../messages.js';
import {extractBody} from '../../pipeline/extract.js';
import {levelName} from '../../classification.js';
import {displayPath} from '../write-file.js';
import {trackedChanges} from './changes.js';
import {headerLabels} from './headers.js';
import {hiddenText} from './hidden.js';
import {htmlToMarkdown} from './markdown.js';
import {numberParagraphs, readNumbering} from './numbering.js';
import {findParts, type WordParts} from './parts.js';
import {descendants, parsePart, quote, textOf, serializePart} from './xml.js';
import {looksLikeZip, readZip} from './zip.js';

/** Largest Word file `opsg import` reads (a .docx of headlines is a few dozen kilobytes). */
export const maxWordBytes = 10 * 1024 * 1024;

/** File names read as Word documents; others are read as Word only when their bytes say so. */
const wordExtensions = new Set(['.docx', '.docm', '.dotx', '.dotm', '.doc', '.dot']);

// Compound File (OLE2) signature: Word 97–2003 `.doc`, and other old Office files.
const oleSignature = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

// Body styles that Word and LibreOffice use for ordinary paragraphs: plain paragraphs, not a warning each.
const styleMap = ['Body Text', 'Text Body', 'Normal (Web)', 'First Paragraph', 'List Paragraph', 'Default', 'Plain Text'].map((name) => `p[style-name='${name}'] => p:fresh`);

const markdown = unified().use(remarkParse).freeze();

/** Whether an input is a Word document: by its name, or by its first bytes (`PK` or an OLE file). */
export function isWordInput(cwd: string, input: {path: string; value?: string | Uint8Array}): boolean {
  if (input.path === '-' || typeof input.value === 'string') return false;
  if (wordExtensions.has(path.extname(input.path).toLowerCase())) return true;
  let head = input.value?.subarray(0, 8);
  if (head === undefined) {
    try {
      const fd = fs.openSync(path.resolve(cwd, input.path), 'r');
      try {
        head = new Uint8Array(8);
        head = head.subarray(0, fs.readSync(fd, head, 0, 8, 0));
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      return false;
    }
  }
  return looksLikeZip(head) || isOle(head);
}

/** Read one Word document into a vfile whose value is the Markdown the text import reads, or a vfile with errors. */
export async function readWord(cwd: string, input: {path: string; value?: string | Uint8Array}): Promise<VFile> {
  const full = path.resolve(cwd, input.path);
  const file = new VFile({path: displayPath(cwd, full), cwd});
  let bytes: Buffer;
  try {
    if (input.value !== undefined && typeof input.value !== 'string') {
      bytes = Buffer.from(input.value);
    } else {
      const size = fs.statSync(full).size;
      if (size > maxWordBytes) {
        fatal(file, `Unexpected Word file size of ${(size / 1048576).toFixed(1)} MB, expected at most ${maxWordBytes / 1048576} MB`, undefined, 'content-size');
        return file;
      }
      bytes = fs.readFileSync(full);
    }
  } catch (error) {
    fatal(file, `Cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, undefined, 'content-unreadable');
    return file;
  }
  if (bytes.length > maxWordBytes) {
    fatal(file, `Unexpected Word file size of ${(bytes.length / 1048576).toFixed(1)} MB, expected at most ${maxWordBytes / 1048576} MB`, undefined, 'content-size');
    return file;
  }
  if (isOle(bytes)) {
    fatal(file, 'Cannot read a Word 97–2003 document (.doc), expected a .docx: open it in Word or LibreOffice and save it as “Word Document (.docx)”', undefined, 'import-word');
    return file;
  }
  if (!looksLikeZip(bytes)) {
    fatal(file, 'Cannot read this file as a Word document: it is not a ZIP archive, expected a .docx saved by Word or LibreOffice', undefined, 'import-word');
    return file;
  }
  const zip = readZip(bytes);
  if ('problem' in zip) {
    fatal(file, `Cannot read this Word document: ${zip.problem}`, undefined, 'import-word');
    return file;
  }
  const converted = await convertWord(file, zip.entries);
  if (converted !== undefined) file.value = converted;
  return file;
}

/** A Word file's parts, parsed. */
interface ReadParts {
  /** Where each part is. */
  parts: WordParts;
  /** Every part read, by its path in the archive. */
  roots: Map<string, Root>;
}

/** The archive's entries → Markdown; problems go on `file` (and undefined comes back). */
async function convertWord(file: VFile, entries: Map<string, Buffer>): Promise<string | undefined> {
  const read = readParts(entries);
  if ('problem' in read) return refuse(file, read.problem);
  if (!acceptRevisions(file, read)) return undefined;
  const numbered = writeNumbers(file, read);
  if (!numbered) return undefined;
  const {parts, roots} = read;
  const comments = parts.comments ? descendants(roots.get(parts.comments)!, 'w:comment').length : 0;
  if (comments > 0) file.info(`${comments} comment${comments === 1 ? ' is' : 's are'} not imported: comments are never published`, {ruleId: 'import-word-comments', source: 'opsg'});
  const html = await convert(file, entries, numbered, roots.get(parts.document)!);
  if (html === undefined) return undefined;
  const {markdown: text, images} = await htmlToMarkdown(html);
  if (images > 0) file.message(`${images} image${images === 1 ? ' is' : 's are'} not imported: add images to the meeting file by hand`, {ruleId: 'import-word-image', source: 'opsg'}).fatal = false;
  return checkLabels(file, read, text) ? text : undefined;
}

/** Find and parse the parts opsg reads. */
function readParts(entries: Map<string, Buffer>): ReadParts | {problem: string} {
  const parts = findParts(entries);
  if ('problem' in parts) return parts;
  const roots = new Map<string, Root>();
  for (const name of [parts.document, parts.numbering, parts.styles, parts.comments, ...parts.headers, ...parts.notes]) {
    if (name === undefined) continue;
    const result = parsePart(entries.get(name)!, name);
    if ('problem' in result) return result;
    roots.set(name, result.root);
  }
  return {parts, roots};
}

/** Whether the document is free of tracked changes and hidden text (each one found is an error). */
function acceptRevisions(file: VFile, {parts, roots}: ReadParts): boolean {
  let clean = true;
  for (const name of [parts.document, ...parts.headers, ...parts.notes]) {
    const root = roots.get(name)!;
    for (const [problem, ruleId] of [[trackedChanges(root, name), 'import-word-changes'], [hiddenText(root, name), 'import-word-hidden']] as const) {
      if (problem === undefined) continue;
      fatal(file, problem, undefined, ruleId);
      clean = false;
    }
  }
  return clean;
}

/** Write the numbers into the body and the notes (each counted on its own, as Word counts each story); the parts changed, or undefined after errors. */
function writeNumbers(file: VFile, {parts, roots}: ReadParts): Map<string, Root> | undefined {
  const definitions = readNumbering(parts.numbering ? roots.get(parts.numbering) : undefined, parts.styles ? roots.get(parts.styles) : undefined);
  const numbered = new Map<string, Root>([parts.document, ...parts.notes].map((name) => [name, roots.get(name)!]));
  const problems = [...numbered.values()].flatMap((root) => numberParagraphs(root, definitions).problems);
  for (const problem of problems) fatal(file, `${problem.reason}; opsg never renumbers an agenda: type the number, or fix the list in Word`, undefined, 'import-word-numbering');
  return problems.length > 0 ? undefined : numbered;
}

/** Run the converter on the checked entries, with the numbered parts in place; its warnings become messages. */
async function convert(file: VFile, entries: Map<string, Buffer>, numbered: Map<string, Root>, document: Root): Promise<string | undefined> {
  // The converter reads the archive itself: it gets only what was read within bounds above.
  const archive = new JSZip();
  for (const [name, bytes] of entries) {
    const changed = numbered.get(name);
    archive.file(name, changed ? serializePart(changed) : bytes);
  }
  const buffer = await archive.generateAsync({type: 'nodebuffer', compression: 'STORE'});
  try {
    const result = await mammoth.convertToHtml({buffer}, {styleMap, ignoreEmptyParagraphs: true, externalFileAccess: false, convertImage: mammoth.images.imgElement(async () => ({src: ''}))});
    for (const reason of new Set(result.messages.map((message) => message.message))) {
      const where = paragraphForMessage(document, reason);
      file.message(`${reason}${where ? `, first at ${where}` : ''}`, {ruleId: 'import-word-converter', source: 'opsg'}).fatal = false;
    }
    return result.value;
  } catch (error) {
    fatal(file, `Cannot convert this Word document: ${(error as Error).message}`, undefined, 'import-word', error);
    return undefined;
  }
}

/** A label in a header or footer marks the whole document: whether every one agrees with the statement. */
function checkLabels(file: VFile, {parts, roots}: ReadParts, text: string): boolean {
  const labels = headerLabels(parts.headers.map((part) => ({part, root: roots.get(part)!})));
  if (labels.length === 0) return true;
  const stated = extractBody(markdown.parse(text).children, text).statement?.level;
  let agree = true;
  for (const label of labels) {
    if (label.level !== undefined && label.level === stated) continue;
    const says = stated === undefined ? 'the body has no classification statement' : `the statement says \`${levelName(stated)}\``;
    fatal(file, `Unexpected classification label \`${label.written}\` in \`${label.part}\` (${quote(label.text)}), but ${says}: expected the header and the statement to agree; opsg never guesses which one holds`, undefined, 'import-word-classification');
    agree = false;
  }
  return agree;
}

function refuse(file: VFile, problem: string): undefined {
  fatal(file, `Cannot read this Word document: ${problem}`, undefined, 'import-word');
  return undefined;
}

/** The text of the first paragraph a converter message is about (one that names a style id). */
function paragraphForMessage(document: Root, message: string): string | undefined {
  const style = /\(Style ID: ([^)]+)\)/.exec(message)?.[1];
  if (style === undefined) return undefined;
  const paragraph = descendants(document, 'w:p').find((p) => descendants(p, 'w:pStyle').some((s) => s.attributes['w:val'] === style) || descendants(p, 'w:rStyle').some((s) => s.attributes['w:val'] === style));
  return paragraph ? quote(textOf(paragraph) || '(an empty paragraph)') : undefined;
}

function isOle(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && oleSignature.every((byte, index) => bytes[index] === byte);
}
