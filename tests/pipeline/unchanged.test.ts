/**
 * A build in which nothing changed (src/pipeline/unchanged.ts): it gives the last build's
 * report again from file stats alone, and any change to what the site is made from, or to
 * the output folder, makes it a full build again.
 */
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {build, check, toJson} from '../../src/index.js';
import type {RunResult} from '../../src/pipeline/index.js';
import {makeSite, meeting, readTree, runCli} from '../helpers.js';

const meetingFile = (n: number, extra: Partial<Parameters<typeof meeting>[0]> = {}) => meeting({meeting: n, date: `2019-0${n}-0${n}`, ...extra});

/** A site whose report has something in it: a warning on a content file and a note on the site (no URL: no sitemap). */
function site(): string {
  return makeSite({
    'opsg.config.json': JSON.stringify({title: 'Unchanged'}),
    'content/m1.md': meetingFile(1),
    'content/m2.md': meetingFile(2, {extra: 'venue: London'}),
    'content/m3.md': meetingFile(3),
  });
}

/**
 * Build until the stat index vouches for every file: a file is trusted once its times are
 * older than the index by more than the file system's granularity, so the build after the
 * first one that follows that is the one that can find nothing changed.
 */
async function settled(dir: string, options: Parameters<typeof build>[0] = {}): Promise<RunResult> {
  await build({cwd: dir, ...options});
  await new Promise((resolve) => setTimeout(resolve, 2_100));
  return build({cwd: dir, ...options});
}

const report = (result: RunResult) => toJson(result.files);

