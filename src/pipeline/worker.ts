/** A worker thread: runs the per-file stages for each file the main thread sends, one at a time. */
import fs from 'node:fs';
import {parentPort, workerData} from 'node:worker_threads';
import type {Settings} from '../config.js';
import {openCache} from './cache.js';
import {processAndStore, type Pending} from './process-all.js';

const {settings, store} = workerData as {settings: Settings; store: boolean};
const cache = openCache(settings);

parentPort?.on('message', (item: Pending) => {
  parentPort?.postMessage({result: processAndStore(settings, cache, item, store)});
});
// The stages' modules are loaded: the main thread starts each file's clock from here. It
// reads this thread's processor time by its id, where the system has one (Linux).
parentPort?.postMessage({ready: true, thread: threadId()});

function threadId(): string | undefined {
  try {
    return /task\/(\d+)$/.exec(fs.readlinkSync('/proc/thread-self'))?.[1];
  } catch {
    return undefined;
  }
}
