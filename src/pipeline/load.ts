/**
 * Stage 1, load: find `content/**\/*.md` and read each into a vfile.
 *
 * Files are listed in code-unit order (never the file system's order or the locale's),
 * so every later stage sees the same sequence on every machine. A file that cannot be
 * read as text becomes a vfile with a fatal message, not an exception.
 */
import fs from 'node:fs';
import path from 'node:path';
import {VFile} from 'vfile';
import {UsageError, type Settings} from '../config.js';
import {fatal} from '../messages.js';
import {readBounded} from '../read.js';

/** Largest file opsg reads; a page of headlines is a few kilobytes. */
export const maxFileBytes = 2 * 1024 * 1024;

/** The file site-wide messages go on: the config file, or a stand-in named like it when there is none. */
export function siteFileOf(settings: Settings, configFile: VFile | undefined): VFile {
  return configFile ?? new VFile({path: 'opsg.config.json', cwd: settings.cwd});
}

/** List content files, sorted, as absolute paths; problems found on the way come back as vfiles. */
export function discover(settings: Settings): {paths: string[]; problems: VFile[]} {
  let root: string;
  try {
    if (!fs.statSync(settings.content).isDirectory()) throw new Error('not a folder');
    root = fs.realpathSync(settings.content);
  } catch {
    throw new UsageError(`Cannot find content folder \`${path.relative(settings.cwd, settings.content) || settings.content}\``);
  }
  const paths: string[] = [];
  const problems: VFile[] = [];
  const seen = new Set<string>([root]);
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, {withFileTypes: true});
    } catch (error) {
      problems.push(problem(settings, dir, `Cannot read folder: ${code(error)}`, 'content-unreadable'));
      return;
    }
    const names = entries.filter((entry) => !entry.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of names) {
      // `dir` is a normalised path and a name has no separator: nothing for `path.join` to do.
      const full = dir.endsWith(path.sep) ? dir + entry.name : dir + path.sep + entry.name;
      let kind: 'file' | 'dir' | 'other' = entry.isDirectory() ? 'dir' : entry.isFile() ? 'file' : 'other';
      if (entry.isSymbolicLink()) {
        let real: string;
        try {
          real = fs.realpathSync(full);
        } catch (error) {
          problems.push(problem(settings, full, code(error) === 'ELOOP' ? 'Unexpected symbolic link loop' : `Cannot follow symbolic link: ${code(error)}`, 'content-symlink'));
          continue;
        }
        const rel = path.relative(root, real);
        if (rel.startsWith('..') || path.isAbsolute(rel)) {
          // A link out of the content folder could publish a file nobody reviewed as content.
          problems.push(problem(settings, full, outsideReason, 'content-symlink'));
          continue;
        }
        const stat = fs.statSync(real);
        kind = stat.isDirectory() ? 'dir' : stat.isFile() ? 'file' : 'other';
        if (kind === 'dir') {
          if (seen.has(real)) {
            problems.push(problem(settings, full, 'Unexpected symbolic link loop', 'content-symlink'));
            continue;
          }
          seen.add(real);
        }
      }
      if (kind === 'dir') walk(full);
      else if (entry.name.toLowerCase().endsWith('.md')) {
        // A FIFO, socket or device named `.md` is reported rather than skipped: skipping
        // would quietly drop a meeting, and reading a FIFO would wait for ever.
        if (kind === 'file') paths.push(full);
        else problems.push(problem(settings, full, `Cannot read file: it is ${specialKind(full)}, expected a regular Markdown file`, 'content-unreadable'));
      }
    }
  };
  walk(root === settings.content ? root : settings.content);
  return {paths, problems};
}

/**
 * Why a path below the content folder must not be read as content, or undefined: the
 * check `discover` makes of a symbolic link, for a path found some other way (a file
 * added while the preview runs). A link out of the content folder could publish a file
 * nobody reviewed as content.
 */
export function linkProblem(settings: Settings, full: string): {reason: string; ruleId: string} | undefined {
  let real: string;
  let root: string;
  try {
    root = fs.realpathSync(settings.content);
    real = fs.realpathSync(full);
  } catch (error) {
    if (code(error) === 'ENOENT') return undefined;
    return {reason: code(error) === 'ELOOP' ? 'Unexpected symbolic link loop' : `Cannot follow symbolic link: ${code(error)}`, ruleId: 'content-symlink'};
  }
  const rel = path.relative(root, real);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return {reason: outsideReason, ruleId: 'content-symlink'};
  return undefined;
}

