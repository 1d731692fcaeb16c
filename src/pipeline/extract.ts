/**
 * Stage 3, extract: the Markdown tree → the meeting's structure (statement, title line,
 * numbered agenda items, post-meeting notes, next-meeting lines) and the front matter →
 * a normalised `Meeting`.
 *
 * Agenda numbers are read from the source text, never from Markdown list semantics:
 * CommonMark keeps only a list's first number (`4.` `6.` `13.` becomes 4, 5, 6), and the
 * number on the page must be the number the author wrote.
 */
import {toString} from 'mdast-util-to-string';
import type {Blockquote, List, Paragraph, PhrasingContent, RootContent, Text} from 'mdast';
import type {Position} from 'unist';
import type {VFile} from 'vfile';
import type {Settings} from '../config.js';
import {parseLevel} from '../classification.js';
import {formatDate, parseIsoDate, parseWrittenDate} from '../dates.js';
import type {AgendaItem, ClassificationStatement, Meeting, MeetingBody, NextMeetingLine, PostMeetingNote, TitleLine} from '../model.js';

/** Front-matter fields opsg knows. */
export const frontMatterFields = ['group', 'meeting', 'date', 'classification', 'status', 'title', 'next_meeting', 'next_reporting_meeting'] as const;

/** A group code that is also a safe folder name once lower-cased. */
export const groupPattern = /^[A-Za-z][A-Za-z0-9-]{0,31}$/;

const nextLinePattern = /^(Next\b[^:\n]{0,60}?):\s*([\s\S]*)$/;
const notePattern = /^\[?\s*post[- ]meeting note\b/i;
const headingItemPattern = /^(\d{1,9})[.)]\s+([\s\S]*)$/;

/** Extract the body structure and, where the front matter allows, the meeting. */
export function extract(file: VFile, settings: Settings): void {
  const tree = file.data.tree;
  if (!tree) return;
  file.data.body = extractBody(tree.children, String(file.value));
  const meeting = toMeeting(file, settings);
  if (meeting) file.data.meeting = meeting;
}

/** Read the structure of a body's top-level blocks. */
export function extractBody(blocks: RootContent[], source: string): MeetingBody {
  const body: MeetingBody = {statement: undefined, titleLine: undefined, intro: [], items: [], next: [], closing: []};
  const headingForm = blocks.some((block) => block.type === 'heading' && block.depth > 1 && headingItemPattern.test(toString(block)));
  let state: 'preamble' | 'items' | 'closing' = 'preamble';
  let current: AgendaItem | undefined;
  for (const block of blocks) {
    const text = toString(block).trim();
    const next = block.type === 'paragraph' ? nextLinePattern.exec(text) : null;
    // After the items any `Next …:` line closes the agenda; before them, only one about a meeting.
    if (next && (state !== 'preamble' || /meeting/i.test(next[1]!))) {
      body.next.push(nextLine(next[1]!, next[2]!, block.position));
      state = 'closing';
      current = undefined;
      continue;
    }
    if (state === 'closing') {
      body.closing.push(block);
      continue;
    }
    if (!headingForm && block.type === 'list' && block.ordered) {
      for (const listItem of (block as List).children) {
        current = listItemToItem(listItem.children, listItem.position, source);
        body.items.push(current);
      }
      state = 'items';
      continue;
    }
    if (headingForm && block.type === 'heading' && block.depth > 1) {
      const match = headingItemPattern.exec(toString(block));
      if (match) {
        const head = splitTitle(match[2]!.replace(/:\s*$/, ''));
        current = {number: Number(match[1]), title: head.title, owner: head.owner, anchor: `item-${match[1]}`, content: [], notes: [], position: block.position, form: 'heading'};
        body.items.push(current);
        state = 'items';
        continue;
      }
    }
    if (state === 'items' && current) {
      addContent(current, [block]);
      continue;
    }
    if (!body.statement && block.type === 'paragraph' && /\bclassified\s+as\b/i.test(text)) {
      body.statement = statement(block, text);
      continue;
    }
    if (!body.titleLine && ((block.type === 'paragraph' && /\bMeeting\s+\d+\b/i.test(text) && /\bHeadlines\s*$/i.test(text)) || (block.type === 'heading' && block.depth === 1))) {
      body.titleLine = titleLine(text, block.position);
      continue;
    }
    body.intro.push(block);
  }
  return body;
}

