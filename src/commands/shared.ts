/** What every command shares: the IO streams, the report, the exit code. */
import {Option, type Command} from 'commander';
import type {VFile} from 'vfile';
import {exitCode, formatReport, type Format} from '../report.js';
import {causeOf} from '../messages.js';
import {terminalProgress, type OnProgress} from '../progress.js';

/** Where a command writes. */
export interface Io {
  /** Machine-readable output (JSON, annotations, paths). */
  stdout: NodeJS.WritableStream;
  /** The human report and progress. */
  stderr: NodeJS.WritableStream;
}

/** A command's outcome: the CLI exits with `code`. */
export interface CommandState {
  /** Exit code to use. */
  code: number;
}

/** Flags shared by commands that check content. */
export interface CommonFlags {
  content?: string;
  config?: string;
  drafts?: boolean;
  format: Format;
  quiet?: boolean;
  strict?: boolean;
  debug?: boolean;
}

/** Content flags a command can leave out, because they would do nothing there. */
export type OmittedFlag = 'drafts' | 'format' | 'strict';

/** Declare the content flags once; `omit` leaves out those that do nothing for this command. */
export function contentOptions(command: Command, omit: OmittedFlag[] = []): Command {
  command
    .option('-c, --content <dir>', 'content folder (default: content)')
    .option('--config <file>', 'config file (default: opsg.config.json when present)');
  if (!omit.includes('drafts')) command.option('--drafts', 'include meetings with `status: draft`');
  if (!omit.includes('format')) command.addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json', 'github']).default('text'));
  command.option('-q, --quiet', 'show only warnings and errors');
  if (!omit.includes('strict')) command.option('--strict', 'fail on warnings too');
  return command.option('--debug', 'print the stack of internal errors');
}

/** `1 file`, `2 files`: a count and its noun, in English. */
export function plural(count: number, noun: string, nouns = noun + 's'): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** Print the report in the chosen format and set the exit code from the messages. */
export function finish(io: Io, state: CommandState, files: VFile[], flags: CommonFlags, summary?: string): void {
  const text = formatReport(files, {format: flags.format, quiet: flags.quiet ?? false, color: flags.format === 'text' && (io.stderr as NodeJS.WriteStream).isTTY === true});
  if (flags.format === 'text') io.stderr.write(text);
  else io.stdout.write(text);
  if (flags.debug) {
    for (const message of files.flatMap((file) => file.messages)) {
      const cause = causeOf(message);
      if (cause) io.stderr.write(`${message.file}: ${cause.stack ?? cause.message}\n`);
    }
  }
  state.code = exitCode(files, flags.strict ?? false);
  if (state.code === 0 && summary && flags.format === 'text') io.stderr.write(summary + '\n');
}

/** The content flags as library options. */
export function pick(flags: CommonFlags) {
  return defined({content: flags.content, config: flags.config, drafts: flags.drafts});
}

/** Drop undefined values (options are `exactOptionalPropertyTypes`). */
export function defined<T extends Record<string, unknown>>(object: T): {[K in keyof T]?: Exclude<T[K], undefined>} {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as {[K in keyof T]?: Exclude<T[K], undefined>};
}

/** End a command's `--help` with a few real command lines. */
export function examples(command: Command, lines: string[]): Command {
  return command.addHelpText('after', examplesText(lines));
}

/** The `Examples:` block that ends a command's `--help`. */
export function examplesText(lines: string[]): string {
  return '\nExamples:\n' + lines.map((line) => `  $ ${line}`).join('\n') + '\n';
}

/** A progress line on the terminal for long work, none with --quiet, another format or no terminal. */
export function startProgress(io: Io, flags: {quiet?: boolean; format?: string}): {options: {onProgress?: OnProgress}; end(): void} {
  const progress = flags.format === undefined || flags.format === 'text' ? terminalProgress(io.stderr, flags.quiet ?? false) : undefined;
  return {options: progress ? {onProgress: progress.onProgress} : {}, end: () => progress?.end()};
}
