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
import type {Root as MdastRoot, RootContent} from 'mdast';
import type {ElementContent, Root as HastRoot} from 'hast';
import type {AutoLink, Settings} from '../config.js';
import {formatDate, yearOf} from '../dates.js';
import type {Meeting} from '../model.js';
import {schema} from '../sanitize-schema.js';
import {linkReferences} from '../autolink.js';
import type {ItemView, MeetingView} from '../view.js';

const toHtmlTree = unified().use(remarkRehype).use(rehypeSanitize, schema).freeze();

/** Turn a meeting into its view model (links to neighbours are added by render). */
export function transform(meeting: Meeting, settings: Settings): MeetingView {
  const fragment = (blocks: RootContent[]) => toHast(blocks, settings.autolinks);
  const body = meeting.body;
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
    previous: undefined,
    following: undefined,
  };
}

/** Markdown blocks → sanitised hast children. */
export function toHast(blocks: RootContent[], autolinks: readonly AutoLink[]): ElementContent[] {
  if (blocks.length === 0) return [];
  const root: MdastRoot = structuredClone({type: 'root', children: blocks});
  markNotes(root);
  linkReferences(root, autolinks);
  const tree = toHtmlTree.runSync(root) as HastRoot;
  return tree.children.filter((child): child is ElementContent => child.type !== 'doctype');
}

/** Post-meeting notes (marked by extract) become `<aside class="post-meeting-note">`. */
function markNotes(root: MdastRoot): void {
  visit(root, 'blockquote', (node) => {
    if ((node.data as {opsgNote?: boolean} | undefined)?.opsgNote) {
      node.data = {hName: 'aside', hProperties: {className: ['post-meeting-note']}};
    }
  });
}
