// `npm run bench`: generates a deterministic corpus and prints how opsg compares with the
// bare unified pipeline. Options: --n 4000 --runs 3 --jobs <cores>, and --warm-only for the
// warm rows alone (nothing changed, one file changed; with search and without) after one
// cold build. Where Hugo is installed, its cold build of the same corpus is measured too
// (bench/hugo.js): a warm opsg build should take no longer than it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {execFileSync, spawn, spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {generate, meetingText} from './corpus.js';
import {hugoBuild, hugoSite, hugoVersion} from './hugo.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const flag = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const n = flag('n', 4000);
const runs = flag('runs', 3);
const warmOnly = process.argv.includes('--warm-only');
const jobs = flag('jobs', os.availableParallelism());
// Output on tmpfs where there is one, as the reference figures were taken.
const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
const dir = fs.mkdtempSync(path.join(base, 'opsg-bench-'));
fs.writeFileSync(path.join(dir, 'opsg.config.json'), JSON.stringify({title: 'Benchmark', url: 'https://example.org', autolinks: [{pattern: '(?:DP|MP)\\d{3}', url: 'https://example.org/modifications/{lower}/'}]}));
generate(dir, n);
const out = path.join(dir, 'dist');
const cache = path.join(dir, '.opsg-cache');

function once(args) {
  const result = spawnSync(process.execPath, [path.join(here, 'measure.js'), ...args], {encoding: 'utf8', maxBuffer: 1 << 26});
  if (result.status !== 0) throw new Error(result.stderr || result.stdout);
  return JSON.parse(result.stdout.trim().split('\n').at(-1));
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
function measure(label, prepare, args) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    prepare(i);
    samples.push(once(args()));
  }
  return {label, ms: median(samples.map((s) => s.ms)), rssMiB: median(samples.map((s) => s.rssMiB))};
}
const clean = () => {
  fs.rmSync(out, {recursive: true, force: true});
  fs.rmSync(cache, {recursive: true, force: true});
};

// What all cores give at once: one bare pipeline per core, side by side, on the same corpus.
// Their throughput over one alone bounds what any parallel build can gain on this machine.
function sideBySide() {
  const copies = os.availableParallelism();
  const runs = Array.from({length: copies}, (_, copy) => new Promise((resolve, reject) => {
    const target = path.join(dir, `bare-${copy}`);
    fs.rmSync(target, {recursive: true, force: true});
    const child = spawn(process.execPath, [path.join(here, 'measure.js'), 'bare', path.join(dir, 'content'), target]);
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)).ms) : reject(new Error(`bare copy exited with ${code}`))));
  }));
  return Promise.all(runs).then((times) => ({copies, ms: Math.max(...times)}));
}

// Hugo's cold build of the same corpus, where Hugo is installed: what a warm build is held to.
const hugo = hugoVersion();
function hugoRow() {
  if (!hugo) return undefined;
  const site = hugoSite(path.join(dir, 'hugo'), path.join(dir, 'content'));
  const times = Array.from({length: runs}, () => hugoBuild(site));
  fs.rmSync(site, {recursive: true, force: true});
  return {label: 'Hugo, cold (no cache; minimal templates, bench/hugo.js)', ms: median(times)};
}
/** Each warm row against Hugo's cold build, or why there is none. */
function againstHugo(row, warm) {
  if (!row) return '\nHugo: not installed (`hugo` is not on the PATH), so no warm build is compared with it.';
  const lines = [`\n${hugo}: a cold build took ${(row.ms / 1000).toFixed(2)} s.`];
  for (const each of warm) lines.push(`  ${each.label}: ${(each.ms / 1000).toFixed(2)} s, ${(each.ms / row.ms).toFixed(2)}× Hugo's cold build`);
  return lines.join('\n');
}

/**
 * What a build that changes one file cannot go below while it swaps a whole new folder in
 * (the previous site stays whole until then, and is removed before the build ends): every
 * file of the site hard-linked into a new folder, and a folder like it removed, in this
 * process, each the median of `runs`.
 */
function linkFloor(site) {
  const files = fs.readdirSync(site, {recursive: true, withFileTypes: true}).filter((entry) => entry.isFile()).map((entry) => path.relative(site, path.join(entry.parentPath ?? entry.path, entry.name)));
  const link = [];
  const remove = [];
  for (let run = 0; run < runs; run++) {
    const target = `${site}-links`;
    fs.rmSync(target, {recursive: true, force: true});
    let start = performance.now();
    const made = new Set();
    for (const file of files) {
      const folder = path.dirname(path.join(target, file));
      if (!made.has(folder)) fs.mkdirSync(folder, {recursive: true}), made.add(folder);
      fs.linkSync(path.join(site, file), path.join(target, file));
    }
    link.push(performance.now() - start);
    start = performance.now();
    fs.rmSync(target, {recursive: true, force: true});
    remove.push(performance.now() - start);
  }
  return {files: files.length, link: median(link), remove: median(remove)};
}

/** The floors of a build with search and of one without, each taken after such a build. */
const floorLines = (floors) => [
  '\nThe least a build that changes one file can take while it swaps a whole folder in: a new folder of the site\'s files made of hard links alone (nothing rendered, nothing digested), and removing such a folder.',
  ...floors.map(({label, files, link, remove}) => `  ${label}: ${files} files, ${(link / 1000).toFixed(2)} s to link, ${(remove / 1000).toFixed(2)} s to remove`),
].join('\n');

