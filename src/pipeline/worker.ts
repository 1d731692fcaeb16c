/**
 * A worker thread: runs the per-file stages for each file the main thread sends, one at a
 * time. Workers are kept between runs (see process-all.ts), so each file comes with its
 * run's settings.
 */
import fs from 'node:fs';
import {parentPort} from 'node:worker_threads';
import type {Settings} from '../config.js';
import {openCache, type Cache} from './cache.js';
import {processAndStore, type Pending} from './process-all.js';

let opened: {key: string; cache: Cache | undefined} | undefined;

parentPort?.on('message', (message: {settings: Settings; store: boolean; keepBody?: boolean; item: Pending}) => {
  const key = JSON.stringify(message.settings);
  if (opened?.key !== key) opened = {key, cache: openCache(message.settings)};
  parentPort?.postMessage({result: processAndStore(message.settings, opened.cache, message.item, message.store, message.keepBody)});
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
