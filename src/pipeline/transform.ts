/**
 * Stage 5, transform: a meeting's Markdown pieces → sanitised hast, with reference
 * auto-links filled in, and the view model the templates receive.
 *
 * The pieces (intro, each item's title and content, closing) are converted as ONE tree,
 * so definitions, footnotes and reference images resolve wherever in the file they are
 * written; the converted tree is then split back into its pieces. Every piece passes
 * through rehype-sanitize; raw HTML is either an allow-listed inline tag or shown as the
 * text its author typed; front-matter values reach templates only as text.
 */
import {unified} from 'unified';
import remarkRehype from 'remark-rehype';
import rehypeSanitize from 'rehype-sanitize';
import {toHtml} from 'hast-util-to-html';
import type {Blockquote, Definition, Image, Link, Nodes as MdastNodes, Root as MdastRoot, RootContent, PhrasingContent} from 'mdast';
import type {Element, ElementContent, Nodes as HastNodes, Root as HastRoot} from 'hast';
import type {Parent} from 'unist';
import type {AutoLink, Settings} from '../config.js';
import {formatDate, yearOf} from '../dates.js';
import type {Meeting, MeetingBody} from '../model.js';
import {schema} from '../sanitize-schema.js';
import {referenceLinks} from '../autolink.js';
import {judgeUrl} from '../rules/link-unsafe.js';
import {showRawHtml} from '../raw-html.js';
import type {ItemView, MeetingView} from '../view.js';
import {walk, type Handlers} from './walk.js';

/** A piece of the body, marked in the one tree so that it can be found again once converted. */
interface Part {
  type: 'opsgPart';
  key: string;
  children: RootContent[];
}

// Footnote ids are written without a prefix here; the sanitiser then prefixes every id with
// the meeting's own (`opsg-27-fn-1`), so no id in content can equal an item's `item-N`, nor
// one of another meeting's in a combined print document.
const toHastTree = unified().use(remarkRehype, {
  clobberPrefix: '',
  footnoteLabelProperties: {},
  unknownHandler: (state, node: Part) => ({type: 'element', tagName: 'opsg-part', properties: {dataKey: node.key}, children: state.wrap(state.all(node as never))}),
}).freeze();

/** Turn a meeting into its view model (links to neighbours are added by render). */
export function transform(meeting: Meeting, body: MeetingBody, settings: Settings): MeetingView {
  const prefix = `${meeting.groupSlug}-${meeting.number}-`;
  const parts: Part[] = [{type: 'opsgPart', key: 'intro', children: body.intro}];
  body.items.forEach((item, index) => {
    // A title with nothing but text is shown from `title` (so plain titles read exactly as before).
    if (item.heading.some((node) => node.type !== 'text')) parts.push({type: 'opsgPart', key: `title-${index}`, children: [{type: 'paragraph', children: item.heading}]});
    parts.push({type: 'opsgPart', key: `item-${index}`, children: item.content});
  });
  parts.push({type: 'opsgPart', key: 'closing', children: body.closing});
  const converted = toHastParts(parts, settings.autolinks, prefix);
  const fragment = (key: string) => toFragment(converted.get(key) ?? []);
  const items: ItemView[] = body.items.map((item, index) => {
    const title = converted.get(`title-${index}`);
    const heading = title?.[0]?.type === 'element' ? title[0].children : undefined;
    return {
      number: item.number,
      title: item.title,
      owner: item.owner,
      anchor: item.anchor,
      heading: heading ? toFragment(heading) : [],
      contentsTitle: heading ? toFragment(withoutLinks(heading)) : [],
      content: fragment(`item-${index}`),
      notes: item.notes.map((note) => note.text),
    };
  });
  const next = body.next.map((line) => ({label: line.label, text: line.text}));
  if (!body.next.some((line) => line.kind === 'regular') && meeting.nextMeeting) next.push({label: 'Next Regular Meeting Date', text: formatDate(meeting.nextMeeting)});
  if (!body.next.some((line) => line.kind === 'reporting') && meeting.nextReportingMeeting) next.push({label: 'Next Reporting Meeting', text: formatDate(meeting.nextReportingMeeting)});
  return {
    group: meeting.group,
    groupName: meeting.groupName,
    groupSlug: meeting.groupSlug,
    number: meeting.number,
    date: meeting.date,
    dateText: formatDate(meeting.date),
    year: yearOf(meeting.date),
    title: meeting.title,
    draft: meeting.status === 'draft',
    label: settings.label,
    statement: body.statement?.text ?? settings.statement,
    path: `${meeting.groupSlug}/${meeting.number}/`,
    intro: fragment('intro'),
    items,
    next,
    closing: fragment('closing'),
    nextDates: nextDates(meeting, body),
    previous: undefined,
    following: undefined,
  };
}

/** The next-meeting dates: front matter first, else the date a closing line names. */
function nextDates(meeting: Meeting, body: MeetingBody): {regular?: string; reporting?: string} {
  const regular = meeting.nextMeeting ?? body.next.find((line) => line.kind === 'regular')?.date;
  const reporting = meeting.nextReportingMeeting ?? body.next.find((line) => line.kind === 'reporting')?.date;
  return {...(regular ? {regular} : {}), ...(reporting ? {reporting} : {})};
}

/**
 * Sanitised hast, serialised once into one hast `raw` node. Serialising here lets a
 * meeting's content cross worker threads and sit in the build cache as a string; it is
 * the sanitiser's own output, so it is the only raw HTML a page ever contains.
 */
export function toFragment(nodes: ElementContent[]): ElementContent[] {
  if (nodes.length === 0) return [];
  return [{type: 'raw', value: toHtml({type: 'root', children: nodes})} as unknown as ElementContent];
}

