/** What `opsg import` does; loaded only when it runs, as it brings in the Markdown and Word readers. */
import {UsageError} from '../config.js';
import {maxFileBytes} from '../pipeline/load.js';
import {exitCode, formatReport, importDocuments, type ImportInput} from '../index.js';
import type {ImportFlags} from './import.js';
import {defined, type CommandState, type Io} from './shared.js';

/** Import the files (or standard input) and report. */
export async function importAction(io: Io, state: CommandState, paths: string[], flags: ImportFlags): Promise<void> {
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
