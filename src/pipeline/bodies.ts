/**
 * A meeting's content (its intro, its items' content and its closing, as sanitised HTML)
 * is the bulk of a site. Between the per-file stages and rendering it waits in the build
 * cache, not in memory: what the build holds of each meeting is its summary, which is all
 * the index, group pages, feed, sitemap and cross-file rules need. The cache keeps the two
 * apart (a warm build reads summaries only); a page that shows the content reads it back,
 * one meeting at a time.
 */
import path from 'node:path';
import type {Settings} from '../config.js';
import type {ElementContent} from 'hast';
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

/** A meeting's content: what its summary leaves out, kept in the cache apart from it. */
export interface Body {
  /** The intro. */
  intro: ElementContent[];
  /** Each item's content, in order. */
  items: ElementContent[][];
  /** The closing. */
  closing: ElementContent[];
}

/** A view as its summary (empty `intro`, `closing` and items' `content`) and its content. */
export function split(view: MeetingView): {summary: MeetingView; body: Body} {
  return {
    summary: {...view, intro: [], closing: [], items: view.items.map((item) => ({...item, content: []}))},
    body: {intro: view.intro, items: view.items.map((item) => item.content), closing: view.closing},
  };
}

/**
 * The summary with its content read back from the cache. Should the entry have gone since
 * (a cache folder deleted or pruned meanwhile), the file is processed again, as long as its
 * bytes are still the ones the summary was made from.
 */
export function withBody(settings: Settings, cache: Cache, summary: MeetingView, ref: BodyRef): MeetingView {
  let body = cache.body(ref.key);
  if (!body || body.items.length !== summary.items.length) {
    const file = path.resolve(settings.cwd, ref.source);
    const read = readContent(file);
    if (!('bytes' in read) || cache.key(ref.source, read.bytes) !== ref.key) throw new Error(`\`${ref.source}\` changed during the build; build again`);
    const full = processFile(settings, file, read).view;
    if (!full) throw new Error(`\`${ref.source}\` could not be processed again; build again`);
    body = split(full).body;
  }
  const contents = body.items;
  return {...summary, intro: body.intro, items: summary.items.map((item, index) => ({...item, content: contents[index]!})), closing: body.closing};
}
