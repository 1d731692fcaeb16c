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
  return JSON.stringify(data, null, 2) + '\n';
}
