/** `opsg check`: validate content without writing anything. */
import type {Command} from 'commander';
import {check} from '../index.js';
import {contentOptions, finish, pick, type CommandState, type CommonFlags, type Io} from './shared.js';

/** Register the command. */
export function register(program: Command, io: Io, state: CommandState): void {
  contentOptions(program.command('check'))
    .description('check content without writing anything')
    .action(async (flags: CommonFlags) => {
      const result = await check(pick(flags));
      finish(io, state, result.files, flags, `opsg: ${result.files.filter((f) => f.data.meeting).length} files checked, ${result.published.length} publishable`);
    });
}
