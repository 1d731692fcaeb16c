import {checkFrontMatter} from '../front-matter-shape.js';
import type {Rule} from './rule.js';

/** Each known field has the kind of value the front-matter shape declares. */
export const frontMatterType: Rule = {
  id: 'front-matter-type',
  description: 'Front-matter values have the expected types: a positive integer meeting, real calendar dates, a known status',
  severity: 'error',
  check(file, report) {
    const frontMatter = file.data.frontMatter;
    if (!frontMatter?.present) return;
    for (const problem of checkFrontMatter(frontMatter)) {
      if (problem.ruleId === frontMatterType.id) report(problem.reason, problem.place);
    }
  },
};
