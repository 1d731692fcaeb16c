/** `meetings.json`: every published meeting's metadata and agenda items, for other tools. */
import type {Settings} from '../config.js';
import type {MeetingView} from '../view.js';

/** Render the JSON index (drafts are never listed). */
export function renderMeetingsJson(meetings: MeetingView[], settings: Settings): string {
  const url = (path: string) => (settings.url ?? '') + settings.base + path;
  const data = {
    title: settings.title,
    meetings: meetings.filter((meeting) => !meeting.draft).map((meeting) => ({
      group: meeting.group,
      groupName: meeting.groupName,
      meeting: meeting.number,
      date: meeting.date,
      title: meeting.title,
      classification: meeting.label,
      url: url(meeting.path),
      print: url(meeting.path + 'print.html'),
      items: meeting.items.map((item) => ({number: item.number, title: item.title, owner: item.owner ?? null, url: url(meeting.path + '#' + item.anchor)})),
      next: meeting.next,
    })),
  };
  // `<`, `>`, `&` and the JavaScript line separators as escapes: the JSON stays the same
  // data, and stays inert if someone ever inlines it into a page.
  return JSON.stringify(data, null, 2).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) + '\n';
}
