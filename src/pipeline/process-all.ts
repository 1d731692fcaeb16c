/**
 * Run the per-file stages for every content file: from the cache where an entry matches,
 * else on worker threads (or in this thread for small sites and `jobs: 1`). Results come
 * back in the files' order, so the output is the same whatever the number of workers.
 *
 * A result written to the cache keeps only its view's summary in memory (see bodies.ts).
 */
import {Worker} from 'node:worker_threads';
import type {Settings} from '../config.js';
import type {MeetingView} from '../view.js';
import {openCache, type Cache} from './cache.js';
import {readContent, relativePath} from './load.js';
import {processFile, type FileResult} from './process-file.js';
import {split, type BodyRef} from './bodies.js';

/** Below this many files to parse, threads cost more than they save. */
const threadThreshold = 64;
const batchSize = 16;

/** A file read and waiting for the per-file stages. */
export interface Pending {
  /** Its full path. */
  full: string;
  /** Its bytes. */
  bytes: Uint8Array;
  /** Its cache key, with a cache. */
  key: string | undefined;
}

/** A file's result, and whether its view was reduced to a summary whose content is in the cache. */
export interface Processed {
  /** The result. */
  result: FileResult;
  /** True when `result.view` is a summary, its content in the cache entry. */
  summarised: boolean;
}

/** Everything `processAll` found. */
export interface AllProcessed {
  /** One result per path, in the paths' order. */
  results: FileResult[];
  /** The cache keys (with a cache). */
  keys: Array<string | undefined>;
  /** Cache hits. */
  reused: number;
  /** Where the content of each summarised view is. */
  refs: Map<MeetingView, BodyRef>;
}

/** Process every file; `store` writes new cache entries. */
export async function processAll(settings: Settings, paths: string[], options: {store: boolean; onFiles?: (done: number) => void}): Promise<AllProcessed> {
  const cache = openCache(settings);
  const processed: Array<Processed | undefined> = new Array(paths.length);
  const keys: Array<string | undefined> = new Array(paths.length).fill(undefined);
  const pending: Array<Pending & {index: number}> = [];
  let reused = 0;
  paths.forEach((full, index) => {
    const read = readContent(full);
    if (!('bytes' in read)) {
      processed[index] = {result: processFile(settings, full, read), summarised: false}; // the load stage reports why
      return;
    }
    const bytes = read.bytes;
    const key = cache?.key(relativePath(settings, full), bytes);
    keys[index] = key;
    const hit = key === undefined ? undefined : cache?.get(key);
    if (hit) {
      processed[index] = {result: hit, summarised: hit.view !== undefined};
      reused++;
    } else {
      pending.push({index, full, bytes, key});
    }
  });
  let done = paths.length - pending.length;
  options.onFiles?.(done);
  const jobs = Math.max(1, Math.min(settings.jobs, Math.ceil(pending.length / batchSize)));
  if (jobs === 1 || pending.length < threadThreshold) {
    for (const item of pending) {
      processed[item.index] = processAndStore(settings, cache, item, options.store);
      options.onFiles?.(++done);
    }
  } else {
    await onWorkers(settings, options.store, pending, processed, jobs, (count) => options.onFiles?.((done += count)));
  }
  const refs = new Map<MeetingView, BodyRef>();
  processed.forEach((item, index) => {
    if (item?.summarised && item.result.view && keys[index]) refs.set(item.result.view, {key: keys[index], source: item.result.path});
  });
  return {results: processed.map((item) => item!.result), keys, reused, refs};
}

/**
 * The per-file stages for one file, its result written to the cache when `store` is set. A
 * result in the cache keeps only its summary; so does one for `check`, which renders nothing.
 */
export function processAndStore(settings: Settings, cache: Cache | undefined, item: Pending, store: boolean): Processed {
  const result = processFile(settings, item.full, {bytes: item.bytes});
  const canStore = store && item.key !== undefined && cache !== undefined;
  if (!result.view) {
    if (canStore) cache.set(item.key!, result);
    return {result, summarised: false};
  }
  const {summary, body} = split(result.view);
  const summarised = {...result, view: summary};
  if (!store) return {result: summarised, summarised: false};
  // The content first: a build that finds the summary finds its content too.
  const stored = canStore && cache.setBody(item.key!, body) && cache.set(item.key!, summarised);
  return stored ? {result: summarised, summarised: true} : {result, summarised: false};
}

async function onWorkers(settings: Settings, store: boolean, pending: Array<Pending & {index: number}>, processed: Array<Processed | undefined>, jobs: number, onBatch: (count: number) => void): Promise<void> {
  // Under the test runner this module is TypeScript source; workers run the compiled copy.
  const url = import.meta.url.endsWith('.ts') ? new URL('../../lib/pipeline/worker.js', import.meta.url) : new URL('./worker.js', import.meta.url);
  const batches: Array<typeof pending> = [];
  for (let start = 0; start < pending.length; start += batchSize) batches.push(pending.slice(start, start + batchSize));
  let next = 0;
  const workers = Array.from({length: jobs}, () => new Worker(url, {workerData: {settings, store}}));
  try {
    await Promise.all(workers.map((worker) => new Promise<void>((resolve, reject) => {
      const send = () => {
        if (next >= batches.length) return resolve();
        const id = next++;
        worker.postMessage({id, items: batches[id]!.map(({full, bytes, key}) => ({full, bytes, key}))});
      };
      worker.on('message', (message: {id: number; results: Processed[]}) => {
        batches[message.id]!.forEach((item, offset) => (processed[item.index] = message.results[offset]));
        onBatch(message.results.length);
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
