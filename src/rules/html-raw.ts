import {blockParents, isAllowedTag, isBreak} from '../raw-html.js';
import type {Rule} from './rule.js';

/** Raw HTML is never run: it is shown as text (but for `<sup>`, `<sub>` and `<br>`). */
export const htmlRaw: Rule = {
  id: 'html-raw',
  description: 'No raw HTML in the body (it is shown as text), but for `<sup>`, `<sub>` and `<br>`',
  severity: 'warn',
  walk: (_file, report) => ({handlers: {
    html(node, parent) {
      // Allowed tags pass inline; as a block of their own only `<br>` does (it is dropped).
      if (isAllowedTag(node.value) && (isBreak(node.value) || !blockParents.includes(parent?.type ?? 'root'))) return;
      // A closing tag belongs to the opening one already reported.
      if (/^<\/[a-z][a-z0-9-]*\s*>$/i.test(node.value.trim())) return;
      const preview = node.value.length > 40 ? node.value.slice(0, 40) + '…' : node.value;
      report(`Unexpected raw HTML \`${preview.replace(/\s+/g, ' ')}\`, expected Markdown; it is shown as text`, node.position);
    },
  }}),
};
