import {visit} from 'unist-util-visit';
import type {Rule} from './rule.js';

/** Only these protocols may appear in links and images; relative URLs are fine. */
export const safeProtocols = ['http', 'https', 'mailto', 'tel'];

/** Whether a URL is relative or uses a safe protocol. */
export function isSafeUrl(url: string): boolean {
  // Browsers ignore control characters and spaces inside a scheme (`java\tscript:`).
  const squeezed = url.replace(/[\u0000-\u0020\u007F]/g, '');
  const colon = squeezed.indexOf(':');
  if (colon === -1) return true;
  const before = squeezed.slice(0, colon);
  if (/[/?#]/.test(before)) return true; // the colon is in a path, query or fragment
  return safeProtocols.includes(before.toLowerCase());
}

/** `javascript:`, `data:` and other unsafe URLs are errors. */
export const linkUnsafe: Rule = {
  id: 'link-unsafe',
  description: 'Links and images use http, https, mailto or tel, or a relative URL',
  severity: 'error',
  check(file, report) {
    if (!file.data.tree) return;
    visit(file.data.tree, (node) => {
      if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') return;
      const url = (node as {url: string}).url;
      if (!isSafeUrl(url)) {
        const shown = url.length > 40 ? url.slice(0, 40) + '…' : url;
        report(`Unexpected unsafe URL \`${shown}\`, expected an http, https, mailto or tel URL`, node.position);
      }
    });
  },
};
