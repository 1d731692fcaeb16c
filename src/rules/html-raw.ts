import {visit} from 'unist-util-visit';
import type {Rule} from './rule.js';

/** Raw HTML is never passed through to a page. */
export const htmlRaw: Rule = {
  id: 'html-raw',
  description: 'No raw HTML in the body (it is dropped from pages)',
  severity: 'warn',
  check(file, report) {
    if (!file.data.tree) return;
    visit(file.data.tree, 'html', (node) => {
      // A closing tag belongs to the opening one already reported.
      if (/^<\/[a-z][a-z0-9-]*\s*>$/i.test(node.value.trim())) return;
      const preview = node.value.length > 40 ? node.value.slice(0, 40) + '…' : node.value;
      report(`Unexpected raw HTML \`${preview.replace(/\s+/g, ' ')}\`, expected Markdown; raw HTML is left out of pages`, node.position);
    });
  },
};
