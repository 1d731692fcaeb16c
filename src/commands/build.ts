/** `opsg build`: check content, then write the site. Its work is in build-action.ts, loaded when it runs. */
import {InvalidArgumentError, type Command} from 'commander';
import {contentOptions, defined, examples, pick, type CommandState, type CommonFlags, type Io} from './shared.js';

/** Build-only flags. */
export interface BuildFlags extends CommonFlags {
  out?: string;
  base?: string;
  cleanUrls?: boolean;
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
    .option('--clean-urls', 'link pages as folders (opsg/27/) for a web server; by default links name files (opsg/27/index.html), which also open from disk')
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
  return {...pick(flags), ...defined({out: flags.out, base: flags.base, cleanUrls: flags.cleanUrls, templates: flags.templates, excludeRestricted: flags.excludeRestricted, force: flags.force, jobs: flags.jobs, cache: flags.cache === true ? undefined : flags.cache, search: flags.search === false ? false : undefined})};
}

/** The flags of `opsg build` itself: the build's, and printing. */
export interface BuildCommandFlags extends BuildFlags {
  /** Also print each published meeting to PDF. */
  pdf?: boolean;
  /** The browser to print with. */
  chromium?: string;
}

function parseJobs(value: string): number {
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new InvalidArgumentError('expected a whole number from 1 to 256');
  return jobs;
}

/** Register the command. */
export function register(program: Command, io: Io, state: CommandState): void {
  const command = buildOptions(program.command('build'))
    .option('--pdf', 'also print each published meeting to PDF beside its print page, and link it')
    .option('--chromium <path>', 'browser to print with (default: $OPSG_CHROMIUM, an installed Chrome, Chromium or Edge, or @sparticuz/chromium)')
    .description('check content, then write the site')
    .action(async (flags: BuildCommandFlags) => (await import('./build-action.js')).buildAction(io, state, flags));
  examples(command, ['opsg build', 'opsg build --drafts --out preview-site', 'opsg build --clean-urls --base /headlines/   # for a web server, under /headlines/']);
}
