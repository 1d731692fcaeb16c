/**
 * Runs once, in the main process, before any test file:
 * - one temporary folder for the whole run, set as TMPDIR for the test workers and every
 *   process they start (the binary, browsers), and removed at the end: a run leaves nothing
 *   in the system's temporary folder, even when a test is stopped half-way;
 * - the tests' browser made ready. On a machine without an installed Chromium, the
 *   npm-shipped one is unpacked here, once; unpacked by two test workers at the same time,
 *   one would start it while the other is still writing it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {testBrowser} from './browser.js';

/** vitest's global setup; the function it returns is its teardown. */
export default async function setup(): Promise<() => void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsg-run-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  await testBrowser();
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    fs.rmSync(dir, {recursive: true, force: true});
  };
}
