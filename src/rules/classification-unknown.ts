import {parseLevel} from '../classification.js';
import type {Rule} from './rule.js';

/** A classification that is not a level of the Panel Information Policy. */
export const classificationUnknown: Rule = {
  id: 'classification-unknown',
  description: 'The classification is White, Green, Amber or Red (TLP names accepted)',
  severity: 'error',
  locked: true,
  check(file, report) {
    const frontMatter = file.data.frontMatter;
    const value = frontMatter?.values.classification;
    if (value === undefined || value === null || value === '' || parseLevel(value) !== undefined) return;
    report(`Unexpected classification \`${typeof value === 'string' ? value : JSON.stringify(value)}\`, expected \`White\` (or \`TLP:WHITE\`, \`TLP:CLEAR\`) for a public document; it will not be published`, frontMatter?.valuePositions.classification);
  },
};
