/**
 * `pdf()`: build the site, then print its print pages to PDF with a locally installed
 * Chromium. The print stylesheet does the layout (A4, the label on every page, page
 * numbers); Chromium only follows it, so a PDF matches what any browser prints.
 */
import fs from 'node:fs';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import {pathToFileURL} from 'node:url';
import type {Browser, Page} from 'playwright-core';
import {VFile} from 'vfile';
import {readConfig, resolveSettings, UsageError, type BuildOptions} from './config.js';
import {fatal, hasError} from './messages.js';
import {run, type RunResult} from './pipeline/index.js';

/** Options of `pdf()`: the build's, plus where the PDFs go and which Chromium prints them. */
export interface PdfOptions extends BuildOptions {
  /** Folder for the PDFs, relative to `cwd`; default `pdf`. */
  pdfOut?: string;
  /** Chromium executable; default `OPSG_CHROMIUM`, then /usr/bin/chromium, then `chromium` on PATH. */
  chromium?: string;
  /** A running browser to print with instead of launching one (it is left open). */
  browser?: Browser;
}

/** What `pdf()` produced: the build's result plus the PDFs. */
export interface PdfResult extends RunResult {
  /** Absolute paths of the PDFs written: each meeting's, then the combined ones. */
  pdfs: string[];
}

/** The sentence that says how to get a Chromium. */
export const chromiumHint = 'install it with `apt-get install chromium`, or name it with `--chromium PATH` or the OPSG_CHROMIUM environment variable';

/**
 * How every page is printed. `tagged` gives a structure tree (headings, lists, paragraphs,
 * and the document language from `<html lang>`) that screen readers and accessibility
 * checkers need; `outline` gives one bookmark per heading, so each agenda item is a
 * bookmark under the meeting's title. The title comes from `<title>`.
 */
export const printOptions = {preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false, tagged: true, outline: true} as const;

/** Arguments for a headless print: nothing that reaches the network by itself. */
const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/**
 * Build the site, then write `<group>-<meeting>.pdf` for each meeting, `all.pdf` for the
 * combined print page, and `<group>-all.pdf` for each group's when `printPerGroup` is on.
 * Throws `UsageError` when no Chromium can be found or started, or the PDF folder is
 * misplaced; content problems are messages on `files`, and then no PDF is written.
 */
export async function pdf(options: PdfOptions = {}): Promise<PdfResult> {
  const {file: configFile, config} = readConfig(options.cwd ?? process.cwd(), options.config);
  const settings = resolveSettings(options, config, configFile?.path);
  const dir = path.resolve(settings.cwd, options.pdfOut ?? 'pdf');
  if (dir === settings.out || dir.startsWith(settings.out + path.sep)) {
    // The next build replaces the whole site folder, PDFs and all.
    throw new UsageError(`Cannot write PDFs to \`${path.relative(settings.cwd, dir) || dir}\`: it is inside the site folder, which every build replaces`);
  }
  const executable = options.browser ? undefined : findChromium(options.chromium, settings.cwd);
  const built = await run(settings, {write: true, configFile});
  const result: PdfResult = {...built, pdfs: []};
  if (built.files.some(hasError)) return result;

  const jobs = printJobs(built.written);
  // Printing problems are reported on the PDF folder.
  const report = new VFile({path: path.relative(settings.cwd, dir) || dir, cwd: settings.cwd});
  const browser = options.browser ?? (await launch(executable!));
  try {
    fs.mkdirSync(dir, {recursive: true});
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      for (const job of jobs) {
        const target = path.join(dir, job.pdf);
        try {
          await printPage(page, path.join(settings.out, job.page), target);
          result.pdfs.push(target);
        } catch (error) {
          const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
          fatal(report, `Cannot print \`${job.page}\` to \`${path.relative(settings.cwd, target)}\`: ${reason}`, undefined, 'pdf', error);
        }
      }
    } finally {
      await context.close();
    }
  } finally {
    if (!options.browser) await browser.close();
  }
  if (report.messages.length === 0) {
    try {
      forgetRemoved(dir, result.pdfs);
    } catch (error) {
      report.message(`Cannot update \`${pdfRecord}\`, the list of PDFs written here: ${error instanceof Error ? error.message : String(error)}`, {ruleId: 'pdf', source: 'opsg'});
    }
  }
  if (report.messages.length > 0) result.files.push(report);
  return result;
}

