/**
 * Drafts never reach the public site folder by accident: `opsg pdf --drafts` prints from a
 * private build and leaves the site folder as the last plain build left it; only
 * `opsg build --drafts` writes drafts there, and marks the folder so that `opsg check`
 * and the next plain build say so. A draft PDF says DRAFT on every page.
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {makeSite, meeting, readTree, runCli} from '../helpers.js';
import {pdfPageTexts} from './pdf-text.js';
import {testBrowser} from '../browser.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, {recursive: true, force: true});
});

// Enough items for several printed pages.
const longItems = Array.from({length: 40}, (_, index) => `${index + 1}. Item ${index + 1} (DCC): ${'The DCC reported progress on the work of the group. '.repeat(6)}`).join('\n\n');

function site(): string {
  const dir = makeSite({
    'content/opsg/opsg-27.md': meeting(),
    'content/opsg/opsg-28.md': meeting({meeting: 28, date: '2020-01-07', status: 'draft', items: longItems}),
  });
  dirs.push(dir);
  return dir;
}

describe('drafts', () => {
  it('`opsg build --drafts` marks its folder; `opsg check` and the next plain build say so', () => {
    const dir = site();
    const drafts = runCli(['build', '--drafts'], dir);
    expect(drafts.code, drafts.stderr).toBe(0);
    expect(fs.existsSync(path.join(dir, 'dist/opsg/28/index.html'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'dist/.opsg-drafts'))).toBe(true);
    expect(drafts.stderr).toMatch(/`dist` is a drafts build with 1 draft meeting \(OPSG 28\): do not publish it/);
    const checked = runCli(['check'], dir);
    expect(checked.stderr).toMatch(/`dist` holds a drafts build \(`opsg build --drafts`\) with draft meetings in it: run `opsg build` before publishing it\s+drafts-build/);
    const plain = runCli(['build'], dir);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).toMatch(/`dist` held a drafts build; it now holds final meetings only/);
    expect(fs.existsSync(path.join(dir, 'dist/.opsg-drafts'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'dist/opsg/28'))).toBe(false);
    expect(runCli(['check'], dir).stderr).not.toMatch(/drafts build/);
  });

  it('`opsg pdf --drafts` leaves the site folder as the plain build left it, and says DRAFT on every page', async () => {
    const dir = site();
    expect(runCli(['build'], dir).code).toBe(0);
    const before = readTree(path.join(dir, 'dist'));
    const {executablePath} = await testBrowser();
    const printed = runCli(['pdf', '--drafts', '--chromium', executablePath], dir);
    expect(printed.code, printed.stderr).toBe(0);
    const after = readTree(path.join(dir, 'dist'));
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [name, bytes] of after) expect(bytes.equals(before.get(name)!), name).toBe(true);
    const draft = pdfPageTexts(path.join(dir, 'pdf/opsg-28.pdf'));
    expect(draft.length).toBeGreaterThan(2);
    draft.forEach((page, index) => expect(page, `page ${index + 1}`).toMatch(/DRAFT/));
    const final = pdfPageTexts(path.join(dir, 'pdf/opsg-27.pdf'));
    for (const page of final) expect(page).not.toMatch(/DRAFT/);
    // No private build is left behind in the project.
    expect(fs.readdirSync(dir).sort()).toEqual(['.opsg-cache', 'content', 'dist', 'pdf'].filter((name) => fs.existsSync(path.join(dir, name))));
  });
});
