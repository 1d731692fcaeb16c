/** What `opsg pdf` does; loaded only when it runs, as it brings in the pipeline and the browser. */
import path from 'node:path';
import {pdf} from '../index.js';
import {buildFlagsToOptions} from './build.js';
import type {PdfFlags} from './pdf.js';
import {defined, finish, startProgress, type CommandState, type Io} from './shared.js';

/** Build the site, print the PDFs, report and list them. */
export async function pdfAction(io: Io, state: CommandState, flags: PdfFlags): Promise<void> {
  const {out: _pdfOut, ...build} = buildFlagsToOptions(flags);
  const progress = startProgress(io, flags);
  const result = await pdf({...build, ...defined({out: flags.siteOut, pdfOut: flags.out, chromium: flags.chromium}), ...progress.options}).finally(progress.end);
  const cwd = process.cwd();
  const names = result.pdfs.map((file) => path.relative(cwd, file) || file);
  finish(io, state, result.files, flags, `opsg: wrote ${names.length} PDF${names.length === 1 ? '' : 's'}`);
  // Paths are machine-readable output, one per line; JSON output stays valid JSON.
  if (flags.format === 'text') for (const name of names) io.stdout.write(name + '\n');
}
