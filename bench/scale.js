// `npm run bench:scale`: one cold build of a large generated site (default 40,000 meetings)
// with Node's default heap, to show memory does not grow with the pages' content. Options:
// --n 40000, --jobs <cores>, --heap <MiB> (a smaller heap limit, as on a smaller machine).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {generate} from './corpus.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const flag = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const n = flag('n', 40000);
const jobs = flag('jobs', os.availableParallelism());
const heap = flag('heap', 0);
const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
const dir = fs.mkdtempSync(path.join(base, 'opsg-scale-'));
try {
  fs.writeFileSync(path.join(dir, 'opsg.config.json'), JSON.stringify({title: 'Benchmark', url: 'https://example.org'}));
  generate(dir, n);
  const args = [...(heap ? [`--max-old-space-size=${heap}`] : []), path.join(here, 'measure.js'), 'build', dir, path.join(dir, 'dist'), path.join(dir, '.opsg-cache'), String(jobs)];
  const result = spawnSync(process.execPath, args, {encoding: 'utf8', maxBuffer: 1 << 26});
  const limit = heap || Math.round(v8.getHeapStatistics().heap_size_limit / 1048576);
  if (result.status !== 0) {
    console.log(`opsg build of ${n} meetings failed (heap limit ${limit} MiB, exit ${result.status}):\n${(result.stderr || result.stdout).split('\n').slice(0, 5).join('\n')}`);
    process.exitCode = 1;
  } else {
    const {ms, rssMiB} = JSON.parse(result.stdout.trim().split('\n').at(-1));
    const pages = fs.readdirSync(path.join(dir, 'dist'), {recursive: true}).length;
    console.log(`opsg build, cold, ${n} meetings, ${jobs} jobs, heap limit ${limit} MiB: ${(ms / 1000).toFixed(1)} s, peak RSS ${rssMiB.toFixed(0)} MiB, ${pages} files and folders written`);
  }
} finally {
  fs.rmSync(dir, {recursive: true, force: true});
}
