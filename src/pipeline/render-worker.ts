/**
 * A worker thread that renders pages for a build (see render-elsewhere.ts): meeting, print
 * and thread pages, by the same `renderJob` the main thread would call. It loads only the
 * templates and what rendering needs, not the per-file stages.
 *
 * It loads the templates for the settings it starts with. The site's context comes first,
 * naming the hash of the templates the main thread loaded: a template changed since would
 * give other bytes, and this worker then renders nothing. Tasks come next, waiting until the
 * templates are loaded: one meeting's pages, with its content or the cache entry that holds
 * it, or a few thread pages. The answer is the pages' text, in the task's order.
 */
import {parentPort, workerData} from 'node:worker_threads';
import type {Settings} from '../config.js';
import {loadTemplates, type Templates} from '../templates.js';
import type {MeetingContent, MeetingSummary} from '../view.js';
import {join} from './bodies.js';
import {openCache, type Cache} from './cache.js';
import type {ContentRef} from './content-store.js';
import {contextOf, renderArticle, renderJob, type PageContext, type PageJob} from './render.js';

/** One task: pages to render, and for a meeting's pages the meeting and its content (given, or in the cache under `ref`). */
export interface RenderTask {
  /** The task's number, given back with its answer. */
  id: number;
  /** The pages. */
  jobs: PageJob[];
  /** The meeting whose pages they are, if they are a meeting's. */
  meeting?: MeetingSummary;
  /** The meeting's content, when the main thread holds it. */
  content?: MeetingContent;
  /** Where the cache holds the meeting's content, when the main thread does not. */
  ref?: ContentRef;
}

/** What a task gave: each page's text and the article; or that it could not be rendered here. */
export type RenderAnswer = {id: number; made: Uint8Array[]; article?: string} | {id: number; failed: string};

let ctx: ReturnType<typeof contextOf> | undefined;
const encoder = new TextEncoder();
const loading = load(workerData as Settings);

parentPort?.on('message', (message: {context: PageContext} | RenderTask) => {
  // In the order they came: each waits for the same templates.
  void loading.then((loaded) => {
    if ('context' in message) {
      if (loaded?.templates.hash === message.context.templates) ctx = contextOf(message.context, loaded.templates);
    } else {
      const answer = run(message, loaded);
      parentPort?.postMessage(answer, 'made' in answer ? answer.made.map((bytes) => bytes.buffer as ArrayBuffer) : []);
    }
  });
});

/** The templates and the cache for these settings; undefined when the templates cannot be loaded. */
async function load(settings: Settings): Promise<{templates: Templates; cache: Cache | undefined} | undefined> {
  try {
    return {templates: await loadTemplates(settings), cache: openCache(settings)};
  } catch {
    return undefined;
  }
}

function run(task: RenderTask, loaded: {templates: Templates; cache: Cache | undefined} | undefined): RenderAnswer {
  try {
    if (!loaded || !ctx) return {id: task.id, failed: 'no templates, or not the same'};
    const {templates, cache} = loaded;
    const context = ctx;
    const meeting = task.meeting;
    const content = meeting ? (task.content ?? (task.ref ? cache?.body(task.ref.key) : undefined)) : undefined;
    if (meeting && !content) return {id: task.id, failed: 'content not found'};
    const full = meeting && content ? join(meeting, content) : undefined;
    // As bytes, handed over rather than copied: the main thread writes them as they are.
    const made = task.jobs.map((job) => encoder.encode(renderJob(templates, context, job, full)));
    // The built-in print template's version of a meeting for the combined print pages, made
    // with its pages as on the main thread (a site's own print template is given each document whole).
    return full && !templates.overridden ? {id: task.id, made, article: renderArticle(templates, context, full)} : {id: task.id, made};
  } catch (error) {
    // The main thread renders the task's pages again itself, and reports any failure as it would.
    return {id: task.id, failed: error instanceof Error ? error.message : String(error)};
  }
}