const outsideReason = 'Unexpected symbolic link to outside the content folder, expected content to live inside it';

/** What reading a content file gave: its bytes, or why there are none. */
export type ContentRead = {bytes: Uint8Array} | {reason: string; ruleId: string};

/** Read one content file as UTF-8 text with `\n` line endings (line numbers are kept). */
export function load(settings: Settings, full: string, read: ContentRead = readContent(full)): VFile {
  const file = new VFile({path: relativePath(settings, full), cwd: settings.cwd});
  if ('bytes' in read) return decode(file, read.bytes);
  fatal(file, read.reason, undefined, read.ruleId);
  return file;
}

/**
 * A content file's bytes, or why they cannot be had (for a fatal message). The one safe
 * way to read content (see read.ts): it never blocks on a FIFO and never reads more than
 * `maxFileBytes`, whatever the file claims its size is.
 */
export function readContent(full: string): ContentRead {
  const read = readBounded(full, maxFileBytes);
  if ('bytes' in read) return read;
  return {reason: read.ruleId === 'content-unreadable' ? read.reason.replace('expected a regular file', 'expected a regular Markdown file') : read.reason, ruleId: read.ruleId};
}

/** Decode bytes into the file's value, or a fatal message for binary or non-UTF-8 content. */
export function decode(file: VFile, buffer: Uint8Array): VFile {
  const nul = buffer.indexOf(0);
  if (nul !== -1) {
    fatal(file, 'Unexpected binary content (a NUL byte), expected a Markdown text file', pointAt(buffer, nul), 'content-encoding');
    return file;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', {fatal: true, ignoreBOM: false}).decode(buffer);
  } catch {
    const bad = firstInvalidUtf8(buffer);
    fatal(file, 'Unexpected invalid UTF-8, expected a UTF-8 text file', bad, 'content-encoding');
    return file;
  }
  // CRLF and lone CR become LF: one line ending each, so lines and columns are unchanged.
  file.value = text.replace(/\r\n?/g, '\n');
  return file;
}

function firstInvalidUtf8(buffer: Uint8Array): {line: number; column: number} | undefined {
  let lo = 0;
  let hi = buffer.length;
  const decoder = new TextDecoder('utf-8', {fatal: true});
  // Binary search for the shortest prefix that fails to decode.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      decoder.decode(buffer.subarray(0, mid + 1), {stream: true});
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return pointAt(buffer, lo);
}

/** Line and column (in characters) of a byte offset; line endings as `decode` counts them. */
function pointAt(buffer: Uint8Array, offset: number): {line: number; column: number} {
  const before = new TextDecoder('utf-8').decode(buffer.subarray(0, offset)).replace(/^\uFEFF/, '');
  const lines = before.split(/\r\n?|\n/);
  return {line: lines.length, column: (lines.at(-1) ?? '').length + 1};
}

/** What a path that is not a regular file is, in words. */
function specialKind(full: string): string {
  try {
    const stat = fs.statSync(full);
    return stat.isFIFO() ? 'a FIFO' : stat.isSocket() ? 'a socket' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device' : stat.isDirectory() ? 'a folder' : 'not a regular file';
  } catch {
    return 'not a regular file';
  }
}

function problem(settings: Settings, full: string, reason: string, ruleId: string): VFile {
  const file = new VFile({path: relativePath(settings, full), cwd: settings.cwd});
  fatal(file, reason, undefined, ruleId);
  return file;
}

/** A path relative to the working folder, `/`-separated, for messages and ids. */
export function relativePath(settings: Settings, full: string): string {
  // A file under the working folder (as content files are) is the rest of its path:
  // `path.relative` resolves both paths again on every call, for a thousand files a build.
  const prefix = settings.cwd.endsWith(path.sep) ? settings.cwd : settings.cwd + path.sep;
  // Not normalised (`.` or `..` segments, doubled separators): resolved by `path.relative`.
  const plain = full.startsWith(prefix) && !full.includes(path.sep + '.') && !full.includes(path.sep + path.sep);
  const relative = plain ? full.slice(prefix.length) : path.relative(settings.cwd, full);
  return path.sep === '/' ? relative : relative.split(path.sep).join('/');
}

function code(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}
