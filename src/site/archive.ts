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

/** The threads of the given item texts (of published meetings, in site order). */
export function collectArchive(texts: Iterable<ItemText>, autolinks: readonly AutoLink[]): Archive {
  const patterns = threadPatterns(autolinks);
  const meetings: MeetingMentions[] = [];
  let items: ItemText[] = [];
  const flush = () => {
    if (items.length > 0) meetings.push({meeting: items[0]!.meeting, mentions: meetingMentions(items, patterns)});
    items = [];
  };
  for (const text of texts) {
    if (items.length > 0 && items[0]!.meeting !== text.meeting) flush();
    items.push(text);
  }
  flush();
  return gatherThreads(meetings);
}

/** One meeting's mention of a thread: the kind and name, the item (by its index), and the sentence. */
export interface ThreadMention {
  /** A reference or an owner. */
  kind: Thread['kind'];
  /** Its name as written. */
  name: string;
  /** The item's index in the meeting's items. */
  at: number;
  /** The sentence that mentions it. */
  sentence: string;
}

/** A meeting and the threads its items mention. */
export interface MeetingMentions {
  /** The meeting (a summary is enough). */
  meeting: MeetingView;
  /** Its mentions, in item order (`meetingMentions`). */
  mentions: readonly ThreadMention[];
}

/** The auto-link patterns as thread finders: whole words only. */
export function threadPatterns(autolinks: readonly AutoLink[]): RegExp[] {
  return autolinks.map((entry) => new RegExp(`\\b(?:${entry.pattern})\\b`, 'gu'));
}

/**
 * The threads one meeting's items mention, in item order: depends on that meeting's
 * content and the auto-link patterns alone, so a build keeps it per meeting.
 */
export function meetingMentions(texts: Iterable<Pick<ItemText, 'item' | 'text'>>, patterns: readonly RegExp[]): ThreadMention[] {
  const mentions: ThreadMention[] = [];
  // An item that names a reference twice is listed once (and so are items written with the same number).
  const last = new Map<string, number>();
  let at = 0;
  // A sentence is a slice of its item's text, and a slice keeps the whole text in memory for as
  // long as it lives (the build's threads keep every sentence): each is kept as a copy of its own.
  // UTF-8 gives back every string that Markdown read from UTF-8 can hold.
  const copied = new Map<string, string>();
  const copy = (sentence: string) => {
    const own = Buffer.from(sentence, 'utf8').toString('utf8');
    copied.set(sentence, own);
    return own;
  };
  for (const {item, text} of texts) {
    const add = (kind: Thread['kind'], name: string, sentence: string) => {
      const id = kind + '\0' + name;
      if (last.get(id) === item.number) return;
      last.set(id, item.number);
      mentions.push({kind, name, at, sentence: copied.get(sentence) ?? copy(sentence)});
    };
    const sentences = splitSentences(text);
    const whole = item.title + ' ' + text;
    for (const pattern of patterns) {
      for (const match of whole.matchAll(pattern)) add('reference', match[0], sentenceWith(sentences, match[0]) ?? item.title);
    }
    for (const owner of owners(item.owner)) add('owner', owner, sentenceWith(sentences, owner) ?? sentences[0] ?? item.title);
    at++;
  }
  return mentions;
}

/** The threads of the given meetings (in site order) from their mentions; drafts are dropped. */
export function gatherThreads(meetings: Iterable<MeetingMentions>): Archive {
  const found = new Map<string, {kind: Thread['kind']; name: string; mentions: Array<Mention & {meeting: MeetingView}>}>();
  for (const {meeting, mentions} of meetings) {
    if (meeting.draft) continue;
    for (const {kind, name, at, sentence} of mentions) {
      const item = meeting.items[at];
      if (!item) throw new Error(`The threads of \`${meeting.path}\` do not match its items; build again`);
      const id = kind + '\0' + name;
      let thread = found.get(id);
      if (!thread) found.set(id, (thread = {kind, name, mentions: []}));
      thread.mentions.push({path: meeting.path, item: item.number, anchor: item.anchor, title: item.title, sentence, meeting});
    }
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
  return sentences.find((sentence) => holdsWord(sentence, word));
}

const letterOrDigit = /^[\p{L}\p{N}]$/u;

/**
 * Whether `word` occurs in `text` with no letter or digit right before or after it. A
 * plain search and a look at its neighbours: a regular expression starting with an
 * alternation is tried at every position, which cost more than the rest of the archive.
 */
export function holdsWord(text: string, word: string): boolean {
  if (word === '') return /(?:^|[^\p{L}\p{N}])(?:$|[^\p{L}\p{N}])/u.test(text);
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    const end = at + word.length;
    // Half of a surrogate pair is not a match, as for a regular expression reading code points.
    if (isLow(text.charCodeAt(at)) && isHigh(text.charCodeAt(at - 1))) continue;
    if (isHigh(text.charCodeAt(end - 1)) && isLow(text.charCodeAt(end))) continue;
    const before = at === 0 ? '' : String.fromCodePoint(codePointBefore(text, at));
    const after = end >= text.length ? '' : String.fromCodePoint(text.codePointAt(end)!);
    if (!letterOrDigit.test(before) && !letterOrDigit.test(after)) return true;
  }
  return false;
}

/** The code point that ends just before `at` (a surrogate pair read whole). */
function codePointBefore(text: string, at: number): number {
  const low = text.charCodeAt(at - 1);
  return isLow(low) && isHigh(text.charCodeAt(at - 2)) ? text.codePointAt(at - 2)! : low;
}

const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

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
