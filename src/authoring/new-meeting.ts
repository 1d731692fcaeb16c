/**
 * `opsg new`: start a group's next meeting as a draft.
 *
 * The number is one above the highest the content folder already has for the group,
 * read from front matter (never from file names, which authors rename freely). The file
 * is a draft, so nothing half-written is published; its skeleton passes `opsg check
 * --drafts` as it stands, so the author starts from a clean report.
 */
import path from 'node:path';
import type {VFile} from 'vfile';
import {loadSettings, UsageError, type Settings} from '../config.js';
import {formatDate, isoFromDate, parseIsoDate, yearOf} from '../dates.js';
import {discover, load} from '../pipeline/load.js';
import {parseFrontMatter} from '../pipeline/parse.js';
import {groupPattern} from '../front-matter-shape.js';
import {closest} from '../suggest.js';
import {hasError} from '../messages.js';
import {frontMatterBlock} from './front-matter.js';
import {displayPath, FileExistsError, writeNewFile} from './write-file.js';

/** What `newMeeting` needs. */
export interface NewMeetingOptions {
  /** Working folder; defaults to `process.cwd()`. */
  cwd?: string;
  /** Config file (default `opsg.config.json` when present). */
  config?: string;
  /** Content folder (overrides the config). */
  content?: string;
  /** Group code, any case (`OPSG`, `opsg`). */
  group: string;
  /** Meeting date `YYYY-MM-DD`; default the previous meeting's `next_meeting`, else today (UTC, or `SOURCE_DATE_EPOCH`). */
  date?: string;
  /** Meeting number; default one above the group's highest. */
  meeting?: number;
  /** Environment to read `SOURCE_DATE_EPOCH` from; default `process.env`. */
  env?: Record<string, string | undefined>;
}

/** What `newMeeting` did. */
export interface NewMeetingResult {
  /** The file written, relative to the working folder, `/`-separated; undefined when the config file has errors (see `files`). */
  path: string | undefined;
  /** Its text (empty when nothing was written). */
  text: string;
  /** Files whose front matter could not be read while counting (their messages say why), and the config file if it has problems. */
  files: VFile[];
}

/** Today as `YYYY-MM-DD` in UTC; `SOURCE_DATE_EPOCH` (seconds) wins, for reproducible runs. */
export function today(env: Record<string, string | undefined> = process.env): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d{1,12}$/.test(epoch)) throw new UsageError(`Cannot use SOURCE_DATE_EPOCH \`${epoch}\`, expected whole seconds since 1970`);
    return isoFromDate(new Date(Number(epoch) * 1000));
  }
  return isoFromDate(new Date());
}

/** Write the group's next meeting file; throws `UsageError` on misuse (nothing is written then). */
export function newMeeting(options: NewMeetingOptions): NewMeetingResult {
  const cwd = options.cwd ?? process.cwd();
  const {settings, configFile} = loadSettings({cwd, ...(options.config === undefined ? {} : {config: options.config}), ...(options.content === undefined ? {} : {content: options.content})});
  if (configFile && hasError(configFile)) return {path: undefined, text: '', files: [configFile]};
  const code = options.group.trim().toUpperCase();
  if (!groupPattern.test(code)) throw new UsageError(`Cannot use group \`${options.group}\`, expected a code of letters, digits and hyphens such as \`OPSG\``);
  const given = options.date === undefined ? undefined : parseIsoDate(options.date);
  if (options.date !== undefined && given === undefined) throw new UsageError(`Cannot use --date \`${options.date}\`, expected a real calendar date as \`YYYY-MM-DD\``);
  if (options.meeting !== undefined && !(Number.isSafeInteger(options.meeting) && options.meeting > 0)) {
    throw new UsageError(`Cannot use --meeting \`${options.meeting}\`, expected a positive integer such as \`28\``);
  }

  const {numbers, next, files} = meetingNumbers(settings, code);
  const configured = Object.keys(settings.groups).find((key) => key.toUpperCase() === code);
  // An unknown code is refused: a typo (`OPSF`) would otherwise start a new numbering at 1
  // and a new section of the site. A group the content already uses is known by use.
  if (configured === undefined && numbers.size === 0) {
    const near = closest(code, Object.keys(settings.groups));
    throw new UsageError(`Cannot start a meeting of unknown group \`${code}\`${near ? ` (did you mean \`${near}\`?)` : ''}; add it to \`groups\` in opsg.config.json (\`"${code}": "Full name"\`) to use it`);
  }
  const highest = Math.max(0, ...numbers.keys());
  const number = options.meeting ?? highest + 1;
  const taken = numbers.get(number);
  if (taken !== undefined) throw new UsageError(`Cannot use meeting number ${number}: \`${taken}\` is already ${code} meeting ${number}`);
  // The previous meeting already says when this one is: its `next_meeting`.
  const date = given ?? next.get(number - 1) ?? today(options.env);

  const slug = code.toLowerCase();
  const target = path.join(settings.content, slug, yearOf(date), `${slug}-${number}.md`);
  const shown = displayPath(settings.cwd, target);
  const groupName = configured === undefined ? code : settings.groups[configured]!;
  const introKey = Object.keys(settings.intros).find((key) => key.toUpperCase() === code);
  const text = skeleton({code, groupName, number, date, statement: settings.statement, intro: introKey === undefined ? undefined : settings.intros[introKey]});
  try {
    writeNewFile(target, text);
  } catch (error) {
    if (error instanceof FileExistsError) throw new UsageError(`Cannot write \`${shown}\`: it already exists, and opsg never overwrites a file`);
    throw error;
  }
  return {path: shown, text, files};
}

