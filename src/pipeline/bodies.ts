/**
 * A meeting's content (its intro, its items' content and its closing, as sanitised HTML)
 * is the bulk of a site. Between the per-file stages and rendering it waits in the build
 * cache, not in memory: what the build holds of each meeting is its summary, which is all
 * the index, group pages, feed, sitemap and cross-file rules need. A page that shows the
 * content reads it back from the cache entry the per-file stages wrote, one meeting at a
 * time.
 */
import path from 'node:path';
import type {Settings} from '../config.js';
import type {MeetingView} from '../view.js';
import type {Cache} from './cache.js';
import {readContent} from './load.js';
import {processFile} from './process-file.js';

/** Where a summary's content is: the cache key of its file's result, and the file. */
export interface BodyRef {
  /** The cache key. */
  key: string;
  /** The content file, relative to the working folder. */
  source: string;
}

/** The view without its content (empty `intro`, `closing` and items' `content`). */
export function summarise(view: MeetingView): MeetingView {
  return {...view, intro: [], closing: [], items: view.items.map((item) => ({...item, content: []}))};
}

/**
 * The summary with its content read back from the cache. Should the entry have gone since
 * (a cache folder deleted during the build), the file is processed again, as long as its
 * bytes are still the ones the summary was made from.
 */
export function withBody(settings: Settings, cache: Cache, summary: MeetingView, ref: BodyRef): MeetingView {
  let full = cache.get(ref.key)?.view;
  if (!full) {
    const file = path.resolve(settings.cwd, ref.source);
    const read = readContent(file);
    if (!('bytes' in read) || cache.key(ref.source, read.bytes) !== ref.key) throw new Error(`\`${ref.source}\` changed during the build; build again`);
    full = processFile(settings, file, read).view;
    if (!full) throw new Error(`\`${ref.source}\` could not be processed again; build again`);
  }
  return {...summary, intro: full.intro, items: full.items, closing: full.closing};
}
