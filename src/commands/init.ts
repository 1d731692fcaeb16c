/** `opsg init`: create a new site. */
import type {Command} from 'commander';
import {initSite} from '../index.js';
import {defined, examples, type CommandState, type Io} from './shared.js';

/** Flags of `opsg init`. */
interface InitFlags {
  opsg?: string;
}

/** Register the command. */
export function register(program: Command, io: Io, state: CommandState): void {
  const command = program
    .command('init')
    .description('create a new site (package.json, config, CI workflow, an example draft meeting, .gitignore, README); never overwrites a file')
    .argument('[dir]', 'folder for the site, created when missing', '.')
    .option('--opsg <spec>', 'how the site installs opsg: a tarball made with `npm pack` (copied into vendor/) or a git URL (default: this version)')
    .action((dir: string, flags: InitFlags) => {
      // A file that exists is misuse (exit 2, like an output folder that is not opsg's):
      // initSite throws UsageError, which the CLI reports as one sentence.
      const result = initSite({dir, ...defined({opsg: flags.opsg})});
      for (const name of result.written) io.stdout.write(`${result.dir === '.' ? '' : result.dir + '/'}${name}\n`);
      const cd = result.dir === '.' ? '' : `cd ${result.dir} && `;
      io.stderr.write(`opsg: created a site in \`${result.dir}\`; next: ${cd}npm install && npx opsg new OPSG && npx opsg build\n`);
      if (result.local) {
        io.stderr.write(`opsg: package.json installs opsg from \`${result.opsg.slice('file:'.length)}\` on this machine; for CI, run \`npm pack\` in opsg's folder and \`opsg init --opsg opsg-VERSION.tgz\`, or name a git URL\n`);
      }
      state.code = 0;
    });
  examples(command, ['opsg init headlines', 'opsg init headlines --opsg ../opsg/opsg-0.1.0.tgz', 'opsg init --opsg git+https://example.org/opsg.git']);
}
