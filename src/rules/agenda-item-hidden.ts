import type {Rule} from './rule.js';

/** A heading at the agenda items' level that is not an item would be missing from the contents. */
export const agendaItemHidden: Rule = {
  id: 'agenda-item-hidden',
  description: 'Headings at the agenda items’ level, after the first item, are numbered items (`## 5. Title (Owner)`)',
  severity: 'error',
  check(file, report) {
    for (const heading of file.data.body?.hidden ?? []) {
      const text = heading.text.length > 40 ? heading.text.slice(0, 40) + '…' : heading.text;
      report(`Unexpected heading \`${'#'.repeat(heading.depth)} ${text}\` among the agenda items without a number, expected an item such as \`## 5. ${text}\` (it would be missing from the contents) or a deeper heading such as \`### ${text}\``, heading.position?.start);
    }
  },
};
