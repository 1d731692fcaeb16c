/** `opsg import`: headlines in plain text, Markdown or Word (.docx) → meeting files. Its work is in import-action.ts, loaded when it runs. */
import type {Command} from 'commander';
import {examplesText, type CommandState, type Io} from './shared.js';

/** Flags of `opsg import`. */
export interface ImportFlags {
  /** Folder to write into. */
  out?: string;
  /** Write even what cannot be read. */
  force?: boolean;
  /** Content folder. */
  content?: string;
  /** Config file. */
  config?: string;
}

/** Register the command. */
export function register(program: Command, io: Io, state: CommandState): void {
  program
    .command('import')
    .description('convert headlines without front matter (plain text, Markdown or Word .docx) into meeting files; `-` reads standard input text')
    .argument('<file...>', 'files to import, or - for standard input')
    .addHelpText('after', examplesText(['opsg import opsg-27-2019-12-03-headlines.txt', 'opsg import minutes/*.txt --out content/opsg', 'pbpaste | opsg import -']))
    .option('-o, --out <dir>', 'folder to write into (default: the content folder)')
    .option('--force', 'write even what cannot be read, with `REVIEW REQUIRED` that opsg check rejects')
    .option('-c, --content <dir>', 'content folder (default: content)')
    .option('--config <file>', 'config file (default: opsg.config.json when present)')
    .action(async (paths: string[], flags: ImportFlags) => (await import('./import-action.js')).importAction(io, state, paths, flags));
}
