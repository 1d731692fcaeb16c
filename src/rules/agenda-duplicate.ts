import type {Rule} from './rule.js';

/** The same agenda number twice would make two items with one anchor. */
export const agendaDuplicate: Rule = {
  id: 'agenda-duplicate',
  description: 'Each agenda number appears once',
  severity: 'error',
  check(file, report) {
    const seen = new Map<number, number | undefined>();
    for (const item of file.data.body?.items ?? []) {
      if (seen.has(item.number)) {
        const line = seen.get(item.number);
        report(`Unexpected second agenda item \`${item.number}\`, expected each number once${line ? ` (first on line ${line})` : ''}`, item.position?.start);
      } else {
        seen.set(item.number, item.position?.start.line);
      }
    }
  },
};
