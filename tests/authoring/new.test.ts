import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {check, newMeeting, UsageError} from '../../src/index.js';
import {makeSite, meeting, runCli} from '../helpers.js';

// 2020-01-07T00:00:00Z: "today" for every run, whatever the clock says.
const epoch = {SOURCE_DATE_EPOCH: '1578355200'};

/** Every message of a check that is not a plain note. */
async function problems(dir: string): Promise<string[]> {
  const result = await check({cwd: dir, drafts: true});
  return result.files.flatMap((file) => file.messages.filter((m) => m.fatal === true || m.fatal === false).map((m) => `${file.path} ${m.line}:${m.column} ${m.ruleId}`));
}

describe('opsg new', () => {
  it('starts the meeting after the highest number in the front matter, as a draft that checks clean', async () => {
    const dir = makeSite({
      // Numbers come from front matter, not file names.
      'content/opsg/2019/opsg-27.md': meeting({meeting: 27}),
      'content/misc/renamed.md': meeting({meeting: 29, date: '2019-12-20'}),
      'content/ssc/ssc-40.md': meeting({group: 'SSC', meeting: 40}),
    });
    const run = runCli(['new', 'opsg'], dir, epoch);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('content/opsg/2020/opsg-30.md\n');
    const text = fs.readFileSync(path.join(dir, 'content/opsg/2020/opsg-30.md'), 'utf8');
    expect(text).toMatch(/^---\ngroup: OPSG\nmeeting: 30\ndate: 2020-01-07\nclassification: White\nstatus: draft\n---\n\nThis document is classified as \*\*White\*\* in accordance with the Panel Information Policy\./);
    expect(text).toContain('\n\nOperations Group (OPSG) Meeting 30 on 7 January 2020 Headlines\n\n1. ');
    expect(text.match(/^\d+\. /gm)).toEqual(['1. ', '2. ', '3. ']);
    expect(await problems(dir)).toEqual([]);
    // A draft: not published without --drafts.
    expect((await check({cwd: dir})).published).not.toContain('OPSG 30');
  });

  it('dates the meeting from the previous meeting’s next_meeting, not from the clock', () => {
    const dir = makeSite({'content/opsg/2019/opsg-27.md': meeting({meeting: 27, extra: 'next_meeting: 2020-01-07'})});
    // The clock says 2026; meeting 27 says its next meeting is on 7 January 2020.
    const run = runCli(['new', 'OPSG'], dir, {SOURCE_DATE_EPOCH: '1780000000'});
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('content/opsg/2020/opsg-28.md\n');
    expect(fs.readFileSync(path.join(dir, 'content/opsg/2020/opsg-28.md'), 'utf8')).toContain('date: 2020-01-07\n');
    // --date still wins, and without a next_meeting the clock is used.
    expect(newMeeting({cwd: dir, group: 'OPSG', date: '2020-01-09', meeting: 29}).text).toContain('date: 2020-01-09\n');
    expect(newMeeting({cwd: dir, group: 'OPSG', env: {SOURCE_DATE_EPOCH: '1780000000'}}).text).toContain('date: 2026-05-28\n');
  });

  it('starts at 1, takes --date and --meeting, and adds the group’s standard introduction', async () => {
    const intro = 'At every meeting, the SSC considers the security of the service.';
    const dir = makeSite({'opsg.config.json': JSON.stringify({intros: {ssc: intro}})});
    const first = newMeeting({cwd: dir, group: 'SSC', env: epoch});
    expect(first.path).toBe('content/ssc/2020/ssc-1.md');
    expect(first.text).toContain(`Headlines\n\n${intro}\n\n1. `);
    const chosen = newMeeting({cwd: dir, group: 'ssc', date: '2021-03-04', meeting: 7});
    expect(chosen.path).toBe('content/ssc/2021/ssc-7.md');
    expect(chosen.text).toContain('date: 2021-03-04');
    expect(chosen.text).toContain('Security Sub-Committee (SSC) Meeting 7 on 4 March 2021 Headlines');
    expect(newMeeting({cwd: dir, group: 'SSC', date: '2021-04-01'}).path).toBe('content/ssc/2021/ssc-8.md');
    expect(await problems(dir)).toEqual([]);
  });

  it('refuses to overwrite a file or to reuse a meeting number', () => {
    const other = meeting({group: 'SSC', meeting: 3, status: 'draft'});
    const dir = makeSite({'content/opsg/2019/opsg-27.md': meeting(), 'content/opsg/2020/opsg-28.md': other});
    const run = runCli(['new', 'OPSG'], dir, epoch);
    expect(run.stderr).toBe('opsg: Cannot write `content/opsg/2020/opsg-28.md`: it already exists, and opsg never overwrites a file\n');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(fs.readFileSync(path.join(dir, 'content/opsg/2020/opsg-28.md'), 'utf8')).toBe(other);
    expect(() => newMeeting({cwd: dir, group: 'OPSG', meeting: 27, env: epoch})).toThrow('`content/opsg/2019/opsg-27.md` is already OPSG meeting 27');
  });

  it('refuses an unknown group unless the content already uses it', () => {
    const dir = makeSite({'content/x/xyz-2.md': meeting({group: 'XYZ', meeting: 2})});
    expect(() => newMeeting({cwd: dir, group: 'OPSF', env: epoch})).toThrow(new UsageError('Cannot start a meeting of unknown group `OPSF` (did you mean `OPSG`?); add it to `groups` in opsg.config.json (`"OPSF": "Full name"`) to use it'));
    expect(fs.existsSync(path.join(dir, 'content/opsf'))).toBe(false);
    expect(newMeeting({cwd: dir, group: 'xyz', env: epoch}).path).toBe('content/xyz/2020/xyz-3.md');
  });

  it('refuses a date that is not a calendar date', () => {
    const dir = makeSite({});
    const run = runCli(['new', 'OPSG', '--date', '2020-02-30'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Cannot use --date `2020-02-30`');
    expect(fs.existsSync(path.join(dir, 'content'))).toBe(false);
  });
});
