/** `opsg new`. */
import type {Command} from 'commander';
import type {CommandState, Io} from './shared.js';

/** Register the command. */
export function register(program: Command, io: Io, state: CommandState): void {
  program.command('new').description('(not available yet)').action(() => {
    io.stderr.write('opsg: `new` is not available yet\n');
    state.code = 2;
  });
}
