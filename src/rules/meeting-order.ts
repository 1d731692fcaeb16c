import type {Rule} from './rule.js';

/**
 * A higher meeting number dated earlier than a lower one in the same group: one of the two
 * is wrong (often an example or a copied file), and the site would list them out of order.
 */
export const meetingOrder: Rule = {
  id: 'meeting-order',
  description: 'In each group, a higher meeting number is not dated before a lower one',
  severity: 'warn',
  checkAll(files, report) {
    const byGroup = new Map<string, Array<{file: (typeof files)[number]; number: number; date: string}>>();
    for (const file of files) {
      const meeting = file.data.meeting;
      if (!meeting) continue;
      const list = byGroup.get(meeting.group) ?? [];
      list.push({file, number: meeting.number, date: meeting.date});
      byGroup.set(meeting.group, list);
    }
    for (const [group, list] of byGroup) {
      list.sort((a, b) => a.number - b.number);
      // Each meeting against the latest-dated lower-numbered one: one message per file at most.
      let latest: (typeof list)[number] | undefined;
      for (const entry of list) {
        if (latest && entry.number > latest.number && entry.date < latest.date) {
          report(entry.file)(`Unexpected date \`${entry.date}\` for ${group} meeting ${entry.number}, before meeting ${latest.number} on \`${latest.date}\` in \`${latest.file.path}\`; expected a higher number to be dated later`, entry.file.data.frontMatter?.valuePositions.date);
        }
        if (!latest || entry.date > latest.date) latest = entry;
      }
    }
  },
};
