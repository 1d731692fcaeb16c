import type {Rule} from './rule.js';

/** An item needs a title before its colon. */
export const agendaItemTitle: Rule = {
  id: 'agenda-item-title',
  description: 'Each agenda item has a title (`4. Major Incident (SECAS/DCC): …`)',
  severity: 'error',
  check(file, report) {
    for (const item of file.data.body?.items ?? []) {
      if (item.title === '') report(`Unexpected agenda item \`${item.number}\` without a title, expected \`${item.number}. Title (Owner): text\``, item.position?.start);
    }
  },
};