describe('a build in which nothing changed', () => {
  it('gives the last build’s report, files and meetings again, and leaves the output folder as it was', async () => {
    const dir = site();
    const full = await settled(dir);
    expect(full.unchanged).toBe(false);
    expect(report(full).map((m) => m.rule)).toEqual(expect.arrayContaining(['front-matter-unknown', 'site']));
    const tree = readTree(path.join(dir, 'dist'));
    const stamp = fs.statSync(path.join(dir, 'dist/index.html')).mtimeMs;
    const again = await build({cwd: dir});
    expect(again.unchanged).toBe(true);
    expect(report(again)).toEqual(report(full));
    expect([again.written, again.changed, again.published, again.reused]).toEqual([full.written, [], full.published, 3]);
    expect(readTree(path.join(dir, 'dist'))).toEqual(tree);
    expect(fs.statSync(path.join(dir, 'dist/index.html')).mtimeMs).toBe(stamp);
  });

  it('prints the same report from the command line, and fails on an error in the config as a full build does', async () => {
    const dir = site();
    await settled(dir);
    const full = runCli(['build', '--format', 'json'], dir);
    const again = runCli(['build', '--format', 'json'], dir);
    expect([full.code, again.code, again.stdout]).toEqual([0, 0, full.stdout]);
    expect(JSON.parse(again.stdout)).not.toEqual([]);
    // A key the config does not know is an error, though every value left is the same.
    const config = fs.readFileSync(path.join(dir, 'opsg.config.json'));
    fs.writeFileSync(path.join(dir, 'opsg.config.json'), JSON.stringify({title: 'Unchanged', colour: 'blue'}));
    const failed = runCli(['build', '--format', 'json'], dir);
    expect(failed.code).toBe(1);
    expect((JSON.parse(failed.stdout) as Array<{rule: string}>).map((m) => m.rule)).toContain('config-key');
    expect((await build({cwd: dir})).written).toEqual([]);
    fs.writeFileSync(path.join(dir, 'opsg.config.json'), config);
    expect(runCli(['build', '--format', 'json'], dir).stdout).toBe(full.stdout);
  });

  it('holds after a failed build, which wrote nothing, once the error is mended', async () => {
    const dir = site();
    await settled(dir);
    const tree = readTree(path.join(dir, 'dist'));
    const good = fs.readFileSync(path.join(dir, 'content/m3.md'));
    fs.writeFileSync(path.join(dir, 'content/m3.md'), meetingFile(3, {classification: 'Amber'}));
    expect((await build({cwd: dir})).written).toEqual([]);
    fs.writeFileSync(path.join(dir, 'content/m3.md'), good);
    await settled(dir);
    const mended = await build({cwd: dir});
    expect(readTree(path.join(dir, 'dist'))).toEqual(tree);
    expect(mended.unchanged).toBe(true);
  });

  const changes: Array<[string, (dir: string) => void, (dir: string) => void]> = [
    ['a content file edited, its size and modification time set back', (dir) => {
      const file = path.join(dir, 'content/m1.md');
      const before = fs.statSync(file);
      const text = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(file, text.replace('The DCC reported.', 'The DCC repaired.'));
      fs.utimesSync(file, before.atime, before.mtime);
    }, (dir) => expect(fs.readFileSync(path.join(dir, 'dist/opsg/1/index.html'), 'utf8')).toContain('The DCC repaired.')],
    ['a content file added', (dir) => fs.writeFileSync(path.join(dir, 'content/m4.md'), meetingFile(4)), (dir) => expect(fs.existsSync(path.join(dir, 'dist/opsg/4/index.html'))).toBe(true)],
    ['a content file removed', (dir) => fs.rmSync(path.join(dir, 'content/m3.md')), (dir) => expect(fs.existsSync(path.join(dir, 'dist/opsg/3/index.html'))).toBe(false)],
    ['a page edited in the output folder', (dir) => fs.appendFileSync(path.join(dir, 'dist/opsg/2/index.html'), 'x'), (dir) => expect(fs.readFileSync(path.join(dir, 'dist/opsg/2/index.html'), 'utf8')).not.toMatch(/x$/)],
    ['a page removed from the output folder', (dir) => fs.rmSync(path.join(dir, 'dist/opsg/2/index.html')), (dir) => expect(fs.existsSync(path.join(dir, 'dist/opsg/2/index.html'))).toBe(true)],
    ['a file added to the output folder', (dir) => fs.writeFileSync(path.join(dir, 'dist/opsg/extra.html'), 'x'), (dir) => expect(fs.existsSync(path.join(dir, 'dist/opsg/extra.html'))).toBe(false)],
    ['a folder added to the output folder', (dir) => fs.mkdirSync(path.join(dir, 'dist/opsg/extra')), (dir) => expect(fs.existsSync(path.join(dir, 'dist/opsg/extra'))).toBe(false)],
    ['a setting changed', (dir) => fs.writeFileSync(path.join(dir, 'opsg.config.json'), JSON.stringify({title: 'Changed'})), (dir) => expect(fs.readFileSync(path.join(dir, 'dist/index.html'), 'utf8')).toContain('Changed')],
    ['a template of the site’s own', (dir) => makeSite({'templates/not-found.js': "export default (site, {h}) => ({title: 'Not here', main: [h('h1', 'Not here')]});\n"}, dir), (dir) => expect(fs.readFileSync(path.join(dir, 'dist/404.html'), 'utf8')).toContain('<h1>Not here</h1>')],
  ];
  for (const [what, change, check] of changes) {
    it(`is a full build again after ${what}`, async () => {
      const dir = site();
      await settled(dir);
      expect((await build({cwd: dir})).unchanged).toBe(true);
      change(dir);
      const result = await build({cwd: dir});
      expect(result.unchanged).toBe(false);
      check(dir);
    });
  }

  it('is a full build again after a change to a module a template of the site’s own imports, which no digest covers', async () => {
    const dir = site();
    makeSite({'templates/words.js': "export const heading = 'Lost';\n", 'templates/not-found.js': "import {heading} from './words.js';\nexport default (site, {h}) => ({title: heading, main: [h('h1', heading)]});\n"}, dir);
    await settled(dir);
    fs.writeFileSync(path.join(dir, 'templates/words.js'), "export const heading = 'Gone';\n");
    const result = await build({cwd: dir});
    expect(result.unchanged).toBe(false);
  });

  it('fails as a full build does when the content folder holds what cannot be read', async () => {
    const dir = site();
    await settled(dir);
    expect((await build({cwd: dir})).unchanged).toBe(true);
    fs.symlinkSync('loop', path.join(dir, 'content/loop'));
    const result = await build({cwd: dir});
    expect([result.unchanged, result.written]).toEqual([false, []]);
    expect(report(result).map((m) => m.rule)).toContain('content-symlink');
  });

  it('holds again after a change to a file that is not published, which leaves the site as it was', async () => {
    const dir = site();
    makeSite({'content/m4.md': meetingFile(4, {status: 'draft'})}, dir);
    await settled(dir);
    const tree = readTree(path.join(dir, 'dist'));
    fs.writeFileSync(path.join(dir, 'content/m4.md'), meetingFile(4, {status: 'draft', extra: 'venue: Leeds'}));
    const edited = await settled(dir);
    const again = await build({cwd: dir});
    expect([edited.unchanged, again.unchanged]).toEqual([false, true]);
    expect(report(again)).toEqual(report(edited));
    expect(report(again).map((m) => m.rule)).toEqual(expect.arrayContaining(['draft', 'front-matter-unknown']));
    expect(readTree(path.join(dir, 'dist'))).toEqual(tree);
  });

  it('holds with another number of jobs, or with --force: neither changes what is written', async () => {
    const dir = site();
    await settled(dir);
    expect((await build({cwd: dir, jobs: 1})).unchanged).toBe(true);
    expect((await build({cwd: dir, force: true})).unchanged).toBe(true);
  });

  it('is a full build again with another SOURCE_DATE_EPOCH, or with --drafts', async () => {
    const dir = site();
    await settled(dir);
    const saved = process.env.SOURCE_DATE_EPOCH;
    try {
      process.env.SOURCE_DATE_EPOCH = '1600000000';
      expect((await build({cwd: dir})).unchanged).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
    expect((await build({cwd: dir, drafts: true})).unchanged).toBe(false);
  });

  it('is never a drafts build: one that published drafts is built again, and says so again', async () => {
    const dir = site();
    makeSite({'content/m4.md': meetingFile(4, {status: 'draft'})}, dir);
    const first = await settled(dir, {drafts: true});
    const again = await build({cwd: dir, drafts: true});
    expect([first.unchanged, again.unchanged]).toEqual([false, false]);
    expect(report(again).filter((m) => m.rule === 'drafts-build')).toHaveLength(1);
  });
});

/** Every file below a folder with its modification time: what a run that writes nothing must leave. */
function stamps(dir: string): Array<[string, number]> {
  return (fs.readdirSync(dir, {recursive: true}) as string[]).sort().map((name) => [name, fs.statSync(path.join(dir, name)).mtimeMs]);
}

describe('a check in which nothing changed', () => {
  it('gives a full check’s report, counts and meetings from the last build’s record, and touches nothing', async () => {
    const dir = site();
    // No build yet: a full check, the reference.
    const full = await check({cwd: dir});
    expect(full.unchanged).toBe(false);
    await settled(dir);
    const cache = stamps(path.join(dir, '.opsg-cache'));
    const out = stamps(path.join(dir, 'dist'));
    const again = await check({cwd: dir, reportOnly: true});
    expect(again.unchanged).toBe(true);
    expect(report(again)).toEqual(report(full));
    expect(report(again).map((m) => m.rule)).toContain('front-matter-unknown');
    expect([again.written, again.published, again.checked]).toEqual([[], full.published, 3]);
    expect(full.checked).toBe(3);
    expect(stamps(path.join(dir, '.opsg-cache'))).toEqual(cache);
    expect(stamps(path.join(dir, 'dist'))).toEqual(out);
    // A library user who asks for no less than every file's data gets a full check.
    const whole = await check({cwd: dir});
    expect(whole.unchanged).toBe(false);
    expect(whole.files.filter((file) => file.data.meeting)).toHaveLength(3);
    expect(report(whole)).toEqual(report(full));
  });

  it('prints what a full check prints, and is a full check again once a file changes', async () => {
    const dir = site();
    const full = runCli(['check'], dir);
    const fullJson = runCli(['check', '--format', 'json'], dir);
    await settled(dir);
    expect(runCli(['check'], dir)).toEqual(full);
    expect(runCli(['check', '--format', 'json'], dir)).toEqual(fullJson);
    expect(full.stderr + full.stdout).toMatch(/3 files checked, 3 publishable/);
    fs.writeFileSync(path.join(dir, 'content/m3.md'), meetingFile(3, {classification: 'Amber'}));
    const changed = await check({cwd: dir, reportOnly: true});
    expect(changed.unchanged).toBe(false);
    expect(report(changed).some((m) => m.severity === 'error' && m.file.endsWith('m3.md'))).toBe(true);
  });

  it('is a full check after a drafts build, and says the output folder holds drafts', async () => {
    const dir = site();
    makeSite({'content/m4.md': meetingFile(4, {status: 'draft'})}, dir);
    await settled(dir);
    expect((await check({cwd: dir, reportOnly: true})).unchanged).toBe(true);
    await build({cwd: dir, drafts: true});
    const after = await check({cwd: dir, reportOnly: true});
    expect(after.unchanged).toBe(false);
    expect(report(after).filter((m) => m.rule === 'drafts-build')).toHaveLength(1);
  });
});
