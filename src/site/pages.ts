/**
 * The archive's listing pages: what the year, thread, topics and search templates receive,
 * and where each page lives. Every listing is cut into pages of a bounded length, so no
 * page grows with the archive (a thread of 20,000 items is 400 pages of 50).
 */
import type {GroupView, MeetingView} from '../view.js';
import type {Mention, Thread} from './archive.js';

/** Items per page of a thread. */
export const perThreadPage = 50;

/** Meetings a group page shows before its year links (the home page shows fewer). */
export const latestOnGroup = 10;

/** What `year.js` receives: one group's meetings of one year. */
export interface YearPage {
  /** The group, with `years` holding this year only. */
  group: GroupView;
  /** The year (`2019`). */
  year: string;
  /** Every year of the group, newest first, with its page's site path. */
  years: YearLink[];
}

/** A year with meetings of a group, and its page. */
export interface YearLink {
  /** The year. */
  year: string;
  /** Site path of its page (`opsg/years/2019/`). */
  path: string;
  /** How many meetings the group had that year. */
  count: number;
}

/** One listed item of a thread page. */
export interface ThreadEntry extends Mention {
  /** Group code. */
  group: string;
  /** Meeting number. */
  number: number;
  /** Meeting date, `YYYY-MM-DD`. */
  date: string;
  /** Meeting date as text. */
  dateText: string;
}

/** What `thread.js` receives: one page of a thread. */
export interface ThreadPage {
  /** `reference` or `owner`. */
  kind: Thread['kind'];
  /** The reference or owner (`DP094`). */
  name: string;
  /** How many items mention it in all. */
  total: number;
  /** This page's items, newest first. */
  entries: ThreadEntry[];
  /** This page's number, from 1. */
  page: number;
  /** The number of this page's first item in the whole thread, from 1. */
  start: number;
  /** Site paths of every page of the thread, in order. */
  pages: string[];
  /** Site path of the thread's Atom feed. */
  feed: string;
  /** Where the external auto-link of a reference points, if a pattern gives one. */
  external: string | undefined;
}

/** A thread as the topics index lists it. */
export interface ThreadLink {
  /** The reference or owner. */
  name: string;
  /** Site path of its first page. */
  path: string;
  /** How many items mention it. */
  count: number;
}

/** What `topics.js` receives: every reference and owner. */
export interface TopicsPage {
  /** References, by name. */
  references: ThreadLink[];
  /** Owners, by name. */
  owners: ThreadLink[];
}

/** What `search.js` receives: the year pages to offer where search cannot run. */
export interface SearchPage {
  /** Each group with its year pages. */
  groups: Array<{group: string; name: string; years: YearLink[]}>;
}

/** Site path of a group's page of one year. */
export function yearPath(groupSlug: string, year: string): string {
  return `${groupSlug}/years/${year}/`;
}

/** The year links of a group. */
export function yearLinks(group: GroupView): YearLink[] {
  return group.years.map(({year, meetings}) => ({year, path: yearPath(group.slug, year), count: meetings.length}));
}

/** Site paths of a thread's pages: its folder, then `2/`, `3/` … inside it. */
export function threadPages(thread: Thread): string[] {
  const count = Math.max(1, Math.ceil(thread.mentions.length / perThreadPage));
  return Array.from({length: count}, (_, index) => (index === 0 ? thread.path : `${thread.path}${index + 1}/`));
}

/** The entries of page `page` (from 1) of a thread, with their meetings' numbers and dates. */
export function threadEntries(thread: Thread, page: number, byPath: Map<string, MeetingView>): ThreadEntry[] {
  const entries: ThreadEntry[] = [];
  for (const {path, item, anchor, title, sentence} of thread.mentions.slice((page - 1) * perThreadPage, page * perThreadPage)) {
    const meeting = byPath.get(path);
    // Written out, not spread: a spread with more fields after it took 15 times as long.
    if (meeting) entries.push({path, item, anchor, title, sentence, group: meeting.group, number: meeting.number, date: meeting.date, dateText: meeting.dateText});
  }
  return entries;
}
