/**
 * The content model: what one meeting file means once it has been read.
 *
 * Data rides on `file.data` (vfile's `DataMap`), stage by stage, so a reader can
 * follow one file from disk to `dist/` without a shared mutable context.
 */
import type {Root as MdastRoot, RootContent, PhrasingContent} from 'mdast';
import type {Position} from 'unist';
import type {FrontMatter} from './front-matter-shape.js';

/** Classification levels of the Panel Information Policy (Traffic Light Protocol). */
export type ClassificationLevel = 'white' | 'green' | 'amber' | 'red';

/** Publication status of a meeting file (the front-matter shape's `status` values). */
export type Status = FrontMatter['status'];

/** A calendar date, `YYYY-MM-DD`, never a `Date` (so no time zone can shift it). */
export type IsoDate = string;

/** Where a front-matter block stands in its file, by offset (found once, by the gate's split). */
export interface FrontMatterBlock {
  /** Offset of the opening `---`. */
  start: number;
  /** Offset where the YAML text starts (after the opening line). */
  yamlStart: number;
  /** Offset of the closing line. */
  closing: number;
  /** Offset where the body starts (after the closing line). */
  bodyStart: number;
  /** The YAML text between the delimiter lines, as read. */
  yaml: string;
}

/**
 * Front matter as written, located once by the parse stage and passed along: where the
 * block and each key stand, the parsed values, and the known fields read by the
 * front-matter shape (front-matter-shape.ts), so no later stage reads the text again.
 */
export interface RawFrontMatter {
  /** Whether the file has a front-matter block at all. */
  present: boolean;
  /** Parsed values (plain JSON: the YAML core schema keeps dates as strings). */
  values: Record<string, unknown>;
  /** Position of each top-level key (the key itself). */
  keys: Record<string, Position>;
  /** Position of each top-level value. */
  valuePositions: Record<string, Position>;
  /** Position of the whole block, delimiters included (its first and last lines). */
  position: Position | undefined;
  /** The block by offset, with its YAML text; undefined without a closed block. */
  block: FrontMatterBlock | undefined;
  /** The known fields with a right value, typed, defaults filled in (from `values`, by the shape). */
  fields: Partial<FrontMatter>;
}

/** A body line that names the classification, e.g. “This document is classified as **White** …”. */
export interface ClassificationStatement {
  /** The level as written (`White`, `TLP:AMBER`). */
  written: string;
  /** The normalised level, or undefined when unknown. */
  level: ClassificationLevel | undefined;
  /** Plain text of the whole statement. */
  text: string;
  /** Where the level word stands. */
  position: Position | undefined;
}

/** The title line, e.g. “Operations Group (OPSG) Meeting 27 on 3 December 2019 Headlines”. */
export interface TitleLine {
  /** The line as written. */
  text: string;
  /** The group code in parentheses, if any. */
  group: string | undefined;
  /** The meeting number the line names. */
  meeting: number | undefined;
  /** The date the line names, when it could be read. */
  date: IsoDate | undefined;
  /** Where the line stands. */
  position: Position | undefined;
}

/** A post-meeting note, set apart on the page. */
export interface PostMeetingNote {
  /** Plain text of the note. */
  text: string;
  /** Where it stands. */
  position: Position | undefined;
}

/** One numbered agenda item, with the number its author wrote. */
export interface AgendaItem {
  /** The number as written: never renumbered. */
  number: number;
  /** The title (`Major Incident`), empty when the author gave none. */
  title: string;
  /** The owner in parentheses (`SECAS/DCC`), if any. */
  owner: string | undefined;
  /** The title as written, formatting kept (`~~Measure~~Amount`). */
  heading: PhrasingContent[];
  /** The anchor id on the meeting page, `item-<number>`. */
  anchor: string;
  /** The item's content blocks (the text after the colon first). */
  content: RootContent[];
  /** Post-meeting notes found in the item. */
  notes: PostMeetingNote[];
  /** Numbered headings inside the item (`### 1. Welcome`), each with its own anchor. */
  subheadings: SubHeading[];
  /** Where the item's number stands. */
  position: Position | undefined;
  /** How the author wrote it. */
  form: 'list' | 'heading';
}

/** A numbered heading below an agenda item's level: part of the item, not an item. */
export interface SubHeading {
  /** The number as written. */
  number: number;
  /** The heading's text after its number. */
  title: string;
  /** Its anchor, `item-<item>-<number>` (a suffix `-2`, `-3` when a number repeats). */
  anchor: string;
  /** Where it stands. */
  position: Position | undefined;
}

/** A heading at the agenda items' level that is not an item, so not in the contents. */
export interface HiddenHeading {
  /** Its text. */
  text: string;
  /** Its level (`2` for `##`). */
  depth: number;
  /** Where it stands. */
  position: Position | undefined;
}

/** A closing line such as “Next Regular Meeting Date: 7 January 2020 …”. */
export interface NextMeetingLine {
  /** Which line this is. */
  kind: 'regular' | 'reporting' | 'other';
  /** The label before the colon, as written. */
  label: string;
  /** The text after the colon, as written. */
  text: string;
  /** The date it names, when it could be read. */
  date: IsoDate | undefined;
  /** Where it stands. */
  position: Position | undefined;
}

/** Everything the body says, in structure. */
export interface MeetingBody {
  /** The classification statement, if the body has one. */
  statement: ClassificationStatement | undefined;
  /** The title line, if the body has one. */
  titleLine: TitleLine | undefined;
  /** Introductory blocks between the title and the first item. */
  intro: RootContent[];
  /** The agenda items in the order written. */
  items: AgendaItem[];
  /** Next-meeting lines. */
  next: NextMeetingLine[];
  /** Blocks after the next-meeting lines. */
  closing: RootContent[];
  /** Headings at the items' level that are not items (an error: they would be missing from the contents). */
  hidden: HiddenHeading[];
}

/** A validated, normalised meeting: what the site is made of. */
export interface Meeting {
  /** The group code as configured (`OPSG`). */
  group: string;
  /** The group's full name (`Operations Group`). */
  groupName: string;
  /** The group's URL segment (`opsg`), safe as a folder name. */
  groupSlug: string;
  /** The meeting number. */
  number: number;
  /** The meeting date. */
  date: IsoDate;
  /** The classification level. */
  classification: ClassificationLevel;
  /** Publication status. */
  status: Status;
  /** The page title. */
  title: string;
  /** Next regular meeting date from front matter. */
  nextMeeting: IsoDate | undefined;
  /** Next reporting meeting date from front matter. */
  nextReportingMeeting: IsoDate | undefined;
  /** The source file, relative to the working folder, `/`-separated. */
  source: string;
}

declare module 'vfile' {
  interface DataMap {
    /** Front matter as written (parse stage). */
    frontMatter: RawFrontMatter;
    /** The body's syntax tree, positions in the original file (parse stage). */
    tree: MdastRoot;
    /** The structured body (extract stage). */
    body: MeetingBody;
    /** The normalised meeting, when the front matter allows one (extract stage). */
    meeting: Meeting;
    /** The meeting as templates see it (transform stage). */
    view: import('./view.js').MeetingView;
    /** Why the file is left out of the site, if it is. */
    excluded: 'draft' | 'restricted';
  }
}

export type {PhrasingContent};
