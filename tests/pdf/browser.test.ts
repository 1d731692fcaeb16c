/** Finding a browser to print with: named, installed on Linux, macOS or Windows, or npm-shipped. */
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {browserCandidates, findBrowser, findInstalledBrowser, launchBrowser, packagedBrowser} from '../../src/browser.js';
import {UsageError} from '../../src/index.js';
import {root, tempDir} from '../helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, {recursive: true, force: true});
});

describe('browserCandidates', () => {
  it('looks where Chrome, Chromium and Edge install themselves on Windows', () => {
    const found = browserCandidates('win32', {PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\sec\\AppData\\Local'});
    expect(found).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
    expect(found).toContain('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(found).toContain('C:\\Users\\sec\\AppData\\Local\\Chromium\\Application\\chrome.exe');
  });

  it('looks in the Applications folders on macOS', () => {
    const found = browserCandidates('darwin', {HOME: '/Users/sec'});
    expect(found).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(found).toContain('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge');
    expect(found).toContain('/Users/sec/Applications/Chromium.app/Contents/MacOS/Chromium');
  });

  it('looks at the usual Linux paths, then on PATH', () => {
    const found = browserCandidates('linux', {PATH: ['/opt/a', '/opt/b'].join(path.delimiter)});
    expect(found[0]).toBe('/usr/bin/chromium');
    expect(found).toContain('/usr/bin/google-chrome');
    expect(found).toContain(path.join('/opt/b', 'microsoft-edge'));
  });
});

describe('findInstalledBrowser', () => {
  it('uses a named browser, and refuses one that is missing instead of picking another', () => {
    const dir = tempDir();
    dirs.push(dir);
    const fake = path.join(dir, 'my-chrome');
    fs.writeFileSync(fake, '#!/bin/sh\n', {mode: 0o755});
    expect(findInstalledBrowser('my-chrome', dir, {})?.executablePath).toBe(fake);
    expect(findInstalledBrowser(undefined, dir, {OPSG_CHROMIUM: fake})?.source).toBe('named');
    expect(() => findInstalledBrowser('/nonexistent/chromium', dir, {})).toThrow(UsageError);
    expect(() => findInstalledBrowser(undefined, dir, {OPSG_CHROMIUM: '/nonexistent'})).toThrow(/Cannot find a browser at `\/nonexistent` \(OPSG_CHROMIUM\): install Chrome, Chromium or Edge, or run `npm install @sparticuz\/chromium`/);
  });

  it('finds Chrome in a macOS user\'s own Applications folder', () => {
    const home = tempDir();
    dirs.push(home);
    const app = path.join(home, 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    fs.mkdirSync(path.dirname(app), {recursive: true});
    fs.writeFileSync(app, '#!/bin/sh\n', {mode: 0o755});
    expect(findInstalledBrowser(undefined, home, {HOME: home}, 'darwin')).toMatchObject({executablePath: app, source: 'installed'});
    // And nothing at all where nothing is installed.
    expect(findInstalledBrowser(undefined, home, {HOME: path.join(home, 'nobody')}, 'darwin')).toBeUndefined();
  });
});

describe('the npm-shipped browser', () => {
  it('is found when the package is installed, and prints', async () => {
    const choice = await packagedBrowser(root);
    expect(choice?.source).toBe('package');
    expect(fs.existsSync(choice!.executablePath)).toBe(true);
    // Not the package's Lambda arguments: `--single-process` closes the first page.
    expect(choice!.args).not.toContain('--single-process');
    const browser = await launchBrowser(choice!);
    try {
      const page = await browser.newPage();
      await page.setContent('<h1>Headlines</h1>');
      const pdf = await page.pdf();
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('is the last resort of findBrowser: with nothing installed, it is what opsg pdf uses', async () => {
    const choice = await findBrowser(undefined, root, {PATH: ''});
    expect(['installed', 'package']).toContain(choice.source);
  });
});
