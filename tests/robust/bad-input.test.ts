/**
 * Bad input through the real binary: every case gets its own site, and must end with the
 * right exit code, a report naming the file (and line and column where there is one), and
 * never a stack trace.
 */
import {describe, expect, it} from 'vitest';
import {contentCases, runCase, siteCases} from './bad-input-cases.js';

describe('bad content: a clear message, never a crash', () => {
  it('the two tables hold at least 40 cases', () => {
    expect(contentCases.length + siteCases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(contentCases.map((c) => [c.name, c] as const))('%s', (_name, c) => runCase(c));
});
