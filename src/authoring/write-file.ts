/**
 * Writing a new file atomically, never over an existing one.
 *
 * The text goes to a temporary file beside the target first; a hard link then gives it
 * its name. `link` fails when the name is taken, so the "never overwrite" check and the
 * write are one step: no race with another writer, and no half-written file under the
 * target's name if the process dies.
 */
import fs from 'node:fs';
import path from 'node:path';
import {randomBytes} from 'node:crypto';

/** Thrown when the target already exists; nothing was written. */
export class FileExistsError extends Error {
  override name = 'FileExistsError';
  /** The path that exists. */
  readonly target: string;

  /** Name the existing file. */
  constructor(target: string) {
    super(`${target} already exists`);
    this.target = target;
  }
}

/** Write `text` to `target` (creating its folders) unless something is there already. */
export function writeNewFile(target: string, text: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(target), {recursive: true});
  if (fs.existsSync(target)) throw new FileExistsError(target);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  fs.writeFileSync(temp, text, {flag: 'wx'});
  try {
    try {
      fs.linkSync(temp, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new FileExistsError(target);
      // Some file systems have no hard links: fall back to check-then-rename, which is
      // still atomic for the content, only not for the existence check.
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
      if (fs.existsSync(target)) throw new FileExistsError(target);
      fs.renameSync(temp, target);
      return;
    }
  } finally {
    fs.rmSync(temp, {force: true});
  }
}

/** A path for messages: relative to `cwd` when inside it, `/`-separated. */
export function displayPath(cwd: string, full: string): string {
  const rel = path.relative(cwd, full);
  if (rel === '') return '.';
  return (rel.startsWith('..') || path.isAbsolute(rel) ? full : rel).split(path.sep).join('/');
}
