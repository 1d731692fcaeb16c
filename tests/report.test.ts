import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {makeSite, meeting, readTree, runCli} from './helpers.js';

const fixtures = path.join(path.dirname(new URL(import.meta.url).pathname), 'rules/fixtures');
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, `${name}.md`), 'utf8');

function site() {
  return makeSite({'content/a.md': fixture('agenda-order'), 'content/b.md': fixture('agenda-item-owner').replace('meeting: 27', 'meeting: 28').replace('2019-12-03', '2019-12-04')});
}

describe('report formats', () => {
  it('prints the unified ecosystem’s text report to stderr', () => {
    const {code, stdout, stderr} = runCli(['check'], site());
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe([
      'content/a.md',
      '14:1 error   Unexpected agenda number `5` after `6`, expected a number above `6`            agenda-order      opsg',
      '',
      'content/b.md',
      '10:1 warning Unexpected agenda item `4` without an owner, expected `Major Incident (Owner)` agenda-item-owner opsg',
      '',
      '2 messages (✖ 1 error, ⚠ 1 warning)',
      '',
    ].join('\n'));
  });

  it('prints JSON to stdout', () => {
    const {code, stdout} = runCli(['check', '--format', 'json'], site());
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual([
      {file: 'content/a.md', line: 14, column: 1, endLine: null, endColumn: null, severity: 'error', rule: 'agenda-order', message: 'Unexpected agenda number `5` after `6`, expected a number above `6`'},
      {file: 'content/b.md', line: 10, column: 1, endLine: null, endColumn: null, severity: 'warning', rule: 'agenda-item-owner', message: 'Unexpected agenda item `4` without an owner, expected `Major Incident (Owner)`'},
    ]);
  });

  it('prints GitHub Actions annotations', () => {
    const {stdout} = runCli(['check', '--format', 'github'], site());
    expect(stdout).toBe([
      '::error file=content/a.md,line=14,col=1,title=agenda-order::Unexpected agenda number `5` after `6`, expected a number above `6`',
      '::warning file=content/b.md,line=10,col=1,title=agenda-item-owner::Unexpected agenda item `4` without an owner, expected `Major Incident (Owner)`',
      '',
    ].join('\n'));
  });

  it('rejects an unknown format as misuse', () => {
    expect(runCli(['check', '--format', 'xml'], site()).code).toBe(2);
  });
});

describe('exit codes and filters', () => {
  const warnOnly = () => makeSite({'content/b.md': fixture('agenda-item-owner')});

  it('passes with warnings, fails with --strict', () => {
    expect(runCli(['check'], warnOnly()).code).toBe(0);
    expect(runCli(['check', '--strict'], warnOnly()).code).toBe(1);
    expect(runCli(['build', '--strict'], warnOnly()).code).toBe(1);
  });

  it('--quiet hides information but keeps warnings and errors', () => {
    const dir = makeSite({'content/a.md': meeting(), 'content/b.md': meeting({meeting: 28, date: '2020-01-07', status: 'draft'})});
    expect(runCli(['check'], dir).stderr).toContain('Left out: `status: draft`');
    expect(runCli(['check', '--quiet'], dir).stderr).not.toContain('Left out');
    expect(runCli(['check', '--quiet'], warnOnly()).stderr).toContain('agenda-item-owner');
  });
});

describe('the publishing gate', () => {
  const mixed = () => makeSite({
    'content/a.md': meeting(),
    'content/b.md': meeting({meeting: 28, date: '2020-01-07', classification: 'Amber', statement: null, items: '4. Secret (DCC): AMBER-ONLY-TEXT.'}),
    'content/c.md': meeting({meeting: 29, date: '2020-02-04'}),
  });

  it('fails the whole build on one Amber document among White ones and leaves dist untouched', () => {
    const dir = mixed();
    const b = path.join(dir, 'content/b.md');
    const amber = fs.readFileSync(b, 'utf8');
    fs.writeFileSync(b, amber.replace('classification: Amber', 'classification: White'));
    expect(runCli(['build'], dir).code).toBe(0);
    fs.writeFileSync(b, amber.replace('Secret (DCC): AMBER-ONLY-TEXT.', 'Now restricted (DCC): text.'));
    const before = readTree(path.join(dir, 'dist'));
    const {code, stderr} = runCli(['build'], dir);
    expect(code).toBe(1);
    expect(stderr).toMatch(/content\/b\.md\n5:17-5:22 +error +Unexpected classification `Amber`: restricted, will not be published/);
    expect(readTree(path.join(dir, 'dist'))).toEqual(before);
  });

  it('with --exclude-restricted publishes the White documents and lists each one left out', () => {
    const dir = mixed();
    const {code, stderr} = runCli(['build', '--exclude-restricted'], dir);
    expect(code).toBe(0);
    expect(stderr).toContain('Left out: classified `Amber` (Amber), restricted; only White documents are published');
    const files = readTree(path.join(dir, 'dist'));
    expect(files.has('opsg/27/index.html')).toBe(true);
    expect(files.has('opsg/29/index.html')).toBe(true);
    expect(files.has('opsg/28/index.html')).toBe(false);
    for (const [name, bytes] of files) expect(`${name}: ${bytes.toString('utf8').includes('AMBER-ONLY-TEXT')}`).toBe(`${name}: false`);
  });

  it('check writes nothing', () => {
    const dir = makeSite({'content/a.md': meeting()});
    expect(runCli(['check'], dir).code).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(['content']);
  });
});
