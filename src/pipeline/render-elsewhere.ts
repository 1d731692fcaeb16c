/**
 * Pages rendered on worker threads while the main thread writes: the meeting, print and
 * thread pages a build must render (not those it keeps), each by its job (`Page.job`)
 * with the same function its own `render()` calls, so the bytes are the same wherever it
 * runs. Tasks go out in the site's order, a bounded number ahead of the writer, so that a
 * page waits in memory only until it is written. A task a worker cannot do (its content
 * gone from the cache, a template that fails, a worker that stops) is rendered on the main
 * thread instead, which reports any failure as it always does.
 */
import os from 'node:os';
import path from 'node:path';
import {Worker} from 'node:worker_threads';
import type {Settings} from '../config.js';
import type {MeetingContent, MeetingSummary} from '../view.js';
import type {ContentRef} from './content-store.js';
import type {IncrementalSite} from './incremental.js';
import type {Page, PageJob, SitePlan} from './render.js';
import type {RenderAnswer, RenderTask} from './render-worker.js';

/** How pages are rendered elsewhere. */
export interface ElsewhereOptions {
  /** The output folder (pages the build keeps from it are not rendered at all). */
  out: string;
  /** The fewest pages to render for the workers to be used; below it, all are rendered here. */
  from: number;
  /** A meeting's content for a worker: given, or where the cache holds it. */
  content: (meeting: MeetingSummary) => {content: MeetingContent} | {ref: ContentRef};
}

/** The site, with the pages it renders elsewhere given as promises; `close` lets the workers go. */
export type RenderedElsewhere = Omit<IncrementalSite, 'parts'> & {
  parts: (sitePath: string) => Iterable<string | Uint8Array> | Promise<Iterable<string | Uint8Array>> | undefined;
  close: () => void;
  /** How many pages written so far a worker rendered. */
  elsewhere: () => number;
};

/** Tasks sent to each worker ahead of the writer. */
const ahead = 128;

/** Thread pages in one task. */
const threadPagesPerTask = 8;

interface Task {
  id: number;
  jobs: PageJob[];
  meeting: MeetingSummary | undefined;
  /** Settles once the task is answered, or given up. */
  done: Promise<void>;
  /** Answer the task: the pages' bytes, or undefined when the main thread must render them (only the first answer counts). */
  settle: (made: Uint8Array[] | undefined) => void;
  /** The pages' bytes, each let go of once written. */
  made: Array<Uint8Array | undefined> | undefined;
  /** Pages of the task not yet taken by the writer. */
  left: number;
}

/**
 * Start render workers before the site is laid out, for a build that will render every page
 * (a first build, one into an empty output folder, or one without a cache): they load their
 * modules and the templates meanwhile. A build that keeps most of its pages renders the rest
 * here: started then, a worker took longer to be ready than the pages took (at 1,000 and
 * 4,000 meetings, one changed meeting moving a few hundred thread pages).
 */
export function startRenderWorkers(settings: Settings, workers = renderWorkers(settings)): RenderWorkers | undefined {
  return workers > 0 ? new RenderWorkers(settings, workers) : undefined;
}

/**
 * How many render workers by default: as many as the build's jobs, leaving one processor to
 * the main thread, which writes the pages as they come and renders the site-wide ones, and
 * one to Pagefind, which indexes the site meanwhile when search is on. On two processors with
 * search, render workers made a cold build of 1,000 meetings slower and 45 MB larger.
 */
function renderWorkers(settings: Settings): number {
  return Math.min(settings.jobs, os.availableParallelism() - 1 - (settings.search ? 1 : 0));
}

/** Render the site's meeting, print and thread pages on the `started` workers, when there are any and enough pages. */
export function renderElsewhere(site: IncrementalSite, plan: SitePlan, options: ElsewhereOptions, started: RenderWorkers | undefined): RenderedElsewhere {
  if (!started) return {...site, close: () => {}, elsewhere: () => 0};
  // Whether the writer will keep each page is asked once, here: a kept page is never sent.
  const kept = new Map<string, boolean>();
  const keep = site.keep ? (at: string, old: string) => kept.get(at) ?? site.keep!(at, old) : undefined;
  const pages = plan.pages.filter((page) => {
    if (!page.job) return false;
    const stays = keep?.(page.path, path.join(options.out, page.path)) ?? false;
    kept.set(page.path, stays);
    return !stays;
  });
  const here = {...site, ...(keep ? {keep} : {}), close: () => started.close(), elsewhere: () => 0};
  if (pages.length < options.from) return here;
  const tasks = tasksOf(pages);
  const byPath = new Map(tasks.flatMap((task) => task.jobs.map((job, index) => [job.at, {task, index}] as const)));
  started.run(tasks, plan, options);
  let elsewhere = 0;
  return {
    ...here,
    elsewhere: () => elsewhere,
    parts: (at) => {
      const found = byPath.get(at);
      if (!found) return site.parts(at);
      const {task, index} = found;
      return task.done.then(() => {
        const bytes = task.made?.[index];
        if (task.made) task.made[index] = undefined;
        if (--task.left === 0) started.taken();
        if (!bytes) return site.parts(at)!;
        elsewhere++;
        return [bytes];
      });
    },
    close: () => started.close(),
  };
}

