/** What `opsg init` does; loaded only when it runs. */
import {initSite} from '../index.js';
import type {InitFlags} from './init.js';
import {defined, type CommandState, type Io} from './shared.js';

/** Create the site and say what comes next. */
export function initAction(io: Io, state: CommandState, dir: string, flags: InitFlags): void {
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
}
