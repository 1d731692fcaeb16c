/**
 * The command line: argv → options → a library call → a report and an exit code.
 * The only module that touches process.argv, process.exit and the terminal; each
 * command is declared in src/commands/<name>.ts, and what it does is in
 * src/commands/<name>-action.ts, imported only when it runs: `opsg --version` and
 * `opsg --help` load commander and these declarations, not the pipeline.
 */
import {Command, CommanderError} from 'commander';
import {version} from './version.js';
import * as commands from './commands/index.js';
import type {CommandState, Io} from './commands/shared.js';

/** Run the CLI; resolves to the exit code (0 clean, 1 problems, 2 misuse). */
export async function main(argv: string[], io: Io = process): Promise<number> {
  const state: CommandState = {code: 0};
  const program = new Command('opsg')
    .description('Check and publish committee meeting headlines')
    .version(version, '-v, --version')
    .exitOverride()
    .configureOutput({writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text)})
    .showHelpAfterError('(run `opsg --help` for usage)');
  for (const register of Object.values(commands)) register(program, io, state);
  try {
    await program.parseAsync(argv, {from: 'user'});
  } catch (error) {
    if (error instanceof CommanderError) {
      return ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code) ? 0 : 2;
    }
    // Only a command's action throws these, and it has loaded the config module already.
    const {UsageError} = await import('./config.js');
    if (error instanceof UsageError) {
      io.stderr.write(`opsg: ${error.message}\n`);
      return 2;
    }
    const debug = argv.includes('--debug');
    const stack = error instanceof Error && error.stack ? error.stack : String(error);
    io.stderr.write(`opsg: internal error: ${error instanceof Error ? error.message : String(error)}${debug ? '\n' + stack : ' (rerun with --debug for the stack)'}\n`);
    return 1;
  }
  return state.code;
}
