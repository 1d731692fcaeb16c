/** Progress on a terminal: counts and an estimate on a real pseudo-terminal, nothing elsewhere or with --quiet. */
import path from 'node:path';
import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {progressLine} from '../src/progress.js';
import {makeSite, meeting, root, runCli} from './helpers.js';

/** Run the binary with a pseudo-terminal as its stdout and stderr (util-linux `script`); returns what the terminal got. */
function onTerminal(args: string[], cwd: string): string {
  const command = [process.execPath, path.join(root, 'bin/opsg.js'), ...args].map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
  const result = spawnSync('script', ['-qec', command, '/dev/null'], {cwd, encoding: 'utf8', timeout: 120_000});
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

function site(): string {
  const files: Record<string, string> = {};
  for (let number = 1; number <= 30; number++) files[`content/opsg-${number}.md`] = meeting({meeting: number});
  return makeSite(files);
}

describe('progress', () => {
  it('shows files checked and pages written, with counts, on a terminal, and clears the line', () => {
    const out = onTerminal(['build'], site());
    expect(out).toContain('opsg: 0/30 files checked');
    expect(out).toContain('opsg: 30/30 files checked');
    expect(out).toMatch(/opsg: \d+\/\d+ pages written/);
    // Each update rewrites the line; the report that follows starts on a clean one.
    const after = out.slice(out.lastIndexOf('\x1b[K'));
    expect(after).toContain('opsg: built 30 meetings');
    expect(after).not.toContain('pages written');
  });

  it('shows nothing with --quiet, or when the output is not a terminal', () => {
    expect(onTerminal(['build', '--quiet'], site())).not.toContain('files checked');
    const run = runCli(['build'], site());
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/files checked|pages written|\x1b\[K/);
  });

  it('estimates the time left from the rate so far', () => {
    expect(progressLine({stage: 'check', done: 1000, total: 3000}, 5000)).toBe('opsg: 1,000/3,000 files checked, about 10 s left');
    expect(progressLine({stage: 'write', done: 10, total: 1000}, 2000)).toBe('opsg: 10/1,000 pages written, about 4 min left');
    expect(progressLine({stage: 'print', done: 0, total: 12}, 0)).toBe('opsg: 0/12 PDFs printed');
    expect(progressLine({stage: 'print', done: 12, total: 12}, 9000)).toBe('opsg: 12/12 PDFs printed');
  });
});
