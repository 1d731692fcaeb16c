/**
 * What killed builds leave behind is removed by the next run, and only that; and the one
 * bounded read stops at its limit while reading, whatever the file claims its size is.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {spawnSync} from 'node:child_process';
import {afterAll, describe, expect, it} from 'vitest';
import {readBounded} from '../../src/read.js';
import {makeSite, meeting, runCli} from '../helpers.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, {recursive: true, force: true});
});

/** The id of a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

describe('work folders of killed `--no-cache` builds', () => {
  it('are removed by the next build; folders of live builds and folders not marked as opsg’s stay', () => {
    const dead = deadPid();
    const tmp = os.tmpdir();
    const killed = makeSite({'CACHEDIR.TAG': 'Signature: 8a477f597d28d172789f06886806bc55\n# written by opsg\n', 'v2/ab/body-x.json': 'meeting content'}, fs.mkdtempSync(path.join(tmp, `opsg-work-${dead}-`)));
    const empty = fs.mkdtempSync(path.join(tmp, `opsg-work-${dead}-`));
    const foreign = makeSite({'thesis.txt': 'not opsg’s'}, fs.mkdtempSync(path.join(tmp, `opsg-work-${dead}-`)));
    const live = makeSite({'CACHEDIR.TAG': 'written by opsg'}, fs.mkdtempSync(path.join(tmp, `opsg-work-${process.pid}-`)));
    made.push(killed, empty, foreign, live);
    const site = makeSite({'content/a.md': meeting()});
    made.push(site);
    expect(runCli(['build', '--no-cache'], site).code).toBe(0);
    expect([fs.existsSync(killed), fs.existsSync(empty), fs.existsSync(foreign), fs.existsSync(live)]).toEqual([false, false, true, true]);
  });
});

describe('the bounded read', () => {
  it('stops at the limit while reading a file whose size says 0 (a /proc file)', () => {
    const read = readBounded('/proc/self/maps', 64);
    expect(read).toMatchObject({ruleId: 'content-size', reason: 'Unexpected file size of more than 64 bytes, expected at most 64 bytes'});
  });

  it('refuses a device and a folder, and reads a regular file whole', () => {
    expect(readBounded('/dev/zero', 1024)).toMatchObject({ruleId: 'content-unreadable', detail: 'it is a device, expected a regular file'});
    expect(readBounded(os.tmpdir(), 1024)).toMatchObject({ruleId: 'content-unreadable', detail: 'it is a folder, expected a regular file'});
    const dir = makeSite({'a.txt': 'x'.repeat(200_000)});
    made.push(dir);
    const read = readBounded(path.join(dir, 'a.txt'), 200_000);
    expect('bytes' in read && read.bytes.length).toBe(200_000);
  });
});
