/**
 * The archive, prepared once per build before rendering: the threads, and the search
 * index, which Pagefind builds from one record per published agenda item (so a hit lands
 * on `#item-N`), with filters for group, year and owner.
 *
 * Both are made from the published meetings alone. Their key names what they are made
 * from (each meeting's cache key, the auto-link patterns, Pagefind's version), and the
 * index is kept in the build cache under it: a build whose meetings did not change neither
 * reads the meetings' content nor runs Pagefind. The threads are gathered from each
 * meeting's mentions, kept per meeting in the cache: a build reads the content of only the
 * meetings it has no mentions of (without search, one changed meeting: one content read).
 *
 * A search index that must be made again is made on a thread of its own
 * (search-worker.ts), beside the rendering: the build writes its files last.
 */
import {createHash} from 'node:crypto';
import fs from 'node:fs';
import {Worker} from 'node:worker_threads';
import type {Settings} from './config.js';
import type {ItemView, MeetingPage, MeetingSummary, MeetingView} from './view.js';
import {gatherThreads, itemTexts, meetingMentions, owners, threadPatterns, type Archive, type ItemText, type MeetingMentions, type ThreadMention} from './site/archive.js';
import type {PartStore} from './pipeline/incremental.js';
import {templatePath} from './templates.js';

/** The search index's files, read when a build must write them. */
export interface SearchFiles {
  /** Site paths of the index's files (`pagefind/…`). */
  paths: string[];
  /** The bytes of one of them. */
  read: (sitePath: string) => Uint8Array;
}

/** The archive of a build: threads, and the search index when search is on. */
export interface PreparedArchive {
  /** What the search index is made from (see above); empty without search, which has no index to name. */
  key: string;
  /** The threads. */
  archive: Archive;
  /** The search index, unless search is off: kept in the cache, or being made beside the rendering. */
  search: SearchFiles | Promise<SearchFiles> | undefined;
  /** The cache entries it is kept in, so that pruning the cache keeps them. */
  storeKeys: string[];
}

/** The search page's script (a template a site may override, like the stylesheets). */
export function searchScript(settings: Settings): string {
  return fs.readFileSync(templatePath(settings, 'search-client.js'), 'utf8');
}

/** Where Pagefind's files go in the site. */
export const searchFolder = 'pagefind/';

// Pagefind's own interface and styles are left out: the site has its own search page.
const unused = /^pagefind-(?:ui|modular-ui|component-ui|highlight)\.|^wasm\.unknown\./;

/** What the archive is made from besides the meetings and settings. */
export interface ArchiveSources {
  /** What a meeting is made from, as text (its file's cache key). */
  meetingKey: (meeting: MeetingSummary) => string;
  /** A meeting with its content. */
  full: (meeting: MeetingSummary) => MeetingPage;
  /** Where the archive is kept between builds (the build cache), if anywhere. */
  store: PartStore | undefined;
}

/** Prepare the archive of the published meetings (drafts are dropped here whatever the caller passes). */
export async function prepareArchive(meetings: readonly MeetingSummary[], settings: Settings, options: ArchiveSources): Promise<PreparedArchive> {
  const published = meetings.filter((meeting) => !meeting.draft);
  // Without a cache a meeting's key is the whole meeting as text: not made when no index needs it.
  const key = settings.search ? createHash('sha256').update(JSON.stringify([pagefindVersion(), settings.search, settings.autolinks, published.map(options.meetingKey)])).digest('hex') : '';
  const names = {
    paths: `search-paths-${key}`, files: `search-files-${key}`,
    mentions: `archive-mentions-${createHash('sha256').update(JSON.stringify(settings.autolinks)).digest('hex')}`,
  };
  const storeKeys = settings.search ? [names.mentions, names.paths, names.files] : [names.mentions];
  const {store} = options;
  const keptPaths = settings.search ? parse<string[]>(store?.get(names.paths)) : undefined;
  // Pagefind needs every item's text: read only when the index must be made again.
  const texts = settings.search && !keptPaths ? [...itemTexts(published, (meeting) => options.full(meeting as MeetingSummary))] : undefined;
  const archive = gatherThreads(mentionsOf(published, settings, options, texts, names.mentions));
  if (keptPaths) return {key, archive, search: storedFiles(keptPaths, () => store?.get(names.files)), storeKeys};
  const search = texts ? indexBeside(texts.map(searchRecord)).then((files) => {
    store?.set(names.files, JSON.stringify(Object.fromEntries([...files].map(([at, bytes]) => [at, Buffer.from(bytes).toString('base64')]))));
    store?.set(names.paths, JSON.stringify([...files.keys()]));
    return {paths: [...files.keys()], read: (at: string) => files.get(at) ?? new Uint8Array()};
  }) : undefined;
  // Settled here too: a build that fails before it writes the index must not leave it unhandled.
  search?.catch(() => {});
  return {key, archive, search, storeKeys};
}

/**
 * Each published meeting's mentions of threads. They depend on the meeting's content and
 * the auto-link patterns alone, and are kept in the cache by meeting key in one entry: a
 * build in which one meeting changed reads that meeting's content, not every meeting's.
 */
