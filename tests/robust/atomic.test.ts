/**
 * Atomic, safe output: a failed or killed build leaves the previous site byte for byte,
 * the next build clears what a killed one left behind, and opsg refuses output folders
 * that are not its to replace.
 */
import fs from 'node:fs';
import path from 'node:path';
import {spawn} from 'node:child_process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {build, UsageError} from '../../src/index.js';
import {safeJoin} from '../../src/pipeline/write.js';
import {makeSite, meeting, root, runCli, tempDir} from '../helpers.js';
import {expectNoStack, isInside, listing, snapshot} from './support.js';

const bin = path.join(root, 'bin/opsg.js');

/** A content folder of `count` White meetings across three groups. */
function corpus(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  const groups = ['OPSG', 'SSC', 'TABASC'];
  for (let i = 0; i < count; i++) {
    const group = groups[i % groups.length]!;
    const number = Math.floor(i / groups.length) + 1;
    const date = `${2000 + Math.floor(number / 12)}-${String((number % 12) + 1).padStart(2, '0')}-15`;
    files[`content/${group.toLowerCase()}/${group.toLowerCase()}-${number}.md`] = meeting({
      group, meeting: number, date,
      items: `4. Major Incident (SECAS/DCC): The DCC reported on incident ${i}.\n\n6. Alerts (DCC): Progress on alert ${i}.`,
    });
  }
  return files;
}

/** Start `opsg build` and kill it with `signal` as soon as its temporary folder appears. */
async function killWhileWriting(dir: string, signal: NodeJS.Signals): Promise<{code: number | null; signal: NodeJS.Signals | null; stderr: string; pid: number}> {
  const child = spawn(process.execPath, [bin, 'build'], {cwd: dir, stdio: ['ignore', 'ignore', 'pipe']});
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const pid = child.pid!;
  const tempPrefix = `.dist.opsg-tmp-${pid}-`;
  const appeared = () => fs.readdirSync(dir).some((name) => name.startsWith(tempPrefix));
  await new Promise<void>((resolve, reject) => {
    // Watch the parent folder (the temporary folder is its entry), and poll as a fallback.
    const watcher = fs.watch(dir, () => check());
    const timer = setInterval(() => check(), 5);
    let done = false;
    function check() {
      if (done) return;
      if (appeared()) {
        done = true;
        child.kill(signal);
        watcher.close();
        clearInterval(timer);
        resolve();
      }
    }
    child.on('exit', () => {
      if (done) return;
      done = true;
      watcher.close();
      clearInterval(timer);
      reject(new Error(`the build finished before its temporary folder was seen:\n${stderr}`));
    });
  });
  const exit = await new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({code: child.exitCode, signal: child.signalCode});
    else child.on('exit', (code, sig) => resolve({code, signal: sig}));
  });
  return {...exit, stderr, pid};
}

describe('a failed build leaves the previous site as it was', () => {
  it('content error: every byte and the file list are unchanged, nothing is left beside it', async () => {
    const dir = makeSite({'content/a.md': meeting(), 'content/b.md': meeting({meeting: 28, date: '2020-01-07'})});
    expect((await build({cwd: dir})).written.length).toBeGreaterThan(5);
    const before = snapshot(path.join(dir, 'dist'));
    const stats = fs.statSync(path.join(dir, 'dist/opsg/27/index.html'));
    const parent = listing(dir);
    fs.writeFileSync(path.join(dir, 'content/b.md'), meeting({meeting: 28, date: '2020-01-07', classification: 'Amber', statement: null}));
    fs.writeFileSync(path.join(dir, 'content/c.md'), meeting({meeting: 29, date: '2020-02-07'}));
    const result = await build({cwd: dir});
    expect(result.written).toEqual([]);
    expect(snapshot(path.join(dir, 'dist'))).toEqual(before);
    expect(fs.statSync(path.join(dir, 'dist/opsg/27/index.html')).mtimeMs).toBe(stats.mtimeMs);
    expect(listing(dir)).toEqual(parent);
  });

  it('a template that throws while rendering: unchanged too', async () => {
    const dir = makeSite({'content/a.md': meeting()});
    await build({cwd: dir});
    const before = snapshot(path.join(dir, 'dist'));
    makeSite({'templates/print.js': 'export default function print() { throw new Error("printer on fire"); }\n'}, dir);
    const result = await build({cwd: dir});
    expect(result.files.flatMap((file) => file.messages).some((m) => m.fatal && /printer on fire/.test(m.reason))).toBe(true);
    expect(snapshot(path.join(dir, 'dist'))).toEqual(before);
    expect(listing(dir).filter((name) => name.startsWith('.dist.'))).toEqual([]);
  });
});