/** A meeting's pages in one task (its content is sent once); thread pages a few to a task. */
function tasksOf(pages: Page[]): Task[] {
  const tasks: Task[] = [];
  for (const page of pages) {
    const job = page.job!;
    const last = tasks.at(-1);
    const meeting = job.kind === 'thread' || page.inputs.from === 'all' ? undefined : page.inputs.from[0];
    const joins = last && (meeting ? last.meeting?.path === meeting.path : last.meeting === undefined && last.jobs.length < threadPagesPerTask);
    if (joins) {
      last.jobs.push(job);
      last.left++;
      continue;
    }
    let resolve!: () => void;
    const done = new Promise<void>((settled) => (resolve = settled));
    let answered = false;
    const task: Task = {id: tasks.length, jobs: [job], meeting, done, made: undefined, left: 1, settle: (made) => {
      if (answered) return;
      answered = true;
      task.made = made;
      resolve();
    }};
    tasks.push(task);
  }
  return tasks;
}

/** A worker, and the tasks it has been sent and not answered. */
interface Entry {
  worker: Worker;
  sent: Set<Task>;
}

/** What the workers are to render: the tasks, in order, and the plan and options they come from. */
interface Run {
  tasks: Task[];
  plan: SitePlan;
  options: ElsewhereOptions;
}

/** The render workers, and the tasks each has been sent. */
export class RenderWorkers {
  readonly #workers: Entry[] = [];
  #run: Run | undefined;
  #next = 0;
  #taken = 0;

  /** Start `count` workers for these settings. */
  constructor(
    private readonly settings: Settings,
    count: number,
  ) {
    for (let at = 0; at < count; at++) this.#start();
  }

  /** Render these tasks. */
  run(tasks: Task[], plan: SitePlan, options: ElsewhereOptions): void {
    this.#run = {tasks, plan, options};
    for (const {worker} of this.#workers) worker.postMessage({context: plan.context});
    this.#send();
  }

  /** The writer has taken every page of one more task: another may go out, or, after the last, the workers go. */
  taken(): void {
    this.#taken++;
    if (this.#taken === this.#run?.tasks.length) this.close();
    else this.#send();
  }

  /** Let the workers go; tasks not yet done are rendered on the main thread. */
  close(): void {
    for (const {worker} of this.#workers.splice(0)) void worker.terminate();
    for (const task of this.#run?.tasks ?? []) task.settle(undefined);
  }

  #start(): void {
    // Under the test runner this module is TypeScript source; workers run the compiled copy.
    const url = import.meta.url.endsWith('.ts') ? new URL('../../lib/pipeline/render-worker.js', import.meta.url) : new URL('./render-worker.js', import.meta.url);
    // A render worker holds a few pages at a time: a small young generation keeps its memory down.
    const entry: Entry = {worker: new Worker(url, {workerData: this.settings, resourceLimits: {maxYoungGenerationSizeMb: 8}}), sent: new Set<Task>()};
    this.#workers.push(entry);
    entry.worker.on('message', (message: RenderAnswer) => {
      const task = this.#run!.tasks[message.id]!;
      entry.sent.delete(task);
      if ('made' in message && message.article !== undefined && task.meeting) this.#run!.plan.keepArticle(task.meeting.path, message.article);
      task.settle('made' in message ? message.made : undefined);
      this.#send();
    });
    entry.worker.on('error', () => this.#drop(entry));
    entry.worker.on('exit', () => this.#drop(entry));
  }

  /** A worker that cannot be used: its tasks are rendered here, and the others go on. */
  #drop(entry: Entry): void {
    const at = this.#workers.indexOf(entry);
    if (at === -1) return;
    this.#workers.splice(at, 1);
    void entry.worker.terminate();
    for (const task of entry.sent) task.settle(undefined);
    this.#send();
  }

  /** Send tasks, in order, to the ready workers with the fewest, up to `ahead` each past what the writer took. */
  #send(): void {
    const run = this.#run;
    if (!run) return;
    if (this.#workers.length === 0) {
      for (const task of run.tasks.slice(this.#next)) task.settle(undefined);
      return;
    }
    const workers = this.#workers;
    while (this.#next < run.tasks.length && this.#next < this.#taken + ahead * workers.length) {
      const entry = workers.reduce((least, one) => (one.sent.size < least.sent.size ? one : least));
      const task = run.tasks[this.#next++]!;
      try {
        const message: RenderTask = {id: task.id, jobs: task.jobs, ...(task.meeting ? {meeting: task.meeting, ...run.options.content(task.meeting)} : {})};
        entry.worker.postMessage(message);
        entry.sent.add(task);
      } catch {
        // Content that cannot be had or sent: the main thread renders the task, and says why if it cannot either.
        task.settle(undefined);
      }
    }
  }
}
