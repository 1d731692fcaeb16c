/**
 * Run the per-file stages for every content file: from the cache where an entry matches,
 * else on worker threads, each file under a time budget. Results come back in the files'
 * order, so the output is the same whatever the number of workers.
 *
 * A result written to the cache keeps only its view's summary in memory (see bodies.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import {Worker} from 'node:worker_threads';
import type {Settings} from '../config.js';
import {openCache, type Cache} from './cache.js';
import {readContent, relativePath} from './load.js';
import {processFile, type FileResult} from './process-file.js';
import {split} from './bodies.js';
import type {ContentRef} from './content-store.js';
import {lookUpStats, openStatIndex} from './stat-index.js';

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
  /** Files read and hashed (the others were known unchanged from the stat index). */
  read: number;
  /** Where the content of each summarised view is, in the paths' order (undefined for a view kept whole). */
  refs: Array<ContentRef | undefined>;
}

/** Process every file; `store` writes new cache entries (and the stat index). */
export async function processAll(settings: Settings, paths: string[], options: {store: boolean; onFiles?: (done: number) => void}): Promise<AllProcessed> {
  const cache = openCache(settings);
  const {processed, keys, pending, reused, read, together} = lookUp(settings, cache, paths, options.store);
  let done = paths.length - pending.length;
  options.onFiles?.(done);
  // Always on workers, even for one file: only a worker can be stopped in the middle of a
  // parse, and one hostile file must not hold a build (or a CI runner) for hours.
  if (pending.length > 0) await onWorkers(settings, options.store, pending, processed, Math.max(1, Math.min(settings.jobs, pending.length)), () => options.onFiles?.(++done));
  if (options.store && cache) storeTogether(cache, keys, processed, together);
  const refs = processed.map((item, index) => (item?.summarised && item.result.view && keys[index] ? {key: keys[index], source: item.result.path} : undefined));
  return {results: processed.map((item) => item!.result), keys, reused, read, refs};
}

/**
 * The first half of `processAll`: every file's cache key and, where the cache has it, its
 * result. A file the stat index (stat-index.ts) knows unchanged is neither read nor hashed;
 * the others are read (after their stat is taken) and hashed, and wait in `pending`. The
 * results of the files the index knows come from one entry (`Cache.results`) where it has them.
 */
function lookUp(settings: Settings, cache: Cache | undefined, paths: string[], store: boolean) {
  const processed: Array<Processed | undefined> = new Array(paths.length);
  const keys: Array<string | undefined> = new Array(paths.length).fill(undefined);
  const pending: Array<Pending & {index: number}> = [];
  const stored = cache?.statIndex();
  const index = cache ? openStatIndex(stored) : undefined;
  const relatives = paths.map((full) => relativePath(settings, full));
  const {stats, known} = lookUpStats(index, paths, relatives);
  // The last build's results, in one entry: read when the index knows any file.
  const together = known.some((key) => key !== undefined) ? cache!.results() : new Map<string, FileResult>();
  const cached = (key: string) => together.get(key) ?? cache?.get(key);
  // Files to read will most likely need the stages (a first build, or a few files changed):
  // their workers start loading now, while the files are read and hashed. Many files unknown
  // to an index are more likely touched than changed (a fresh checkout), and found in the cache.
  const unknown = known.filter((key) => key === undefined).length;
  if (!cache || stored === undefined || unknown <= fewChanged) startWorkers(Math.min(settings.jobs, unknown));
  let reused = 0;
  let read = 0;
  paths.forEach((full, at) => {
    const relative = relatives[at]!;
    const stat = stats[at];
    const found = known[at] === undefined ? undefined : cached(known[at]);
    if (found) {
      index!.record(relative, stat, known[at]!, false);
      keys[at] = known[at];
      processed[at] = {result: found, summarised: found.view !== undefined};
      reused++;
      return;
    }
    read++;
    const content = readContent(full);
    if (!('bytes' in content)) {
      processed[at] = {result: processFile(settings, full, content), summarised: false}; // the load stage reports why
      return;
    }
    const bytes = content.bytes;
    const key = cache?.key(relative, bytes);
    keys[at] = key;
    if (key !== undefined) index?.record(relative, stat, key, true);
    const hit = key === undefined ? undefined : cached(key);
    if (hit) {
      processed[at] = {result: hit, summarised: hit.view !== undefined};
      reused++;
    } else {
      pending.push({index: at, full, bytes, key});
    }
  });
  // `check` writes nothing, not even the index.
  const changed = store ? index?.changed() : undefined;
  if (changed) cache!.saveStatIndex(changed);
  return {processed, keys, pending, reused, read, together};
}

