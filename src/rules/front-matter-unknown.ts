import {frontMatterFields} from '../front-matter-shape.js';
import {closest} from '../suggest.js';
import {stateKeyHint} from './front-matter-state.js';
import type {Rule} from './rule.js';

/** Fields opsg does not know, with a suggestion for near misses. */
export const frontMatterUnknown: Rule = {
  id: 'front-matter-unknown',
  description: 'Front matter has only known fields',
  severity: 'warn',
  check(file, report) {
    const frontMatter = file.data.frontMatter;
    if (!frontMatter?.present) return;
    for (const key of Object.keys(frontMatter.values)) {
      // A near miss of a field that decides publishing is front-matter-state's error.
      if ((frontMatterFields as readonly string[]).includes(key) || stateKeyHint(key) !== undefined) continue;
      const near = closest(key, frontMatterFields);
      report(`Unexpected front-matter field \`${key}\`, ${near ? `did you mean \`${near}\`?` : `expected one of ${frontMatterFields.map((f) => '`' + f + '`').join(', ')}`}`, frontMatter.keys[key]);
    }
  },
};
