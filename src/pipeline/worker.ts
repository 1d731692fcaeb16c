/** A worker thread: runs the per-file stages for the batches the main thread sends. */
import {parentPort, workerData} from 'node:worker_threads';
import type {Settings} from '../config.js';
import {openCache} from './cache.js';
import {processAndStore, type Pending} from './process-all.js';

const {settings, store} = workerData as {settings: Settings; store: boolean};
const cache = openCache(settings);

parentPort?.on('message', (batch: {id: number; items: Pending[]}) => {
  parentPort?.postMessage({id: batch.id, results: batch.items.map((item) => processAndStore(settings, cache, item, store))});
});
