/**
 * Start-up: `opsg --version` and `--help` load the command line, not the pipeline; the help a
 * person reads is exactly what it was before the commands were loaded lazily; and the bundled
 * binary's `--debug` stacks still name src/ lines.
 */
import fs from 'node:fs';
import path from 'node:path';
import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {makeSite, meeting, root, runCli, tempDir} from './helpers.js';

/** Packages only the commands' work needs: none may load before a command runs. */
const heavy = ['yaml', 'micromark', 'unified', 'chokidar', 'playwright-core'];

/** Every module a run of the binary loads: files read, and the sources bundled into them. */
function loadedModules(args: string[], cwd: string): string[] {
  const record = path.join(tempDir(), 'loaded.json');
  const hook = path.join(root, 'tests/fixtures/loaded-modules.js');
  const run = spawnSync(process.execPath, ['--import', hook, path.join(root, 'bin/opsg.js'), ...args], {cwd, encoding: 'utf8', env: {...process.env, OPSG_LOADED_MODULES: record}, timeout: 120_000});
  expect(run.status, run.stderr).toBe(0);
  const {files, sources} = JSON.parse(fs.readFileSync(record, 'utf8')) as {files: string[]; sources: string[]};
  return [...files, ...sources];
}

/** The heavy packages among these modules. */
function heavyIn(modules: string[]): string[] {
  return heavy.filter((name) => modules.some((url) => url.includes(`/node_modules/${name}/`)));
}

describe('opsg --version', () => {
  it('loads none of the pipeline’s packages', () => {
    const modules = loadedModules(['--version'], root);
    expect(modules.some((url) => url.includes('/node_modules/commander/'))).toBe(true);
    expect(heavyIn(modules)).toEqual([]);
  });

  it('while a command that runs does load them (so the check above can see them)', () => {
    const dir = makeSite({'content/a.md': meeting()});
    const modules = loadedModules(['check', '--quiet'], dir);
    expect(heavyIn(modules)).toEqual(expect.arrayContaining(['yaml', 'micromark', 'unified']));
    // The Word reader's libraries load for an import of a Word file alone.
    expect(['mammoth', 'jszip'].filter((name) => modules.some((url) => url.includes(`/node_modules/${name}/`)))).toEqual([]);
  });
});

describe('opsg --help', () => {
  // The help text as it was before each command's work moved to src/commands/<name>-action.ts.
  // A deliberate change to a command's options or wording updates tests/fixtures/cli-help/.
  it.each(['opsg', 'build', 'check', 'preview', 'new', 'import', 'init', 'pdf'])('%s --help is unchanged', (command) => {
    const run = runCli(command === 'opsg' ? ['--help'] : [command, '--help'], root);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(fs.readFileSync(path.join(root, 'tests/fixtures/cli-help', `${command}.txt`), 'utf8'));
  });
});

describe('--debug', () => {
  it('prints the stack of an internal error with frames in src/ files', () => {
    const dir = makeSite({'content/a.md': meeting(), 'templates/meeting.js': 'export default function meeting() { throw new TypeError("boom in template"); }\n'});
    const plain = runCli(['build'], dir);
    expect(plain.code).toBe(1);
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    const debug = runCli(['build', '--debug'], dir);
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/TypeError: boom in template\n\s+at /);
    // Frames of opsg's own code point into src/*.ts (through the bundle's source maps), not lib/.
    expect(debug.stderr).toMatch(/\n\s+at .*[\\/]src[\\/][\w\\/-]+\.ts:\d+:\d+\)?\n/);
    expect(debug.stderr).not.toMatch(/[\\/]lib[\\/]opsg[\w-]*\.js:/);
  });
});
