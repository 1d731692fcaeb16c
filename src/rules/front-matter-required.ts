import {checkFrontMatter} from '../front-matter-shape.js';
import type {Rule} from './rule.js';

/** Fields every meeting needs, as the front-matter shape declares them (classification has a rule of its own). */
export const frontMatterRequired: Rule = {
  id: 'front-matter-required',
  description: 'Front matter has `group`, `meeting` and `date`',
  severity: 'error',
  check(file, report) {
    const frontMatter = file.data.frontMatter;
    if (!frontMatter?.present || file.messages.some((m) => m.ruleId === 'front-matter-yaml')) return;
    for (const problem of checkFrontMatter(frontMatter)) {
      if (problem.ruleId === frontMatterRequired.id) report(problem.reason, problem.place);
    }
  },
};
