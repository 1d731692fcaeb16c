/**
 * Stage 5, transform: a meeting's Markdown pieces → sanitised hast, with reference
 * auto-links filled in, and the view model the templates receive.
 *
 * Every piece of user content passes through remark-rehype (which drops raw HTML) and
 * rehype-sanitize; front-matter values reach templates only as text.
 */
import {unified} from 'unified';
import remarkRehype from 'remark-rehype';
import rehypeSanitize from 'rehype-sanitize';
import {visit} from 'unist-util-visit';
import {toHtml} from 'hast-util-to-html';
import type {Root as MdastRoot, RootContent} from 'mdast';
import type {ElementContent, Root as HastRoot} from 'hast';
import type {AutoLink, Settings} from '../config.js';
import {formatDate, yearOf} from '../dates.js';
import type {Meeting, MeetingBody} from '../model.js';
import {schema} from '../sanitize-schema.js';
import {linkReferences} from '../autolink.js';
import type {ItemView, MeetingView} from '../view.js';

const toHtmlTree = unified().use(remarkRehype).use(rehypeSanitize, schema).freeze();

/** Turn a meeting into its view model (links to neighbours are added by render). */
export function transform(meeting: Meeting, body: MeetingBody, settings: Settings): MeetingView {
  const fragment = (blocks: RootContent[]) => toFragment(blocks, settings.autolinks);
  const items: ItemView[] = body.items.map((item) => ({
    number: item.number,
    title: item.title,
    owner: item.owner,
    anchor: item.anchor,
    content: fragment(item.content),
    notes: item.notes.map((note) => note.text),
  }));
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
    intro: fragment(body.intro),
    items,
    next,
    closing: fragment(body.closing),
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
 * Markdown blocks → sanitised HTML, held as one hast `raw` node. Serialising here, once,
 * lets a meeting's content cross worker threads and sit in the build cache as a string;
 * it is the sanitiser's own output, so it is the only raw HTML a page ever contains.
 */
export function toFragment(blocks: RootContent[], autolinks: readonly AutoLink[]): ElementContent[] {
  if (blocks.length === 0) return [];
  return [{type: 'raw', value: toHtml({type: 'root', children: toHast(blocks, autolinks)})} as unknown as ElementContent];
}

/** Markdown blocks → sanitised hast children. */
export function toHast(blocks: RootContent[], autolinks: readonly AutoLink[]): ElementContent[] {
  if (blocks.length === 0) return [];
  // The blocks are this file's own tree, used by nothing after this stage: changed in place.
  const root: MdastRoot = {type: 'root', children: blocks};
  markNotes(root);
  linkReferences(root, autolinks);
  const tree = toHtmlTree.runSync(root) as HastRoot;
  return tree.children.filter((child): child is ElementContent => child.type !== 'doctype');
}

/**
 * Post-meeting notes (marked by extract) become `<div class="post-meeting-note" role="note">`:
 * not `<aside>`, since two complementary landmarks on one page must not share a name.
 */
function markNotes(root: MdastRoot): void {
  visit(root, 'blockquote', (node) => {
    if ((node.data as {opsgNote?: boolean} | undefined)?.opsgNote) {
      node.data = {hName: 'div', hProperties: {className: ['post-meeting-note'], role: 'note'}};
    }
  });
}
