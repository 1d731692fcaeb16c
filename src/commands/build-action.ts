/** What `opsg build` does; loaded only when it runs, as it brings in the whole pipeline. */
import {build} from '../build.js';
import {buildFlagsToOptions, type BuildCommandFlags} from './build.js';
import {defined, finish, plural, startProgress, type CommandState, type Io} from './shared.js';

/** Build the site and report. */
export async function buildAction(io: Io, state: CommandState, flags: BuildCommandFlags): Promise<void> {
  const progress = startProgress(io, flags);
  const result = await build({...buildFlagsToOptions(flags), ...defined({pdf: flags.pdf, chromium: flags.chromium}), ...progress.options}).finally(progress.end);
  finish(io, state, result.files, flags, `opsg: built ${plural(result.published.length, 'meeting')}, ${plural(result.written.length, 'file')} (${result.changed.length} changed)`);
}
