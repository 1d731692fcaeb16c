/** `opsg import`: headlines in plain text, Markdown or Word (.docx) → meeting files. */
import type {Command} from 'commander';
import {UsageError} from '../config.js';
import {maxFileBytes} from '../pipeline/load.js';
import {exitCode, formatReport, importDocuments, type ImportInput} from '../index.js';
import {defined, examplesText, type CommandState, type Io} from './shared.js';

/** Flags of `opsg import`. */
interface ImportFlags {
  out?: string;
  force?: boolean;
  content?: string;
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
    .action(async (paths: string[], flags: ImportFlags) => {
      if (paths.filter((name) => name === '-').length > 1) throw new UsageError('Cannot read standard input twice, expected `-` at most once');
      const inputs: ImportInput[] = [];
      for (const name of paths) inputs.push(name === '-' ? {path: '-', value: await readStdin()} : {path: name});
      const result = await importDocuments({inputs, ...defined({out: flags.out, force: flags.force, content: flags.content, config: flags.config})});
      const report = formatReport(result.files, {format: 'text', color: (io.stderr as NodeJS.WriteStream).isTTY === true});
      if (report) io.stderr.write(report);
      for (const written of result.written) io.stdout.write(written + '\n');
      // A target that exists is misuse (2), as for `new` and `init`; otherwise any error is 1.
      state.code = result.conflicts.length > 0 ? 2 : exitCode(result.files, false);
      if (state.code !== 0 && result.written.length === 0) io.stderr.write('opsg: nothing was written\n');
    });
}

/**
 * All of standard input, as bytes (decoded like a content file). Bounded like every other
 * read: past the content size limit it stops reading and refuses, so `opsg import - </dev/zero`
 * ends at once instead of growing without end.
 */
async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    if (size > maxFileBytes) {
      process.stdin.destroy();
      throw new UsageError(`Cannot import standard input: it is over ${maxFileBytes / (1024 * 1024)} MB, the size limit of a meeting file`);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}
