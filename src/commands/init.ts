/** `opsg init`: create a new site. */
import type {Command} from 'commander';
import {initSite} from '../index.js';
import type {CommandState, Io} from './shared.js';

/** Register the command. */
export function register(program: Command, io: Io, state: CommandState): void {
  program
    .command('init')
    .description('create a new site (config, an example meeting, .gitignore, README); never overwrites a file')
    .argument('[dir]', 'folder for the site, created when missing', '.')
    .action((dir: string) => {
      // A file that exists is misuse (exit 2, like an output folder that is not opsg's):
      // initSite throws UsageError, which the CLI reports as one sentence.
      const result = initSite({dir});
      for (const name of result.written) io.stdout.write(`${result.dir === '.' ? '' : result.dir + '/'}${name}\n`);
      const cd = result.dir === '.' ? '' : `cd ${result.dir} && `;
      io.stderr.write(`opsg: created a site in \`${result.dir}\`; next: ${cd}npx opsg new OPSG, then npx opsg build\n`);
      state.code = 0;
    });
}
