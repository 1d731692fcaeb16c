/**
 * One temporary folder for the whole run, set as TMPDIR for the test workers and every
 * process they start (the binary, browsers), and removed at the end: a run leaves nothing
 * in the system's temporary folder, even when a test is stopped half-way.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Make the run's folder before the workers start. */
export default function setup(): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsg-run-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    fs.rmSync(dir, {recursive: true, force: true});
  };
}
