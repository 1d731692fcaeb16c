import type {Rule} from './rule.js';

/** Two files for one meeting would write one page twice. */
export const meetingDuplicate: Rule = {
  id: 'meeting-duplicate',
  description: 'Each group and meeting number has one file',
  severity: 'error',
  checkAll(files, report) {
    const first = new Map<string, string>();
    for (const file of files) {
      const meeting = file.data.meeting;
      if (!meeting) continue;
      const key = `${meeting.group} ${meeting.number}`;
      const previous = first.get(key);
      if (previous === undefined) first.set(key, file.path);
      else report(file)(`Unexpected second file for ${meeting.group} meeting ${meeting.number}, expected one file per meeting (first: \`${previous}\`)`, file.data.frontMatter?.valuePositions.meeting);
    }
  },
};
