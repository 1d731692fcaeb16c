import type {Rule} from './rule.js';

/** Agenda numbers go up (gaps are fine: they are the agenda's numbers). */
export const agendaOrder: Rule = {
  id: 'agenda-order',
  description: 'Agenda item numbers are strictly increasing',
  severity: 'error',
  check(file, report) {
    let highest: number | undefined;
    for (const item of file.data.body?.items ?? []) {
      if (highest !== undefined && item.number < highest) {
        report(`Unexpected agenda number \`${item.number}\` after \`${highest}\`, expected a number above \`${highest}\``, item.position?.start);
      }
      if (highest === undefined || item.number > highest) highest = item.number;
    }
  },
};
