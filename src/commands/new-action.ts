/** What `opsg new` does; loaded only when it runs. */
import {UsageError} from '../config.js';
import {formatReport, newMeeting} from '../index.js';
import type {NewFlags} from './new.js';
import {defined, type CommandState, type Io} from './shared.js';

/** Write the group's next meeting and print its path. */
export function newAction(io: Io, state: CommandState, group: string, flags: NewFlags): void {
  let meeting: number | undefined;
  if (flags.meeting !== undefined) {
    meeting = /^\d+$/.test(flags.meeting) ? Number(flags.meeting) : Number.NaN;
    if (!(Number.isSafeInteger(meeting) && meeting > 0)) throw new UsageError(`Cannot use --meeting \`${flags.meeting}\`, expected a positive integer such as \`28\``);
  }
  const result = newMeeting({group, ...defined({date: flags.date, meeting, content: flags.content, config: flags.config})});
  const report = formatReport(result.files, {format: 'text', color: (io.stderr as NodeJS.WriteStream).isTTY === true});
  if (report) io.stderr.write(report);
  if (result.path === undefined) {
    state.code = 1;
    return;
  }
  io.stdout.write(result.path + '\n');
  state.code = 0;
}
