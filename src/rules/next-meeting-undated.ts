import type {Rule} from './rule.js';

/** A next-meeting line says when. */
export const nextMeetingUndated: Rule = {
  id: 'next-meeting-undated',
  description: 'Next-meeting lines give a date (`Next meeting: 7 January 2020`)',
  severity: 'warn',
  check(file, report) {
    for (const line of file.data.body?.next ?? []) {
      if (line.date !== undefined) continue;
      const text = line.text.length > 40 ? line.text.slice(0, 40) + '…' : line.text;
      report(`Unexpected “${line.label}” without a date (\`${text}\`), expected a date such as \`7 January 2020\``, line.position?.start);
    }
  },
};