/** Meeting numbers of one group in the content folder, each with the file that has it, and each meeting's `next_meeting`. */
function meetingNumbers(settings: Settings, code: string): {numbers: Map<number, string>; next: Map<number, string>; files: VFile[]} {
  const numbers = new Map<number, string>();
  const next = new Map<number, string>();
  const unreadable: VFile[] = [];
  let paths: string[] = [];
  try {
    paths = discover(settings).paths;
  } catch (error) {
    // No content folder yet: this is the site's first meeting.
    if (!(error instanceof UsageError)) throw error;
  }
  for (const full of paths) {
    const file = load(settings, full);
    // The front matter alone: the number is all this needs, and no body is parsed for it.
    if (!hasError(file)) parseFrontMatter(file);
    // The fields as the parse stage read them by the front-matter shape: typed, checked.
    const fields = file.data.frontMatter?.fields ?? {};
    if (hasError(file)) {
      file.message('Cannot read this file’s meeting number; the number chosen for the new meeting may already be taken', {place: {line: 1, column: 1}, ruleId: 'new-meeting-number', source: 'opsg'});
      unreadable.push(file);
      continue;
    }
    if (fields.group?.toUpperCase() === code && fields.meeting !== undefined) {
      const number = fields.meeting;
      if (!numbers.has(number)) numbers.set(number, file.path);
      const date = fields.next_meeting;
      if (date !== undefined && !next.has(number)) next.set(number, date);
    }
  }
  return {numbers, next, files: unreadable};
}

/** The skeleton: statement, title line, the group's introduction, numbered items to fill in. */
function skeleton(meeting: {code: string; groupName: string; number: number; date: string; statement: string; intro: string | undefined}): string {
  // The statement's level word in bold, as the Panel's documents write it.
  const statement = meeting.statement.replace(/\b(classified\s+as\s+)(White)\b/, '$1**$2**');
  const parts = [
    statement,
    `${meeting.groupName} (${meeting.code}) Meeting ${meeting.number} on ${formatDate(meeting.date)} Headlines`,
  ];
  if (meeting.intro) parts.push(meeting.intro.trim());
  // Real titles and owners in the shape the rules expect, so the draft checks clean;
  // the draft status keeps it off the site until an author sets `status: final`.
  parts.push(
    '1. Minutes and Actions (Secretariat): Write what the group discussed, noted or agreed. Keep each item’s number from the agenda, gaps included.',
    '2. Agenda item title (Owner): Replace the title, the owner and this text for each item discussed.',
    '3. AOB (Chair): Any other business, or delete this item.',
  );
  return frontMatterBlock({group: meeting.code, meeting: meeting.number, date: meeting.date, classification: 'White', status: 'draft'}) + '\n' + parts.join('\n\n') + '\n';
}
