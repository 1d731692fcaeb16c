/** `opsg new`: start a group's next meeting. Its work is in new-action.ts, loaded when it runs. */
import type {Command} from 'commander';
import {examples, type CommandState, type Io} from './shared.js';

/** Flags of `opsg new`. */
export interface NewFlags {
  /** Meeting date, YYYY-MM-DD. */
  date?: string;
  /** Meeting number, as typed. */
  meeting?: string;
  /** Content folder. */
  content?: string;
  /** Config file. */
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
    .action(async (group: string, flags: NewFlags) => (await import('./new-action.js')).newAction(io, state, group, flags));
  examples(command, ['opsg new OPSG', 'opsg new SSC --date 2020-01-15', 'opsg new OPSG --meeting 30 --date 2020-03-03']);
}
