/** `meetings.json`: every published meeting's metadata and agenda items, for other tools. */
import type {Settings} from '../config.js';
import type {MeetingView} from '../view.js';

/**
 * Render the JSON index (drafts are never listed) a meeting at a time: the text is that of
 * `JSON.stringify(data, null, 2)`, without ever holding all of it.
 */
export function* renderMeetingsJson(meetings: MeetingView[], settings: Settings): Generator<string> {
  const url = (path: string) => (settings.url ?? '') + settings.base + path;
  const entry = (meeting: MeetingView) => ({
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
  });
  const listed = meetings.filter((meeting) => !meeting.draft);
  yield `{\n  "title": ${json(settings.title)},\n  "meetings": [`;
  // Each entry as JSON.stringify indents it at this depth.
  let first = true;
  for (const meeting of listed) {
    yield (first ? '\n' : ',\n') + json(entry(meeting)).replace(/^/gm, '    ');
    first = false;
  }
  yield listed.length > 0 ? '\n  ]\n}\n' : ']\n}\n';
}

/**
 * JSON text with `<`, `>`, `&` and the JavaScript line separators as escapes: the same
 * data, and inert if someone ever inlines it into a page.
 */
function json(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
