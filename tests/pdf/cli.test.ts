/** `opsg pdf` end to end: the real binary, the real Chromium, pdfjs-dist to read the result. */
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {testBrowser} from '../browser.js';
import {makeSite, meeting, runCli, seedMarkdown} from '../helpers.js';
import {pdfInfo} from './poppler.js';

describe('opsg pdf (CLI)', () => {
  it('writes <group>-<meeting>.pdf and all.pdf, titled by the meeting, and lists them', async () => {
    const {executablePath} = await testBrowser();
    const dir = makeSite({'content/opsg/2019/opsg-27.md': seedMarkdown});
    // The flag wins over the environment variable.
    const run = runCli(['pdf', '--out', 'print', '--chromium', executablePath], dir, {OPSG_CHROMIUM: '/nonexistent'});
    expect(run.stderr).toContain('opsg: wrote 2 PDFs');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${path.join('print', 'opsg-27.pdf')}\n${path.join('print', 'all.pdf')}\n`);
    expect(fs.readdirSync(path.join(dir, 'print')).sort()).toEqual(['.opsg-pdf', 'all.pdf', 'opsg-27.pdf']);
    expect(pdfInfo(path.join(dir, 'print/opsg-27.pdf')).title).toBe('Operations Group (OPSG) Meeting 27 on 3 December 2019 Headlines');
    expect(fs.existsSync(path.join(dir, 'dist/opsg/27/print.html'))).toBe(true);
  });

  it('exits 2 and says what to install when there is no browser', () => {
    const dir = makeSite({'content/a.md': meeting()});
    const run = runCli(['pdf'], dir, {OPSG_CHROMIUM: '/nonexistent'});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Cannot find a browser at `/nonexistent` (OPSG_CHROMIUM)');
    expect(run.stderr).toContain('npm install @sparticuz/chromium');
    expect(run.stderr).not.toContain('    at ');
    expect(fs.existsSync(path.join(dir, 'pdf'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('exits 1 with the usual report and writes no PDF when the content has an error', () => {
    const dir = makeSite({'content/opsg-27.md': seedMarkdown, 'content/opsg-28.md': meeting({meeting: 28, date: '2020-01-07', classification: 'Amber', statement: null})});
    const run = runCli(['pdf'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/content\/opsg-28\.md\n\s*5:17-5:22\s+error\s+Unexpected classification `Amber`[^\n]*classification-restricted/);
    expect(run.stdout).toBe('');
    expect(fs.existsSync(path.join(dir, 'pdf'))).toBe(false);
  });
});
