import type {Rule} from './rule.js';

/** An item names who owns it, in parentheses after the title. */
export const agendaItemOwner: Rule = {
  id: 'agenda-item-owner',
  description: 'Each agenda item names its owner in parentheses (`(SECAS/DCC)`)',
  severity: 'warn',
  check(file, report) {
    for (const item of file.data.body?.items ?? []) {
      if (item.title !== '' && item.owner === undefined) report(`Unexpected agenda item \`${item.number}\` without an owner, expected \`${item.title} (Owner)\``, item.position?.start);
    }
  },
};