const rows = [];
let scaling;
if (!warmOnly) {
  rows.push(measure('bare unified pipeline (1 thread)', () => fs.rmSync(path.join(dir, 'bare'), {recursive: true, force: true}), () => ['bare', path.join(dir, 'content'), path.join(dir, 'bare')]));
  const together = [];
  for (let i = 0; i < runs; i++) together.push(await sideBySide());
  scaling = {copies: together[0].copies, ms: median(together.map((t) => t.ms))};
  rows.push(measure(`opsg build, cold (no cache, ${jobs} jobs)`, clean, () => ['build', dir, out, cache, String(jobs)]));
  rows.push(measure('opsg build, cold, 1 job', clean, () => ['build', dir, out, cache, '1']));
  // The per-file stages and cross-file checks alone, on every core: a cold build without its pages.
  rows.push(measure('opsg check, cold (no cache)', clean, () => ['check', dir]));
}
once(['build', dir, out, cache, String(jobs)]);
rows.push(measure('opsg build, warm (nothing changed)', () => {}, () => ['build', dir, out, cache, String(jobs)]));
// The same site's check, which finds the last build's record (the bench's output folder and cache are the defaults).
rows.push(measure('opsg check, nothing changed', () => {}, () => ['check', dir]));
const changed = path.join(dir, 'content', 'opsg', 'opsg-1.md');
const floors = [{label: 'with search', ...linkFloor(out)}];
rows.push(measure('opsg build, one file changed', (i) => fs.writeFileSync(changed, meetingText(0, i + 1)), () => ['build', dir, out, cache, String(jobs)]));
/** The warm rows without search, after one build without it, and the floor of the site it wrote. */
function warmWithoutSearch() {
  const build = () => ['build', dir, out, cache, String(jobs), 'nosearch'];
  once(build());
  floors.push({label: 'without search', ...linkFloor(out)});
  return {
    warm: measure('opsg build, warm, without search', () => {}, build),
    changed: measure('opsg build, one file changed, without search', (i) => fs.writeFileSync(changed, meetingText(0, runs + i + 1)), build),
  };
}
if (warmOnly) {
  const without = warmWithoutSearch();
  rows.push(without.warm, without.changed);
  console.log(`\nopsg benchmark, warm builds: ${n} meetings, ${os.availableParallelism()} cores, ${runs} runs each (median), Node ${process.version}\n`);
  console.log('| run | time | peak RSS |');
  console.log('| --- | ---: | ---: |');
  for (const row of rows) console.log(`| ${row.label} | ${(row.ms / 1000).toFixed(2)} s | ${row.rssMiB.toFixed(0)} MiB |`);
  console.log(againstHugo(hugoRow(), rows.filter((row) => row.label.includes('warm'))));
  console.log(floorLines(floors));
  fs.rmSync(dir, {recursive: true, force: true});
  process.exit(0);
}

// The search index's own cost: the same builds without it (`--no-search`), the difference printed below.
const searchRows = {
  cold: measure('opsg build, cold, without search', clean, () => ['build', dir, out, cache, String(jobs), 'nosearch']),
  ...warmWithoutSearch(),
};
rows.push(searchRows.cold, searchRows.warm, searchRows.changed);

const hugoCold = hugoRow();
if (hugoCold) rows.push(hugoCold);
const bare = rows[0].ms;
console.log(`\nopsg benchmark: ${n} meetings, ${os.availableParallelism()} cores, ${runs} runs each (median), Node ${process.version}`);
console.log('Each time is a whole process, from Node\'s start to its exit; opsg runs as `opsg build`, its bundled command line.\n');
console.log('| run | time | × bare | peak RSS |');
console.log('| --- | ---: | ---: | ---: |');
for (const row of rows) console.log(`| ${row.label} | ${(row.ms / 1000).toFixed(2)} s | ${(row.ms / bare).toFixed(2)} | ${row.rssMiB === undefined ? 'not measured' : `${row.rssMiB.toFixed(0)} MiB`} |`);
console.log(againstHugo(hugoCold, rows.filter((row) => row.label.includes('warm'))));
const withSearch = {cold: rows.find((row) => row.label.startsWith('opsg build, cold (no cache')), warm: rows.find((row) => row.label === 'opsg build, warm (nothing changed)')};
console.log(`\nsearch index (Pagefind, one record per agenda item): cold ${((withSearch.cold.ms - searchRows.cold.ms) / 1000).toFixed(2)} s, warm ${((withSearch.warm.ms - searchRows.warm.ms) / 1000).toFixed(2)} s (each build minus the same build without search).`);
const throughput = (scaling.copies * bare) / scaling.ms;
console.log(`\n${scaling.copies} bare pipelines side by side: ${(scaling.ms / 1000).toFixed(2)} s each, so all cores together do ${throughput.toFixed(2)}× the work of one.`);
console.log(`The bare pipeline's own work, spread perfectly over every core, would take ${(bare / throughput / 1000).toFixed(2)} s (${(1 / throughput).toFixed(2)}× bare).`);
console.log(floorLines(floors));

const preview = path.join(here, 'preview-latency.js');
if (fs.existsSync(preview)) {
  console.log('\npreview rebuild latency:');
  try {
    console.log(execFileSync(process.execPath, [preview, '--n', String(n)], {encoding: 'utf8'}).trim());
  } catch (error) {
    console.log(`  failed: ${error.message.split('\n')[0]}`);
  }
}
fs.rmSync(dir, {recursive: true, force: true});

// Start-up: `opsg --version` against `node -e 0`, `opsg check` on the example site, and the
// modules `--version` loads (bench/startup.js, also `npm run bench:startup`).
try {
  console.log(execFileSync(process.execPath, [path.join(here, 'startup.js')], {encoding: 'utf8'}).trimEnd());
} catch (error) {
  console.log(`\nstart-up: failed: ${error.message.split('\n')[0]}`);
}