function listItemToItem(children: RootContent[], position: Position | undefined, source: string): AgendaItem {
  const offset = position?.start.offset ?? 0;
  const number = Number(/^\s*(\d{1,9})/.exec(source.slice(offset, offset + 16))?.[1] ?? Number.NaN);
  const item: AgendaItem = {number, title: '', owner: undefined, anchor: `item-${number}`, content: [], notes: [], position, form: 'list'};
  const [first, ...rest] = children;
  if (first && first.type === 'paragraph') {
    const head = splitHead(first.children);
    item.title = head.title;
    item.owner = head.owner;
    if (head.rest.length > 0) addContent(item, [{...first, children: head.rest}]);
  } else if (first) {
    addContent(item, [first]);
  }
  addContent(item, rest);
  return item;
}

/** Add blocks to an item, moving post-meeting notes into blocks of their own. */
function addContent(item: AgendaItem, blocks: RootContent[]): void {
  for (const block of blocks) {
    if (block.type !== 'paragraph') {
      item.content.push(block);
      continue;
    }
    if (notePattern.test(toString(block).trim())) {
      item.content.push(noteBlock(block.children, block.position, item));
      continue;
    }
    let run: PhrasingContent[] = [];
    const flush = () => {
      trimEdges(run);
      if (run.length > 0) item.content.push({type: 'paragraph', children: run, position: spanOf(run, block.position)});
      run = [];
    };
    for (const child of block.children) {
      if ((child.type === 'emphasis' || child.type === 'strong') && notePattern.test(toString(child).trim())) {
        flush();
        item.content.push(noteBlock([child], child.position, item));
      } else {
        run.push(child);
      }
    }
    flush();
  }
}

function noteBlock(children: PhrasingContent[], position: Position | undefined, item: AgendaItem): Blockquote {
  const note: PostMeetingNote = {text: children.map((child) => toString(child)).join('').trim(), position};
  item.notes.push(note);
  return {type: 'blockquote', children: [{type: 'paragraph', children, ...(position ? {position} : {})}], data: {opsgNote: true} as Blockquote['data'], ...(position ? {position} : {})};
}

function trimEdges(run: PhrasingContent[]): void {
  const first = run[0];
  if (first?.type === 'text') first.value = first.value.replace(/^\s+/, '');
  const last = run.at(-1);
  if (last?.type === 'text') last.value = last.value.replace(/\s+$/, '');
  while (run[0]?.type === 'text' && run[0].value === '') run.shift();
  while (run.at(-1)?.type === 'text' && (run.at(-1) as Text).value === '') run.pop();
  while (run.at(-1)?.type === 'break') run.pop();
}

function spanOf(run: PhrasingContent[], fallback: Position | undefined): Position | undefined {
  const start = run[0]?.position?.start;
  const end = run.at(-1)?.position?.end;
  return start && end ? {start, end} : fallback;
}

/**
 * Split `Major Incident (SECAS/DCC): The DCC have…` into title, owner and the rest.
 * The colon after an owner in parentheses wins; otherwise the first colon.
 */
function splitHead(children: PhrasingContent[]): {title: string; owner: string | undefined; rest: PhrasingContent[]} {
  const segments: Array<{node: PhrasingContent; start: number; end: number}> = [];
  let text = '';
  for (const node of children) {
    if (node.type !== 'text' && node.type !== 'strong' && node.type !== 'emphasis' && node.type !== 'inlineCode') break;
    const value = toString(node);
    segments.push({node, start: text.length, end: text.length + value.length});
    text += value;
  }
  const colon = findTitleColon(text);
  if (colon === -1) {
    const whole = toString({type: 'paragraph', children}).trim();
    const match = /^(.{1,200}?)\s*\(([^()]+)\)\s*$/.exec(whole);
    return match ? {title: match[1]!.trim(), owner: match[2]!.trim(), rest: []} : {title: '', owner: undefined, rest: children};
  }
  const head = splitTitle(text.slice(0, colon));
  const index = segments.findIndex((segment) => colon >= segment.start && colon < segment.end);
  const segment = segments[index]!;
  const rest: PhrasingContent[] = [];
  if (segment.node.type === 'text') {
    const local = colon - segment.start + 1;
    const remainder = segment.node.value.slice(local);
    const trimmed = remainder.replace(/^\s+/, '');
    if (trimmed) {
      const start = segment.node.position?.start;
      const node: Text = {type: 'text', value: trimmed};
      if (start?.offset !== undefined && segment.node.position) {
        const skip = local + remainder.length - trimmed.length;
        node.position = {start: {line: start.line, column: start.column + skip, offset: start.offset + skip}, end: segment.node.position.end};
      }
      rest.push(node);
    }
  }
  rest.push(...children.slice(index + 1));
  if (rest[0]?.type === 'text') rest[0] = {...rest[0], value: rest[0].value.replace(/^\s+/, '')};
  return {...head, rest};
}

