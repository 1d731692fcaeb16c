/** `opsg pdf`: build the site, then print each meeting to PDF with Chromium. */
import path from 'node:path';
import type {Command} from 'commander';
import {pdf} from '../index.js';
import {buildFlagsToOptions, buildOptions, type BuildFlags} from './build.js';
import {defined, examples, finish, startProgress, type CommandState, type Io} from './shared.js';

/** The pdf command's flags: the build's, with `--out` naming the PDF folder. */
interface PdfFlags extends BuildFlags {
  siteOut?: string;
  chromium?: string;
}

/** Register the command. */
export function register(program: Command, io: Io, state: CommandState): void {
  const command = buildOptions(program.command('pdf'));
  // `--out` is where this command's own output goes, the PDFs; the site keeps its usual
  // folder, or takes `--site-out`.
  const out = command.options.find((option) => option.long === '--out');
  if (out) out.description = 'folder for the PDFs (default: pdf)';
  command
    .option('--site-out <dir>', 'site output folder (default: dist)')
    .option('--chromium <path>', 'browser to print with (default: $OPSG_CHROMIUM, an installed Chrome, Chromium or Edge, then @sparticuz/chromium)')
    .description('build, then print each meeting to PDF with Chromium')
    .action(async (flags: PdfFlags) => {
      const {out: _pdfOut, ...build} = buildFlagsToOptions(flags);
      const progress = startProgress(io, flags);
      const result = await pdf({...build, ...defined({out: flags.siteOut, pdfOut: flags.out, chromium: flags.chromium}), ...progress.options}).finally(progress.end);
      const cwd = process.cwd();
      const names = result.pdfs.map((file) => path.relative(cwd, file) || file);
      finish(io, state, result.files, flags, `opsg: wrote ${names.length} PDF${names.length === 1 ? '' : 's'}`);
      // Paths are machine-readable output, one per line; JSON output stays valid JSON.
      if (flags.format === 'text') for (const name of names) io.stdout.write(name + '\n');
    });
  examples(command, ['opsg pdf', 'opsg pdf --out print --drafts', 'opsg pdf --chromium "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"']);
}
