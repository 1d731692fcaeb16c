/**
 * The command line: argv → options → a library call → a report and an exit code.
 * The only module that touches process.argv, process.exit and the terminal.
 */
import {Command, CommanderError, Option} from 'commander';
import type {VFile} from 'vfile';
import {build, check, UsageError, formatReport, exitCode, type Format} from './index.js';
import {version} from './version.js';

/** Flags shared by `check` and `build`, declared once. */
function contentOptions(command: Command): Command {
  return command
    .option('-c, --content <dir>', 'content folder (default: content)')
    .option('--config <file>', 'config file (default: opsg.config.json when present)')
    .option('--drafts', 'include meetings with `status: draft`')
    .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json', 'github']).default('text'))
    .option('-q, --quiet', 'show only warnings and errors')
    .option('--strict', 'fail on warnings too')
    .option('--debug', 'print the stack of internal errors');
}

interface CommonFlags {
  content?: string;
  config?: string;
  drafts?: boolean;
  format: Format;
  quiet?: boolean;
  strict?: boolean;
  debug?: boolean;
}

/** Run the CLI; resolves to the exit code. */
export async function main(argv: string[], io: {stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream} = process): Promise<number> {
  let code = 0;
  const program = new Command('opsg')
    .description('Check and publish committee meeting headlines')
    .version(version, '-v, --version')
    .exitOverride()
    .configureOutput({writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text)})
    .showHelpAfterError('(run `opsg --help` for usage)');

  const finish = (files: VFile[], flags: CommonFlags, summary: string | undefined) => {
    const text = formatReport(files, {format: flags.format, quiet: flags.quiet ?? false, color: flags.format === 'text' && (io.stderr as NodeJS.WriteStream).isTTY === true});
    if (flags.format === 'text') io.stderr.write(text);
    else io.stdout.write(text);
    if (flags.debug) {
      for (const message of files.flatMap((file) => file.messages)) {
        if (message.ruleId === 'internal' && message.cause instanceof Error) io.stderr.write(`${message.file}: ${message.cause.stack ?? message.cause.message}\n`);
      }
    }
    code = exitCode(files, flags.strict ?? false);
    if (code === 0 && summary && flags.format === 'text') io.stderr.write(summary + '\n');
  };

  contentOptions(program.command('check'))
    .description('check content without writing anything')
    .action(async (flags: CommonFlags) => {
      const result = await check(pick(flags));
      finish(result.files, flags, `opsg: ${result.files.filter((f) => f.data.meeting).length} files checked, ${result.published.length} publishable`);
    });

  contentOptions(program.command('build'))
    .description('check content, then write the site')
    .option('-o, --out <dir>', 'output folder (default: dist)')
    .option('--base <path>', 'path the site is served from, such as /headlines/')
    .option('--templates <dir>', 'folder of template overrides (default: templates)')
    .option('--exclude-restricted', 'leave non-White documents out instead of failing')
    .option('--force', 'replace an output folder that opsg did not create')
    .action(async (flags: CommonFlags & {out?: string; base?: string; templates?: string; excludeRestricted?: boolean; force?: boolean}) => {
      const result = await build({...pick(flags), ...defined({out: flags.out, base: flags.base, templates: flags.templates, excludeRestricted: flags.excludeRestricted, force: flags.force})});
      finish(result.files, flags, `opsg: built ${result.published.length} meetings, ${result.written.length} files (${result.changed.length} changed)`);
    });

  try {
    await program.parseAsync(argv, {from: 'user'});
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? 0 : 2;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`opsg: ${error.message}\n`);
      return 2;
    }
    const debug = argv.includes('--debug');
    io.stderr.write(`opsg: internal error: ${error instanceof Error ? error.message : String(error)}${debug ? '\n' + ((error as Error).stack ?? '') : ' (rerun with --debug for the stack)'}\n`);
    return 1;
  }
  return code;
}

function pick(flags: CommonFlags) {
  return defined({content: flags.content, config: flags.config, drafts: flags.drafts});
}

/** Drop undefined values (options are `exactOptionalPropertyTypes`). */
function defined<T extends Record<string, unknown>>(object: T): {[K in keyof T]?: Exclude<T[K], undefined>} {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as {[K in keyof T]?: Exclude<T[K], undefined>};
}
