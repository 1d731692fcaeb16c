// `npm run bench:startup`: how long opsg takes before it does any work. Prints the median of
// --runs (15) runs of `opsg --version`, `node -e 0` and `opsg check` on the example site, the
// ratio `opsg --version / node -e 0`, and the modules `opsg --version` loads (counted by the
// preload tests/fixtures/loaded-modules.js: files read by the module loaders, and the sources
// a bundled file's source map says it holds).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {spawnSync} from 'node:child_process';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const index = process.argv.indexOf('--runs');
const runs = index === -1 ? 15 : Number(process.argv[index + 1]);
const bin = path.join(root, 'bin', 'opsg.js');

/** Wall time of one run of node with these arguments, in ms; a failed run stops the bench. */
function time(args, env = {}) {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, {cwd: root, encoding: 'utf8', env: {...process.env, ...env}});
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${result.status}: ${result.stderr}`);
  return ms;
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const commands = [
  {label: 'opsg --version', args: [bin, '--version']},
  {label: 'node -e 0', args: ['-e', '0']},
  {label: 'opsg check (example site)', args: [bin, 'check', '--quiet']},
];
const samples = commands.map(() => []);
// Interleaved, so that a burst of load on the machine falls on every command alike.
time(commands[0].args);
for (let run = 0; run < runs; run++) commands.forEach((command, i) => samples[i].push(time(command.args)));
const ms = samples.map(median);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsg-startup-'));
const record = path.join(dir, 'loaded.json');
time(['--import', path.join(root, 'tests', 'fixtures', 'loaded-modules.js'), bin, '--version'], {OPSG_LOADED_MODULES: record});
const loaded = JSON.parse(fs.readFileSync(record, 'utf8'));
fs.rmSync(dir, {recursive: true, force: true});
const bundled = loaded.sources.filter((url) => !loaded.files.includes(url));

console.log(`\nopsg start-up: ${runs} runs each (median), Node ${process.version}\n`);
console.log('| run | time |');
console.log('| --- | ---: |');
commands.forEach((command, i) => console.log(`| ${command.label} | ${ms[i].toFixed(0)} ms |`));
console.log(`\nopsg --version / node -e 0: ${(ms[0] / ms[1]).toFixed(2)}×`);
console.log(`opsg --version loads ${loaded.files.length} files${bundled.length > 0 ? `, holding ${bundled.length} bundled source modules` : ''}.`);
