import {levelName, parseLevel} from '../classification.js';
import type {Rule} from './rule.js';

/** Red, Amber and Green documents are restricted: they fail the build, or are left out with --exclude-restricted. */
export const classificationRestricted: Rule = {
  id: 'classification-restricted',
  description: 'Only White documents are published; Red, Amber and Green are restricted',
  severity: 'error',
  locked: true,
  check(file, report, settings) {
    const frontMatter = file.data.frontMatter;
    const level = parseLevel(frontMatter?.values.classification);
    if (level === undefined || level === 'white') return;
    const written = String(frontMatter?.values.classification);
    const place = frontMatter?.valuePositions.classification;
    if (settings.excludeRestricted) {
      file.data.excluded = 'restricted';
      file.info(`Left out: classified \`${written}\` (${levelName(level)}), restricted; only White documents are published`, {place, ruleId: 'classification-restricted', source: 'opsg'});
      return;
    }
    report(`Unexpected classification \`${written}\`: restricted, will not be published; expected \`White\` (use --exclude-restricted to leave restricted documents out)`, place);
  },
};
