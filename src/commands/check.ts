/** `opsg check`: validate content without writing anything. Its work is in check-action.ts, loaded when it runs. */
import type {Command} from 'commander';
import {contentOptions, examples, type CommandState, type CommonFlags, type Io} from './shared.js';

/** Register the command. */
export function register(program: Command, io: Io, state: CommandState): void {
  const command = contentOptions(program.command('check'))
    .description('check content without writing anything')
    .action(async (flags: CommonFlags) => (await import('./check-action.js')).checkAction(io, state, flags));
  examples(command, ['opsg check', 'opsg check --drafts --strict', 'opsg check --format github   # annotations in a GitHub pull request']);
}
