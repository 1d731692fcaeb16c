import type {Rule} from './rule.js';

/** A meeting file without any front matter. */
export const frontMatterMissing: Rule = {
  id: 'front-matter-missing',
  description: 'A meeting file starts with a `---` front-matter block',
  severity: 'error',
  check(file, report) {
    const frontMatter = file.data.frontMatter;
    if (frontMatter && !frontMatter.present && !file.messages.some((m) => m.ruleId === 'front-matter-yaml')) {
      report('Missing front matter: expected a `---` block with `group`, `meeting`, `date` and `classification` first in the file', {line: 1, column: 1});
    }
  },
};