describe('a killed build leaves the previous site as it was', () => {
  let dir: string;
  let before: Record<string, string>;

  beforeAll(async () => {
    dir = makeSite(corpus(600));
    const result = await build({cwd: dir});
    expect(result.published).toHaveLength(600);
    before = snapshot(path.join(dir, 'dist'));
    // Every page changes with the title, so a finished build could not pass for the old one.
    fs.writeFileSync(path.join(dir, 'opsg.config.json'), '{"title": "Renamed headlines"}\n');
  }, 180_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, {recursive: true, force: true});
  });

  const leftovers = () => listing(dir).filter((name) => name.startsWith('.dist.opsg-'));

  for (const signal of ['SIGKILL', 'SIGTERM', 'SIGINT'] as const) {
    it(`${signal} while writing`, async () => {
      const killed = await killWhileWriting(dir, signal);
      expect(killed.signal).toBe(signal);
      expect(snapshot(path.join(dir, 'dist'))).toEqual(before);
      // What the killed build left: its own temporary folder, and nothing else (the
      // ones earlier kills left were cleared by this build before it started writing).
      expect(leftovers()).toEqual([expect.stringMatching(new RegExp(`^\\.dist\\.opsg-tmp-${killed.pid}-[0-9a-f]+$`))]);
    }, 120_000);
  }

  it('the next build removes the stale temporary folder and writes the new site', async () => {
    expect(leftovers()).toHaveLength(1);
    const result = await build({cwd: dir});
    expect(result.published).toHaveLength(600);
    expect(leftovers()).toEqual([]);
    expect(fs.readFileSync(path.join(dir, 'dist/index.html'), 'utf8')).toContain('Renamed headlines');
    expect(fs.existsSync(path.join(dir, 'dist/.opsg-build'))).toBe(true);
  }, 120_000);
});

