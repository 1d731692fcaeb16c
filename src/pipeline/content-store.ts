/**
 * Where each meeting's content waits between the per-file stages and the pages that show
 * it: one interface, two homes. With the build cache, content is an entry of the cache (a
 * warm build reads only the summaries, and the content of the meetings whose pages it
 * renders); without one (`--no-cache`, `cache: false`), it stays in memory, and nothing
 * is written anywhere but the site.
 */
import path from 'node:path';
import type {Settings} from '../config.js';
import type {MeetingContent, MeetingSummary} from '../view.js';
import type {Cache} from './cache.js';
import {readContent} from './load.js';
import {processFile} from './process-file.js';
import {split} from './bodies.js';

/** Where a meeting's content is: its file's key (the cache key, or without a cache its path), and the file. */
export interface ContentRef {
  /** The cache key of the file's result; without a cache, the file's path. */
  key: string;
  /** The content file, relative to the working folder. */
  source: string;
}

/** Meetings' content, by their refs. */
export interface ContentStore {
  /** A meeting's content; throws when it is gone and cannot be made again. */
  get(ref: ContentRef): MeetingContent;
  /** Keep a meeting's content. */
  set(ref: ContentRef, content: MeetingContent): void;
  /** A meeting's content when it is kept in memory; undefined when it is in the cache (another thread can read it there). */
  inMemory(ref: ContentRef): MeetingContent | undefined;
}

/** Content kept in memory, for a build without a cache. */
export class MemoryContentStore implements ContentStore {
  readonly #contents = new Map<string, MeetingContent>();

  /** A kept content; throws for one never kept. */
  get(ref: ContentRef): MeetingContent {
    const content = this.#contents.get(ref.key);
    if (!content) throw new Error(`No content kept for \`${ref.source}\``);
    return content;
  }

  /** Keep a content. */
  set(ref: ContentRef, content: MeetingContent): void {
    this.#contents.set(ref.key, content);
  }

  /** A kept content (all are in memory). */
  inMemory(ref: ContentRef): MeetingContent | undefined {
    return this.#contents.get(ref.key);
  }
}

/**
 * Content kept in the build cache. An entry gone since the per-file stages (a cache folder
 * deleted or pruned meanwhile, a damaged entry) is made again from the file, as long as its
 * bytes are still the ones the summary was made from. Content the cache cannot take (a
 * folder that cannot be written) stays in memory.
 */
export class CacheContentStore implements ContentStore {
  readonly #unwritten = new MemoryContentStore();
  readonly #kept = new Set<string>();

  /** A store over `cache`, for these settings. */
  constructor(
    private readonly settings: Settings,
    private readonly cache: Cache,
  ) {}

  /** A meeting's content: from the cache, else made again from its file. */
  get(ref: ContentRef): MeetingContent {
    if (this.#kept.has(ref.key)) return this.#unwritten.get(ref);
    const stored = this.cache.body(ref.key);
    if (stored) return stored;
    const file = path.resolve(this.settings.cwd, ref.source);
    const read = readContent(file);
    if (!('bytes' in read) || this.cache.key(ref.source, read.bytes) !== ref.key) throw new Error(`\`${ref.source}\` changed during the build; build again`);
    const view = processFile(this.settings, file, read).view;
    if (!view) throw new Error(`\`${ref.source}\` could not be processed again; build again`);
    return split(view).body;
  }

  /** Store a meeting's content in the cache, or in memory when the cache cannot take it. */
  set(ref: ContentRef, content: MeetingContent): void {
    if (this.cache.setBody(ref.key, content)) return;
    this.#unwritten.set(ref, content);
    this.#kept.add(ref.key);
  }

  /** A content the cache could not take; undefined for one in the cache. */
  inMemory(ref: ContentRef): MeetingContent | undefined {
    return this.#kept.has(ref.key) ? this.#unwritten.get(ref) : undefined;
  }
}

/**
 * A build's reader of meetings' content, each read from the store at most once. The
 * threads and search index need every meeting's text before any page is rendered; what
 * they read is held until the meeting's page takes it, instead of being read again.
 */
export class ContentReader {
  readonly #held = new Map<string, MeetingContent>();

  /** A reader of `store`, the refs by meeting site path. */
  constructor(
    private readonly store: ContentStore,
    private readonly refs: ReadonlyMap<string, ContentRef>,
  ) {}

  /** A meeting's content, held for the page that will take it. */
  hold(meeting: MeetingSummary): MeetingContent {
    const content = this.#held.get(meeting.path) ?? this.store.get(this.ref(meeting));
    this.#held.set(meeting.path, content);
    return content;
  }

  /** A meeting's content for its pages: the held one (let go of), else read now. */
  take(meeting: MeetingSummary): MeetingContent {
    const held = this.#held.get(meeting.path);
    if (held) {
      this.#held.delete(meeting.path);
      return held;
    }
    return this.store.get(this.ref(meeting));
  }

  /** A meeting's content if it is held, let go of (its pages are rendered elsewhere). */
  release(meeting: MeetingSummary): MeetingContent | undefined {
    const held = this.#held.get(meeting.path);
    this.#held.delete(meeting.path);
    return held;
  }

  private ref(meeting: MeetingSummary): ContentRef {
    const ref = this.refs.get(meeting.path);
    if (!ref) throw new Error(`No content for \`${meeting.path}\``);
    return ref;
  }
}