/**
 * Store every file's result in one entry for the next build, when each is what the cache
 * gives for its key (a view reduced to its summary, its content stored), unless the entry
 * read at the start (`stored`) already holds these keys. A few new results are added in a
 * small entry beside it instead of writing every result again (15 MB at 4,000 meetings),
 * until they, or the results no file has any more, pass an eighth of the files.
 */
function storeTogether(cache: Cache, keys: Array<string | undefined>, processed: Array<Processed | undefined>, stored: ReadonlyMap<string, FileResult>): void {
  if (keys.length === 0 || !keys.every((key) => key !== undefined)) return;
  if (!processed.every((item) => item !== undefined && (item.summarised || item.result.view === undefined))) return;
  const missing = keys.flatMap((key, at) => (stored.has(key!) ? [] : [at]));
  const unused = stored.size - (keys.length - missing.length);
  const few = Math.max(32, keys.length / 8);
  if (missing.length === 0 && unused <= few) return;
  if (missing.length > 0 && unused <= few && cache.addedResults() + missing.length <= few) {
    if (cache.addResults(missing.map((at) => keys[at]!), missing.map((at) => processed[at]!.result))) return;
  }
  cache.saveResults(keys as string[], processed.map((item) => item!.result));
}

/**
 * The per-file stages for files already read, on the workers under the same time budget as
 * a build, nothing stored and every view kept whole: for the preview, which holds its
 * site in memory. Results come back in the items' order.
 */
export async function processOnWorkers(settings: Settings, items: Pending[]): Promise<FileResult[]> {
  const processed: Array<Processed | undefined> = new Array(items.length);
  const pending = items.map((item, index) => ({...item, index, key: undefined}));
  // Without a cache folder: the workers must not open (or create) one for a run that stores nothing.
  if (pending.length > 0) await onWorkers({...settings, cache: undefined}, false, pending, processed, Math.max(1, Math.min(settings.jobs, pending.length)), () => {}, true);
  return processed.map((item) => item!.result);
}

/**
 * The per-file stages for one file, its result written to the cache when `store` is set. A
 * result in the cache keeps only its summary; so does one for `check`, which renders nothing.
 */
