/** The one order of “latest first” (feed, combined print pages): newest date first, then site path. */
import type {MeetingView} from '../view.js';

/** Compare for `sort`: newest date first; on the same date, by site path. */
export function newestFirst(a: MeetingView, b: MeetingView): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
