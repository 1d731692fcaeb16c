// `npm run bench:hostile`: adversarial inputs, doubled from 16 KB to 2 MB for each known
// shape, through the per-file stages (load → parse → extract → validate → transform) on a
// worker, as a build runs them. Prints milliseconds per KB: flat means linear time; a cell
// that reaches the time budget says `budget` (the build stops that file: `content-timeout`).
// Times are processor time, as the build's budget counts them.
// Options: --budget <seconds> (default 10), --max <KB> (default 2048).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {Worker} from 'node:worker_threads';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const flag = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const budget = flag('budget', 10) * 1000;
const maxKb = flag('max', 2048);

const frontMatter = '---\ngroup: OPSG\nmeeting: 1\ndate: 2019-12-03\nclassification: White\n---\n\n' +
  'This document is classified as **White** in accordance with the Panel Information Policy. Information can be shared with the public, and any members may publish the information, subject to copyright.\n\n';

// Each shape: a function of the number of bytes to fill, giving the body after the front matter.
const fill = (unit, bytes) => unit.repeat(Math.max(1, Math.floor(bytes / unit.length)));
/** A realistic meeting of `n` bytes: numbered items with owners, links and emphasis, for comparison. */
const realistic = (n) => {
  const items = ['Operations Group (OPSG) Meeting 1 on 3 December 2019 Headlines\n'];
  for (let i = 1, size = 0; size < n; i++) {
    const item = `${i}. Item number ${i} (DCC/SECAS): The OPSG **noted** the [report](https://example.org/r/${i}) and agreed that the DCC would report again at the next meeting, with *figures* for each region. ${'The group discussed the figures at length and noted that the service had improved since the last meeting, although some regions still reported delays. '.repeat(6)}\n`;
    items.push(item);
    size += item.length + 1;
  }
  return items.join('\n');
};
const shapes = {
  'realistic meeting': realistic,
  'long title line': (n) => 'Operations Group (OPSG) Meeting 1 on a' + ' '.repeat(n) + 'b Headlines\n',
  'long item heading': (n) => 'Operations Group (OPSG) Meeting 1 on 3 December 2019 Headlines\n\n## 1. x' + ' '.repeat(n) + 'y\n',
  'long item owner': (n) => 'Operations Group (OPSG) Meeting 1 on 3 December 2019 Headlines\n\n1. Item (O)' + ' '.repeat(n) + 'x:\n',
  '`*[` runs': (n) => fill('*[', n) + '\n',
  'deep emphasis': (n) => fill('*a ', n / 2) + fill(' b*', n / 2) + '\n',
  'long link runs': (n) => fill('[a](b)', n) + '\n',
  'many `(`': (n) => '1. Item ' + fill('(', n) + ':\n',
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsg-hostile-'));
const lib = path.join(here, '..', 'lib');
const workerSource = `
import {parentPort, workerData} from 'node:worker_threads';
const {processFile} = await import(${JSON.stringify(new URL('pipeline/process-file.js', 'file://' + lib + '/').href)});
const {resolveSettings} = await import(${JSON.stringify(new URL('config.js', 'file://' + lib + '/').href)});
const settings = resolveSettings({cwd: workerData.dir, cache: false, jobs: 1}, {}, undefined);
parentPort.postMessage('ready');
parentPort.on('message', (full) => {
  // Processor time, not the wall clock: the figures hold on a busy machine too (the main
  // thread only waits, so the process's time is this thread's).
  const started = process.cpuUsage();
  processFile(settings, full);
  const used = process.cpuUsage(started);
  parentPort.postMessage((used.user + used.system) / 1000);
});`;
const script = path.join(dir, 'worker.mjs');
fs.writeFileSync(script, workerSource);

/**
 * Processor milliseconds for one file, or undefined past the budget (the worker is ended,
 * as a build ends it; on the wall clock here, with room for a busy machine).
 */
function time(full) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, {workerData: {dir}});
    let timer;
    worker.on('message', (message) => {
      if (message === 'ready') {
        timer = setTimeout(() => void worker.terminate().then(() => resolve(undefined)), budget * 3);
        worker.postMessage(full);
        return;
      }
      clearTimeout(timer);
      void worker.terminate().then(() => resolve(message));
    });
    worker.on('error', reject);
  });
}

const sizes = [];
for (let kb = 16; kb <= maxKb; kb *= 2) sizes.push(kb);
const label = (kb) => (kb >= 1024 ? `${kb / 1024} MB` : `${kb} KB`);
const rows = [];
try {
  fs.mkdirSync(path.join(dir, 'content'));
  for (const [name, make] of Object.entries(shapes)) {
    const cells = [];
    let stopped = false;
    for (const kb of sizes) {
      if (stopped) {
        cells.push('–');
        continue;
      }
      const full = path.join(dir, 'content', 'hostile.md');
      // 1 KB under the size: the front matter and the shape's frame count too.
      fs.writeFileSync(full, frontMatter + make(kb * 1024 - 1024));
      const ms = await time(full);
      if (ms === undefined || ms >= budget) {
        cells.push('budget');
        stopped = true;
      } else {
        cells.push((ms / kb).toFixed(2));
      }
      process.stderr.write('.');
    }
    rows.push([name, ...cells]);
  }
} finally {
  fs.rmSync(dir, {recursive: true, force: true});
}
process.stderr.write('\n');
const header = ['shape (ms per KB)', ...sizes.map(label)];
const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => String(row[i]).length)));
const line = (row) => '| ' + row.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join(' | ') + ' |';
console.log(line(header));
console.log('|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|');
for (const row of rows) console.log(line(row));
console.log(`\nbudget ${budget / 1000} s per file (\`fileTimeout\`); "budget" = the file was stopped there, as a build stops it (content-timeout).`);
