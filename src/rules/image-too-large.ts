import type {Definition, Image} from 'mdast';
import {judgeUrl, maxDataImage} from './link-unsafe.js';
import type {Rule} from './rule.js';

/** A `data:` image over the size limit is left out of the page. */
export const imageTooLarge: Rule = {
  id: 'image-too-large',
  description: `Images written as \`data:\` URLs are at most ${maxDataImage / 1024} KiB of data (larger ones are left out)`,
  severity: 'warn',
  walk(_file, report) {
    const check = (node: Image | Definition): void => {
      const {url, verdict} = judgeUrl(node.url, true);
      if (verdict !== 'too-large') return;
      const size = Math.ceil((url.length - url.indexOf(',') - 1) / 1024);
      report(`Unexpected \`data:\` image of ${size} KiB, expected at most ${maxDataImage / 1024} KiB (or a link to the image); it is left out of the page`, node.position);
    };
    return {handlers: {image: check, definition: check}};
  },
};
