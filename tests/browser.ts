/**
 * The browser every browser test launches: an installed Chrome, Chromium or Edge, else the
 * one the `@sparticuz/chromium` dev dependency ships, found exactly as `opsg pdf` finds it.
 * `OPSG_TEST_BROWSER=package` skips the installed one, to try the fallback on any machine.
 */
import {chromium, type Browser} from 'playwright-core';
import {findInstalledBrowser, packagedBrowser, type BrowserChoice} from '../src/browser.js';
import {root} from './helpers.js';

/** The browser the tests use (OPSG_CHROMIUM is for `opsg pdf`'s own tests, so it is ignored here). */
export async function testBrowser(): Promise<BrowserChoice> {
  const {OPSG_CHROMIUM: _named, ...env} = process.env;
  const installed = process.env.OPSG_TEST_BROWSER === 'package' ? undefined : findInstalledBrowser(undefined, root, env);
  const choice = installed ?? (await packagedBrowser(root));
  if (!choice) throw new Error('No browser for the tests: install Chromium, or run `npm ci` to get the dev dependency @sparticuz/chromium');
  return choice;
}

/** Launch the tests' browser headless. */
export async function launchTestBrowser(): Promise<Browser> {
  const choice = await testBrowser();
  return chromium.launch({executablePath: choice.executablePath, args: choice.args});
}
