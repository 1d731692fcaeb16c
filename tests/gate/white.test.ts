/**
 * No false positives: the example site, the seed and the documents opsg writes itself are
 * White, and the gate's rules say nothing about them; they are published.
 */
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {check} from '../../src/index.js';
import {makeSite, meeting, root, runCli, seedMarkdown, tempDir} from '../helpers.js';

const gateRules = ['classification-statement-mismatch', 'classification-marker', 'front-matter-state', 'front-matter-yaml', 'agenda-item-form', 'meeting-order'];
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, {recursive: true, force: true});
});

async function gateMessages(dir: string, drafts = false) {
  const result = await check({cwd: dir, drafts});
  return {result, messages: result.files.flatMap((file) => file.messages.filter((m) => gateRules.includes(m.ruleId ?? '')).map((m) => `${file.path}:${m.line}:${m.column} ${m.ruleId} ${m.reason}`))};
}

describe('White documents pass the gate untouched', () => {
  it('the example site, drafts included', async () => {
    const dir = tempDir();
    dirs.push(dir);
    fs.cpSync(path.join(root, 'content'), path.join(dir, 'content'), {recursive: true});
    const {result, messages} = await gateMessages(dir, true);
    expect(messages).toEqual([]);
    expect(result.published.sort()).toEqual(['OPSG 27', 'OPSG 28', 'OPSG 29', 'SSC 1']);
  });

  it('the seed, the test meeting and every spelling of White in the front matter', async () => {
    for (const level of ['White', 'WHITE', 'TLP:WHITE', 'TLP:CLEAR', 'tlp:clear']) {
      const dir = makeSite({'content/seed.md': seedMarkdown.replace(/^classification: .*$/m, `classification: ${level}`), 'content/b.md': meeting({meeting: 28, date: '2020-01-07', classification: level})});
      dirs.push(dir);
      const {result, messages} = await gateMessages(dir);
      expect(messages, level).toEqual([]);
      expect(result.published.sort(), level).toEqual(['OPSG 27', 'OPSG 28']);
    }
  });

  it('the site `opsg init` writes', async () => {
    const dir = tempDir();
    dirs.push(dir);
    expect(runCli(['init'], dir).code).toBe(0);
    const {messages} = await gateMessages(dir, true);
    expect(messages).toEqual([]);
  });
});
