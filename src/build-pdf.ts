/**
 * `opsg build --pdf`: the site, plus each published meeting's PDF beside its print page
 * (`opsg/27/opsg-27.pdf`), which the meeting page links to. A draft's never: with
 * `--drafts` its pages are previews, and a PDF outlives the preview it came from.
 *
 * The PDFs are printed from the site once it is in place (Chromium reads the pages from
 * disk); each is written atomically. Should one fail, the run reports it at the site
 * folder and exits 1: the site is complete but that link is broken until the next build.
 */
import path from 'node:path';
import type {Browser} from 'playwright-core';
import {VFile} from 'vfile';
import type {Settings} from './config.js';
import {publishable} from './pipeline/core.js';
import {fatal, hasError} from './messages.js';
import {findBrowser, launchBrowser} from './browser.js';
import {printPage} from './pdf.js';
import type {OnProgress} from './progress.js';
import {run, type RunResult} from './pipeline/index.js';

/** How `build --pdf` finds its browser. */
export interface SitePdfOptions {
  /** Browser executable; default `OPSG_CHROMIUM`, then an installed Chrome, Chromium or Edge, then `@sparticuz/chromium`. */
  chromium?: string;
  /** A running browser to print with instead of launching one (it is left open). */
  browser?: Browser;
  /** Called as files are checked and pages written, for a progress display. */
  onProgress?: OnProgress;
}

/** The PDF of a meeting, beside its print page: `<group>/<number>/<group>-<number>.pdf`. */
export function meetingPdfPath(groupSlug: string, number: number): string {
  // The same name as `opsg pdf` gives it, so a downloaded file says which meeting it is.
  return `${groupSlug}/${number}/${groupSlug}-${number}.pdf`;
}

/**
 * Build the site, then print each published meeting's print page to PDF inside it. No
 * Chromium is a `UsageError` before anything is built; content problems stop the run
 * before printing, as for a plain build.
 */
export async function buildWithPdfs(settings: Settings, configFile: VFile | undefined, options: SitePdfOptions = {}): Promise<RunResult & {pdfs: string[]}> {
  const choice = options.browser ? undefined : await findBrowser(options.chromium, settings.cwd);
  const built = await run(settings, {write: true, configFile, ...(options.onProgress ? {onProgress: options.onProgress} : {})});
  const result = {...built, written: [...built.written], changed: [...built.changed], pdfs: [] as string[]};
  if (built.files.some(hasError) || built.written.length === 0) return result;
  const jobs = built.files.flatMap((file) => {
    const meeting = file.data.meeting;
    // The gate's own test, and never a draft's PDF, even in a drafts build.
    if (!meeting || !publishable(file) || meeting.status === 'draft') return [];
    const page = `${meeting.groupSlug}/${meeting.number}/print.html`;
    return built.written.includes(page) ? [{page, pdf: meetingPdfPath(meeting.groupSlug, meeting.number)}] : [];
  }).sort((a, b) => (a.pdf < b.pdf ? -1 : 1));
  const report = new VFile({path: path.relative(settings.cwd, settings.out) || settings.out, cwd: settings.cwd});
  const browser = options.browser ?? (await launchBrowser(choice!));
  try {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      for (const job of jobs) {
        const target = path.join(settings.out, job.pdf);
        try {
          await printPage(page, path.join(settings.out, job.page), target);
          result.pdfs.push(target);
          result.written.push(job.pdf);
          result.changed.push(job.pdf);
        } catch (error) {
          const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
          fatal(report, `Cannot print \`${job.page}\` to \`${job.pdf}\`: ${reason}; the meeting page links to it`, undefined, 'pdf', error);
        }
      }
    } finally {
      await context.close();
    }
  } finally {
    if (!options.browser) await browser.close();
  }
  if (report.messages.length > 0) result.files.push(report);
  result.written.sort();
  result.changed.sort();
  return result;
}