export function processAndStore(settings: Settings, cache: Cache | undefined, item: Pending, store: boolean, keepBody = false): Processed {
  const result = processFile(settings, item.full, {bytes: item.bytes});
  // The preview keeps every view whole in memory, and stores nothing.
  if (keepBody && !store) return {result, summarised: false};
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

/**
 * Run the pending files on `jobs` workers, one file at a time each, every file under the
 * time budget: a worker still busy when its file's time is up is ended and replaced, and
 * the file gets a `content-timeout` error (the build then fails like for any other error).
 * A worker that dies (out of memory on a hostile file) is replaced the same way.
 */
async function onWorkers(settings: Settings, store: boolean, pending: Array<Pending & {index: number}>, processed: Array<Processed | undefined>, jobs: number, onFile: () => void, keepBody = false): Promise<void> {
  let next = 0;
  const lane = async () => {
    let current = take();
    try {
      while (next < pending.length) {
        // Taken before waiting: another lane may take the last file meanwhile.
        const item = pending[next++]!;
        const thread = await current.ready;
        const outcome = await runOne(current.worker, thread, settings, store, item, keepBody);
        if ('result' in outcome) {
          processed[item.index] = outcome.result;
        } else {
          processed[item.index] = {result: failedResult(settings, item.full, outcome.reason, outcome.ruleId), summarised: false};
          void current.worker.terminate();
          current = take();
        }
        onFile();
      }
    } catch (error) {
      void current.worker.terminate();
      throw error;
    }
    give(current);
  };
  await Promise.all(Array.from({length: jobs}, lane));
  // A worker's heap grows with the files it parsed and is not given back while it waits:
  // after a large run, let the workers go before the site is rendered, rather than keep
  // hundreds of megabytes for a reuse that a one-off build never makes.
  if (pending.length >= largeRun) releaseWorkers();
}

/** Up to this many files unknown to the stat index are taken as changed (see `lookUp`). */
const fewChanged = 64;

/** From this many files a run's workers are let go at its end (see `onWorkers`). */
const largeRun = 256;

/** Have `count` workers waiting, starting those missing. */
function startWorkers(count: number): void {
  while (idle.length < Math.min(count, os.availableParallelism())) {
    const pooled = spawn();
    pooled.worker.unref();
    idle.push(pooled);
  }
}

/** How many workers wait for the next run. */
export function idleWorkers(): number {
  return idle.length;
}

/** End the idle workers (the next run starts new ones). */
export function releaseWorkers(): void {
  for (const pooled of idle.splice(0)) void pooled.worker.terminate();
}

/** A worker thread, and its thread id once it has loaded the stages (undefined where the system gives none). */
interface PoolWorker {
  /** The thread. */
  worker: Worker;
  /** Resolves when the worker is ready; rejects when it could not start. */
  ready: Promise<string | undefined>;
}

/**
 * Workers kept between runs (a library user or the test suite may build many times in one
 * process): starting one costs loading every stage's modules. Idle ones do not keep the
 * process alive.
 */
const idle: PoolWorker[] = [];

function take(): PoolWorker {
  const pooled = idle.pop() ?? spawn();
  pooled.worker.ref();
  return pooled;
}

function give(pooled: PoolWorker): void {
  if (idle.length >= os.availableParallelism()) {
    void pooled.worker.terminate();
    return;
  }
  pooled.worker.unref();
  idle.push(pooled);
}

function spawn(): PoolWorker {
  // Under the test runner this module is TypeScript source; workers run the compiled copy.
  const url = import.meta.url.endsWith('.ts') ? new URL('../../lib/pipeline/worker.js', import.meta.url) : new URL('./worker.js', import.meta.url);
  const worker = new Worker(url);
  const ready = new Promise<string | undefined>((resolve, reject) => {
    const onMessage = (message: {ready?: true; thread?: string}) => {
      if (!message.ready) return;
      worker.off('message', onMessage);
      resolve(message.thread);
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', () => reject(new Error('A worker thread stopped before it started')));
  });
  ready.catch(() => {});
  // An idle worker that fails only leaves the pool.
  worker.on('error', () => {});
  worker.once('exit', () => {
    const index = idle.findIndex((item) => item.worker === worker);
    if (index !== -1) idle.splice(index, 1);
  });
  return {worker, ready};
}

/** What one file on a worker gave: its result, or why it failed (the worker must then be replaced). */
type Outcome = {result: Processed} | {reason: string; ruleId: string};

/** Run one file on a ready worker, under the time budget. */
function runOne(worker: Worker, thread: string | undefined, settings: Settings, store: boolean, item: Pending, keepBody: boolean): Promise<Outcome> {
  const budget = settings.fileTimeout * 1000;
  return new Promise((resolve) => {
    const clock = threadClock(thread);
    const startedAt = clock();
    const wallStart = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const done = (outcome: Outcome) => {
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      resolve(outcome);
    };
    const onMessage = (message: {result?: Processed}) => {
      if (message.result) done({result: message.result});
    };
    const onError = (error: Error) => done({reason: `Cannot check this file: processing it stopped (${error.message.split('\n')[0]})`, ruleId: 'internal'});
    const onExit = () => done({reason: 'Cannot check this file: processing it stopped unexpectedly', ruleId: 'internal'});
    const check = () => {
      // The file's own processor time where the system tells it (a busy machine slows the
      // clock on the wall, not the work), and never more than a few budgets on the wall.
      const used = clock() - startedAt;
      if (used >= budget || performance.now() - wallStart >= budget * wallFactor) {
        done({reason: `Unexpected processing time over ${settings.fileTimeout} s, expected a file opsg can check within the time limit (\`fileTimeout\` in the config); the file was stopped`, ruleId: 'content-timeout'});
      } else {
        timer = setTimeout(check, Math.max(50, budget - used));
      }
    };
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    timer = setTimeout(check, budget);
    worker.postMessage({settings, store, keepBody, item: {full: item.full, bytes: item.bytes, key: item.key}});
  });
}

/** However busy the machine, a file is stopped after this many budgets on the wall clock. */
const wallFactor = 10;

/**
 * A clock of one thread's processor time in milliseconds, where the system keeps one per
 * thread (Linux: `/proc/self/task/<id>/stat`); elsewhere the wall clock.
 */
function threadClock(thread: string | undefined): () => number {
  const stat = thread === undefined ? undefined : `/proc/self/task/${thread}/stat`;
  const wall = () => performance.now();
  if (stat === undefined) return wall;
  const read = (): number | undefined => {
    try {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in ticks.
      const text = fs.readFileSync(stat, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
    } catch {
      return undefined;
    }
  };
  return read() === undefined ? wall : () => read() ?? wall();
}

/** Linux counts processor time in ticks of 1/100 s (`getconf CLK_TCK`) on every architecture Node runs on. */
const ticksPerSecond = 100;

/** The result of a file whose stages could not finish: one error at the file. */
function failedResult(settings: Settings, full: string, reason: string, ruleId: string): FileResult {
  return {
    path: relativePath(settings, full),
    messages: [{reason, place: undefined, ruleId, fatal: true, stack: undefined}],
    frontMatter: undefined,
    meeting: undefined,
    view: undefined,
    excluded: undefined,
  };
}
