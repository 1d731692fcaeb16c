/**
 * The incremental layer, wrapped around the pure page list (render.ts): a page's key is a
 * digest of its inputs (what every page shares, its path, what else it shows, and what
 * each of its meetings is made from), so equal keys mean equal bytes. A build keeps the
 * previous build's file for every page whose key is unchanged and which nobody touched
 * since (hard-linked by write.ts, without rendering it), keeps the parts of long pages
 * (year lists, print months) in the build cache under their own keys, and tells the cache
 * which parts it used so that pruning keeps them. Rendering knows nothing of any of this.
 */
import {createHash} from 'node:crypto';
import type {MeetingSummary} from '../view.js';
import {summaryOf} from './bodies.js';
import {guarded, type Page, type PartInputs, type SitePlan} from './render.js';
import type {Manifest, SiteFiles, WrittenSite} from './write.js';
import {current, untouched} from './output-state.js';

/** Where rendered parts of long pages (year lists, print months) are kept between builds (the build cache). */
export interface PartStore {
  /** A stored part, if any. */
  get(key: string): string | undefined;
  /** Store a part. */
  set(key: string, value: string): void;
}

/** What the layer keeps between builds; without it every page is rendered. */
export interface Reuse {
  /** Where parts are kept. */
  parts: PartStore;
  /** The manifest of the previous build to the same output folder. */
  previous: Manifest;
  /** Stored entries that belong to the site as a whole (the threads, the search index), so that pruning keeps them. */
  also?: string[];
}

/** How the layer is asked for. */
export interface IncrementalOptions {
  /** What a meeting is made from, as text (its file's cache key); default: the meeting itself. */
  meetingKey?: ((meeting: MeetingSummary) => string) | undefined;
  /** What is kept between builds; reuse is off without it, and with templates of the site's own. */
  reuse?: Reuse | undefined;
}

/** The site as write.ts takes it, with the keys and manifest of the pages. */
export interface IncrementalSite extends SiteFiles {
  /** Render one path as text (the search index's binary files are written from `parts`). */
  file: (sitePath: string) => string | undefined;
  /** Render one path in parts. */
  parts: (sitePath: string) => Iterable<string | Uint8Array> | undefined;
  /** The digest of a page's inputs; undefined for a path that is not part of the site. */
  key: (sitePath: string) => string | undefined;
  /** The manifest of the build just written, for the next one (empty without reuse). */
  manifest: (written: WrittenSite) => Manifest;
  /** The stored entries the site is made of, whether or not this build rendered them (none without reuse). */
  partKeys: () => string[];
  /** Key files made after the page list (the search index, made beside the rendering) as pages made from `inputs`. */
  adopt: (paths: readonly string[], inputs: PartInputs) => void;
}

/** The keys of every page: a pure function of the pages' inputs. */
export function pageKeys(site: SitePlan, meetingKey?: (meeting: MeetingSummary) => string): Map<string, string> {
  const digest = digester(site, meetingKey);
  return new Map(site.pages.map((page) => [page.path, digest(page.path, page.inputs)]));
}

