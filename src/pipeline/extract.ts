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
import type {Blockquote, Heading, Paragraph, PhrasingContent, RootContent, Text} from 'mdast';
import type {Position} from 'unist';
import type {VFile} from 'vfile';
import type {Settings} from '../config.js';
import {parseLevel} from '../classification.js';
import {formatDate, parseWrittenDate} from '../dates.js';
import type {AgendaItem, ClassificationStatement, IsoDate, Meeting, MeetingBody, NextMeetingLine, PostMeetingNote, TitleLine} from '../model.js';

// Declared in the front-matter shape; named here too for the modules that read them from this stage.
export {frontMatterFields, groupPattern} from '../front-matter-shape.js';

const notePattern = /^\[?\s*post[- ]meeting note\b/i;
const itemNumberPattern = /^(\d{1,9})[.)]\s+/;

/**
 * Labels of next-meeting lines when the config names none: the two the Panel's headlines
 * use, and the plain one.
 */
export const defaultNextMeetingLabels: readonly string[] = ['Next Regular Meeting Date', 'Next Reporting Meeting', 'Next meeting'];

/** Extract the body structure and, where the front matter allows, the meeting. */
export function extract(file: VFile, settings: Settings): void {
  const tree = file.data.tree;
  if (!tree) return;
  file.data.body = extractBody(tree.children, String(file.value), settings.nextMeetingLabels ?? defaultNextMeetingLabels);
  const meeting = toMeeting(file, settings);
  if (meeting) file.data.meeting = meeting;
}

/**
 * Which blocks are agenda items: `## N.` headings when the document has any; otherwise
 * the items of top-level numbered lists; otherwise numbered headings at the shallowest
 * level the document uses. Deeper numbered headings are sub-headings of their item.
 */
function agendaLevel(blocks: RootContent[]): {form: 'list' | 'heading'; depth: number} {
  let shallowest = Infinity;
  for (const block of blocks) {
    if (block.type === 'heading' && block.depth > 1 && itemNumberPattern.test(toString(block))) shallowest = Math.min(shallowest, block.depth);
  }
  if (shallowest === 2) return {form: 'heading', depth: 2};
  if (blocks.some((block) => block.type === 'list' && block.ordered)) return {form: 'list', depth: 2};
  return Number.isFinite(shallowest) ? {form: 'heading', depth: shallowest} : {form: 'list', depth: 2};
}

/** Read the structure of a body's top-level blocks. */
export function extractBody(blocks: RootContent[], source: string, labels: readonly string[] = defaultNextMeetingLabels): MeetingBody {
  const body: MeetingBody = {statement: undefined, titleLine: undefined, intro: [], items: [], next: [], closing: [], hidden: []};
  const level = agendaLevel(blocks);
  const isItem = (block: RootContent): boolean => level.form === 'list'
    ? block.type === 'list' && block.ordered === true
    : block.type === 'heading' && block.depth === level.depth && itemNumberPattern.test(toString(block));
  // Next-meeting lines close the agenda only after its last item, so no line can cut it short.
  let last = -1;
  blocks.forEach((block, index) => {
    if (isItem(block)) last = index;
  });
  let state: 'preamble' | 'items' | 'closing' = 'preamble';
  let current: AgendaItem | undefined;
  for (const [index, block] of blocks.entries()) {
    const next = index > last && block.type === 'paragraph' ? nextLineOf(block, labels) : undefined;
    if (next) {
      body.next.push(next);
      state = 'closing';
      current = undefined;
      continue;
    }
    if (state !== 'preamble' && block.type === 'heading' && block.depth <= level.depth && !isItem(block)) hiddenHeading(body, block);
    if (state === 'closing') {
      body.closing.push(block);
      continue;
    }
    if (isItem(block)) {
      if (block.type === 'list') {
        for (const listItem of block.children) {
          current = listItemToItem(listItem.children, listItem.position, source);
          body.items.push(current);
        }
      } else if (block.type === 'heading') {
        current = headingToItem(block);
        body.items.push(current);
      }
      state = 'items';
      continue;
    }
    if (state === 'items' && current) {
      if (block.type === 'heading') subHeading(current, block);
      addContent(current, [block]);
      continue;
    }
    const text = toString(block).trim();
    if (!body.statement && block.type === 'paragraph' && /\bclassified\s+as\b/i.test(text)) {
      body.statement = statement(block, text);
      continue;
    }
    if (!body.titleLine && ((block.type === 'paragraph' && /\bMeeting\s+\d+\b/i.test(text) && endsWithWord(text, 'headlines')) || (block.type === 'heading' && block.depth === 1))) {
      body.titleLine = titleLine(text, block.position);
      continue;
    }
    body.intro.push(block);
  }
  return body;
}

