/**
 * `opsg import` reads a text the way the gate reads a document: a text that says White and
 * then another level is refused, never written as `classification: White`.
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {check, importHeadlines} from '../../src/index.js';
import {makeSite, readTree, runCli, seedText} from '../helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, {recursive: true, force: true});
});

const amber = seedText.replace(/\n(4\. )/, '\nCorrection: this document is classified as **Amber**.\n\n$1');
const line = amber.split('\n').findIndex((text) => text.startsWith('Correction:')) + 1;

describe('import reads the whole text', () => {
  it('the seed itself imports as White (control)', () => {
    const dir = makeSite({'seed.txt': seedText});
    dirs.push(dir);
    const run = runCli(['import', 'seed.txt'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'content/opsg/2019/opsg-27.md'), 'utf8')).toContain('\nclassification: White\n');
  });

  it('refuses a text that says White and then Amber, at the line and column of Amber, and writes nothing', () => {
    const dir = makeSite({'seed.txt': amber});
    dirs.push(dir);
    const run = runCli(['import', 'seed.txt'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`${line}:44\\s+error\\s+Unexpected classification \`Amber\` after a statement that says \`White\`.*import-classification`));
    expect([...readTree(dir).keys()]).toEqual(['seed.txt']);
  });

  it('refuses a TLP marker anywhere, disguised or not', () => {
    const dir = makeSite({'a.txt': seedText.replace(/\n(4\. )/, '\n> Shared as T\u00ADLP:\u200BRED.\n\n$1')});
    dirs.push(dir);
    const result = importHeadlines({cwd: dir, inputs: [{path: 'a.txt'}]});
    expect(result.written).toEqual([]);
    expect(result.files.flatMap((file) => file.messages).filter((m) => m.fatal).map((m) => m.reason)).toEqual([expect.stringMatching(/^Unexpected marker `TLP:RED` after a statement that says `White`/)]);
  });

  it('with --force writes a placeholder, never `White`, and check rejects it', async () => {
    const dir = makeSite({'seed.txt': amber});
    dirs.push(dir);
    const result = importHeadlines({cwd: dir, inputs: [{path: 'seed.txt'}], force: true});
    expect(result.written).toEqual(['content/opsg/2019/opsg-27.md']);
    const text = fs.readFileSync(path.join(dir, 'content/opsg/2019/opsg-27.md'), 'utf8');
    expect(text).toContain('\nclassification: REVIEW REQUIRED\n');
    expect((await check({cwd: dir})).published).toEqual([]);
  });
});
