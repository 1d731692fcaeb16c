/** `opsg build`: check content, then write the site. */
import {InvalidArgumentError, type Command} from 'commander';
import {build} from '../index.js';
import {contentOptions, defined, finish, pick, type CommandState, type CommonFlags, type Io} from './shared.js';

/** Build-only flags. */
export interface BuildFlags extends CommonFlags {
  out?: string;
  base?: string;
  templates?: string;
  excludeRestricted?: boolean;
  force?: boolean;
  jobs?: number;
  /** A folder, `false` for --no-cache, `true` (commander's default) for the configured one. */
  cache?: string | boolean;
  /** `false` for --no-search. */
  search?: boolean;
}

/** Declare the build flags once (also used by `opsg pdf`). */
export function buildOptions(command: Command): Command {
  return contentOptions(command)
    .option('-o, --out <dir>', 'output folder (default: dist)')
    .option('--base <path>', 'path the site is served from, such as /headlines/')
    .option('--templates <dir>', 'folder of template overrides (default: templates)')
    .option('--exclude-restricted', 'leave non-White documents out instead of failing')
    .option('--force', 'replace an output folder that opsg did not create')
    .option('-j, --jobs <n>', 'worker threads (default: one per core)', parseJobs)
    .option('--cache <dir>', 'build cache folder (default: .opsg-cache)')
    .option('--no-cache', 'build without reading or writing the cache')
    .option('--no-search', 'build without the search index and search box');
}

/** The build flags as library options. */
export function buildFlagsToOptions(flags: BuildFlags) {
  return {...pick(flags), ...defined({out: flags.out, base: flags.base, templates: flags.templates, excludeRestricted: flags.excludeRestricted, force: flags.force, jobs: flags.jobs, cache: flags.cache === true ? undefined : flags.cache, search: flags.search === false ? false : undefined})};
}

function parseJobs(value: string): number {
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new InvalidArgumentError('expected a whole number from 1 to 256');
  return jobs;
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
