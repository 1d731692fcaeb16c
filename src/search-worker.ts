/**
 * The search index's thread: Pagefind is driven from here, so that it indexes while the
 * main thread renders and writes the pages (which would otherwise hold up every message
 * to Pagefind's process until they were done). One index per thread: it gets the records,
 * sends back the index's files, and is ended.
 */
import {parentPort} from 'node:worker_threads';
import {indexSearch, type SearchRecord} from './search.js';

// Pagefind prints its process's failures with their stacks: they are kept here instead and
// named in the one message the build gives.
const printed: string[] = [];
console.error = (...values: unknown[]) => {
  const error = values.find((value): value is Error => value instanceof Error);
  printed.push(error ? error.message : values.map(String).join(' '));
};

parentPort?.once('message', (records: SearchRecord[]) => {
  indexSearch(records).then(
    (files) => parentPort?.postMessage({paths: [...files.keys()], contents: [...files.values()]}),
    (error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      parentPort?.postMessage({error: `the search index could not be made: ${reason}${printed.length > 0 ? ` (${printed[0]})` : ''}`});
    },
  );
});
