/**
 * Bad input around the content (links, folders, names, config, path-like values, every
 * classification mistake, failures inside opsg) through the real binary: the right exit
 * code, the file (and line and column) named, never a stack trace.
 */
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {makeSite, meeting, runCli} from '../helpers.js';
import {runCase, siteCases} from './bad-input-cases.js';
import {expectNoStack, parseReport} from './support.js';

describe('bad input around the content: a clear message, never a crash', () => {
  it.each(siteCases.map((c) => [c.name, c] as const))('%s', (_name, c) => runCase(c));

  it('prints the stack of an internal error only with --debug', () => {
    const dir = makeSite({'content/a.md': meeting(), 'templates/meeting.js': 'export default function meeting() { throw new TypeError("boom in template"); }\n'});
    const plain = runCli(['build'], dir);
    expectNoStack(plain.stderr);
    expect(plain.stderr.match(/boom in template/g)).toHaveLength(1);
    const debug = runCli(['build', '--debug'], dir);
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/TypeError: boom in template\n\s+at /);
  });

  it.skipIf(process.getuid?.() === 0)('reports a file it may not read (chmod 000; not run as root, which reads any file)', () => {
    const dir = makeSite({'content/a.md': meeting(), 'content/b.md': meeting({meeting: 28})});
    fs.chmodSync(path.join(dir, 'content/b.md'), 0o000);
    const result = runCli(['build'], dir);
    expectNoStack(result.stderr);
    expect(parseReport(result.stderr)).toContainEqual(expect.objectContaining({file: 'content/b.md', rule: 'content-unreadable', severity: 'error'}));
    expect(result.code).toBe(1);
  });
});