function mentionsOf(published: MeetingSummary[], settings: Settings, options: ArchiveSources, texts: ItemText[] | undefined, name: string): MeetingMentions[] {
  const {store} = options;
  const kept = (store ? parse<Record<string, StoredMention[]>>(store.get(name)) : undefined) ?? {};
  const patterns = threadPatterns(settings.autolinks);
  const byMeeting = new Map<MeetingView, ItemText[]>();
  for (const text of texts ?? []) byMeeting.get(text.meeting)?.push(text) ?? byMeeting.set(text.meeting, [text]);
  const items = (meeting: MeetingSummary) => byMeeting.get(meeting) ?? itemTexts([meeting], (summary) => options.full(summary as MeetingSummary));
  let made = 0;
  const found = published.map((meeting) => {
    const key = store ? options.meetingKey(meeting) : '';
    const stored = store ? kept[key] : undefined;
    if (Array.isArray(stored) && stored.every(isStoredMention)) return {key, meeting, mentions: stored.map(([kind, name, at, sentence]) => ({kind, name, at, sentence}))};
    made++;
    return {key, meeting, mentions: meetingMentions(items(meeting), patterns)};
  });
  if (store && (made > 0 || Object.keys(kept).length !== found.length)) {
    store.set(name, JSON.stringify(Object.fromEntries(found.map(({key, mentions}) => [key, mentions.map(({kind, name, at, sentence}): StoredMention => [kind, name, at, sentence])]))));
  }
  return found;
}

/** A mention as the cache keeps it: without its field names, which would be most of a short one. */
type StoredMention = [kind: ThreadMention['kind'], name: string, at: number, sentence: string];

/** Whether a kept mention has the shape this version writes (else the meeting's mentions are made again). */
function isStoredMention(value: unknown): value is StoredMention {
  return Array.isArray(value) && value.length === 4 && (value[0] === 'reference' || value[0] === 'owner') && typeof value[1] === 'string' && Number.isInteger(value[2]) && value[2] >= 0 && typeof value[3] === 'string';
}

/** What the search index takes of an item: where it is, what it says, and what it is filtered and sorted by. */
export interface SearchRecord {
  /** Its meeting. */
  meeting: Pick<MeetingSummary, 'path' | 'group' | 'number' | 'dateText' | 'year' | 'date'>;
  /** The item. */
  item: Pick<ItemView, 'anchor' | 'title' | 'owner' | 'number'>;
  /** The item's content as plain text. */
  text: string;
}

function searchRecord({meeting, item, text}: ItemText): SearchRecord {
  return {
    meeting: {path: meeting.path, group: meeting.group, number: meeting.number, dateText: meeting.dateText, year: meeting.year, date: meeting.date},
    item: {anchor: item.anchor, title: item.title, owner: item.owner, number: item.number},
    text,
  };
}

/** Build the search index on a thread of its own (search-worker.ts): site path → bytes. */
function indexBeside(records: SearchRecord[]): Promise<Map<string, Uint8Array>> {
  // Under the test runner this module is TypeScript source; the thread runs the compiled copy.
  const url = import.meta.url.endsWith('.ts') ? new URL('../lib/search-worker.js', import.meta.url) : new URL('./search-worker.js', import.meta.url);
  const worker = new Worker(url);
  return new Promise<Map<string, Uint8Array>>((resolve, reject) => {
    worker.once('message', (message: {paths: string[]; contents: Uint8Array[]} | {error: string}) => {
      if ('error' in message) reject(new Error(message.error));
      else resolve(new Map(message.paths.map((at, index) => [at, message.contents[index]!])));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The search index's thread stopped (exit code ${code})`)));
    worker.postMessage(records);
  }).finally(() => void worker.terminate());
}

/** Build the Pagefind index of the given items: site path → bytes. */
export async function indexSearch(texts: SearchRecord[]): Promise<Map<string, Uint8Array>> {
  const pagefind = await import('pagefind');
  const {index, errors} = await pagefind.createIndex({forceLanguage: 'en', keepIndexUrl: false});
  if (!index) throw new Error(`Cannot start the search indexer: ${errors.join('; ')}`);
  try {
    // Records go to Pagefind's process in batches: one at a time would wait on each.
    for (let start = 0; start < texts.length; start += 500) {
      const added = await Promise.all(texts.slice(start, start + 500).map(({meeting, item, text}) => index.addCustomRecord({
        // A site path, resolved by the search page against the site's root, so the index
        // works whatever path the site is served from.
        url: `${meeting.path}#${item.anchor}`,
        content: `${item.title}. ${item.owner ? `(${item.owner}) ` : ''}${text}`,
        language: 'en',
        meta: {title: `${meeting.group} ${meeting.number}, item ${item.number}: ${item.title}`, date: meeting.dateText},
        filters: {group: [meeting.group], year: [meeting.year], ...(item.owner ? {owner: owners(item.owner)} : {})},
        sort: {date: meeting.date},
      })));
      const failed = added.flatMap((result) => result.errors);
      if (failed.length > 0) throw new Error(`Cannot index an item for search: ${failed.join('; ')}`);
    }
    const result = await index.getFiles();
    if (result.errors.length > 0) throw new Error(`Cannot write the search index: ${result.errors.join('; ')}`);
    const files = new Map<string, Uint8Array>();
    for (const file of [...result.files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
      if (!unused.test(file.path)) files.set(searchFolder + file.path, file.content);
    }
    return files;
  } finally {
    await index.deleteIndex();
    await pagefind.close();
  }
}

/** Files kept in the cache, decoded when first asked for. */
function storedFiles(paths: string[], text: () => string | undefined): SearchFiles {
  let files: Record<string, string> | undefined;
  return {
    paths,
    read: (at) => {
      files ??= parse<Record<string, string>>(text()) ?? {};
      const encoded = files[at];
      // Gone from the cache since this build began: the next build makes the index again.
      if (encoded === undefined) throw new Error(`The search index file \`${at}\` is missing from the build cache; build again`);
      return Buffer.from(encoded, 'base64');
    },
  };
}

function parse<T>(text: string | undefined): T | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

let version: string | undefined;
/** Pagefind's version: a new one may write another index from the same records. */
export function pagefindVersion(): string {
  return (version ??= (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.resolve('pagefind')), 'utf8')) as {version: string}).version);
}
