import type {Rule} from './rule.js';

/** No classification in the front matter: the gate fails closed. */
export const classificationMissing: Rule = {
  id: 'classification-missing',
  description: 'Front matter names the classification (only White is published)',
  severity: 'error',
  locked: true,
  check(file, report) {
    const frontMatter = file.data.frontMatter;
    // Without front matter at all, front-matter-missing is the one message for the problem.
    if (!frontMatter?.present || file.messages.some((m) => m.ruleId === 'front-matter-yaml')) return;
    const value = frontMatter.values.classification;
    if (value === undefined || value === null || value === '') {
      report('Missing classification: expected `classification: White` in the front matter; a document without one is never published', frontMatter.keys.classification ?? frontMatter.position?.start ?? {line: 1, column: 1});
    }
  },
};
