/**
 * Finding and starting a Chromium-family browser for printing: the one the user named, else
 * an installed Chrome, Chromium or Edge at its usual place on Linux, macOS or Windows (or on
 * PATH), else the browser that the `@sparticuz/chromium` package ships, when it is installed.
 */
import fs from 'node:fs';
import path from 'node:path';
import {createRequire} from 'node:module';
import {pathToFileURL} from 'node:url';
import type {Browser} from 'playwright-core';
import {UsageError} from './config.js';

/** The package whose Chromium is the last resort: it ships the browser inside the package. */
export const npmBrowser = '@sparticuz/chromium';

/** The sentence that says how to get a browser. */
export const chromiumHint = `install Chrome, Chromium or Edge, or run \`npm install ${npmBrowser}\` in the site, or name a browser with \`--chromium PATH\` or the OPSG_CHROMIUM environment variable`;

/** Arguments for a headless print: nothing that reaches the network by itself. */
const quietArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** A browser to start. */
export interface BrowserChoice {
  /** The executable. */
  executablePath: string;
  /** Command-line arguments for a headless print. */
  args: string[];
  /** Where it was found: named by the user, installed on the system, or from the npm package. */
  source: 'named' | 'installed' | 'package';
}

/** Where Chrome, Chromium and Edge install themselves, for one platform, most specific first. */
export function browserCandidates(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((root): root is string => Boolean(root));
    const apps = ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'];
    return apps.flatMap((app) => roots.map((root) => path.win32.join(root, app)));
  }
  if (platform === 'darwin') {
    const apps = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge'];
    const roots = ['/Applications', ...(env.HOME ? [path.posix.join(env.HOME, 'Applications')] : [])];
    return apps.flatMap((app) => roots.map((root) => path.posix.join(root, app)));
  }
  const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'microsoft-edge-stable'];
  const fixed = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome', '/usr/bin/microsoft-edge', '/snap/bin/chromium'];
  const onPath = (env.PATH ?? '').split(path.delimiter).filter(Boolean).flatMap((folder) => names.map((name) => path.join(folder, name)));
  return [...fixed, ...onPath];
}

/**
 * The browser named by `option` (a `--chromium` flag) or OPSG_CHROMIUM, else the first
 * installed one; `undefined` when there is none. A named browser that is missing is an
 * error, never silently replaced by another one.
 */
export function findInstalledBrowser(option: string | undefined, cwd: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): BrowserChoice | undefined {
  const named = option ?? (env.OPSG_CHROMIUM ? env.OPSG_CHROMIUM : undefined);
  if (named !== undefined) {
    const full = path.resolve(cwd, named);
    if (isExecutable(full)) return {executablePath: full, args: quietArgs, source: 'named'};
    throw new UsageError(`Cannot find a browser at \`${named}\` (${option === undefined ? 'OPSG_CHROMIUM' : '--chromium'}): ${chromiumHint}`);
  }
  const found = browserCandidates(platform, env).find(isExecutable);
  return found ? {executablePath: found, args: quietArgs, source: 'installed'} : undefined;
}

/**
 * The browser to print with: as `findInstalledBrowser`, then the npm-shipped one, looked up
 * from opsg's own folder and from `cwd` (a site that installed it beside opsg). Throws
 * `UsageError` with what to install when there is none.
 */
export async function findBrowser(option: string | undefined, cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<BrowserChoice> {
  const installed = findInstalledBrowser(option, cwd, env);
  if (installed) return installed;
  const shipped = await packagedBrowser(cwd);
  if (shipped) return shipped;
  throw new UsageError(`Cannot find a browser, which \`opsg pdf\` prints with: ${chromiumHint}`);
}

/** The `@sparticuz/chromium` browser, unpacked on first use; `undefined` when not installed. */
export async function packagedBrowser(cwd: string): Promise<BrowserChoice | undefined> {
  const module = await importPackage(cwd);
  if (!module) return undefined;
  try {
    const executablePath = await module.executablePath();
    // Not the package's own Lambda arguments: with `--single-process` the first page closes.
    return {executablePath, args: [...quietArgs, '--no-zygote'], source: 'package'};
  } catch (error) {
    throw new UsageError(`Cannot unpack the browser of \`${npmBrowser}\`: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

/** The shape of `@sparticuz/chromium` that opsg uses. */
interface PackagedChromium {
  /** Unpacks the browser (once) and resolves to its path. */
  executablePath(): Promise<string>;
}

async function importPackage(cwd: string): Promise<PackagedChromium | undefined> {
  const places = [import.meta.url, pathToFileURL(path.join(path.resolve(cwd), 'package.json')).href];
  for (const place of places) {
    let resolved: string;
    try {
      resolved = createRequire(place).resolve(npmBrowser);
    } catch {
      continue;
    }
    const loaded = (await import(pathToFileURL(resolved).href)) as {default?: PackagedChromium} & Partial<PackagedChromium>;
    const module = loaded.default ?? (loaded as PackagedChromium);
    if (typeof module.executablePath === 'function') return module;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Start a browser headless; a failure to start is a `UsageError` that says what to do. */
export async function launchBrowser(choice: BrowserChoice): Promise<Browser> {
  try {
    // Loaded here, not at start-up: every other command would pay for it.
    const {chromium} = await import('playwright-core');
    return await chromium.launch({executablePath: choice.executablePath, args: choice.args});
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`Cannot start the browser at \`${choice.executablePath}\`: ${reason}; ${chromiumHint}`);
  }
}
