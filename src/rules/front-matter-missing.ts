import {frontMatterFields, frontMatterShape} from '../front-matter-shape.js';
import type {Rule} from './rule.js';

// The fields the shape requires, as the message names them: `group`, `meeting`, `date` and `classification`.
const required = frontMatterFields.filter((name) => frontMatterShape[name].required).map((name) => '`' + name + '`');
const named = `${required.slice(0, -1).join(', ')} and ${required.at(-1)}`;

/** A meeting file without any front matter. */
export const frontMatterMissing: Rule = {
  id: 'front-matter-missing',
  description: 'A meeting file starts with a `---` front-matter block',
  severity: 'error',
  check(file, report) {
    const frontMatter = file.data.frontMatter;
    if (frontMatter && !frontMatter.present && !file.messages.some((m) => m.ruleId === 'front-matter-yaml')) {
      report(`Missing front matter: expected a \`---\` block with ${named} first in the file`, {line: 1, column: 1});
    }
  },
};
