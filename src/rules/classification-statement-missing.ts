import type {Rule} from './rule.js';

/** No statement in the body: the page shows the standard one from the front matter. */
export const classificationStatementMissing: Rule = {
  id: 'classification-statement-missing',
  description: 'The body starts with a classification statement (“This document is classified as **White** …”)',
  severity: 'warn',
  check(file, report) {
    if (!file.data.body || file.data.body.statement) return;
    const first = file.data.tree?.children[0];
    report('Missing classification statement: expected “This document is classified as **White** in accordance with the Panel Information Policy…”; the page shows the standard statement', first?.position?.start ?? file.data.frontMatter?.position?.end);
  },
};
