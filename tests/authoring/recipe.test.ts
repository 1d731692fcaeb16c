/**
 * "Start your own site" and the CI recipe, as a new user runs them: a fresh folder, `opsg
 * init` with opsg's `npm pack` tarball, `npm install`, `npx opsg new OPSG`, `npx opsg build`,
 * then every `run:` step of the workflow that init wrote, in order. Needs the package
 * registry for opsg's own dependencies.
 */
import fs from 'node:fs';
import path from 'node:path';
import {spawnSync} from 'node:child_process';
import {afterAll, describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {workflowPath, workflowText} from '../../src/authoring/init.js';
import {testBrowser} from '../browser.js';
import {root, runCli, tempDir} from '../helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, {recursive: true, force: true});
});

/** The environment of a command a user types: none of the npm variables of the test run itself. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  // The Node that runs the tests runs the user's commands too.
  return {...env, PATH: [path.dirname(process.execPath), env.PATH ?? ''].join(path.delimiter), ...extra};
}

/** Run a shell command line in `cwd` as CI does (`bash -e`); fail the test with its output when it fails. */
function shell(script: string, cwd: string, env: NodeJS.ProcessEnv = userEnv()): string {
  const result = spawnSync('bash', ['-e', '-c', script], {cwd, env, encoding: 'utf8', timeout: 300_000});
  const output = `$ ${script}\n${result.stdout}${result.stderr}`;
  if (result.status !== 0) throw new Error(`exit ${result.status}: ${output}`);
  return output;
}

/** One step of a GitHub Actions job. */
interface Step {
  name?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
}

/** The `run:` steps of every job, in order, each with its `env:` (expressions are empty here, as a missing output is on GitHub). */
function runSteps(workflow: string): Array<{run: string; env: Record<string, string>}> {
  const jobs = (parse(workflow) as {jobs: Record<string, {steps: Step[]}>}).jobs;
  return Object.values(jobs).flatMap((job) =>
    job.steps.filter((step): step is Step & {run: string} => typeof step.run === 'string').map((step) => ({
      run: step.run,
      env: Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, String(value).replace(/\$\{\{[^}]*\}\}/g, '')])),
    })),
  );
}

describe('the CI recipe', () => {
  it('is one file: README shows exactly what init writes', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### CI recipe'));
    const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBe(workflowText());
  });

  it('runs in a fresh site: init, npm install of the packed opsg, new, build, then every run: step', async () => {
    const dir = tempDir('opsg-recipe-');
    dirs.push(dir);
    const packed = shell(`npm pack --silent --pack-destination ${JSON.stringify(dir)}`, root).trim().split('\n').at(-1)!;
    const tarball = path.join(dir, packed);
    expect(fs.existsSync(tarball)).toBe(true);

    const init = runCli(['init', 'site', '--opsg', tarball], dir);
    expect(init.stderr).toContain('next: cd site && npm install');
    expect(init.code).toBe(0);
    const site = path.join(dir, 'site');
    shell('npm install --no-audit --no-fund', site);
    expect(fs.existsSync(path.join(site, 'package-lock.json'))).toBe(true);
    expect(shell('npx opsg new OPSG', site)).toContain('content/opsg/2020/opsg-2.md');
    // The secretary writes the meeting, then marks it final.
    const meeting = path.join(site, 'content/opsg/2020/opsg-2.md');
    fs.writeFileSync(meeting, fs.readFileSync(meeting, 'utf8').replace('status: draft', 'status: final'));
    shell('npx opsg build', site);
    expect(fs.existsSync(path.join(site, 'dist/opsg/2/index.html'))).toBe(true);

    const steps = runSteps(fs.readFileSync(path.join(site, workflowPath), 'utf8'));
    expect(steps.map((step) => step.run.split(' ').slice(0, 3).join(' '))).toEqual(['npm ci', 'npx opsg check', 'npx opsg build', 'npx opsg pdf']);
    // `opsg pdf` finds a browser as on any machine; here, the one the tests use.
    const {executablePath} = await testBrowser();
    for (const step of steps) shell(step.run, site, userEnv({...step.env, OPSG_CHROMIUM: executablePath}));
    expect(fs.readFileSync(path.join(site, 'dist/opsg/2/index.html'), 'utf8')).toContain('Meeting 2 on 4 February 2020');
    expect(fs.readdirSync(path.join(site, 'pdf')).filter((name) => name.endsWith('.pdf')).sort()).toEqual(['all.pdf', 'opsg-2.pdf']);
    // The build cache that actions/cache keeps between runs.
    expect(fs.existsSync(path.join(site, '.opsg-cache'))).toBe(true);
  }, 600_000);
});
