/**
 * Run the per-file stages for every content file: from the cache where an entry matches,
 * else on worker threads (or in this thread for small sites and `jobs: 1`). Results come
 * back in the files' order, so the output is the same whatever the number of workers.
 */
import {Worker} from 'node:worker_threads';
import type {Settings} from '../config.js';
import {openCache} from './cache.js';
import {readContent, relativePath} from './load.js';
import {processFile, type FileResult} from './process-file.js';

/** Below this many files to parse, threads cost more than they save. */
const threadThreshold = 64;
const batchSize = 16;

/** Process every file; `keys` are the cache keys (with a cache), `reused` counts cache hits; `store` writes new cache entries. */
export async function processAll(settings: Settings, paths: string[], options: {store: boolean}): Promise<{results: FileResult[]; keys: Array<string | undefined>; reused: number}> {
  const cache = openCache(settings);
  const results: Array<FileResult | undefined> = new Array(paths.length);
  const keys: Array<string | undefined> = new Array(paths.length).fill(undefined);
  const pending: Array<{index: number; full: string; bytes: Uint8Array; key: string | undefined}> = [];
  let reused = 0;
  paths.forEach((full, index) => {
    const read = readContent(full);
    if (!('bytes' in read)) {
      results[index] = processFile(settings, full, read); // the load stage reports why
      return;
    }
    const bytes = read.bytes;
    const key = cache?.key(relativePath(settings, full), bytes);
    keys[index] = key;
    const hit = key === undefined ? undefined : cache?.get(key);
    if (hit) {
      results[index] = hit;
      reused++;
    } else {
      pending.push({index, full, bytes, key});
    }
  });
  const jobs = Math.max(1, Math.min(settings.jobs, Math.ceil(pending.length / batchSize)));
  if (jobs === 1 || pending.length < threadThreshold) {
    for (const item of pending) results[item.index] = processFile(settings, item.full, {bytes: item.bytes});
  } else {
    await onWorkers(settings, pending, results, jobs);
  }
  if (cache && options.store) for (const item of pending) if (item.key) cache.set(item.key, results[item.index]!);
  return {results: results as FileResult[], keys, reused};
}

async function onWorkers(settings: Settings, pending: Array<{index: number; full: string; bytes: Uint8Array}>, results: Array<FileResult | undefined>, jobs: number): Promise<void> {
  // Under the test runner this module is TypeScript source; workers run the compiled copy.
  const url = import.meta.url.endsWith('.ts') ? new URL('../../lib/pipeline/worker.js', import.meta.url) : new URL('./worker.js', import.meta.url);
  const batches: Array<typeof pending> = [];
  for (let start = 0; start < pending.length; start += batchSize) batches.push(pending.slice(start, start + batchSize));
  let next = 0;
  const workers = Array.from({length: jobs}, () => new Worker(url, {workerData: {settings}}));
  try {
    await Promise.all(workers.map((worker) => new Promise<void>((resolve, reject) => {
      const send = () => {
        if (next >= batches.length) return resolve();
        const id = next++;
        worker.postMessage({id, items: batches[id]!.map(({full, bytes}) => ({full, bytes}))});
      };
      worker.on('message', (message: {id: number; results: FileResult[]}) => {
        batches[message.id]!.forEach((item, offset) => (results[item.index] = message.results[offset]));
        send();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker stopped with exit code ${code}`))));
      send();
    })));
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
