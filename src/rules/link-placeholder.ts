import {toString} from 'mdast-util-to-string';
import {isPlaceholder, referenceUrl} from '../autolink.js';
import type {Rule} from './rule.js';

/** `[text](#)` and `[text]()` are reminders, not links (unless an auto-link fills them). */
export const linkPlaceholder: Rule = {
  id: 'link-placeholder',
  description: 'Links have a real target, not `#` or nothing (unless an auto-link pattern fills one in)',
  severity: 'warn',
  walk: (_file, report, settings) => ({handlers: {
    link(node) {
      if (!isPlaceholder(node.url) || referenceUrl(toString(node), settings.autolinks)) return;
      report(`Unexpected placeholder link \`${node.url || '()'}\`, expected a URL; the text is shown without a link`, node.position);
    },
  }}),
};
