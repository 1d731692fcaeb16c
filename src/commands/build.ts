/** `opsg build`: check content, then write the site. */
import type {Command} from 'commander';
import {build} from '../index.js';
import {contentOptions, defined, finish, pick, type CommandState, type CommonFlags, type Io} from './shared.js';

/** Build-only flags. */
export interface BuildFlags extends CommonFlags {
  out?: string;
  base?: string;
  templates?: string;
  excludeRestricted?: boolean;
  force?: boolean;
  jobs?: string;
}

/** Declare the build flags once (also used by `opsg pdf`). */
export function buildOptions(command: Command): Command {
  return contentOptions(command)
    .option('-o, --out <dir>', 'output folder (default: dist)')
    .option('--base <path>', 'path the site is served from, such as /headlines/')
    .option('--templates <dir>', 'folder of template overrides (default: templates)')
    .option('--exclude-restricted', 'leave non-White documents out instead of failing')
    .option('--force', 'replace an output folder that opsg did not create');
}

/** The build flags as library options. */
export function buildFlagsToOptions(flags: BuildFlags) {
  return {...pick(flags), ...defined({out: flags.out, base: flags.base, templates: flags.templates, excludeRestricted: flags.excludeRestricted, force: flags.force})};
}

/** Register the command. */
export function register(program: Command, io: Io, state: CommandState): void {
  buildOptions(program.command('build'))
    .description('check content, then write the site')
    .action(async (flags: BuildFlags) => {
      const result = await build(buildFlagsToOptions(flags));
      finish(io, state, result.files, flags, `opsg: built ${result.published.length} meetings, ${result.written.length} files (${result.changed.length} changed)`);
    });
}
