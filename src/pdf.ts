/**
 * `pdf()`: build the site, then print its print pages to PDF with a locally installed
 * Chromium. The print stylesheet does the layout (A4, the label on every page, page
 * numbers); Chromium only follows it, so a PDF matches what any browser prints.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import {pathToFileURL} from 'node:url';
import type {Browser, Page} from 'playwright-core';
import {VFile} from 'vfile';
import {findBrowser, launchBrowser, type BrowserChoice} from './browser.js';
import {loadSettings, UsageError, type BuildOptions, type Settings} from './config.js';
import {fatal, hasError} from './messages.js';
import {run, type RunResult} from './pipeline/index.js';

/** Options of `pdf()`: the build's, plus where the PDFs go and which Chromium prints them. */
export interface PdfOptions extends BuildOptions {
  /** Folder for the PDFs, relative to `cwd`; default `pdf`. */
  pdfOut?: string;
  /** Browser executable; default `OPSG_CHROMIUM`, then an installed Chrome, Chromium or Edge, then `@sparticuz/chromium`. */
  chromium?: string;
  /** A running browser to print with instead of launching one (it is left open). */
  browser?: Browser;
}

/** What `pdf()` produced: the build's result plus the PDFs. */
export interface PdfResult extends RunResult {
  /** Absolute paths of the PDFs written: each meeting's, then the combined ones. */
  pdfs: string[];
}

/**
 * How every page is printed. `tagged` gives a structure tree (headings, lists, paragraphs,
 * and the document language from `<html lang>`) that screen readers and accessibility
 * checkers need; `outline` gives one bookmark per heading, so each agenda item is a
 * bookmark under the meeting's title. The title comes from `<title>`.
 */
export const printOptions = {preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false, tagged: true, outline: true} as const;

/**
 * Build the site, then write `<group>-<meeting>.pdf` for each meeting, `all.pdf` for the
 * combined print page, and `<group>-all.pdf` for each group's when `printPerGroup` is on.
 * Throws `UsageError` when no Chromium can be found or started, or the PDF folder is
 * misplaced; content problems are messages on `files`, and then no PDF is written.
 */
export async function pdf(options: PdfOptions = {}): Promise<PdfResult> {
  const {settings, configFile} = loadSettings(options);
  const dir = path.resolve(settings.cwd, options.pdfOut ?? 'pdf');
  if (dir === settings.out || dir.startsWith(settings.out + path.sep)) {
    // The next build replaces the whole site folder, PDFs and all.
    throw new UsageError(`Cannot write PDFs to \`${path.relative(settings.cwd, dir) || dir}\`: it is inside the site folder, which every build replaces`);
  }
  const choice = options.browser ? undefined : await findBrowser(options.chromium, settings.cwd);
  // Drafts are printed from a private build, removed afterwards: the site folder stays as
  // the last plain build left it, so drafts never wait there to be uploaded by mistake.
  const privateOut = settings.drafts ? fs.mkdtempSync(path.join(os.tmpdir(), 'opsg-drafts-')) : undefined;
  try {
    return await printAll(privateOut ? {...settings, out: privateOut, force: true, cache: undefined} : settings, options, configFile, dir, choice, privateOut !== undefined);
  } finally {
    if (privateOut) fs.rmSync(privateOut, {recursive: true, force: true});
  }
}

/** Build into `settings.out`, then print its print pages. */
async function printAll(settings: Settings, options: PdfOptions, configFile: VFile | undefined, dir: string, choice: BrowserChoice | undefined, privateOut: boolean): Promise<PdfResult> {
  const built = await run(settings, {write: true, configFile, privateOut, ...(options.onProgress ? {onProgress: options.onProgress} : {})});
  const result: PdfResult = {...built, pdfs: []};
  if (built.files.some(hasError)) return result;

  const jobs = printJobs(built.written, draftPages(built));
  // Printing problems are reported on the PDF folder.
  const report = new VFile({path: path.relative(settings.cwd, dir) || dir, cwd: settings.cwd});
  const browser = options.browser ?? (await launchBrowser(choice!));
  try {
    fs.mkdirSync(dir, {recursive: true});
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      for (const [index, job] of jobs.entries()) {
        options.onProgress?.({stage: 'print', done: index, total: jobs.length});
        const target = path.join(dir, job.pdf);
        try {
          // A draft says so on every page: a fixed element repeats on each printed page.
          await printPage(page, path.join(settings.out, job.page), target, job.draft ? draftMark : undefined);
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
export async function printPage(page: Page, file: string, target: string, style?: string): Promise<void> {
  await page.goto(pathToFileURL(file).href, {waitUntil: 'load'});
  // A constructed stylesheet, not a <style> element: the page's Content-Security-Policy
  // refuses inline styles (and scripts), and stays in force while the page prints.
  if (style !== undefined) {
    await page.evaluate((css) => {
      const scope = globalThis as unknown as {CSSStyleSheet: new () => {replaceSync(text: string): void}; document: {adoptedStyleSheets: unknown[]}};
      const sheet = new scope.CSSStyleSheet();
      sheet.replaceSync(css);
      scope.document.adoptedStyleSheets = [...scope.document.adoptedStyleSheets, sheet];
    }, style);
  }
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
  /** Whether it shows a draft meeting: then DRAFT is on every page. */
  draft: boolean;
}

/** The mark on every page of a draft PDF. */
const draftMark = 'body::after { content: "DRAFT"; position: fixed; top: 0; left: 0; font: 700 11pt sans-serif; letter-spacing: .1em; color: #fff; background: #8a1c1c; padding: 1mm 3mm; }';

/** Print pages that show a draft: the meeting's own, its group's, and the combined one. */
function draftPages(built: RunResult): Set<string> {
  const pages = new Set<string>();
  for (const file of built.files) {
    const meeting = file.data.meeting;
    if (!meeting || meeting.status !== 'draft' || !file.data.view) continue;
    pages.add(`${meeting.groupSlug}/${meeting.number}/print.html`).add(`${meeting.groupSlug}/print.html`).add('print.html');
  }
  return pages;
}

/** The print pages among the written site paths, meetings first (sorted), then combined ones. */
function printJobs(written: string[], drafts: Set<string>): PrintJob[] {
  const meetings: PrintJob[] = [];
  const combined: PrintJob[] = [];
  for (const page of [...written].sort()) {
    const meeting = /^([^/]+)\/(\d+)\/print\.html$/.exec(page);
    const group = /^([^/]+)\/print\.html$/.exec(page);
    const draft = drafts.has(page);
    if (meeting) meetings.push({page, pdf: `${meeting[1]!.toLowerCase()}-${meeting[2]}.pdf`, draft});
    // `<group>-all`: a meeting number is never `all`, so the names cannot collide.
    else if (group) combined.push({page, pdf: `${group[1]!.toLowerCase()}-all.pdf`, draft});
    else if (page === 'print.html') combined.unshift({page, pdf: 'all.pdf', draft});
  }
  return [...meetings, ...combined];
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
