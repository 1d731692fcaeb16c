import type {Rule} from './rule.js';

/** Headlines without numbered agenda items. */
export const agendaMissing: Rule = {
  id: 'agenda-missing',
  description: 'The body has numbered agenda items (`4. Title (Owner): text` or `## 4. Title (Owner)`)',
  severity: 'error',
  check(file, report) {
    const body = file.data.body;
    if (!body || body.items.length > 0) return;
    report('Unexpected headlines without agenda items, expected numbered items such as `4. Major Incident (SECAS/DCC): text`', file.data.tree?.position?.end ?? {line: 1, column: 1});
  },
};