/** A heading at the items' level that is not an item: it would be missing from the contents. */
function hiddenHeading(body: MeetingBody, block: Heading): void {
  const text = toString(block).trim();
  // `## 6 Title` (a number without its full stop) is another rule's finding.
  if (/^\d/.test(text)) return;
  body.hidden.push({text, depth: block.depth, position: block.position});
}

/** How often each sub-heading anchor has been given in an item (a count, not a search: linear). */
const subheadingCounts = new WeakMap<AgendaItem, Map<string, number>>();

/** Give a numbered heading inside an item an anchor of its own (`item-3-1`). */
function subHeading(item: AgendaItem, block: Heading): void {
  const match = itemNumberPattern.exec(toString(block));
  if (!match) return;
  const base = `${item.anchor}-${match[1]}`;
  // A repeated number gets `-2`, `-3`…; a base has exactly two numbers, so no suffix is another base.
  let counts = subheadingCounts.get(item);
  if (!counts) subheadingCounts.set(item, (counts = new Map()));
  const repeats = counts.get(base) ?? 0;
  counts.set(base, repeats + 1);
  const anchor = repeats === 0 ? base : `${base}-${repeats + 1}`;
  item.subheadings.push({number: Number(match[1]), title: toString(block).slice(match[0].length).trim(), anchor, position: block.position});
  block.data = {...block.data, hProperties: {...block.data?.hProperties, id: anchor}};
}

/** A next-meeting line: a paragraph that starts with a configured label and a colon. */
function nextLineOf(block: Paragraph, labels: readonly string[]): NextMeetingLine | undefined {
  const text = toString(block).trim();
  const lower = text.toLowerCase();
  for (const label of labels) {
    const wanted = label.trim().replace(/:$/, '').toLowerCase();
    if (!wanted || !lower.startsWith(wanted)) continue;
    let at = wanted.length;
    while (text[at] === ' ' || text[at] === '\t') at++;
    if (text[at] !== ':') continue;
    return nextLine(text.slice(0, wanted.length), text.slice(at + 1), block.position);
  }
  return undefined;
}

function headingToItem(block: Heading): AgendaItem {
  const text = toString(block);
  const match = itemNumberPattern.exec(text)!;
  let end = text.trimEnd().length;
  if (text[end - 1] === ':') end--;
  const head = splitTitle(text.slice(match[0].length, end));
  const heading = trimEdges(sliceInline(block.children, match[0].length, match[0].length + head.end));
  return {number: Number(match[1]), title: plainTitle(heading, head.title), owner: head.owner, heading, anchor: `item-${match[1]}`, content: [], notes: [], subheadings: [], position: block.position, form: 'heading'};
}