describe('output folders opsg refuses', () => {
  /** Each refusal: the --out given, other flags, the environment, and the sentence expected. */
  const refusals: Array<{name: string; out: (dir: string) => string; args?: string[]; env?: (dir: string) => NodeJS.ProcessEnv; stderr: RegExp}> = [
    {name: 'the content folder', out: () => 'content', stderr: /Cannot use --out `content` inside --content/},
    {name: 'a folder inside the content folder', out: () => 'content/site', stderr: /inside --content/},
    {name: 'a folder containing the content folder', out: () => 'site', args: ['--content', 'site/content'], stderr: /contains --content/},
    {name: 'the project root', out: () => '.', stderr: /project folder/},
    {name: 'the project root, with --force', out: (dir) => dir, args: ['--force'], stderr: /project folder/},
    {name: 'the home folder', out: (dir) => path.join(dir, 'home'), env: (dir) => ({HOME: path.join(dir, 'home')}), stderr: /home folder/},
    {name: 'the home folder, with --force', out: () => '~', args: ['--force'], env: (dir) => ({HOME: path.join(dir, 'home')}), stderr: /home folder|not empty/},
    {name: 'the file system root', out: () => '/', stderr: /file system root/},
    {name: 'a non-empty folder opsg did not create', out: () => 'public', stderr: /Cannot replace `public`: it is not empty and opsg did not create it.*--force/},
    {name: 'a file', out: () => 'notes.txt', stderr: /it is a file/},
    {name: 'a folder that would hold the cache (the cache keeps restricted documents)', out: () => 'public', args: ['--cache', 'public/cache', '--force'], stderr: /Cannot use --cache `public\/cache` inside --out `public`/},
  ];

  /** A site with a canary in every folder that a wrong --out could hit. */
  const canaries = () => makeSite({
    'content/a.md': meeting(),
    'site/content/a.md': meeting(),
    'home/.profile': 'keep me\n',
    'public/index.html': '<p>someone else’s site</p>\n',
    'notes.txt': 'keep me\n',
    'opsg.config.json': '{}\n',
  });

  for (const refusal of refusals) {
    it(`refuses ${refusal.name} (nothing deleted)`, async () => {
      const dir = canaries();
      const before = snapshot(dir);
      const env = refusal.env?.(dir) ?? {};
      const out = refusal.out(dir) === '~' ? env.HOME! : refusal.out(dir);
      const args = refusal.args ?? [];
      const home = process.env.HOME;
      // os.homedir() reads HOME: the home folder refused is a temporary one.
      if (env.HOME) process.env.HOME = env.HOME;
      try {
        const options = {cwd: dir, out, force: args.includes('--force'), ...(args.includes('--content') ? {content: args[args.indexOf('--content') + 1]!} : {}), ...(args.includes('--cache') ? {cache: args[args.indexOf('--cache') + 1]!} : {})};
        await expect(build(options)).rejects.toThrow(refusal.stderr);
        await expect(build(options)).rejects.toBeInstanceOf(UsageError);
      } finally {
        process.env.HOME = home;
      }
      expect(snapshot(dir)).toEqual(before);
    });
  }

  // The same refusals through the binary: exit 2 and one sentence, for a few of them.
  for (const refusal of refusals.filter((r) => ['the content folder', 'the file system root', 'the home folder, with --force', 'a non-empty folder opsg did not create'].includes(r.name))) {
    it(`the binary refuses ${refusal.name} with exit 2`, () => {
      const dir = canaries();
      const before = snapshot(dir);
      const env = refusal.env?.(dir) ?? {};
      const out = refusal.out(dir) === '~' ? env.HOME! : refusal.out(dir);
      const result = runCli(['build', '--out', out, ...(refusal.args ?? [])], dir, env);
      expectNoStack(result.stderr);
      expect(result.stderr).toMatch(refusal.stderr);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.code).toBe(2);
      expect(snapshot(dir)).toEqual(before);
    });
  }

  it('replaces a non-empty folder with --force, and marks it as its own', () => {
    const dir = makeSite({'content/a.md': meeting(), 'public/old.html': 'old\n'});
    const result = runCli(['build', '--out', 'public', '--force'], dir);
    expect(result.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'public/old.html'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'public/.opsg-build'))).toBe(true);
    // Marked: the next build needs no --force.
    expect(runCli(['build', '--out', 'public'], dir).code).toBe(0);
  });

  it('builds into an empty folder it did not create', () => {
    const dir = makeSite({'content/a.md': meeting()});
    fs.mkdirSync(path.join(dir, 'public'));
    expect(runCli(['build', '--out', 'public'], dir).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'public/opsg/27/index.html'))).toBe(true);
  });
});

describe('no file is written outside the output folder', () => {
  it('refuses unsafe site paths', () => {
    const folder = tempDir();
    for (const bad of ['../x', '/etc/passwd', 'a/../../b', 'a/./b', 'a//b', '', 'a\\..\\b', 'a\0b', '..', 'opsg/../../x/index.html']) {
      expect(() => safeJoin(folder, bad), bad).toThrow(/Refusing/);
    }
    expect(safeJoin(folder, 'opsg/27/index.html')).toBe(path.join(folder, 'opsg', '27', 'index.html'));
  });

  it('only `dist` appears beside the content, whatever the file names and front matter', async () => {
    const dir = makeSite({
      'content/..hidden..md': meeting({meeting: 1}),
      'content/a b/…/x..md': meeting({meeting: 2, date: '2019-12-04'}),
      'content/x/%2e%2e%2fevil.md': meeting({meeting: 3, date: '2019-12-05'}),
      'content/y.md': meeting({group: 'ssc', meeting: 4, date: '2019-12-06', extra: 'title: ../../../etc/passwd'}),
    });
    const before = listing(dir);
    const result = await build({cwd: dir});
    expect(result.published).toEqual(['OPSG 2', 'OPSG 3', 'SSC 4']);
    // The build cache is not output, and is not published.
    expect(listing(dir).filter((name) => name !== '.opsg-cache')).toEqual([...before, 'dist'].sort());
    for (const written of result.written) expect(isInside(path.resolve(dir, 'dist', written), path.join(dir, 'dist'))).toBe(true);
    // Folders of plain segments only (groups, meetings, years, threads, the search index's).
    expect(result.written.filter((name) => !/^(?:[a-z0-9_-]+\/){0,4}[a-z0-9._-]+\.(?:html|xml|json|css|js|ics|pagefind|pf_[a-z]+)$/.test(name))).toEqual([]);
  });
});