function findTitleColon(text: string): number {
  const owned = /^[^\n]{0,200}?\([^()\n]*\)\s*:/.exec(text);
  if (owned) return owned[0].length - 1;
  const plain = /^[^\n:]{1,200}:(?=\s|$)/.exec(text);
  return plain ? plain[0].length - 1 : -1;
}

function splitTitle(head: string): {title: string; owner: string | undefined} {
  const match = /^([\s\S]*?)\s*\(([^()]+)\)\s*$/.exec(head.trim());
  return match ? {title: match[1]!.trim(), owner: match[2]!.trim()} : {title: head.trim(), owner: undefined};
}

function statement(block: Paragraph, text: string): ClassificationStatement {
  const match = /\bclassified\s+as\s+(?:the\s+)?((?:TLP\s*:\s*)?[A-Za-z]+(?:\+strict)?)/i.exec(text);
  const written = match?.[1]?.replace(/\s+/g, '') ?? '';
  const strong = block.children.find((child) => (child.type === 'strong' || child.type === 'emphasis') && toString(child).replace(/\s+/g, '').toLowerCase() === written.toLowerCase());
  return {written, level: parseLevel(written), text, position: strong?.position ?? block.position};
}

function titleLine(text: string, position: Position | undefined): TitleLine {
  const meeting = /\bMeeting\s+(\d+)\b/i.exec(text);
  const on = /\bMeeting\s+\d+\s+(?:on|held on|of)\s+(.+?)(?:\s+Headlines)?\s*$/i.exec(text);
  return {
    text,
    group: /\(([A-Za-z][A-Za-z0-9 -]*)\)/.exec(text)?.[1],
    meeting: meeting ? Number(meeting[1]) : undefined,
    date: on ? parseWrittenDate(on[1]!) : undefined,
    position,
  };
}

function nextLine(label: string, text: string, position: Position | undefined): NextMeetingLine {
  const kind = /report/i.test(label) ? 'reporting' : /regular|meeting date/i.test(label) ? 'regular' : 'other';
  return {kind, label: label.trim(), text: text.trim(), date: parseWrittenDate(text), position};
}

/** The normalised meeting, or undefined when the front matter cannot give one. */
function toMeeting(file: VFile, settings: Settings): Meeting | undefined {
  const values = file.data.frontMatter?.values ?? {};
  const group = typeof values.group === 'string' ? values.group.trim() : undefined;
  const number = values.meeting;
  const date = parseIsoDate(values.date);
  const level = parseLevel(values.classification);
  const status = values.status === undefined ? 'final' : values.status;
  if (!group || !groupPattern.test(group) || !Number.isSafeInteger(number) || (number as number) < 1 || !date || !level) return undefined;
  if (status !== 'final' && status !== 'draft') return undefined;
  const code = group.toUpperCase();
  const groupName = Object.entries(settings.groups).find(([key]) => key.toUpperCase() === code)?.[1] ?? code;
  const body = file.data.body!;
  const title = typeof values.title === 'string' && values.title.trim() ? values.title.trim()
    : body.titleLine?.text ?? `${groupName} (${code}) Meeting ${number as number} on ${formatDate(date)} Headlines`;
  return {
    group: code,
    groupName,
    groupSlug: code.toLowerCase(),
    number: number as number,
    date,
    classification: level,
    status,
    title,
    nextMeeting: parseIsoDate(values.next_meeting),
    nextReportingMeeting: parseIsoDate(values.next_reporting_meeting),
    source: file.path,
  };
}