function listItemToItem(children: RootContent[], position: Position | undefined, source: string): AgendaItem {
  const offset = position?.start.offset ?? 0;
  const number = Number(/^\s*(\d{1,9})/.exec(source.slice(offset, offset + 16))?.[1] ?? Number.NaN);
  const item: AgendaItem = {number, title: '', owner: undefined, heading: [], anchor: `item-${number}`, content: [], notes: [], subheadings: [], position, form: 'list'};
  const [first, ...rest] = children;
  if (first && first.type === 'paragraph') {
    const head = splitHead(first.children);
    item.title = head.title;
    item.owner = head.owner;
    item.heading = head.heading;
    if (head.rest.length > 0) addContent(item, [{...first, children: head.rest}]);
  } else if (first) {
    addContent(item, [first]);
  }
  for (const block of rest) {
    if (block.type === 'heading') subHeading(item, block);
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
      run = trimEdges(run);
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

/** Inline content without white space at its edges or trailing line breaks (a new array). */
function trimEdges(nodes: PhrasingContent[]): PhrasingContent[] {
  const run = [...nodes];
  const first = run[0];
  if (first?.type === 'text') run[0] = {...first, value: first.value.trimStart()};
  const last = run.at(-1);
  // trimEnd, not /\s+$/: that regex is quadratic on a long run of spaces.
  if (last?.type === 'text') run[run.length - 1] = {...last, value: last.value.trimEnd()};
  while (run[0]?.type === 'text' && run[0].value === '') run.shift();
  while (run.at(-1)?.type === 'text' && (run.at(-1) as Text).value === '') run.pop();
  while (run.at(-1)?.type === 'break') run.pop();
  return run;
}

function spanOf(run: PhrasingContent[], fallback: Position | undefined): Position | undefined {
  const start = run[0]?.position?.start;
  const end = run.at(-1)?.position?.end;
  return start && end ? {start, end} : fallback;
}

/**
 * The inline nodes between two offsets of their text (as `toString` counts it), cutting
 * text and code at the edges and keeping formatting (`~~Measure~~Amount` stays struck).
 */
function sliceInline(nodes: PhrasingContent[], start: number, end: number): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let at = 0;
  for (const node of nodes) {
    const from = at;
    const to = from + toString(node).length;
    at = to;
    if (to === from ? from < start || from >= end : to <= start || from >= end) continue;
    if (from >= start && to <= end) {
      out.push(node);
    } else if (node.type === 'text' || node.type === 'inlineCode') {
      const skip = Math.max(start - from, 0);
      const value = node.value.slice(skip, Math.min(end - from, node.value.length));
      const cut = {...node, value};
      delete cut.position;
      const point = node.position?.start;
      // Positions stay exact only when nothing cut off holds a line ending.
      if (point?.offset !== undefined && node.position && !node.value.slice(0, skip).includes('\n')) {
        cut.position = {start: {line: point.line, column: point.column + skip, offset: point.offset + skip}, end: node.position.end};
      }
      out.push(cut);
    } else if ('children' in node) {
      out.push({...node, children: sliceInline(node.children as PhrasingContent[], Math.max(start - from, 0), end - from)} as PhrasingContent);
    } else {
      out.push(node);
    }
  }
  return out;
}

/** The title as plain text: struck-out words are not part of it, unless they are all of it. */
function plainTitle(heading: PhrasingContent[], fallback: string): string {
  const visible = (node: PhrasingContent): string => node.type === 'delete' ? '' : 'children' in node ? (node.children as PhrasingContent[]).map(visible).join('') : toString(node);
  const text = heading.map(visible).join('').replace(/\s+/g, ' ').trim();
  return text || fallback;
}

/**
 * Split `Major Incident (SECAS/DCC): The DCC have…` into title, owner and the rest.
 * The colon after an owner in parentheses wins; otherwise the first colon.
 */
function splitHead(children: PhrasingContent[]): {title: string; owner: string | undefined; heading: PhrasingContent[]; rest: PhrasingContent[]} {
  let text = '';
  for (const node of children) {
    if (node.type !== 'text' && node.type !== 'strong' && node.type !== 'emphasis' && node.type !== 'inlineCode' && node.type !== 'delete') break;
    text += toString(node);
  }
  const colon = findTitleColon(text);
  if (colon === -1) {
    const whole = toString({type: 'paragraph', children});
    const lead = whole.length - whole.trimStart().length;
    const head = splitTitle(whole);
    if (head.owner === undefined || head.end < 1 || head.end > 200 || whole.slice(lead, lead + head.end).includes('\n')) return {title: '', owner: undefined, heading: [], rest: children};
    const heading = trimEdges(sliceInline(children, 0, lead + head.end));
    return {title: plainTitle(heading, head.title), owner: head.owner, heading, rest: []};
  }
  const head = splitTitle(text.slice(0, colon));
  const lead = text.length - text.trimStart().length;
  const heading = trimEdges(sliceInline(children, 0, lead + head.end));
  // Only the start is trimmed: the end of the text is the paragraph's own.
  const tail = sliceInline(children, colon + 1, Infinity);
  if (tail[0]?.type === 'text') tail[0] = {...tail[0], value: tail[0].value.trimStart()};
  if (tail[0]?.type === 'text' && tail[0].value === '') tail.shift();
  return {title: plainTitle(heading, head.title), owner: head.owner, heading, rest: tail};
}

/**
 * Where the colon after a title stands, or -1. Written as scans rather than regular
 * expressions: each character is looked at a bounded number of times, so a line of
 * 200,000 spaces costs no more than reading it.
 */
function findTitleColon(text: string): number {
  const lineEnd = text.indexOf('\n') === -1 ? text.length : text.indexOf('\n');
  // `Title (Owner):`, the parenthesis opening within the first 200 characters of the line.
  for (let open = text.indexOf('('); open !== -1 && open <= 200 && open < lineEnd; open = text.indexOf('(', open + 1)) {
    let close = open + 1;
    while (close < text.length && text[close] !== '(' && text[close] !== ')' && text[close] !== '\n') close++;
    if (text[close] !== ')') continue;
    let colon = close + 1;
    while (colon < text.length && /\s/.test(text[colon]!)) colon++;
    if (text[colon] === ':') return colon;
  }
  // `Title: text`: the first colon, followed by white space, within 200 characters.
  let colon = 0;
  while (colon < text.length && colon <= 200 && text[colon] !== ':' && text[colon] !== '\n') colon++;
  if (colon >= 1 && colon <= 200 && text[colon] === ':' && (colon + 1 === text.length || /\s/.test(text[colon + 1]!))) return colon;
  return -1;
}

/**
 * `Title (Owner)` → title, owner and where the title ends in `head` once its leading white
 * space is skipped. A scan from the end (a lazy regular expression here took quadratic
 * time on long runs of spaces).
 */
function splitTitle(head: string): {title: string; owner: string | undefined; end: number} {
  const trimmed = head.trim();
  if (trimmed.endsWith(')')) {
    const open = trimmed.lastIndexOf('(');
    const inner = open === -1 ? '' : trimmed.slice(open + 1, -1);
    if (open !== -1 && inner.length > 0 && !inner.includes(')')) {
      const title = trimmed.slice(0, open).trimEnd();
      return {title, owner: inner.trim(), end: title.length};
    }
  }
  return {title: trimmed, owner: undefined, end: trimmed.length};
}

/** Whether `text` ends with `word` (any case) as a whole word, white space after it allowed. */
function endsWithWord(text: string, word: string): boolean {
  const trimmed = text.trimEnd();
  const start = trimmed.length - word.length;
  return start >= 0 && trimmed.slice(start).toLowerCase() === word && (start === 0 || !/\w/.test(trimmed[start - 1]!));
}

function statement(block: Paragraph, text: string): ClassificationStatement {
  const match = /\bclassified\s+as\s+(?:the\s+)?((?:TLP\s*:\s*)?[A-Za-z]+(?:\+strict)?)/i.exec(text);
  const written = match?.[1]?.replace(/\s+/g, '') ?? '';
  const strong = block.children.find((child) => (child.type === 'strong' || child.type === 'emphasis') && toString(child).replace(/\s+/g, '').toLowerCase() === written.toLowerCase());
  return {written, level: parseLevel(written), text, position: strong?.position ?? block.position};
}

function titleLine(text: string, position: Position | undefined): TitleLine {
  const meeting = /\bMeeting\s+(\d+)\b/i.exec(text);
  return {
    text,
    group: /\(([A-Za-z][A-Za-z0-9 -]*)\)/.exec(text)?.[1],
    meeting: meeting ? Number(meeting[1]) : undefined,
    date: titleDate(text),
    position,
  };
}

/**
 * The date in `… Meeting 27 on 3 December 2019 Headlines`. The words after `on` are cut
 * with string methods: a lazy `(.+?)` before optional trailing words backtracks
 * quadratically over a long run of spaces.
 */
function titleDate(text: string): IsoDate | undefined {
  const on = /\bMeeting\s+\d+\s+(?:on|held on|of)\s/i.exec(text);
  if (!on) return undefined;
  let rest = text.slice(on.index + on[0].length).trim();
  if (endsWithWord(rest, 'headlines')) rest = rest.trimEnd().slice(0, -'headlines'.length).trimEnd();
  // A written date is short; the date pattern is only ever given a bounded text.
  return rest && rest.length <= dateWindow ? parseWrittenDate(rest) : undefined;
}

function nextLine(label: string, text: string, position: Position | undefined): NextMeetingLine {
  const kind = /report/i.test(label) ? 'reporting' : /regular|meeting/i.test(label) ? 'regular' : 'other';
  return {kind, label: label.trim(), text: text.trim(), date: parseWrittenDate(text.trim().slice(0, dateWindow)), position};
}

/** How much text after a label or `on` may hold the date (the date pattern backtracks over white space). */
const dateWindow = 200;

/** The normalised meeting, or undefined when the front matter cannot give one. */
function toMeeting(file: VFile, settings: Settings): Meeting | undefined {
  // The fields the parse stage read by the front-matter shape: checked and typed once.
  const fields = file.data.frontMatter?.fields ?? {};
  const {group, meeting: number, date, classification: level, status} = fields;
  if (group === undefined || number === undefined || date === undefined || level === undefined || status === undefined) return undefined;
  const code = group.toUpperCase();
  const groupName = Object.entries(settings.groups).find(([key]) => key.toUpperCase() === code)?.[1] ?? code;
  const body = file.data.body!;
  const title = fields.title?.trim() || (body.titleLine?.text ?? `${groupName} (${code}) Meeting ${number} on ${formatDate(date)} Headlines`);
  return {
    group: code,
    groupName,
    groupSlug: code.toLowerCase(),
    number,
    date,
    classification: level,
    status,
    title,
    nextMeeting: fields.next_meeting,
    nextReportingMeeting: fields.next_reporting_meeting,
    source: file.path,
  };
}
