/** `opsg new`: start a group's next meeting. */
import type {Command} from 'commander';
import {UsageError} from '../config.js';
import {formatReport, newMeeting} from '../index.js';
import {defined, examples, type CommandState, type Io} from './shared.js';

/** Flags of `opsg new`. */
interface NewFlags {
  date?: string;
  meeting?: string;
  content?: string;
  config?: string;
}

/** Register the command. */
export function register(program: Command, io: Io, state: CommandState): void {
  const command = program
    .command('new')
    .description('start the group’s next meeting as a draft and print its path')
    .argument('<group>', 'group code, such as OPSG')
    .option('--date <YYYY-MM-DD>', 'meeting date (default: the previous meeting’s next_meeting, else today in UTC or SOURCE_DATE_EPOCH)')
    .option('--meeting <N>', 'meeting number (default: one above the group’s highest)')
    .option('-c, --content <dir>', 'content folder (default: content)')
    .option('--config <file>', 'config file (default: opsg.config.json when present)')
    .action((group: string, flags: NewFlags) => {
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
    });
  examples(command, ['opsg new OPSG', 'opsg new SSC --date 2020-01-15', 'opsg new OPSG --meeting 30 --date 2020-03-03']);
}
