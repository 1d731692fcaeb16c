/**
 * What templates receive. Every string is plain text (the serialiser escapes it); every
 * `ElementContent[]` is the author's Markdown as sanitised HTML, held in one hast `raw`
 * node: place it, do not reshape it.
 */
import type {ElementContent} from 'hast';

/** One agenda item on a page. */
export interface ItemView {
  /** The number as the author wrote it. */
  number: number;
  /** The title. */
  title: string;
  /** The owner, if any. */
  owner: string | undefined;
  /** The anchor id (`item-4`). */
  anchor: string;
  /**
   * The title as written with its formatting (`~~Measure~~Amount`), as sanitised HTML;
   * empty when the title is plain text (show `title`).
   */
  heading: ElementContent[];
  /** The same for the contents list: links and footnote marks left out; empty when plain. */
  contentsTitle: ElementContent[];
  /** The item's content, post-meeting notes included as `div.post-meeting-note`. */
  content: ElementContent[];
  /** Post-meeting notes as text. */
  notes: string[];
  /** The threads (references, owners) the item is listed in, with their pages' site paths; set for the meeting page. */
  threads?: Array<{name: string; path: string}>;
}

/** A link to another meeting. */
export interface MeetingLink {
  /** Site path (`opsg/26/`). */
  path: string;
  /** The meeting number. */
  number: number;
  /** The date as text. */
  dateText: string;
  /** The meeting's title. */
  title: string;
}

/**
 * One meeting's page: the meeting with its content, as the meeting and print templates see
 * it. (`MeetingView` is its name for templates.)
 */
export interface MeetingPage {
  /** Group code (`OPSG`). */
  group: string;
  /** Group's full name. */
  groupName: string;
  /** Group's URL segment (`opsg`). */
  groupSlug: string;
  /** Meeting number. */
  number: number;
  /** Date, `YYYY-MM-DD`. */
  date: string;
  /** Date as text (`3 December 2019`). */
  dateText: string;
  /** Year (`2019`). */
  year: string;
  /** Title. */
  title: string;
  /** Whether this is a draft. */
  draft: boolean;
  /** Classification label (`WHITE`). */
  label: string;
  /** Classification statement as text. */
  statement: string;
  /** Site path of the meeting page (`opsg/27/`). */
  path: string;
  /** Blocks between the title line and the first item. */
  intro: ElementContent[];
  /** Agenda items in the order written. */
  items: ItemView[];
  /** Next-meeting lines (`Next Regular Meeting Date` → `7 January 2020 …`). */
  next: Array<{label: string; text: string}>;
  /** Blocks after the next-meeting lines. */
  closing: ElementContent[];
  /** Next-meeting dates (`YYYY-MM-DD`): front matter, else the closing lines; for `calendar.ics`. */
  nextDates?: {regular?: string; reporting?: string};
  /** The previous meeting of the group, if any. */
  previous: MeetingLink | undefined;
  /** The next meeting of the group, if any. */
  following: MeetingLink | undefined;
}

/** One meeting, as the meeting, index and print templates see it (the name templates use). */
export type MeetingView = MeetingPage;

/** An agenda item as a listing sees it: its content left out. */
export type ItemSummary = Omit<ItemView, 'content'> & {
  /** Always empty: a listing never shows an item's content. */
  content: [];
};

/**
 * One meeting as listings, feeds, the sitemap, the calendar and the cross-file rules see
 * it: its page without the content. The content fields are there, empty, so that a
 * template given a summary where it used to get a page finds the same shape.
 */
export type MeetingSummary = Omit<MeetingPage, 'intro' | 'items' | 'closing'> & {
  /** Always empty. */
  intro: [];
  /** The items, their content empty. */
  items: ItemSummary[];
  /** Always empty. */
  closing: [];
};

/** One meeting's content: what its summary leaves out, kept apart from it (see pipeline/content-store.ts). */
export interface MeetingContent {
  /** The intro. */
  intro: ElementContent[];
  /** Each item's content, in order. */
  items: ElementContent[][];
  /** The closing. */
  closing: ElementContent[];
}

/** A group and its meetings, newest first. */
export interface GroupView {
  /** Group code. */
  group: string;
  /** Full name. */
  name: string;
  /** URL segment. */
  slug: string;
  /**
   * Meetings by year, newest year first: summaries, whose `intro`, `closing` and items'
   * `content` are empty (only the meeting and print pages are given a meeting's content).
   */
  years: Array<{year: string; meetings: MeetingSummary[]}>;
}

/** Site-wide values every template receives. */
export interface SiteView {
  /** Site title. */
  title: string;
  /** Classification label. */
  label: string;
  /** Groups with published meetings, by code. */
  groups: GroupView[];
  /** Whether drafts are shown (preview). */
  drafts: boolean;
  /** Whether each published meeting has its PDF beside its print page (`opsg build --pdf`). */
  pdfs?: boolean;
  /** The organisation's branding, when the config sets one. */
  brand?: import('./branding.js').BrandView;
}
