import {formatDate} from '../dates.js';
import type {Rule} from './rule.js';

/** The body's title line agrees with the front matter. */
export const meetingTitleMismatch: Rule = {
  id: 'meeting-title-mismatch',
  description: 'The title line names the same group, meeting number and date as the front matter',
  severity: 'error',
  check(file, report) {
    const line = file.data.body?.titleLine;
    const meeting = file.data.meeting;
    if (!line || !meeting) return;
    if (line.meeting !== undefined && line.meeting !== meeting.number) {
      report(`Unexpected meeting \`${line.meeting}\` in the title line, expected \`${meeting.number}\` as in the front matter`, line.position?.start);
    }
    if (line.date !== undefined && line.date !== meeting.date) {
      report(`Unexpected date \`${formatDate(line.date)}\` in the title line, expected \`${formatDate(meeting.date)}\` as in the front matter`, line.position?.start);
    }
    if (line.group !== undefined && line.group.toUpperCase() !== meeting.group) {
      report(`Unexpected group \`${line.group}\` in the title line, expected \`${meeting.group}\` as in the front matter`, line.position?.start);
    }
  },
};
