/** A worker thread: runs the per-file stages for the batches the main thread sends. */
import {parentPort, workerData} from 'node:worker_threads';
import type {Settings} from '../config.js';
import {processFile} from './process-file.js';

const settings = (workerData as {settings: Settings}).settings;

parentPort?.on('message', (batch: {id: number; items: Array<{full: string; bytes: Uint8Array}>}) => {
  const results = batch.items.map((item) => processFile(settings, item.full, {bytes: item.bytes}));
  parentPort?.postMessage({id: batch.id, results});
});
