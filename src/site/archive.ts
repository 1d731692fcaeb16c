/**
 * What the archive pages are made of: every published agenda item as plain text, and the
 * threads across meetings (a reference such as `DP094`, an owner such as `DCC`) with the
 * sentence of each item that mentions them. Drafts never reach here: callers pass
 * published meetings only, and `collectArchive` drops any draft it is given regardless.
 */
import type {AutoLink} from '../config.js';
import type {ItemView, MeetingView} from '../view.js';
import {newestFirst} from './order.js';

/** One agenda item that mentions a thread. */
export interface Mention {
  /** Site path of the meeting (`opsg/27/`). */
  path: string;
  /** The item's number as written. */
  item: number;
  /** The item's anchor (`item-16`). */
  anchor: string;
  /** The item's title. */
  title: string;
  /** The sentence that mentions the thread (the item's first one when none names it). */
  sentence: string;
}

/** A reference or an owner, and every published item that mentions it. */
export interface Thread {
  /** A reference (an auto-link pattern's match) or an owner (an item's owner, split at `/`). */
  kind: 'reference' | 'owner';
  /** The reference or owner as written (`DP094`, `DCC`). */
  name: string;
  /** Site path of its first page (`topics/dp094/`, `owners/dcc/`). */
  path: string;
  /** The mentions, newest meeting first, then by item number. */
  mentions: Mention[];
}

/** The archive data of a site. */
export interface Archive {
  /** Threads: references by name, then owners by name. */
  threads: Thread[];
}

/** One published agenda item as text (for the search index and the threads). */
export interface ItemText {
  /** The meeting. */
  meeting: MeetingView;
  /** The item. */
  item: ItemView;
  /** The item's content as plain text. */
  text: string;
}

/** Every item of the given meetings as text; `full` gives a meeting with its content. */
export function* itemTexts(meetings: MeetingView[], full: (meeting: MeetingView) => MeetingView): Generator<ItemText> {
  for (const summary of meetings) {
    if (summary.draft) continue;
    const meeting = full(summary);
    for (const item of meeting.items) yield {meeting: summary, item, text: contentText(item)};
  }
}

/** The threads of the given item texts. */
export function collectArchive(texts: Iterable<ItemText>, autolinks: readonly AutoLink[]): Archive {
  const found = new Map<string, {kind: Thread['kind']; name: string; mentions: Array<Mention & {date: string; meeting: MeetingView}>}>();
  const add = (kind: Thread['kind'], name: string, mention: Mention, meeting: MeetingView) => {
    const id = kind + '\0' + name;
    let thread = found.get(id);
    if (!thread) found.set(id, (thread = {kind, name, mentions: []}));
    // An item that names a reference twice is listed once.
    if (thread.mentions.at(-1)?.path === mention.path && thread.mentions.at(-1)?.item === mention.item) return;
    thread.mentions.push({...mention, date: meeting.date, meeting});
  };
  const patterns = autolinks.map((entry) => new RegExp(`\\b(?:${entry.pattern})\\b`, 'gu'));
  for (const {meeting, item, text} of texts) {
    if (meeting.draft) continue;
    const sentences = splitSentences(text);
    const base = {path: meeting.path, item: item.number, anchor: item.anchor, title: item.title};
    const whole = item.title + ' ' + text;
    for (const pattern of patterns) {
      for (const match of whole.matchAll(pattern)) {
        add('reference', match[0], {...base, sentence: sentenceWith(sentences, match[0]) ?? item.title}, meeting);
      }
    }
    for (const owner of owners(item.owner)) add('owner', owner, {...base, sentence: sentenceWith(sentences, owner) ?? sentences[0] ?? item.title}, meeting);
  }
  const threads = [...found.values()]
    .sort((a, b) => (a.kind !== b.kind ? (a.kind === 'reference' ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({kind, name, mentions}) => ({
      kind,
      name,
      path: '',
      mentions: mentions.sort((a, b) => newestFirst(a.meeting, b.meeting) || a.item - b.item).map(({path, item, anchor, title, sentence}) => ({path, item, anchor, title, sentence})),
    }));
  const taken = new Set<string>();
  for (const thread of threads) {
    const folder = thread.kind === 'reference' ? 'topics' : 'owners';
    const stem = slug(thread.name);
    let candidate = stem;
    for (let n = 2; taken.has(folder + '/' + candidate); n++) candidate = `${stem}-${n}`;
    taken.add(folder + '/' + candidate);
    thread.path = `${folder}/${candidate}/`;
  }
  return {threads};
}

/** An item's owners: `SECAS/DCC` is both `SECAS` and `DCC`. */
export function owners(owner: string | undefined): string[] {
  return [...new Set((owner ?? '').split('/').map((name) => name.trim()).filter((name) => name !== ''))];
}

/** A URL segment for a name: lower case letters and digits, runs of anything else as one `-`. */
export function slug(name: string): string {
  return name.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
}

/** Sentences of a text: a split after `.`, `!` or `?` followed by a space and a capital, digit or bracket. */
export function splitSentences(text: string): string[] {
  return text.split(/(?<=[.!?][)\]"'’”]?)\s+(?=[\p{Lu}\d([*"'‘“])/u).map((sentence) => sentence.trim()).filter((sentence) => sentence !== '');
}

/** The first sentence that holds `word` as a whole word. */
function sentenceWith(sentences: string[], word: string): string | undefined {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?:^|[^\\p{L}\\p{N}])${escaped}(?:$|[^\\p{L}\\p{N}])`, 'u');
  return sentences.find((sentence) => pattern.test(sentence));
}

/**
 * An item's content as text. The content is sanitised HTML from our own serialiser (see
 * transform.ts): its tags are dropped (a block's end becomes a space) and the character
 * references it writes are decoded. The text is only ever indexed or escaped again.
 */
export function contentText(item: ItemView): string {
  let html = '';
  for (const node of item.content) {
    if (node.type === 'raw' as string) html += (node as unknown as {value: string}).value;
  }
  return html
    .replace(/<\/(?:p|li|div|h\d|pre|blockquote|td|th)>|<br\s*\/?>/gi, ' ')
    .replace(/<(?:[^>"']|"[^"]*"|'[^']*')*>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&(lt|gt|quot|amp|nbsp);/g, (_, name: string) => ({lt: '<', gt: '>', quot: '"', amp: '&', nbsp: '\u00a0'})[name]!)
    .replace(/\s+/g, ' ')
    .trim();
}
