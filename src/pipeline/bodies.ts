/**
 * A meeting's page is its summary and its content. The summary is small and is all the
 * listings, feeds, sitemap, calendar and cross-file rules need; the content (intro, items'
 * content, closing, as sanitised HTML) is the bulk of a site, and waits in the content
 * store (content-store.ts) until a page that shows it is rendered.
 */
import type {ItemView, MeetingContent, MeetingPage, MeetingSummary, MeetingView} from '../view.js';

/** A meeting's content (the name the build cache uses for it). */
export type Body = MeetingContent;

/** A page as its summary (empty `intro`, `closing` and items' `content`) and its content. */
export function split(view: MeetingView): {summary: MeetingSummary; body: MeetingContent} {
  return {
    summary: {...view, intro: [], closing: [], items: view.items.map((item) => ({...item, content: []}))},
    body: {intro: view.intro, items: view.items.map((item) => item.content), closing: view.closing},
  };
}

/** Whether a view holds no content (a summary, or a meeting with nothing but its lines). */
export function isSummary(view: MeetingView): view is MeetingSummary {
  return view.intro.length === 0 && view.closing.length === 0 && view.items.every((item) => item.content.length === 0);
}

/** The summary of a view: the view itself when it holds no content. */
export function summaryOf(view: MeetingView): MeetingSummary {
  return isSummary(view) ? view : split(view).summary;
}

/** A summary and its content, as the meeting and print templates receive them. */
export function join(summary: MeetingSummary, content: MeetingContent): MeetingPage {
  if (content.items.length !== summary.items.length) throw new Error(`The content of \`${summary.path}\` does not match its summary; build again`);
  const items: ItemView[] = summary.items.map((item, index) => ({...item, content: content.items[index]!}));
  return {...summary, intro: content.intro, items, closing: content.closing};
}