/** Print one page of a built site (a file) to a PDF file, written atomically. */
export async function printPage(page: Page, file: string, target: string): Promise<void> {
  await page.goto(pathToFileURL(file).href, {waitUntil: 'load'});
  // A one-meeting page's <title> may be shortened for browsers; the PDF carries the full title.
  const headings = page.locator('article h1');
  if ((await headings.count()) === 1) {
    const title = (await headings.textContent()) ?? '';
    if (title) await page.evaluate((text) => ((globalThis as unknown as {document: {title: string}}).document.title = text), title);
  }
  const bytes = await page.pdf(printOptions);
  writeAtomic(target, bytes);
}

/** The file in the PDF folder that lists the PDFs opsg wrote there. */
export const pdfRecord = '.opsg-pdf';

/**
 * After a run that printed everything: remove the PDFs an earlier run wrote that this one
 * did not (a meeting removed or renumbered), and remember this run's. A file opsg never
 * wrote is never touched.
 */
function forgetRemoved(dir: string, written: string[]): void {
  const record = path.join(dir, pdfRecord);
  const names = written.map((file) => path.basename(file)).sort();
  let before: string[] = [];
  try {
    before = fs.readFileSync(record, 'utf8').split('\n').filter((name) => /^[^/\\]+\.pdf$/.test(name));
  } catch {
    // No earlier run here.
  }
  for (const name of before) if (!names.includes(name)) fs.rmSync(path.join(dir, name), {force: true});
  writeAtomic(record, Buffer.from(names.map((name) => name + '\n').join('')));
}

/** One page to print. */
interface PrintJob {
  /** Site path of the print page. */
  page: string;
  /** File name of the PDF. */
  pdf: string;
}

/** The print pages among the written site paths, meetings first (sorted), then combined ones. */
function printJobs(written: string[]): PrintJob[] {
  const meetings: PrintJob[] = [];
  const combined: PrintJob[] = [];
  for (const page of [...written].sort()) {
    const meeting = /^([^/]+)\/(\d+)\/print\.html$/.exec(page);
    const group = /^([^/]+)\/print\.html$/.exec(page);
    if (meeting) meetings.push({page, pdf: `${meeting[1]!.toLowerCase()}-${meeting[2]}.pdf`});
    // `<group>-all`: a meeting number is never `all`, so the names cannot collide.
    else if (group) combined.push({page, pdf: `${group[1]!.toLowerCase()}-all.pdf`});
    else if (page === 'print.html') combined.unshift({page, pdf: 'all.pdf'});
  }
  return [...meetings, ...combined];
}

/** The Chromium to use: the option, else OPSG_CHROMIUM, else /usr/bin/chromium, else PATH. */
export function findChromium(option: string | undefined, cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  // A path the user named is used or refused, never silently replaced by another one.
  const named = option ?? (env.OPSG_CHROMIUM ? env.OPSG_CHROMIUM : undefined);
  if (named !== undefined) {
    const full = path.resolve(cwd, named);
    if (isExecutable(full)) return full;
    throw new UsageError(`Cannot find Chromium at \`${named}\` (${option === undefined ? 'OPSG_CHROMIUM' : '--chromium'}): ${chromiumHint}`);
  }
  const candidates = ['/usr/bin/chromium', ...(env.PATH ?? '').split(path.delimiter).filter(Boolean).map((folder) => path.join(folder, 'chromium'))];
  const found = candidates.find(isExecutable);
  if (found) return found;
  throw new UsageError(`Cannot find Chromium, which \`opsg pdf\` prints with: ${chromiumHint}`);
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Start Chromium headless, or throw a `UsageError` that says how to get one. */
export async function launch(executablePath: string): Promise<Browser> {
  try {
    // Loaded here, not at start-up: every other command would pay for it.
    const {chromium} = await import('playwright-core');
    return await chromium.launch({executablePath, args: launchArgs});
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`Cannot start Chromium at \`${executablePath}\`: ${reason}; ${chromiumHint}`);
  }
}

/** Write through a temporary file beside the target, so a reader never sees half a PDF. */
function writeAtomic(target: string, bytes: Uint8Array): void {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    fs.writeFileSync(temp, bytes);
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, {force: true});
    throw error;
  }
}
