/**
 * `build` and `check`, the library API's two runs of the site core, in a module of their
 * own: the command line loads this, and the rest of the pipeline only when a run needs it
 * (a build in which nothing changed needs none of it).
 */
import {loadSettings, type BuildOptions} from './config.js';
import {run, type RunResult} from './pipeline/index.js';
import type {SitePdfOptions} from './build-pdf.js';

/**
 * Check the content and write the site; nothing is written when any file has an error.
 * With `pdf`, each published meeting is also printed to PDF beside its print page.
 */
export async function build(options: BuildOptions & SitePdfOptions = {}): Promise<RunResult> {
  const {chromium, browser, ...rest} = options;
  const {settings, configFile} = loadSettings(rest);
  const progress = options.onProgress ? {onProgress: options.onProgress} : {};
  if (settings.pdf) return (await import('./build-pdf.js')).buildWithPdfs(settings, configFile, {...(chromium === undefined ? {} : {chromium}), ...(browser === undefined ? {} : {browser}), ...progress});
  return run(settings, {write: true, configFile, ...progress});
}

/** How a check is asked for. */
export interface CheckOptions extends BuildOptions {
  /**
   * Only the report is wanted (`opsg check`): when nothing changed since the last build, that
   * build's report is given again, and the files carry their messages but not their data.
   * Without it, a check always reads every file's result, data included.
   */
  reportOnly?: boolean;
}

/** Check the content without writing anything. */
export async function check(options: CheckOptions = {}): Promise<RunResult> {
  const {reportOnly, ...rest} = options;
  const {settings, configFile} = loadSettings(rest);
  return run(settings, {write: false, configFile, reportOnly: reportOnly ?? false, ...(options.onProgress ? {onProgress: options.onProgress} : {})});
}
