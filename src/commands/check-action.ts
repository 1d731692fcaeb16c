/** What `opsg check` does; loaded only when it runs, as it brings in the whole pipeline. */
import {check} from '../build.js';
import {finish, plural, pick, startProgress, type CommandState, type CommonFlags, type Io} from './shared.js';

/** Check the content and report. */
export async function checkAction(io: Io, state: CommandState, flags: CommonFlags): Promise<void> {
  const progress = startProgress(io, flags);
  const result = await check({...pick(flags), ...progress.options, reportOnly: true}).finally(progress.end);
  finish(io, state, result.files, flags, `opsg: ${plural(result.checked, 'file')} checked, ${result.published.length} publishable`);
}
