/** `opsg import -` reads standard input with the same size limit as every other read. */
import fs from 'node:fs';
import path from 'node:path';
import {spawnSync} from 'node:child_process';
import {expect, it} from 'vitest';
import {root, tempDir} from '../helpers.js';

it('refuses endless standard input at the size limit, with exit 2, and writes nothing', () => {
  const dir = tempDir();
  const zero = fs.openSync('/dev/zero', 'r');
  try {
    const run = spawnSync(process.execPath, [path.join(root, 'bin/opsg.js'), 'import', '-'], {cwd: dir, stdio: [zero, 'pipe', 'pipe'], encoding: 'utf8', timeout: 60_000});
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Cannot import standard input: it is over 2 MB');
    expect(fs.readdirSync(dir)).toEqual([]);
  } finally {
    fs.closeSync(zero);
  }
});
