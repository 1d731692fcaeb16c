/** `opsg pdf`: build the site, then print each meeting to PDF with Chromium. Its work is in pdf-action.ts, loaded when it runs. */
import type {Command} from 'commander';
import {buildOptions, type BuildFlags} from './build.js';
import {examples, type CommandState, type Io} from './shared.js';

/** The pdf command's flags: the build's, with `--out` naming the PDF folder. */
export interface PdfFlags extends BuildFlags {
  /** The site's output folder. */
  siteOut?: string;
  /** The browser to print with. */
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
    .action(async (flags: PdfFlags) => (await import('./pdf-action.js')).pdfAction(io, state, flags));
  examples(command, ['opsg pdf', 'opsg pdf --out print --drafts', 'opsg pdf --chromium "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"']);
}
