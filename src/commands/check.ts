/** `opsg check`: validate content without writing anything. */
import type {Command} from 'commander';
import {check} from '../index.js';
import {contentOptions, examples, finish, plural, pick, startProgress, type CommandState, type CommonFlags, type Io} from './shared.js';

/** Register the command. */
export function register(program: Command, io: Io, state: CommandState): void {
  const command = contentOptions(program.command('check'))
    .description('check content without writing anything')
    .action(async (flags: CommonFlags) => {
      const progress = startProgress(io, flags);
      const result = await check({...pick(flags), ...progress.options}).finally(progress.end);
      finish(io, state, result.files, flags, `opsg: ${plural(result.files.filter((f) => f.data.meeting).length, 'file')} checked, ${result.published.length} publishable`);
    });
  examples(command, ['opsg check', 'opsg check --drafts --strict', 'opsg check --format github   # annotations in a GitHub pull request']);
}