/** Wrap the page list: keys, kept files, kept parts. */
export function incremental(site: SitePlan, options: IncrementalOptions = {}): IncrementalSite {
  const reuse = site.reusable ? options.reuse : undefined;
  const digest = digester(site, options.meetingKey);
  const byPath = new Map(site.pages.map((page) => [page.path, page]));
  const keys = new Map<string, string>();
  const adopted = new Map<string, string>();
  const key = (at: string) => {
    const page = byPath.get(at);
    if (!page) return adopted.get(at);
    let made = keys.get(at);
    if (made === undefined) keys.set(at, (made = digest(at, page.inputs)));
    return made;
  };
  const parts = (at: string): Iterable<string | Uint8Array> | undefined => {
    const page = byPath.get(at);
    if (!page) return undefined;
    return reuse && page.inputs.pieces ? guarded(at, () => assemble(page, reuse.parts, digest)) : site.parts(at);
  };
  const previous = reuse?.previous ?? {};
  const keep = (at: string, old: string) => {
    const entry = previous[at];
    return entry !== undefined && entry.key === key(at) && untouched(old, entry);
  };
  return {
    paths: site.paths,
    key,
    parts,
    file: (at) => {
      const made = parts(at);
      return made === undefined ? undefined : [...made].map((part) => (typeof part === 'string' ? part : Buffer.from(part).toString('utf8'))).join('');
    },
    ...(reuse ? {keep, current: (out: string) => current(out, site.paths, keep)} : {}),
    manifest: (written) => {
      if (!reuse) return {};
      const manifest: Manifest = {};
      for (const at of written.written) {
        const stamp = written.stamps.get(at);
        const made = key(at);
        if (made !== undefined && stamp) manifest[at] = {key: made, ...stamp};
        else if (stamp === undefined && previous[at]) manifest[at] = previous[at]!;
      }
      return manifest;
    },
    adopt: (paths, inputs) => {
      for (const at of paths) if (!byPath.has(at)) adopted.set(at, digest(at, inputs));
    },
    // The site-wide entries are used whatever the templates: nothing in them depends on a template.
    partKeys: () => [...(reuse ? site.pages.flatMap((page) => partKeysOf(page, digest)) : []), ...(options.reuse?.also ?? [])],
  };
}

type Digest = (at: string, inputs: PartInputs, part?: boolean) => string;

/** The digest of a page's (or part's) inputs. */
function digester(site: SitePlan, meetingKey: ((meeting: MeetingSummary) => string) | undefined): Digest {
  const shared = createHash('sha256').update(site.shared).digest('hex');
  // Without a key of their files, meetings are known by all they hold, content included.
  const given = new Map(site.meetings.map((meeting) => [meeting.path, meeting]));
  const own = meetingKey ?? ((meeting: MeetingSummary) => JSON.stringify(given.get(meeting.path) ?? meeting));
  // A meeting shows its neighbours' links: they are part of what it is made from. Made once
  // per meeting: a meeting is in several parts (its year's lists, its print month).
  const made = new Map<string, string>();
  const ofMeeting = (meeting: MeetingSummary) => {
    let text = made.get(meeting.path);
    if (text === undefined) made.set(meeting.path, (text = own(meeting) + JSON.stringify([meeting.previous ?? null, meeting.following ?? null])));
    return text;
  };
  let all: string | undefined;
  return (at, inputs, part = false) => {
    const hash = createHash('sha256').update(shared).update('\0' + at + '\0' + (part ? 'part' : 'page') + '\0').update(inputs.salt + '\0');
    if (inputs.from === 'all') hash.update((all ??= createHash('sha256').update(site.meetings.map((meeting) => ofMeeting(summaryOf(meeting))).join('\n')).digest('hex')));
    else for (const meeting of inputs.from) hash.update(ofMeeting(meeting) + '\n');
    return hash.digest('hex');
  };
}

/** A long page, its parts taken from the store where kept there, else rendered and stored. */
function* assemble(page: Page, store: PartStore, digest: Digest): Generator<string> {
  for (const piece of page.inputs.pieces!()) {
    if (typeof piece === 'string') {
      yield piece;
      continue;
    }
    const key = piece.inputs === undefined ? undefined : digest(page.path, piece.inputs, true);
    let part = key === undefined ? undefined : store.get(key);
    if (part === undefined) {
      part = piece.render();
      if (key !== undefined) store.set(key, part);
    }
    yield part;
  }
}

function partKeysOf(page: Page, digest: Digest): string[] {
  return (page.inputs.pieces?.() ?? []).flatMap((piece) => (typeof piece !== 'string' && piece.inputs !== undefined ? [digest(page.path, piece.inputs, true)] : []));
}
