import {formatDate} from '../dates.js';
import type {Rule} from './rule.js';

/** A next meeting comes after this one. */
export const nextMeetingDate: Rule = {
  id: 'next-meeting-date',
  description: 'Next meeting dates are after the meeting date',
  severity: 'error',
  check(file, report) {
    const meeting = file.data.meeting;
    if (!meeting) return;
    const fields = [['next_meeting', meeting.nextMeeting], ['next_reporting_meeting', meeting.nextReportingMeeting]] as const;
    for (const [key, date] of fields) {
      if (date !== undefined && date <= meeting.date) {
        report(`Unexpected ${key} \`${date}\`, expected a date after the meeting date \`${meeting.date}\``, file.data.frontMatter?.valuePositions[key]);
      }
    }
    for (const line of file.data.body?.next ?? []) {
      if (line.date !== undefined && line.date <= meeting.date) {
        report(`Unexpected date \`${formatDate(line.date)}\` in “${line.label}”, expected a date after the meeting date \`${formatDate(meeting.date)}\``, line.position?.start);
      }
    }
  },
};
