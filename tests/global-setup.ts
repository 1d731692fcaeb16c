/**
 * Before any test file runs: make sure the tests' browser is ready. On a machine without an
 * installed Chromium, the npm-shipped one is unpacked here, once; unpacked by two test
 * workers at the same time, one would start it while the other is still writing it.
 */
import {testBrowser} from './browser.js';

/** vitest's global setup: runs once, in the main process. */
export default async function setup(): Promise<void> {
  await testBrowser();
}
