import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {pageText, root} from '../helpers.js';
import {previewSite, text} from './preview-helpers.js';

/** Start `opsg preview --port 0 …args` in `dir`; resolves once it prints its address. */
async function startPreview(dir: string, args: string[] = [], env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(process.execPath, [path.join(root, 'bin/opsg.js'), 'preview', '--port', '0', ...args], {cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env});
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^(http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(stdout);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`exited early with ${code}: ${stderr}`)));
  });
  return {
    url,
    stderr: () => stderr,
    /** Send SIGTERM; resolves to the exit code. */
    stop: () => {
      const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      return exit;
    },
  };
}

/** Wait until `check` holds, for up to ten seconds. */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 200 && !(await check()); tries++) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('opsg preview (the binary)', () => {
  it('prints its address, serves drafts, and stops cleanly on SIGTERM', async () => {
    const dir = previewSite();
    const {url, stderr, stop} = await startPreview(dir);
    const draft = await text(url + 'opsg/28/');
    expect(draft.status).toBe(200);
    expect(pageText(draft.body)).toContain('DRAFT');
    expect(await stop()).toBe(0);
    expect(stderr()).toContain('opsg: preview stopped');
    expect(stderr()).not.toMatch(/internal error|    at /);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
    fs.rmSync(dir, {recursive: true, force: true});
  });

  it.runIf(process.platform === 'linux')('with --open, hands its address to the system opener (xdg-open), and carries on without one', async () => {
    const dir = previewSite();
    // The system's opener (xdg-open here), replaced on PATH by one that notes what it was asked to open.
    const bin = path.join(dir, 'bin');
    const opened = path.join(dir, 'opened.txt');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`, {mode: 0o755});
    for (const pathVariable of [`${bin}${path.delimiter}${process.env.PATH ?? ''}`, path.join(dir, 'nowhere')]) {
      fs.rmSync(opened, {force: true});
      const {url, stderr, stop} = await startPreview(dir, ['--open'], {...process.env, PATH: pathVariable});
      if (pathVariable.startsWith(bin)) {
        await until(async () => fs.existsSync(opened));
        expect(fs.readFileSync(opened, 'utf8')).toBe(url);
      } else {
        expect(fs.existsSync(opened)).toBe(false);
      }
      expect((await text(url)).status).toBe(200);
      expect(await stop()).toBe(0);
      expect(stderr()).not.toMatch(/internal error|    at /);
    }
    fs.rmSync(dir, {recursive: true, force: true});
  });

  it('reloads the home and group pages each time the partial they call changes', async () => {
    // Through the binary: module reloading is Node's own, as users get it.
    const dir = previewSite();
    const {url, stop} = await startPreview(dir);
    const list = fs.readFileSync(path.join(root, 'templates/meeting-list.js'), 'utf8');
    fs.mkdirSync(path.join(dir, 'templates'));
    for (const word of ['Agenda', 'Topics']) {
      fs.writeFileSync(path.join(dir, 'templates/meeting-list.js'), list.replace("h(yearHeading + '.year', year)", `h(yearHeading + '.year', '${word} of ' + year)`));
      await until(async () => pageText((await text(url)).body).includes(`${word} of 2019`));
      expect(pageText((await text(url)).body)).toContain(`${word} of 2019`);
      expect(pageText((await text(url + 'opsg/')).body)).toContain(`${word} of 2019`);
    }
    expect(await stop()).toBe(0);
    fs.rmSync(dir, {recursive: true, force: true});
  });

  it('refuses a bad port with exit code 2', async () => {
    const dir = previewSite();
    const child = spawn(process.execPath, [path.join(root, 'bin/opsg.js'), 'preview', '--port', 'http'], {cwd: dir, stdio: ['ignore', 'pipe', 'pipe']});
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(2);
    expect(stderr).toContain('Cannot use --port `http`');
    fs.rmSync(dir, {recursive: true, force: true});
  });
});