/**
 * Pieces of one body → their sanitised hast, converted together. The footnotes, which
 * belong to no piece, are added to the end of the last one.
 */
function toHastParts(parts: Part[], autolinks: readonly AutoLink[], prefix: string): Map<string, ElementContent[]> {
  // The blocks are this file's own tree, used by nothing after this stage: changed in place.
  const root = {type: 'root', children: parts} as unknown as MdastRoot;
  // One walk does every rewrite, in the order the output needs: raw HTML shown (a parent's
  // children before they are walked), notes marked, URLs judged, then references filled.
  const references = referenceLinks(autolinks);
  walk<MdastNodes>(root, {'*': showRawHtmlOf, blockquote: markNote}, urlHandlers, references.handlers);
  references.end();
  const tree = toHastTree.runSync(root) as HastRoot;
  const sanitise = unified().use(rehypeSanitize, {...schema, clobberPrefix: prefix}).freeze();
  const result = new Map<string, ElementContent[]>();
  let last: ElementContent[] = [];
  for (const child of tree.children) {
    if (child.type === 'element' && child.tagName === 'opsg-part') {
      last = [...child.children];
      result.set(String(child.properties['dataKey']), last);
    } else if (child.type === 'element') {
      last.push(child);
    }
  }
  const ids = new Set<string>();
  const inPage: Element[] = [];
  // One walk of the sanitised tree; the in-page links, found in it, are fixed once every id is known.
  const elements: Handlers<HastNodes> = {element(node) {
    if (node.tagName === 'thead' || node.tagName === 'tbody') scopeHeaders(node);
    if (node.tagName === 'th' || node.tagName === 'td') alignByClass(node);
    if (node.tagName === 'input') labelCheckbox(node);
    if (typeof node.properties['id'] === 'string') ids.add(node.properties['id']);
    if (typeof node.properties['href'] === 'string' && node.properties['href'].startsWith('#')) inPage.push(node);
  }};
  // Each piece is sanitised on its own (nothing may leak from one into the next), then all of
  // them are walked as one tree.
  const cleaned: HastRoot[] = [];
  for (const [key, children] of result) {
    const clean = sanitise.runSync({type: 'root', children} as HastRoot) as HastRoot;
    cleaned.push(clean);
    result.set(key, clean.children.filter((node): node is ElementContent => node.type !== 'doctype'));
  }
  walk<HastNodes>({type: 'root', children: cleaned} as unknown as HastRoot, elements);
  // In-page links (`#fn-1`, `#item-3-1`) follow their targets' prefixed ids.
  for (const node of inPage) {
    const href = node.properties['href'] as string;
    if (ids.has(prefix + href.slice(1))) node.properties['href'] = '#' + prefix + href.slice(1);
  }
  return result;
}

/** Header cells say what they label: a column in the head, a row in the body. */
function scopeHeaders(section: Element): void {
  for (const row of section.children) {
    if (row.type !== 'element' || row.tagName !== 'tr') continue;
    for (const cell of row.children) {
      if (cell.type === 'element' && cell.tagName === 'th') cell.properties['scope'] = section.tagName === 'thead' ? 'col' : 'row';
    }
  }
}

/** `align` is obsolete HTML: a column's alignment becomes a class the stylesheets know. */
function alignByClass(cell: Element): void {
  const align = cell.properties['align'];
  if (typeof align !== 'string') return;
  delete cell.properties['align'];
  cell.properties['className'] = [`align-${align}`];
}

/** A task list's checkbox (shown, never used) says what it shows. */
function labelCheckbox(input: Element): void {
  input.properties['ariaLabel'] = input.properties['checked'] ? 'Done' : 'Not done';
}

/** A title for the contents list: links unwrapped (a link inside a link is invalid), footnote marks left out. */
function withoutLinks(nodes: ElementContent[]): ElementContent[] {
  return nodes.flatMap((node): ElementContent[] => {
    if (node.type !== 'element') return [node];
    if (node.tagName === 'sup' && node.children.some((child) => child.type === 'element' && child.tagName === 'a')) return [];
    if (node.tagName === 'a') return withoutLinks(node.children);
    return [{...node, properties: {...node.properties, id: undefined}, children: withoutLinks(node.children)}];
  });
}

/** Raw HTML among a node's children is shown as text (or made an allowed element). */
function showRawHtmlOf(node: MdastNodes): undefined {
  if ('children' in node) showRawHtml(node as Parent as MdastRoot);
  return undefined;
}

/**
 * Links and images get the URL as judged (invisible characters and white space taken
 * out); an image whose URL is refused, or a data image over the size limit, is left out
 * with its alt text kept, so no words disappear. `link-unsafe` and `image-too-large`
 * report them.
 */
function checkUrl(node: Link | Image | Definition, parent: Parent | undefined, index: number | undefined): number | undefined {
  const verdict = judgeUrl(node.url, node.type === 'image' || node.type === 'definition');
  node.url = verdict.url;
  if (node.type === 'image' && verdict.verdict !== 'safe' && parent && index !== undefined) {
    const replacement: PhrasingContent[] = node.alt ? [{type: 'text', value: node.alt}] : [];
    (parent.children as PhrasingContent[]).splice(index, 1, ...replacement);
    return index;
  }
  return undefined;
}

const urlHandlers: Handlers<MdastNodes> = {link: checkUrl, image: checkUrl, definition: checkUrl};

/**
 * Post-meeting notes (marked by extract) become `<div class="post-meeting-note" role="note">`:
 * not `<aside>`, since two complementary landmarks on one page must not share a name.
 */
function markNote(node: Blockquote): undefined {
  if ((node.data as {opsgNote?: boolean} | undefined)?.opsgNote) {
    node.data = {hName: 'div', hProperties: {className: ['post-meeting-note'], role: 'note'}};
  }
  return undefined;
}
