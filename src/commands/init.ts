/** `opsg init`: create a new site. Its work is in init-action.ts, loaded when it runs. */
import type {Command} from 'commander';
import {examples, type CommandState, type Io} from './shared.js';

/** Flags of `opsg init`. */
export interface InitFlags {
  /** How the site installs opsg. */
  opsg?: string;
}

/** Register the command. */
export function register(program: Command, io: Io, state: CommandState): void {
  const command = program
    .command('init')
    .description('create a new site (package.json, config, CI workflow, an example draft meeting, .gitignore, README); never overwrites a file')
    .argument('[dir]', 'folder for the site, created when missing', '.')
    .option('--opsg <spec>', 'how the site installs opsg: a tarball made with `npm pack` (copied into vendor/) or a git URL (default: this version)')
    .action(async (dir: string, flags: InitFlags) => (await import('./init-action.js')).initAction(io, state, dir, flags));
  examples(command, ['opsg init headlines', 'opsg init headlines --opsg ../opsg/opsg-0.1.0.tgz', 'opsg init --opsg git+https://example.org/opsg.git']);
}
