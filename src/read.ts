/**
 * The one way opsg reads a file a user named or placed: content, config, templates and
 * `import` inputs. `stat().size` says nothing about devices (`/dev/zero` is 0 bytes long)
 * and a blocking open of a FIFO never returns, so the file is opened without blocking,
 * must be a regular file, and is read in chunks that stop at the limit while reading.
 */
import fs from 'node:fs';

/** What a bounded read gave: the bytes, or why there are none in a sentence and a rule id. */
export type BoundedRead = {bytes: Buffer} | Refused;

/** Why a file was not read. */
export interface Refused {
  /** The whole sentence, for a message on the file itself (`Cannot read file: it is a device, …`). */
  reason: string;
  /** The same without the subject, to follow a caller's own (`it is a device, expected a regular file`). */
  detail: string;
  /** `content-unreadable` or `content-size`. */
  ruleId: 'content-unreadable' | 'content-size';
  /** The system's error code, when there was one. */
  code?: string;
}

/** Read at most `limit` bytes of a regular file; anything else (a device, a FIFO, a folder, a larger file) is refused. */
export function readBounded(full: string, limit: number): BoundedRead {
  let fd: number | undefined;
  try {
    // O_NONBLOCK: opening a FIFO with no writer would otherwise wait for ever.
    fd = fs.openSync(full, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return unreadable(`it is ${kindOf(stat)}, expected a regular file`);
    if (stat.size > limit) return tooLarge(stat.size, limit, true);
    // The size may change while reading (a file still being written): stop at the limit
    // whatever `stat` said, reading one byte past it to know that there is more.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 16, limit + 1 - total));
      const count = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (count === 0) break;
      chunks.push(count === chunk.length ? chunk : chunk.subarray(0, count));
      total += count;
      if (total > limit) return tooLarge(total, limit, false);
    }
    return {bytes: Buffer.concat(chunks, total)};
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return {...unreadable(code === 'ENOENT' ? 'no such file (ENOENT)' : code === 'EACCES' ? 'permission denied (EACCES)' : code), code};
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Like `readBounded`, as UTF-8 text; throws an Error carrying the sentence when refused. */
export function readBoundedText(full: string, limit: number): string {
  const read = readBounded(full, limit);
  if (!('bytes' in read)) throw Object.assign(new Error(read.detail), {code: read.code ?? read.ruleId});
  return read.bytes.toString('utf8');
}

/** A size in words: `2 MB`, `512 KB`, `64 bytes`. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  return bytes >= 1048576 ? `${+(bytes / 1048576).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function unreadable(detail: string): Refused {
  return {reason: `Cannot read file: ${detail}`, detail, ruleId: 'content-unreadable'};
}

/** `exact`: the size is known (from `stat`); else reading went past the limit and stopped. */
function tooLarge(size: number, limit: number, exact: boolean): Refused {
  const found = exact ? sizeText(size) : 'more than ' + sizeText(limit);
  return {reason: `Unexpected file size of ${found}, expected at most ${sizeText(limit)}`, detail: `its size is ${found}, expected at most ${sizeText(limit)}`, ruleId: 'content-size'};
}

/** What a path that is not a regular file is, in words. */
export function kindOf(stat: fs.Stats): string {
  return stat.isFIFO() ? 'a FIFO' : stat.isSocket() ? 'a socket' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device' : stat.isDirectory() ? 'a folder' : 'not a regular file';
}
