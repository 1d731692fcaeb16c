import {visit} from 'unist-util-visit';
import {judgeUrl, maxDataImage} from './link-unsafe.js';
import type {Rule} from './rule.js';

/** A `data:` image over the size limit is left out of the page. */
export const imageTooLarge: Rule = {
  id: 'image-too-large',
  description: `Images written as \`data:\` URLs are at most ${maxDataImage / 1024} KiB of data (larger ones are left out)`,
  severity: 'warn',
  check(file, report) {
    if (!file.data.tree) return;
    visit(file.data.tree, (node) => {
      if (node.type !== 'image' && node.type !== 'definition') return;
      const {url, verdict} = judgeUrl(node.url, true);
      if (verdict !== 'too-large') return;
      const size = Math.ceil((url.length - url.indexOf(',') - 1) / 1024);
      report(`Unexpected \`data:\` image of ${size} KiB, expected at most ${maxDataImage / 1024} KiB (or a link to the image); it is left out of the page`, node.position);
    });
  },
};
